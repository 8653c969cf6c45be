"""The aid page in headless Chromium: both charts draw, a hover names the footnote, the filters redraw."""

from __future__ import annotations

import pytest
from browserkit import assert_clean, screenshot, wait_idle
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_aid_charts_draw_and_hover(page, server):
    page.goto(f"{server}/aid")
    wait_idle(page)
    charts = page.locator(".js-plotly-plot")
    expect(charts).to_have_count(2)  # waits for both, as a chart mounts after the script's elements arrive
    assert charts.nth(0).locator(".barlayer .point").count() >= 4  # KAZ, KGZ (2 each), UZB
    assert "$12.8M" in charts.nth(0).inner_text()
    marks = charts.nth(1).locator(".scatterlayer .trace .points path")
    assert marks.count() >= 12
    charts.nth(1).scroll_into_view_if_needed()  # Streamlit scrolls inside its main block
    hover = page.locator(".hoverlayer .hovertext")
    for i in range(marks.count()):  # the open-end arrowheads have no hover; the figures' marks do
        box = marks.nth(i).bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_timeout(150)
        if hover.count():
            break
    assert "Source: Biró 2021, footnote" in hover.first.text_content()
    screenshot(page, "aid-hover")
    assert_clean(page)


def test_aid_follows_the_filters(page, server):
    page.goto(f"{server}/aid?countries=Kyrgyzstan&years=2007&years=2007")
    wait_idle(page)
    expect(page.locator(".js-plotly-plot").nth(0)).to_contain_text("$2M")  # the 2007 total; May 2007 is inside it
    assert page.locator("[data-testid=stDataFrame]").count() == 1
    page.goto(f"{server}/aid?countries=Turkmenistan")
    wait_idle(page)
    assert page.get_by_text("No recorded aid for this selection.").count() == 1
    assert page.locator(".js-plotly-plot").count() == 0
    screenshot(page, "aid-empty")
    assert_clean(page)
