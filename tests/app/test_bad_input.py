"""Issue 9, "Bad input": broken data files, hostile URLs and filters that select nothing. Each must give a clear
message and lose nothing: the validator's own messages instead of a traceback, a dropped or corrected URL value
that is never echoed, and a plain "nothing here" instead of an empty chart.

Every AppTest run goes through the entrypoint as in the browser (see conftest.py). Runs are cheap when the data
is broken (the entrypoint stops before the page), so every broken-data case runs on the default page and one
case on every page; URL and empty-filter cases run on every page.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import math
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
import test_validate  # the validator's broken-cell cases, reused rather than copied
from apphelp import ROOT, elements, leaves, run_page
from datahelp import BROKEN_FILES, DATA, set_cell
from google.protobuf.json_format import MessageToDict
from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest

from turan import filters, load, pages, schema, ui
from turan.ui.keys import KEY_CITE
from turan.validate import validate

PAGES = [f"{p.id}.py" for p in pages.PAGES]  # every page of the registry
# What pages say when there is nothing to show.
NO_SELECTION = re.compile(r"\bno (country|partner|state|candidate)s? (selected|chosen)\b", re.IGNORECASE)
NOTHING_RECORDED = re.compile(r"\bno recorded\b|\bno data\b", re.IGNORECASE)
YEAR_FILTERED = {"overview.py", "aid.py", "timeline.py"}  # pages whose content is all within the year range


# ---- what a run shows ----------------------------------------------------------------------------------------


def every_string(at: AppTest) -> list[str]:
    """All text the run sends to the browser: bodies, labels, help, captions, code blocks, widget values and
    options, chart specs and tooltips."""
    return [s for node in elements(at) if isinstance(getattr(node, "proto", None), Message)
            for s in leaves(MessageToDict(node.proto), open_json=True)]


def plain_text(at: AppTest) -> str:
    """What a reader sees as sentences: markdown, captions, alerts, metric labels and values, chart messages."""
    parts = [e.value for kind in ("markdown", "caption", "info", "warning", "error", "title", "subheader", "header")
             for e in at.get(kind)]
    parts += [f"{m.label}: {m.value}" for m in at.metric]
    for chart in at.get("plotly_chart"):
        parts += [a.get("text", "") for a in json.loads(chart.proto.spec)["layout"].get("annotations", [])]
    return "\n".join(str(p) for p in parts)


def _array(value) -> list:
    """A plotly data array as a flat list (plotly 6+ sends numeric arrays as base64 typed arrays)."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    if isinstance(value, list):
        return [x for item in value for x in (_array(item) if isinstance(item, (list, dict)) else [item])]
    return [] if value is None else [value]


def _present(x) -> bool:
    return x is not None and x != "" and not (isinstance(x, float) and math.isnan(x))


def _draws(trace: dict) -> bool:
    """Whether a trace draws anything: a z value or location, or a point with both coordinates."""
    if trace.get("visible") is False:
        return False
    if any(_present(x) for key in ("z", "locations", "values") for x in _array(trace.get(key))):
        return True
    return any(_present(x) and _present(y) for x, y in zip(_array(trace.get("x")), _array(trace.get("y"))))


def silent_empty_charts(at: AppTest) -> list[str]:
    """Titles of charts that draw nothing and do not say why (a message annotation besides the source footer)."""
    out = []
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        message = [a for a in spec["layout"].get("annotations", []) if a.get("name") != "footer" and a.get("text")]
        if not any(_draws(t) for t in spec["data"]) and not message:
            out.append(spec["layout"].get("title", {}).get("text", "untitled"))
    return out


def cite_link(at: AppTest) -> str:
    """The "Cite this view" link: the filters exactly as the page applied them."""
    return next(c.value for c in at.code if c.value.startswith("http"))


