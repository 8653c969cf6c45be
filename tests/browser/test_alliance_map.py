"""The alliance map in headless Chromium: the deck.gl canvas draws (WebGL on SwiftShader), hovering a
country shows its memberships in plain text, the year changes the drawing, nothing is fetched from any
host but the local server, and the console stays clean."""

from __future__ import annotations

import io
import math
import time
from urllib.parse import urlparse

import pytest
from browserkit import assert_clean, screenshot, wait_idle

from turan.figures import alliance_map
from turan.views import alliances as alliance_views

pytestmark = pytest.mark.browser

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
CANVAS = "[data-testid=stDeckGlJsonChart] canvas"


def colours(png: bytes) -> dict[tuple, float]:
    """Share of the image's pixels per colour."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    total = image.width * image.height
    return {colour: count / total for count, colour in image.getcolors(maxcolors=total)}


def drawn_canvas(tab, timeout: float = 20) -> dict[tuple, float]:
    """Screenshot the map canvas until deck.gl has drawn it: several colours, mostly not blank."""
    deadline = time.monotonic() + timeout
    while True:
        shares = colours(tab.locator(CANVAS).first.screenshot())
        blank = sum(share for colour, share in shares.items() if min(colour) >= 250)
        varied = sum(1 for share in shares.values() if share > 0.005)
        if (varied >= 5 and blank < 0.5) or time.monotonic() > deadline:
            return shares
        time.sleep(0.5)


def pixel_of(lon: float, lat: float, box: dict) -> tuple[float, float]:
    """Where (lon, lat) lies on the canvas at the map's initial view (Web Mercator)."""
    view = alliance_map.VIEW
    scale = 512 * 2 ** view["zoom"]
    merc = lambda degrees: math.log(math.tan(math.pi / 4 + math.radians(degrees) / 2))  # noqa: E731
    x = (lon - view["longitude"]) / 360 * scale
    y = (merc(view["latitude"]) - merc(lat)) / (2 * math.pi) * scale
    return box["x"] + box["width"] / 2 + x, box["y"] + box["height"] / 2 + y


def test_map_draws_offline_and_hovers_in_plain_text(page, server):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("websocket", lambda socket: requests.append(socket.url))
    page.goto(f"{server}/alliances")
    wait_idle(page)
    assert page.locator("h1").first.inner_text().strip() == "Alliance map"
    # The page opens on the plotly map (drawn with the rest of the page); deck.gl's code loads with its tab.
    assert page.locator(".st-key-map_twin .js-plotly-plot").count() == 1 and page.locator(CANVAS).count() == 0
    page.get_by_role("tab", name=alliance_views.TABS[1]).click()
    wait_idle(page)
    page.wait_for_selector(CANVAS)

    shares = drawn_canvas(page)
    blank = sum(share for colour, share in shares.items() if min(colour) >= 250)
    assert sum(1 for share in shares.values() if share > 0.005) >= 5, "the map canvas looks blank"
    assert blank < 0.5
    member = tuple(int(alliance_map.theme.role_colour("member")[i:i + 2], 16) for i in (1, 3, 5))
    assert shares.get(member, 0) > 0.05  # CSTO members (Russia, Kazakhstan, Kyrgyzstan) in their role colour

    chart = page.locator("[data-testid=stDeckGlJsonChart]").first
    main = page.locator("[data-testid=stMainBlockContainer]").first
    assert chart.bounding_box()["width"] >= 0.95 * main.bounding_box()["width"] - 200  # fills the width
    chart.scroll_into_view_if_needed()
    box = page.locator(CANVAS).first.bounding_box()
    page.mouse.move(*pixel_of(67.0, 48.0, box))  # the middle of Kazakhstan
    tooltip = page.locator(".deck-tooltip")
    tooltip.wait_for(state="visible", timeout=10_000)
    text = tooltip.inner_text()
    assert text.startswith("Kazakhstan, as of ")
    assert "CSTO: member since May 1992" in text
    assert "None" not in text and "nan" not in text.split() and "{" not in text
    screenshot(page, "alliance-map-hover")

    before = page.locator(CANVAS).first.screenshot()
    page.locator(".st-key-map_year input[type=range]").focus()
    page.keyboard.press("Home")  # 1991: no CSTO yet, so the members' colour disappears
    wait_idle(page)
    page.wait_for_timeout(1000)
    after = drawn_canvas(page)
    assert page.locator(".st-key-map_year input[type=range]").input_value() == "1991"
    assert after.get(member, 0) < 0.01
    assert page.locator(CANVAS).first.screenshot() != before
    screenshot(page, "alliance-map-1991")

    hosts = {urlparse(url).hostname for url in requests if urlparse(url).scheme in ("http", "https", "ws", "wss")}
    assert requests and hosts <= LOCAL_HOSTS, sorted(hosts)
    assert_clean(page)
