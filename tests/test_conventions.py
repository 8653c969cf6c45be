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


def _literals(path: Path) -> list[str]:
    """Every string constant in a file's code (f-string parts included, docstrings excluded)."""
    import ast

    tree = ast.parse(_code(path))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def test_page_and_chart_titles_and_url_paths_are_written_once_outside_tests():
    """The registry (turan/pages.py) names every page, the chart modules (turan/charts/) every chart: no other file
    spells a page's title or heading, a chart's title or a URL path again."""
    from turan import charts, pages

    code = [p for p in PY_FILES if "tests" not in p.relative_to(ROOT).parts]
    literals = {p: _literals(p) for p in code}
    titles = {t for page in pages.PAGES for t in (page.title, page.h1)} | {e.title for e in charts.CATALOGUE.values()}
    for title in titles:
        where = [f"{p.relative_to(ROOT)}" for p, found in literals.items() for s in found if s == title]
        assert len(where) <= 1, (title, where)  # computed titles (f-strings) have no literal of their own
    for page in pages.PAGES:
        if page.url_path:
            links = [p.relative_to(ROOT) for p, found in literals.items()
                     if any(re.search(rf"(^|[^\w/])/{page.url_path}(\?|/|$)", s) for s in found)]
            assert links == [], (page.url_path, links)
    assert not re.search(r"url_path\s*=\s*[\"']", _code(ROOT / "dashboard.py"))