def fingerprint(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.csv"))} \
        if folder.is_dir() else {}


# ---- broken data: the validator's messages, never a traceback -------------------------------------------------

def _cell_cases():
    mark = next(m for m in test_validate.test_broken_cell_gives_exact_message.pytestmark if m.name == "parametrize")
    return [pytest.param(f, line, column, value, [expected], id=f"{f}:{line}:{column}={value!r}"[:60])
            for f, line, column, value, expected in mark.args[1]]


def _break_cell(file, line, column, value):
    return lambda folder: set_cell(folder / file, line, column, value)


BROKEN = [pytest.param(_break_cell(*case.values[:4]), case.values[4], id=case.id) for case in _cell_cases()] + [
    pytest.param(fn, expected, id=name) for name, (fn, expected) in BROKEN_FILES.items()]


def assert_shows_validator_messages(at: AppTest, folder: Path, expected: list[str]) -> None:
    problems = [str(p) for p in validate(folder).problems]
    assert set(expected) <= set(problems), problems  # the case breaks what it says it breaks
    assert not at.exception, at.exception
    assert [e.value.split(";")[0] for e in at.error] == [f"The data files are invalid ({len(problems)} problem(s))"]
    assert at.code[0].value.splitlines() == problems  # every message, each naming file:line:column
    assert "Traceback" not in "\n".join(every_string(at))
    assert not at.get("plotly_chart") and not at.metric and not at.dataframe and not at.get("download_button")


def test_there_are_broken_cell_cases_to_reuse():
    assert len(BROKEN) >= 30


@pytest.mark.parametrize(("breaks", "expected"), BROKEN)
def test_broken_data_shows_the_validators_messages(data_copy, monkeypatch, breaks, expected):
    breaks(data_copy)
    before = fingerprint(data_copy)
    monkeypatch.setenv("TURAN_DATA_DIR", str(data_copy))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30).run()
    assert_shows_validator_messages(at, data_copy, expected)
    assert fingerprint(data_copy) == before  # the app only reads: nothing of the user's files is lost


@pytest.mark.parametrize("name", PAGES)
def test_a_broken_file_stops_every_page_with_the_messages(data_copy, monkeypatch, name):
    """A file-level break (test_pages.py covers a cell-level one on every page)."""
    breaks, expected = BROKEN_FILES["UTF-16 encoding"]
    breaks(data_copy)
    monkeypatch.setenv("TURAN_DATA_DIR", str(data_copy))
    assert_shows_validator_messages(run_page(name), data_copy, expected)


def test_a_fixed_file_is_picked_up_without_a_restart(data_copy, monkeypatch):
    """The bundle is cached by file signature: breaking a file shows the messages at the next rerun, and
    restoring it brings the page back, in the same session."""
    monkeypatch.setenv("TURAN_DATA_DIR", str(data_copy))
    at = run_page("aid.py")
    assert not at.exception and not at.error and at.dataframe
    shown = len(at.dataframe[0].value)
    original = (data_copy / "aid.csv").read_bytes()
    set_cell(data_copy / "aid.csv", 3, "amount_usd", "-5")
    at.run()
    assert_shows_validator_messages(at, data_copy, ["aid.csv:3:amount_usd: must be >= 0 (got -5)"])
    (data_copy / "aid.csv").write_bytes(original)
    at.run()
    assert not at.exception and not at.error and len(at.dataframe[0].value) == shown


@pytest.fixture(scope="module")
def no_rows(tmp_path_factory) -> Path:
    """A valid data folder in which every table that no other table points into has its header and no rows (the
    claims' pointers into events and aid do not count: the claims are emptied too)."""
    folder = tmp_path_factory.mktemp("no_rows") / "data"
    shutil.copytree(DATA, folder)
    referenced = {c.ref[0] for t in schema.TABLES if t is not schema.CLAIMS for c in t.columns
                  if c.ref and c.ref[0] != t.name}
    for table in schema.TABLES:
        if table.name not in referenced:
            path = folder / table.file
            path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert validate(folder).ok
    return folder


@pytest.mark.parametrize("name", PAGES)
def test_tables_without_rows_are_valid_and_every_page_still_renders(no_rows, monkeypatch, name):
    monkeypatch.setenv("TURAN_DATA_DIR", str(no_rows))
    at = run_page(name)
    assert not at.exception, at.exception
    assert not at.error
    assert silent_empty_charts(at) == []
    if name in YEAR_FILTERED:
        assert NOTHING_RECORDED.search(plain_text(at)), plain_text(at)[:500]
    assert "Data version" in plain_text(at)  # the page ran to its footer


# ---- hostile URLs: dropped or corrected, never echoed, no exception ------------------------------------------

SCRIPT = "<script>alert(1)</script>"
LONG = "K" * 10_000
DEFAULT = "countries=Azerbaijan&countries=Kazakhstan&countries=Kyrgyzstan&countries=Turkmenistan&countries=Uzbekistan"
URL_CASES = {  # id: (query, values that must not appear anywhere, the link of the view the page shows)
    "unknown countries, script and words as years": (
        {"countries": ["XXX", SCRIPT, "Narnia"], "years": ["abc", SCRIPT]},
        ["XXX", "Narnia", "alert(1)", "abc"], DEFAULT + "&years={lo}&years={hi}"),
    "years out of range, 10,000-character values": (
        {"countries": ["Uzbekistan", LONG], "years": ["1800", "99999"]},
        ["KKKKKKKKKK", "1800", "99999"], "countries=Uzbekistan&years={lo}&years={hi}"),
    "10,000-digit year": (
        {"years": ["9" * 10_000, "2000"]}, ["9999999999"], DEFAULT + "&years={lo}&years={hi}"),
    "repeated countries, reversed years": (
        {"countries": ["Kazakhstan"] * 200 + ["Kyrgyzstan", "Kazakhstan"], "years": ["2010", "1995"]},
        ["countries=Kazakhstan&countries=Kazakhstan"],
        "countries=Kazakhstan&countries=Kyrgyzstan&years=1995&years=2010"),
}


def _echoed(value: str, strings: list[str]) -> list[str]:
    # A value counts as echoed where it stands alone, not inside a longer token such as a random element id
    # ('dabc4ec1...' holds 'abc'); a run of one letter (the probe of a 10,000-letter value) only needs its start.
    tail = "" if len(set(value)) == 1 else "(?![A-Za-z0-9])"
    pattern = re.compile(rf"(?<![\d.]){value}(?!\d)" if value.isdigit()
                         else rf"(?<![A-Za-z0-9]){re.escape(value)}{tail}")
    return [s[:120] for s in strings if pattern.search(s)]


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("case", list(URL_CASES))
def test_hostile_url_values_are_dropped_or_corrected_on_every_page(name, case):
    query, never, link = URL_CASES[case]
    lo, hi = ui.year_bounds()
    at = run_page(name, query)
    at.session_state[KEY_CITE] = True  # "Cite this view" open: its boxes repeat the filters
    at.run()
    assert not at.exception, at.exception
    assert not at.error
    assert at.title[0].value == run_page(name).title[0].value  # still the same page
    strings = every_string(at)
    for value in never:
        assert _echoed(value, strings) == [], f"{value[:20]!r} echoed"
    assert cite_link(at).split("?", 1)[1] == link.format(lo=lo, hi=hi)


# ---- filters that select nothing: every page says so plainly --------------------------------------------------


@functools.cache
def _empty_year() -> int:
    """The first year with no aid and no event for the default selection (so the test follows the data)."""
    data = load.load(DATA)
    lo, hi = ui.year_bounds()
    countries = tuple(data.countries.loc[data.countries["group"] == "turkic_state", "iso3"])
    for year in range(lo, hi + 1):
        f = filters.Filters.make(countries, (year, year), (lo, hi))
        if filters.aid(data.aid, f).empty and filters.events(data.events, f).empty:
            return year
    pytest.fail("every year has aid or events: pick another empty selection")


@pytest.mark.parametrize("name", PAGES)
def test_an_empty_country_selection_says_so_on_every_page(name):
    at = run_page(name)
    if name == "sources.py":
        at.toggle(key="sources_only_view").set_value(True).run()  # the bibliography is unfiltered by default
    at.multiselect(key="countries").set_value([]).run()
    assert not at.exception, at.exception
    assert NO_SELECTION.search(plain_text(at)), plain_text(at)[:500]
    assert silent_empty_charts(at) == []


@pytest.mark.parametrize("name", PAGES)
def test_a_year_with_nothing_recorded_says_so_on_every_page(name):
    year = _empty_year()
    at = run_page(name, {"years": [str(year), str(year)]})
    assert not at.exception, at.exception
    assert silent_empty_charts(at) == []
    if name in YEAR_FILTERED:
        assert NOTHING_RECORDED.search(plain_text(at)), plain_text(at)[:500]
        assert not at.get("plotly_chart") and not at.dataframe
