"""Issue 9, "Security", through AppTest: data text never becomes markup. Every free-text column of a data copy
(the list comes from turan.schema) carries a script tag, an <img onerror>, a javascript: Markdown link, LaTeX and
Markdown bold; every page must send them as literal text: escaped for Markdown (turan.text.md_escape) wherever
Streamlit interprets Markdown, HTML-escaped in plotly's titles, hovers and legends, and as a plain-text tooltip
in pydeck. CSV downloads neutralise formula cells even when the validator's own guard is off.

tests/browser/test_hostile_text_browser.py opens the same copy in Chromium: no dialog, no injected element.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from apphelp import ROOT, elements, leaves, run_page
from datahelp import (
    DATA,
    FORMULAS,
    IMG,
    PAYLOADS,
    SCRIPT,
    decorate_text,
    formula,
    free_text_columns,
    hostile,
    read_rows,
)
from google.protobuf.json_format import MessageToDict
from google.protobuf.message import Message
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

import turan.validate
from turan import pages, schema
from turan.export import FORMULA_PREFIXES
from turan.text import md_escape
from turan.validate import validate
from turan.views import alliances as alliance_views

PAGES = [f"{p.id}.py" for p in pages.PAGES]

# Fields Streamlit shows as literal text, never as Markdown or HTML: code blocks, chart specs (checked on their
# own below), chart alt text (an attribute), table cells, and widget options (plain labels).
LITERAL_ELEMENTS = {"Code", "PlotlyChart", "DeckGlJsonChart", "Arrow", "ArrowTable"}
LITERAL_FIELDS = {"options", "alt"}
# A payload that Markdown would still interpret: the characters that make it markup, not preceded by the
# backslash md_escape puts before each of them.
RAW_MARKDOWN = {
    "<script> or <img>": re.compile(r"(?<!\\)<\s*(script|img)", re.IGNORECASE),
    "a Markdown link": re.compile(r"(?<!\\)\]\s*(?<!\\)\(\s*javascript", re.IGNORECASE),
    "LaTeX": re.compile(r"(?<!\\)\$x\^2(?<!\\)\$"),
    "Markdown bold": re.compile(r"(?<!\\)\*(?<!\\)\*bold"),
}
RAW_HTML = re.compile(r"<\s*/?\s*(script|img)\b", re.IGNORECASE)


# ---- what a run shows ----------------------------------------------------------------------------------------


def _fields(value, key=""):
    """(field name, string) for every string in a protobuf dict."""
    if isinstance(value, dict):
        for name, item in value.items():
            yield from _fields(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from _fields(item, key)
    elif isinstance(value, str):
        yield key, value


def markdown_strings(at) -> list[tuple[str, str]]:
    """(element type, text) for every string Streamlit may render as Markdown: bodies, captions, alerts,
    headings, labels, help tooltips, expander and tab labels..., i.e. everything but the literal fields."""
    out = []
    for node in elements(at):
        proto = getattr(node, "proto", None)
        if not isinstance(proto, Message) or proto.DESCRIPTOR.name in LITERAL_ELEMENTS:
            continue
        out += [(proto.DESCRIPTOR.name, s) for key, s in _fields(MessageToDict(proto)) if key not in LITERAL_FIELDS]
    return out


def plotly_strings(at) -> list[str]:
    """Every string of every plotly figure that plotly may draw: data and layout, but not the template nor a map
    trace's GeoJSON (plotly matches its features by id and never shows their properties)."""
    out = []
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        spec["layout"].pop("template", None)
        for trace in spec["data"]:
            trace.pop("geojson", None)
        out += list(leaves(spec))
    return out


# ---- the hostile copy -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile_copy(tmp_path_factory) -> tuple[Path, set, set]:
    folder = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(DATA, folder)
    changed, pinned = decorate_text(folder, hostile)
    return folder, changed, pinned


@pytest.fixture
def hostile_data(hostile_copy, monkeypatch) -> Path:
    monkeypatch.setenv("TURAN_DATA_DIR", str(hostile_copy[0]))
    return hostile_copy[0]


def test_the_copy_is_valid_and_every_free_text_column_carries_the_payloads(hostile_copy):
    folder, changed, pinned = hostile_copy
    assert validate(folder).ok
    with_text = {(t.file, name) for t in schema.TABLES for name in free_text_columns(t)
                 if any(row[read_rows(DATA / t.file)[0].index(name)] for row in read_rows(DATA / t.file)[1:])}
    assert changed | pinned == with_text and not changed & pinned
    assert len(pinned) <= 2, pinned  # only columns the validator ties to fixed values (indicators.unit) are spared
    assert {file for file, _ in changed} >= {"countries.csv", "sources.csv", "aid.csv", "events.csv", "rivalry.csv"}
    aid = read_rows(folder / "aid.csv")
    assert all(p in aid[1][aid[0].index("description")] for p in PAYLOADS)


