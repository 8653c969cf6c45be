"""Every chart page through AppTest: a collapsed "Describe this chart" under each chart, with the words the
description functions give for the very frames the chart draws (the same as the deck's speaker notes), and the
deck buttons, whose lazily built file opens with python-pptx and holds the page's slides."""

from __future__ import annotations

import io
import json
import re
from datetime import date

import pytest
from apphelp import run_page
from pptx import Presentation
from streamlit.runtime.media_file_manager import MediaFileManager

from turan import aid, charts, deck, load, pages
from turan.deck import layout
from turan.filters import Filters
from turan.formatting import format_usd

KGZ_2000_2010 = {"countries": "Kyrgyzstan", "years": ["2000", "2010"]}
CHART_PAGES = {  # page file -> (deck page id, charts drawn on the page by default)
    "aid.py": ("aid", 2), "timeline.py": ("timeline", 1), "rivalry.py": ("rivalry", 4),
    "arms.py": ("arms", 3), "alliances.py": ("alliances", 3), "scenario.py": ("scenario", 1),
    "claims.py": ("claims", 2),
}


def unescape(text: str) -> str:
    """The shown markdown back to the plain sentences (md_escape puts a backslash before specials)."""
    return re.sub(r"\\(.)", r"\1", text)


def descriptions(at) -> list[str]:
    shown = [e for e in at.expander if e.label == "Describe this chart"]
    return [unescape(e.markdown[0].value) for e in shown]


def kgz_view() -> tuple[load.Bundle, Filters]:
    """The data and the filters of KGZ_2000_2010, as the pages hold them."""
    bundle = load.load(load.data_dir())
    years = (2000, 2010)
    return bundle, Filters.make(["KGZ"], years, (1991, date.today().year))


def kgz_specs(page_id: str, options=None) -> dict[str, charts.ChartSpec]:
    """The chart specs of a page for KGZ_2000_2010 (the page's default options unless given): the very specs the
    page draws and the deck's slides are made from."""
    bundle, f = kgz_view()
    return charts.specs(page_id, bundle, f, options, date.today())


