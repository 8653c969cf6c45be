"""Every plotly chart on every page is readable at 1280, 1440, 1600 and 1920 px wide, in normal and presentation
mode, in the light and the dark theme: no text of a chart is cut off at its edge, no two texts lie on each other or
run together, and no chart runs past the page (tests/browser/layoutkit.py says how that is measured). The check is
shown to find an overfull chart."""

from __future__ import annotations

from pathlib import Path

import plotly
import pytest
from browserkit import wait_idle
from layoutkit import WIDTHS, check_tab

from turan import pages
from turan.figures.common import framed

# After a resize, every chart has been drawn again at its container's new width.
REDRAWN = """() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')].every(c => {
  const svg = c.querySelector('.main-svg');
  return svg && Math.abs(svg.getBoundingClientRect().width - c.getBoundingClientRect().width) < 2;
})"""


def settle(tab, width: int) -> None:
    tab.set_viewport_size({"width": width, "height": 900})
    tab.wait_for_timeout(150)  # Streamlit measures the new width, then plotly redraws
    wait_idle(tab, 60_000)
    tab.wait_for_function(REDRAWN, timeout=30_000)
    tab.wait_for_timeout(100)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("query", ["", "?present=true"], ids=["normal", "presentation"])
def test_every_chart_is_readable_at_every_width(browser, server, scheme, query):
    context = browser.new_context(viewport={"width": WIDTHS[-1], "height": 900}, color_scheme=scheme)
    tab = context.new_page()
    found, charts = [], 0
    try:
        for page in pages.PAGES:
            tab.set_viewport_size({"width": WIDTHS[-1], "height": 900})
            tab.goto(f"{server}/{page.url_path}{query}")
            wait_idle(tab, 60_000)
            for width in WIDTHS:
                settle(tab, width)
                charts += tab.locator("[data-testid=stPlotlyChart]").count()
                found += [f"{page.id} at {width} px: {problem}" for problem in check_tab(tab)]
    finally:
        context.close()
    assert charts >= 4 * 12  # the check saw the charts (about a dozen per width)
    assert found == []


def test_the_check_finds_text_cut_off_and_lying_on_other_text(browser):
    """A deliberately overfull chart, 600 px wide: a subtitle far wider than the chart, two annotations on one
    spot, two labels run together, and an axis title pushed out of the figure."""
    fig = framed([{"type": "bar", "x": [1, 2], "y": [3, 4]}],
                 {"annotations": [
                     {"text": "Overlapping note", "x": 0.5, "y": 0.5, "xref": "paper", "yref": "paper",
                      "showarrow": False},
                     {"text": "Overlapping note too", "x": 0.5, "y": 0.5, "xref": "paper", "yref": "paper",
                      "showarrow": False},
                     {"text": "Left", "x": 0.2, "y": 0.8, "xref": "paper", "yref": "paper", "xanchor": "right",
                      "xshift": 4, "showarrow": False},
                     {"text": "Right", "x": 0.2, "y": 0.8, "xref": "paper", "yref": "paper", "xanchor": "left",
                      "showarrow": False},
                     {"text": "Pushed out", "x": 1.3, "y": 0.2, "xref": "paper", "yref": "paper",
                      "showarrow": False}]},
                 "An overfull chart", "a subtitle", "a source")
    fig.update_layout(width=600, title_subtitle_text="a subtitle " * 30)  # one line, never wrapped
    script = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_text(encoding="utf-8")
    html = (f"<html><body><div data-testid='stMain' style='width:1000px'><div data-testid='stPlotlyChart'>"
            f"<div id='chart'></div></div></div><script>{script}</script><script>"
            f"Plotly.newPlot('chart', {fig.to_json()}).then(() => document.body.dataset.drawn = '1');</script>"
            "</body></html>")
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    tab = context.new_page()
    try:
        tab.set_content(html)
        tab.wait_for_function("() => document.body.dataset.drawn === '1'", timeout=30_000)
        found = check_tab(tab)
    finally:
        context.close()
    assert any("cut off: 'a subtitle a subtitle" in p for p in found), found
    assert any("cut off: 'Pushed out'" in p for p in found)
    assert any("overlap: 'Overlapping note' and 'Overlapping note too'" in p for p in found)
    assert any("run together: 'Left' and 'Right'" in p for p in found)
    assert all(p.startswith("An overfull chart: ") for p in found)


FIRST_SCREEN = (1600, 900)
NO_MAIN_CHART = {"overview": "its first screen is the headline cards", "sources": "a bibliography, no chart"}

FIRST_CHART = """() => {
  const plot = document.querySelector('[data-testid=stPlotlyChart] .js-plotly-plot');
  if (!plot) return null;
  const box = plot.querySelector('.main-svg').getBoundingClientRect();
  const texts = [...plot.querySelectorAll('.main-svg text')].map(t => t.textContent);
  return {top: box.top, bottom: box.bottom, left: box.left, right: box.right,
          title: (plot.querySelector('.gtitle') || {}).textContent || '',
          source: texts.some(t => t.startsWith('Source:'))};
}"""


@pytest.mark.parametrize("page", [p for p in pages.PAGES if p.id not in NO_MAIN_CHART], ids=lambda p: p.id)
def test_presentation_mode_shows_the_main_chart_whole_on_the_first_screen(browser, server, page):
    """At 1600 x 900 in presentation mode, the page's main chart (its first) is on the first screen from its title
    to its source line, without scrolling; the screenshot is kept for the record."""
    from browserkit import screenshot

    width, height = FIRST_SCREEN
    context = browser.new_context(viewport={"width": width, "height": height})
    tab = context.new_page()
    try:
        tab.goto(f"{server}/{page.url_path}?present=true")
        wait_idle(tab, 60_000)
        first = tab.evaluate(FIRST_CHART)
        screenshot(tab, f"first-screen-{page.id}")
    finally:
        context.close()
    assert first is not None and first["title"] and first["source"]
    assert 0 <= first["top"] and first["bottom"] <= height, first
    assert 0 <= first["left"] and first["right"] <= width, first
