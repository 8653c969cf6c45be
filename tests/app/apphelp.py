"""Helpers for AppTest tests: open a page through the entrypoint, collect its visible text."""

from __future__ import annotations

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
