"""Local AWS emulator for the appstack.aws collection.

One process on one port: moto's server, plus a control API under
``/_appstack/``, a request log, optional provisioning delays, backends for
services moto lacks (``emulator.backends``) and fixes where moto answers
differently from AWS (``emulator.fixes``). See docs/emulator.md.
"""

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 4577
CONTROL_PREFIX = "/_appstack/"
