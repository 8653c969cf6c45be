"""Open every page in headless Chromium: no exception box, no console error, content drawn."""

from __future__ import annotations

import pytest

from browserkit import assert_clean, screenshot, wait_idle

pytestmark = pytest.mark.browser

PAGES = [("", "Could a “Turan Army” form?"), ("sources", "Sources"), ("timeline", "Agreement timeline"),
         ("aid", "Aid by country"), ("rivalry", "Power rivalry"), ("alliances", "Alliance map"),
         ("scenario", "Could the Turan Army be formed?")]


@pytest.mark.parametrize(("path", "title"), PAGES)
def test_page_opens_cleanly(page, server, path, title):
    page.goto(f"{server}/{path}")
    wait_idle(page)
    assert page.locator("h1").first.inner_text().strip() == title
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.get_by_text("Page not found").count() == 0
    assert page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]").count() == 1
    screenshot(page, f"page-{path or 'overview'}")
    assert_clean(page)


def test_deep_link_sets_filters(page, server):
    page.goto(f"{server}/?countries=Kyrgyzstan&years=2007&years=2007")
    wait_idle(page)
    metrics = page.locator("[data-testid=stMetricValue]").all_inner_texts()
    assert "$2M" in metrics
    assert page.get_by_text("Kyrgyzstan; 2007").count() >= 1
    screenshot(page, "overview-kgz-2007")
    assert_clean(page)


def test_filters_survive_page_switch(page, server):
    page.goto(f"{server}/?countries=Uzbekistan")
    wait_idle(page)
    page.locator("[data-testid=stSidebarNav] a", has_text="Sources").click()
    wait_idle(page)
    assert "countries=Uzbekistan" in page.url
    chips = page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect] [data-tag] [title]").all_inner_texts()
    assert chips == ["Uzbekistan"]
