"""Presentation mode, chart exports and "Cite this view" through the entrypoint, as the server runs them.

AppTest shows only the page's own elements after a page switch (not the entrypoint's toggle and expander
around them), so those are read on the default page; the browser tests cover them on every page.
"""

from __future__ import annotations

import json

import pytest
from apphelp import ROOT, run_page
from streamlit.testing.v1 import AppTest

from turan import DATA_VERSION, ui
from turan.figures import common
from turan.ui import keys

CHART_PAGES = ["aid.py", "timeline.py", "rivalry.py", "arms.py", "alliances.py", "scenario.py", "claims.py"]
PENDING: set[str] = set()  # pages of issues still being integrated


def figures(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def configs(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.config) for chart in at.get("plotly_chart")]


def entry(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def test_every_page_with_charts_is_listed():
    with_charts = {p.name for p in (ROOT / "pages").glob("*.py") if "chart(" in p.read_text(encoding="utf-8")}
    assert with_charts - PENDING == set(CHART_PAGES)


@pytest.mark.parametrize("name", CHART_PAGES)
def test_every_chart_exports_a_named_16_9_png_at_2x(name):
    at = run_page(name, {"countries": ["Kazakhstan", "Kyrgyzstan"], "years": ["1995", "2010"]})
    assert not at.exception
    assert configs(at)
    for config, fig in zip(configs(at), figures(at)):
        options = config["toImageButtonOptions"]
        assert options["format"] == "png" and options["scale"] == 2, name
        assert options["width"] / options["height"] == pytest.approx(16 / 9, abs=0.01)
        assert options["height"] >= max(900, fig["layout"].get("height", 0))
        assert options["filename"].startswith("turan-") and "kazakhstan-kyrgyzstan" in options["filename"]
        assert config["displaylogo"] is False
        footers = [a["text"] for a in fig["layout"].get("annotations", []) if a.get("name") == common.FOOTER]
        assert len(footers) == 1 and f"data v{DATA_VERSION}" in footers[0]


def test_presentation_from_the_url_enlarges_charts_at_16_9():
    normal, present = run_page("rivalry.py"), run_page("rivalry.py", {"present": "true"})
    assert not present.exception
    (stage, *others), (main, *rest) = figures(present), figures(normal)
    # The page's main chart comes first, fitted to the first screen: as wide as the page, at most STAGE_HEIGHT tall.
    assert stage["layout"]["title"]["text"] == main["layout"]["title"]["text"]
    zoom = min(common.STAGE_SCALE, common.STAGE_HEIGHT / main["layout"]["height"])  # zoomed to fit the screen
    assert stage["layout"]["font"]["size"] == pytest.approx(main["layout"]["font"]["size"] * zoom, abs=0.1)
    assert stage["layout"].get("width") is None and stage["layout"]["height"] <= common.STAGE_HEIGHT
    for small, big in zip(rest, others):  # the other charts: at 16:9 for a slide
        assert big["layout"]["font"]["size"] == pytest.approx(small["layout"]["font"]["size"] * common.PRESENT_SCALE)
        assert big["layout"]["title"]["font"]["size"] > small["layout"]["title"]["font"]["size"]
        assert big["layout"]["width"] == 1600 and big["layout"]["height"] >= 900
        assert "width" not in small["layout"]


def test_presentation_toggle_is_kept_across_pages():
    at = entry()
    toggle = at.toggle(key=ui.KEY_PRESENT)
    assert toggle.value is False and "16:9" in toggle.help
    toggle.set_value(True).run()
    assert at.session_state[ui.KEY_PRESENT] is True
    at.switch_page("pages/aid.py").run()
    first = figures(at)[0]["layout"]  # the first screen's, zoomed to fit it
    assert first["font"]["size"] <= 13 * common.STAGE_SCALE + 0.1 and first["height"] <= common.STAGE_HEIGHT
    assert figures(at)[1]["layout"]["font"]["size"] == pytest.approx(13 * common.PRESENT_SCALE)  # the slide's


def test_a_wrong_present_value_is_ignored():
    at = entry({"present": "yes please"})
    assert not at.exception and at.toggle(key=ui.KEY_PRESENT).value is False


def test_svg_downloads_when_chosen():
    at = run_page("timeline.py")
    at.radio(key=ui.KEY_IMAGE_FORMAT).set_value("svg").run()
    options = configs(at)[0]["toImageButtonOptions"]
    assert options["format"] == "svg" and options["scale"] == 1


def opened_cite(query: dict) -> AppTest:
    """The entrypoint with the URL's query and "Cite this view" opened (it is drawn only while open)."""
    at = entry(query)
    assert [e.label for e in at.expander] == ["Cite this view"] and not at.expander[0].code  # closed: not drawn
    at.session_state[keys.KEY_CITE] = True
    return at.run()


def test_cite_this_view_shows_the_link_with_the_filters():
    at = opened_cite({"countries": ["Kazakhstan", "Kyrgyzstan"], "years": ["2010", "1995"]})
    assert [e.label for e in at.expander] == ["Cite this view"]
    url, text, bibtex = (code.value for code in at.expander[0].code)
    assert url == "http://localhost:8501/?countries=Kazakhstan&countries=Kyrgyzstan&years=1995&years=2010"
    assert text.startswith('Turan Dashboard, "Overview" (Kazakhstan, Kyrgyzstan; 1995 to 2010), data version ')
    assert url in text and url in bibtex and f"version      = {{{DATA_VERSION}}}" in bibtex
    at.multiselect(key="countries").set_value(["UZB"]).run()
    assert at.expander[0].code[0].value == "http://localhost:8501/?countries=Uzbekistan&years=1995&years=2010"


def test_cite_this_view_never_echoes_hostile_url_values():
    at = opened_cite({"countries": ["<script>alert(1)</script>", "Kazakhstan"], "years": ["1800", "abc"]})
    assert not at.exception and len(at.expander[0].code) == 3
    for code in at.expander[0].code:
        assert "script" not in code.value and "1800" not in code.value and "abc" not in code.value
    assert "countries=Kazakhstan&years=" in at.expander[0].code[0].value
