"""Project rules a reviewer would otherwise have to remember (see shared STYLE): checked on every run."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY_FILES = [p for p in ROOT.rglob("*.py") if ".venv" not in p.parts and "artifacts" not in p.parts]


def _code(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_no_unsafe_html_anywhere():
    offenders = [p.relative_to(ROOT) for p in PY_FILES
                 if p.name != "test_conventions.py" and re.search(r"unsafe_allow_html\s*=\s*True", _code(p))]
    assert offenders == []


def test_pages_are_thin():
    for page in (ROOT / "pages").glob("*.py"):
        code = _code(page)
        assert not re.search(r"\.groupby\(|\bgo\.|plotly\.graph_objects|#[0-9A-Fa-f]{6}\b", code), page.name
        assert len(code.splitlines()) <= 120, f"{page.name} is long: logic may be leaking into it"


def test_streamlit_only_in_ui_pages_and_entrypoint():
    for path in (ROOT / "turan").rglob("*.py"):
        if "ui" in path.relative_to(ROOT / "turan").parts:
            continue
        assert not re.search(r"^\s*(import streamlit|from streamlit)", _code(path), re.M), path


def test_figure_builders_never_read_files_or_streamlit():
    for path in (ROOT / "turan" / "figures").glob("*.py"):
        code = _code(path)
        assert "open(" not in code and "read_csv" not in code and "streamlit" not in code, path.name
