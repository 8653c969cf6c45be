"""Helpers for AppTest tests: open a page through the entrypoint, collect its visible text."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


def run_page(name: str, query: dict | None = None) -> AppTest:
    """Open the app (optionally from a URL query), then switch to pages/<name>, as a user following a link.

    URL values of the country filter are country names (?countries=Kyrgyzstan), years are numbers.
    """
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    return at.switch_page(f"pages/{name}").run()


def texts(at: AppTest) -> str:
    """All visible text elements of a run, joined by newlines."""
    parts = [e.value for kind in ("markdown", "caption", "info", "error", "title", "subheader", "warning")
             for e in at.get(kind)]
    return "\n".join(str(p) for p in parts)


def elements(at: AppTest):
    """Every node of the rendered tree (blocks and elements, main area and sidebar)."""
    stack = [at._tree]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(getattr(node, "children", {}).values())


def leaves(value, open_json: bool = False):
    """Every string inside a protobuf dict (or parsed JSON); with open_json, strings holding JSON (plotly specs,
    deck.gl JSON, tooltips) are opened too."""
    if isinstance(value, dict):
        for item in value.values():
            yield from leaves(item, open_json)
    elif isinstance(value, list):
        for item in value:
            yield from leaves(item, open_json)
    elif isinstance(value, str):
        yield value
        if open_json and value[:1] in "{[":
            try:
                yield from leaves(json.loads(value), open_json)
            except ValueError:
                pass
