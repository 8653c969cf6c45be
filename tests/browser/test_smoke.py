"""Open every page in headless Chromium: no exception box, no console error, content drawn."""

from __future__ import annotations

import pytest
from browserkit import assert_clean, screenshot, wait_idle

from turan import pages

pytestmark = pytest.mark.browser

PAGES = [(p.url_path, p.h1) for p in pages.PAGES]  # every page of the registry, with the heading it shows


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


@pytest.mark.parametrize(("link", "title", "selection"), [
    ("aid?countries=Kazakhstan&years=2000&years=2010", "Aid by country", "Selection: Kazakhstan; 2000 to 2010"),
    ("alliances?countries=Kyrgyzstan&years=2005&years=2010", "Alliance map", "Kyrgyzstan"),
])
def test_a_cited_link_works_as_the_first_visit_after_a_server_start(first_visit, link, title, selection):
    """Streamlit runs a pages/ file alone until the entrypoint has run once in the process: a deep link opened
    first used to show an error (every deep link did, until somebody opened the home page)."""
    url, tab = first_visit
    tab.goto(f"{url}/{link}")
    wait_idle(tab)
    assert tab.locator("h1").first.inner_text().strip() == title
    assert tab.get_by_text("This app has encountered an error").count() == 0
    assert tab.get_by_text("Page not found").count() == 0
    assert tab.get_by_text(selection).count() >= 1
    assert link.split("?")[1] in tab.url  # the filters stay in the address
    screenshot(tab, f"first-visit-{link.split('?')[0]}")
    assert_clean(tab)