@pytest.fixture
def deferred(monkeypatch):
    """Every callable the pages hand to a download button (built on click), by file name."""
    saved: dict[str, object] = {}
    original = MediaFileManager.add_deferred

    def record(self, data, mimetype, coordinates, file_name=None, **kwargs):
        saved[file_name] = (data, mimetype)
        return original(self, data, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return saved


@pytest.mark.parametrize("page", list(CHART_PAGES))
def test_every_chart_has_a_collapsed_description_that_is_also_its_alt_text(page):
    at = run_page(page, KGZ_2000_2010)
    assert not at.exception
    charts = at.get("plotly_chart")
    assert len(descriptions(at)) == CHART_PAGES[page][1]
    assert all(not e.proto.expanded for e in at.expander if e.label == "Describe this chart")
    alts = [c.proto.alt for c in charts]
    assert alts and all(alt in descriptions(at) for alt in alts)  # also each chart's text alternative


def test_aid_descriptions_carry_the_charts_numbers_for_kyrgyzstan_2000_2010():
    at = run_page("aid.py", KGZ_2000_2010)
    totals_text, time_text = descriptions(at)
    drawn = json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["meta"]["totals"]
    assert totals_text.startswith("Turkish military aid by recipient, Kyrgyzstan; 2000 to 2010: "
                                  f"{format_usd(drawn['KGZ'])} in all")
    specs = kgz_specs("aid")
    assert totals_text == specs["aid_totals"].description
    assert time_text == specs["aid_time"].description
    bundle, f = kgz_view()
    rows = aid.annotate(aid.select(bundle.aid, f), bundle.aid)
    items = aid.timeline_items(rows, bundle.sources, bundle.country_names(), f.countries, bundle.aid)
    assert time_text.startswith(f"Turkish military aid over time, Kyrgyzstan; 2000 to 2010: {len(items)} figures")


def test_other_pages_descriptions_equal_the_decks_for_the_same_view():
    timeline, rivalry, alliances = kgz_specs("timeline"), kgz_specs("rivalry"), kgz_specs("alliances")
    assert descriptions(run_page("timeline.py", KGZ_2000_2010)) == [
        timeline["events"].description + " " + timeline["per_year"].description]
    assert descriptions(run_page("rivalry.py", KGZ_2000_2010)) == [
        rivalry["reach"].description, rivalry["bases"].description, rivalry["indicator"].description,
        rivalry["suppliers"].description]
    assert descriptions(run_page("alliances.py", KGZ_2000_2010)) == [
        alliances["map"].description, alliances["matrix"].description, alliances["sets"].description]


def _opened(saved: dict, label_name: str):
    # The slides, not the page's CSV downloads (also made on click, some named turan-<page>-...).
    (make, _), = [value for name, value in saved.items() if name.startswith(label_name)
                         and value[1] == deck.MIME]
    return Presentation(io.BytesIO(make()))


def _titles(prs) -> list[str]:
    return [layout.slide_title(s) for s in prs.slides]


@pytest.mark.parametrize("page", list(CHART_PAGES))
def test_each_chart_page_has_a_slides_button_giving_its_own_charts(page, deferred):
    at = run_page(page, KGZ_2000_2010)
    button = next(b for b in at.get("download_button") if b.proto.label == "Download slides (.pptx)")
    assert button.proto.deferred_file_id
    page_id = CHART_PAGES[page][0]
    prs = _opened(deferred, f"turan-{page_id}-")
    titles = _titles(prs)
    expected = [e.title for e in charts.CATALOGUE.values() if e.page == page_id]
    assert len(expected) == len(pages.page(page_id).charts)
    sources = titles[len(expected) + 1:]  # title slide, the charts, then the sources (over several slides if long)
    assert sources and all(t.startswith("Sources") for t in sources)
    assert not any(t.startswith("Sources") for t in titles[:len(expected) + 1])
    assert "Kyrgyzstan" in " ".join(s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame)


def test_page_options_go_into_the_slides(deferred):
    at = run_page("aid.py", KGZ_2000_2010)
    at.toggle(key="aid_include_pledged").set_value(False).run()
    prs = _opened(deferred, "turan-aid-")
    text = " ".join(s.text_frame.text for slide in prs.slides for s in slide.shapes if s.has_text_frame)
    bundle, f = kgz_view()
    assert aid.subtitle(f, bundle.country_names(), False) in text


def test_overview_has_the_briefing_deck_with_every_page(deferred):
    at = run_page("overview.py", KGZ_2000_2010)
    assert [b.proto.label for b in at.get("download_button")] == ["Download the briefing deck"]
    prs = _opened(deferred, "turan-briefing-")
    titles = _titles(prs)
    built = deck.build(*kgz_view())
    assert titles == list(built.titles)
    assert {"Headline figures", "Turkish military aid by recipient", "Roles in each organisation"} <= set(titles)
    assert len(titles) > 10


def test_scenario_description_and_slide_follow_the_pages_choices(deferred):
    at = run_page("scenario.py", {"countries": ["Kazakhstan", "Kyrgyzstan", "Azerbaijan"], "years": ["2000", "2021"]})
    at.multiselect(key="scenario_members").set_value(["KAZ"]).run()
    (text,) = descriptions(at)
    from turan import scenario
    assert text.startswith("Obstacles and enablers of a Turan Army, Turkey with Kazakhstan; as of 31 December 2021: "
                           f"2 states by {len(scenario.FACTORS)} factors")
    prs = _opened(deferred, "turan-scenario-")
    slide = prs.slides[1]
    assert layout.slide_title(slide) == "Obstacles and enablers of a Turkey-led alliance"  # the page's (issue 17)
    assert text in slide.notes_slide.notes_text_frame.text
