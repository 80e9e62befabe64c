"""Markdown helpers shared by the generators: Ansible's doc markup, table cells, and YAML values as code."""

import re

import yaml

# Ansible's documentation markup (C(), I(), U(), L(), ...), as ansible-doc and argument specs write it.
_MARKUP = re.compile(r"\b(RV|[CIBMUOVEPL])\(([^()]*(?:\([^()]*\)[^()]*)*)\)")
_HORIZONTAL_LINE = "HORIZONTALLINE"


def _markup_to_markdown(match: re.Match) -> str:
    kind, text = match.groups()
    if kind == "I":
        return f"*{text}*"
    if kind == "B":
        return f"**{text}**"
    if kind == "U":
        return f"<{text}>"
    if kind == "L":
        label, _, url = text.rpartition(",")
        return f"[{label.strip()}]({url.strip()})"
    # C, M, O, V, RV, E, P: names and values, shown as code.
    return f"`{text}`"


def text(value) -> str:
    """A description (a string or a list of paragraphs) with Ansible's markup turned into Markdown."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n\n".join(text(item) for item in value)
    return _MARKUP.sub(_markup_to_markdown, str(value)).replace(_HORIZONTAL_LINE, "---")


def cell(value) -> str:
    """Text that fits in one table cell: one line, pipes escaped."""
    return text(value).replace("\n\n", " ").replace("\n", " ").replace("|", "\\|").strip()


def code(value) -> str:
    """A value as inline code, in YAML flow style (how the user would write it in an inventory)."""
    if isinstance(value, str):
        # An empty string would render as nothing at all.
        rendered = value or "''"
    else:
        rendered = yaml.safe_dump(value, default_flow_style=True, width=10_000).strip().removesuffix("...").strip()
    rendered = rendered.replace("\n", " ").replace("|", "\\|")
    # A backtick inside the value needs a longer fence.
    fence = "``" if "`" in rendered else "`"
    return f"{fence}{rendered}{fence}"


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    """The lines of a Markdown table; an empty list when there is no row."""
    if not rows:
        return []
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines
