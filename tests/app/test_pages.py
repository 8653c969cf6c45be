"""Every page through AppTest, run inside the entrypoint as in the browser: it renders, and the global
filters change what it shows."""

from __future__ import annotations

import json

import pytest
from apphelp import ROOT, run_page, texts
from datahelp import set_cell
from streamlit.testing.v1 import AppTest

from turan import pages, ui

PAGES = [p.script.removeprefix("pages/") for p in pages.PAGES]


def test_every_page_script_is_in_the_registry_and_every_entry_has_a_script():
    assert sorted(PAGES) == sorted(p.name for p in (ROOT / "pages").glob("*.py"))
    assert len({p.url_path for p in pages.PAGES}) == len(pages.PAGES)
    assert [p.default for p in pages.PAGES].count(True) == 1


def test_entrypoint_runs_default_page():
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30).run()
    assert not at.exception
    assert at.title[0].value == "Could a “Turan Army” form?"
    assert [w.key for w in at.sidebar.multiselect] == ["countries"]


def test_every_page_file_answers_to_its_url_path():
    """Until the entrypoint's st.navigation has run once in a server process, Streamlit looks a URL up among the
    files of pages/ by name: a file named as its url_path is found, run alone, and reruns itself through the
    entrypoint (ui.current); one named otherwise showed a "Page not found" dialog on a first deep link."""
    for page in pages.PAGES:
        assert page.default or page.script == f"pages/{page.url_path}.py", page


@pytest.mark.parametrize("name", PAGES)
def test_a_page_run_without_the_entrypoint_says_so(name):
    """A page file opened on its own (not through dashboard.py) says how to open it, instead of a traceback."""
    at = AppTest.from_file(str(ROOT / "pages" / name), default_timeout=30).run()
    assert not at.exception
    assert [e.value for e in at.error] == ["This page was run without the dashboard around it. Open the "
                                           "dashboard's home page."]


@pytest.mark.parametrize("name", PAGES)
def test_page_renders_with_filters(name):
    at = run_page(name)
    assert not at.exception, at.exception
    assert not at.error
    assert at.multiselect(key="countries").value == ["AZE", "KAZ", "KGZ", "TKM", "UZB"]
    assert at.slider(key="years").value[0] == 1991
    assert "Data version" in texts(at)


def metric(at: AppTest, label_start: str) -> str:
    return next(m.value for m in at.metric if m.label.startswith(label_start))


def test_overview_headlines_follow_filters():
    at = run_page("overview.py")
    assert metric(at, "Largest military aid") == "$10M"
    assert metric(at, "In the CSTO") == "2"  # Kazakhstan, Kyrgyzstan today
    at.multiselect(key="countries").set_value(["UZB"]).run()
    assert metric(at, "Largest military aid") == "$3.3M"
    assert metric(at, "In the CSTO") == "0"
    at.slider(key="years").set_value((2007, 2008)).run()
    assert metric(at, "Largest military aid") == "no data"
    assert metric(at, "In the CSTO") == "1"  # Uzbekistan 2006-2012
    assert "Uzbekistan; 2007 to 2008" in texts(at)


def since_buttons(at: AppTest) -> list[str]:
    """The keys of the buttons from "Since the paper" to the timeline, in page order."""
    return [b.key for b in at.button if str(b.key).startswith("since_")]


