"""Issue 9, "Security", in Chromium: on a data copy whose every free-text cell carries a script tag, an
<img onerror>, a javascript: Markdown link, LaTeX and Markdown bold (tests/datahelp.py: hostile), every page opens
without a dialog, without an injected element and without a failed request, and shows the payloads as text,
including in a chart's hover label. tests/app/test_hostile_text.py checks the same pages' output through AppTest.

Each page is visited once (a module-scoped tab); the tests read what the visit saw.
"""

from __future__ import annotations

import urllib.request

import pytest
from browserkit import _BASE_PATH_PROBE, record_failed, wait_idle
from datahelp import SCRIPT

from turan import pages

pytestmark = pytest.mark.browser

PATHS = [p.url_path for p in pages.PAGES]  # every page's URL path (the home page's is "")
INJECTED = """() => ({
    img_src_x: document.querySelectorAll('img[src="x"]').length,
    onerror: document.querySelectorAll('[onerror]').length,
    scripts: [...document.scripts].filter(s => s.textContent.includes('alert(1)')).length,
    javascript_links: [...document.querySelectorAll('a[href]')]
        .filter(a => /^\\s*javascript:/i.test(a.getAttribute('href'))).length,
    katex: document.querySelectorAll('.katex').length,
    bold_from_data: [...document.querySelectorAll('strong, b')].filter(b => b.textContent.trim() === 'bold').length,
})"""


@pytest.fixture(scope="module")
def tab(browser, hostile_server):
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    page.dialogs, page.console_errors = [], []
    record_failed(page)
    page.on("dialog", lambda dialog: (page.dialogs.append(f"{dialog.type}: {dialog.message}"), dialog.dismiss()))
    page.on("console", lambda msg: page.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    page.goto(hostile_server, wait_until="domcontentloaded")  # the first deep link after a start can miss
    wait_idle(page)
    page.wait_for_load_state("networkidle")
    yield page
    context.close()


_SEEN: dict[str, dict] = {}
HOVERED = "timeline"  # the page whose chart is hovered during its visit


def seen(tab, server: str, path: str) -> dict:
    """Visit the page once and keep what it showed: dialogs, injected elements, errors, its text."""
    if path not in _SEEN:
        for log in (tab.dialogs, tab.console_errors, tab.failed_responses):
            log.clear()
        tab.goto(f"{server}/{path}")
        wait_idle(tab)
        tab.wait_for_load_state("networkidle")  # every request done: an <img onerror> would have fired by now
        _SEEN[path] = {
            "dialogs": list(tab.dialogs),
            "injected": tab.evaluate(INJECTED),
            "exceptions": tab.locator("[data-testid=stException]").count(),
            "failed": [(s, u) for s, u in tab.failed_responses if not (s == 404 and _BASE_PATH_PROBE.match(u))],
            "console": [e for e in tab.console_errors if "status of 404" not in e],
            "main": tab.locator("[data-testid=stMain]").inner_text(),
        }
        if path == HOVERED:
            _SEEN[path]["hover"] = _hover_first_point(tab)
    return _SEEN[path]


def _hover_first_point(tab) -> dict:
    """Move the mouse onto the first marker of the first chart; what its hover label holds."""
    point = tab.locator(".js-plotly-plot .scatterlayer .points path").first
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    tab.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    label = tab.locator(".js-plotly-plot .hoverlayer .hovertext").first
    label.wait_for(timeout=5000)
    return {"text": label.text_content(), "elements": tab.locator(
        ".js-plotly-plot .hoverlayer img, .js-plotly-plot .hoverlayer script, .js-plotly-plot .hoverlayer a").count(),
        "dialogs": list(tab.dialogs)}


def test_every_page_is_listed():
    assert len(PATHS) == len(pages.PAGES) == 9 and "" in PATHS and "sources" in PATHS and "arms" in PATHS


@pytest.mark.parametrize("path", PATHS)
def test_no_payload_runs_or_injects_markup(tab, hostile_server, path):
    shown = seen(tab, hostile_server, path)
    assert shown["dialogs"] == []
    injected = {key: shown["injected"][key] for key in ("img_src_x", "onerror", "scripts", "javascript_links")}
    assert injected == {"img_src_x": 0, "onerror": 0, "scripts": 0, "javascript_links": 0}
    assert shown["exceptions"] == 0
    assert shown["failed"] == []  # an injected <img src=x> would have requested /x
    assert shown["console"] == []


@pytest.mark.parametrize("path", PATHS)
def test_payloads_are_shown_as_literal_text(tab, hostile_server, path):
    shown = seen(tab, hostile_server, path)
    assert SCRIPT in shown["main"]  # the tag is visible as text
    assert shown["injected"]["katex"] == 0  # $x^2$ from the data is not typeset
    assert shown["injected"]["bold_from_data"] == 0  # **bold** from the data is not bold


def test_a_chart_hover_label_shows_the_payload_as_text(tab, hostile_server):
    """Hover an event on the timeline: its label holds the event's hostile title as text, and no element."""
    hover = seen(tab, hostile_server, HOVERED)["hover"]
    assert SCRIPT in hover["text"]
    assert hover["elements"] == 0 and hover["dialogs"] == []


def test_the_running_server_allows_no_cross_origin_reads(hostile_server):
    """tests/test_config.py checks the settings; this checks the effect of enableCORS on the live server: a page
    on another origin gets no Access-Control-Allow-Origin header for it (with enableCORS off it would get '*')."""
    request = urllib.request.Request(f"{hostile_server}/_stcore/health", headers={"Origin": "http://evil.example"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
        assert response.headers.get("Access-Control-Allow-Origin") is None
