"""Every global filter is reachable and usable by keyboard alone, with a visible focus."""

from __future__ import annotations

import pytest
from browserkit import assert_clean, wait_idle

pytestmark = pytest.mark.browser


def tab_to(page, label: str, limit: int = 60) -> None:
    """Press Tab until the focused element has this accessible label."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.getAttribute('aria-label')") == label:
            return
    raise AssertionError(f"{label!r} is not reachable with Tab")


def test_filters_by_keyboard_with_visible_focus(page, server):
    page.goto(f"{server}/aid")
    wait_idle(page)
    tab_to(page, "Partner countries")
    page.keyboard.type("Tajik")
    page.keyboard.press("Enter")
    wait_idle(page)
    chips = page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect] [data-tag] [title]").all_inner_texts()
    assert "Tajikistan" in chips

    page.goto(page.url)  # start again from the top of the page, with the new selection in the URL
    wait_idle(page)
    tab_to(page, "Years — start")
    slider = page.locator('[data-testid=stSidebar] [data-testid=stSlider]:has([aria-label="Years — start"])').first
    focused = slider.screenshot()
    page.evaluate("() => document.activeElement.blur()")
    assert focused != slider.screenshot(), "the focused slider looks the same as the unfocused one"
    page.goto(page.url)
    wait_idle(page)
    tab_to(page, "Years — start")
    page.keyboard.press("ArrowRight")
    wait_idle(page)
    assert "years=1992" in page.url
    assert_clean(page)