def test_overview_since_the_paper_follows_filters_and_opens_the_filtered_timeline():
    at = run_page("overview.py")
    assert since_buttons(at) == ["since_aze_shusha_declaration_2021_06", "since_kgz_tb2_delivered_2021_12",
                                 "since_kaz_csto_arrival_2022_01", "since_cca_astana_treaty_2025_06",
                                 "since_ots_defence_industry_heads_meeting1_2025_07"]
    assert any(m.value.startswith("**6 January 2022: CSTO peacekeeping contingent deployed to Kazakhstan**")
               for m in at.markdown)
    at.multiselect(key="countries").set_value(["KGZ"]).run()
    assert "since_aze_shusha_declaration_2021_06" not in since_buttons(at) and len(since_buttons(at)) == 4
    at.button(key="since_kaz_csto_arrival_2022_01").click().run()
    assert not at.exception
    assert at.title[0].value == "Agreement timeline"  # the button opened the timeline ...
    assert at.multiselect(key="countries").value == ["KAZ", "KGZ", "TJK", "ARM"]  # ... on the event's countries
    assert at.slider(key="years").value == (2022, 2022)  # ... and year
    ids = {i for t in json.loads(at.get("plotly_chart")[0].proto.spec)["data"] if t.get("customdata")
           for ids in t["customdata"] for i in ids.split(";")}
    assert "kaz_csto_arrival_2022_01" in ids


def test_overview_since_the_paper_says_when_only_the_papers_record_is_shown():
    at = run_page("overview.py", {"paper": "true"})
    assert not since_buttons(at)
    assert "the developments since 2021 come from public records" in texts(at)


def test_overview_from_url():
    at = run_page("overview.py", {"countries": ["Kyrgyzstan"], "years": ["2007", "2007"]})
    assert not at.exception
    assert at.multiselect(key="countries").value == ["KGZ"]
    assert metric(at, "Largest military aid") == "$2M"


DEFAULT_WHO = "Azerbaijan, Kazakhstan, Kyrgyzstan, Turkmenistan, Uzbekistan"


@pytest.mark.parametrize(
    ("query", "selection"),
    [
        ({"countries": ["XXX", "<script>alert(1)</script>"]}, f"{DEFAULT_WHO}; {{lo}} to {{hi}}"),
        ({"years": ["abc", "2000"]}, f"{DEFAULT_WHO}; {{lo}} to {{hi}}"),
        ({"years": ["1800", "3000"]}, f"{DEFAULT_WHO}; {{lo}} to {{hi}}"),
        ({"years": ["2000", "2001", "2002"]}, f"{DEFAULT_WHO}; {{lo}} to {{hi}}"),
        ({"countries": ["Kazakhstan"] * 50, "years": ["2010", "1995"]}, "Kazakhstan; 1995 to 2010"),
    ],
)
def test_hostile_url_parameters_are_dropped_or_corrected(query, selection):
    lo, hi = ui.year_bounds()
    at = run_page("overview.py", query)
    assert not at.exception
    assert f"Selection: {selection.format(lo=lo, hi=hi)}" in [c.value for c in at.caption]
    assert "<script>" not in texts(at)


def test_sources_page_filters():
    at = run_page("sources.py")
    total = len(at.dataframe[0].value)
    assert total >= 30
    at.toggle(key="sources_only_view").set_value(True).run()
    in_view = len(at.dataframe[0].value)
    assert 0 < in_view < total
    at.multiselect(key="countries").set_value(["TKM"]).run()
    assert len(at.dataframe[0].value) < in_view


def test_invalid_data_shows_validator_messages(data_copy, monkeypatch):
    set_cell(data_copy / "aid.csv", 3, "amount_usd", "-5")
    monkeypatch.setenv("TURAN_DATA_DIR", str(data_copy))
    for name in PAGES:
        at = run_page(name)
        assert not at.exception
        assert "The data files are invalid (1 problem(s))" in at.error[0].value
        assert at.code[0].value == "aid.csv:3:amount_usd: must be >= 0 (got -5)"
        assert not at.get("plotly_chart") and not at.metric


def test_the_sources_page_offers_the_whole_dataset_as_one_zip():
    at = run_page("sources.py")
    assert not at.exception
    (button,) = [b for b in at.get("download_button") if b.proto.label == "Download the whole dataset (zip)"]
    assert button.proto.deferred_file_id  # built when clicked (turan.datapackage.zip_bytes, tested on its own)