@pytest.mark.parametrize("name", PAGES)
def test_every_page_shows_data_text_as_text(hostile_data, name):
    at = run_page(name)
    if name == "sources.py":  # the selection's caption is shown only with this toggle on
        at.toggle(key="sources_only_view").set_value(True).run()
    if name == "alliances.py":  # the interactive map is drawn only when its tab is open: open it as well
        twin = plotly_strings(at)
        at.session_state["map_tab"] = alliance_views.TABS[1]
        at.run()
        interactive = at.get("deck_gl_json_chart")
    assert not at.exception, at.exception
    assert not at.error
    shown = markdown_strings(at)
    for what, pattern in RAW_MARKDOWN.items():
        raw = [f"{kind}: {text[:160]}" for kind, text in shown if pattern.search(text)]
        assert raw == [], f"{what} reaches Markdown unescaped"
    words = "\n".join(text for _, text in shown)
    assert all(md_escape(p) in words for p in PAYLOADS)  # shown, escaped, so Markdown renders it literally

    texts = plotly_strings(at) + (twin if name == "alliances.py" else [])
    assert [s[:160] for s in texts if RAW_HTML.search(s)] == []
    if at.get("plotly_chart"):
        assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in s for s in texts)  # the payload reached the chart

    if name == "alliances.py":
        assert len(interactive) == 1
        assert json.loads(interactive[0].proto.tooltip) == {"text": "{tooltip}"}  # plain text, never "html"
        tooltips = [f["properties"]["tooltip"] for layer in json.loads(interactive[0].proto.json)["layers"]
                    if isinstance(layer.get("data"), dict) for f in layer["data"].get("features", [])]
        assert any(SCRIPT in t and IMG in t for t in tooltips)  # shown as text by deck.gl, so not escaped


# ---- CSV downloads: formula cells neutralised -------------------------------------------------------------------

@pytest.fixture(scope="module")
def formula_copy(tmp_path_factory) -> Path:
    """Every free-text cell starts with a spreadsheet formula. The validator rejects that (first guard); the copy
    is loaded with that guard switched off, to prove the second one, the CSV export, on every page."""
    folder = tmp_path_factory.mktemp("formulas") / "data"
    shutil.copytree(DATA, folder)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(turan.validate, "FORMULA_PREFIXES", ())
        changed, _ = decorate_text(folder, formula)
    assert changed
    assert any("spreadsheet formula injection" in p.message for p in validate(folder).problems)
    return folder


@pytest.fixture
def csv_downloads(monkeypatch) -> list[bytes]:
    """The bytes of every CSV handed to a download button (directly or as a callable built on click)."""
    saved: list[bytes] = []
    add, add_deferred = MediaFileManager.add, MediaFileManager.add_deferred

    def record(self, path_or_data, mimetype, *args, **kwargs):
        if mimetype == "text/csv":
            saved.append(path_or_data)
        return add(self, path_or_data, mimetype, *args, **kwargs)

    def record_deferred(self, data_callable, mimetype, *args, **kwargs):
        if mimetype == "text/csv":
            saved.append(data_callable())
        return add_deferred(self, data_callable, mimetype, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add", record)
    monkeypatch.setattr(MediaFileManager, "add_deferred", record_deferred)
    return saved


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("name", PAGES)
def test_csv_downloads_neutralise_formula_cells(formula_copy, csv_downloads, monkeypatch, name):
    monkeypatch.setattr(turan.validate, "FORMULA_PREFIXES", ())
    monkeypatch.setenv("TURAN_DATA_DIR", str(formula_copy))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    at.run()  # the home page first, as run_page does: its downloads are not this page's
    csv_downloads.clear()
    at.switch_page(f"pages/{name}").run()
    assert not at.exception, at.exception
    buttons = [b for b in at.get("download_button") if "(CSV)" in b.proto.label]
    assert len(csv_downloads) == len(buttons)
    for data in csv_downloads:
        text = bytes(data).decode("utf-8")
        assert text.startswith("\ufeff")  # with a BOM, so spreadsheets read the accents
        cells = [cell for row in csv.reader(io.StringIO(text[1:])) for cell in row[:]]
        assert [c for c in cells if c.startswith(FORMULA_PREFIXES) and not _is_number(c)] == []
        assert any(c.startswith("'" + f) for c in cells for f in FORMULAS), "no injected cell reached this CSV"
