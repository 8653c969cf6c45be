"""Safe text for Streamlit markdown: data never becomes markup, links, LaTeX or HTML."""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def md_escape(text: object) -> str:
    """Escape every character Streamlit's markdown would interpret (including $ for LaTeX and : for emoji
    and icon shortcodes); newlines become spaces."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def md_link(label: str, url: str) -> str:
    """A markdown link with an escaped label; only http(s) URLs become links, anything else is shown as text."""
    if not re.match(r"^https?://[^\s()<>]+$", url or ""):
        return md_escape(label)
    return f"[{md_escape(label)}]({url})"
