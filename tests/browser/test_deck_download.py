"""The Overview's "Download the briefing deck" in headless Chromium: the click starts a real download (built on
the server when clicked), and the file is a deck python-pptx opens, with every page's slides."""

from __future__ import annotations

import pytest
from browserkit import assert_clean, wait_idle
from pptx import Presentation

pytestmark = pytest.mark.browser


def test_briefing_deck_downloads_and_opens(page, server, tmp_path):
    page.goto(f"{server}/?countries=Kyrgyzstan&years=2000&years=2010")
    wait_idle(page)
    button = page.get_by_role("button", name="Download the briefing deck")
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=60_000) as info:
        button.click()
    download = info.value
    assert download.suggested_filename.startswith("turan-briefing-") and download.suggested_filename.endswith(".pptx")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    deck = Presentation(str(path))
    assert len(deck.slides) > 5
    first = " ".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
    assert "Kyrgyzstan" in first and "2000" in first
    wait_idle(page)
    assert_clean(page)
