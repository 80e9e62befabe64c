"""The pieces of docs/generate.py: each module renders one part of the reference documentation from its sources."""
