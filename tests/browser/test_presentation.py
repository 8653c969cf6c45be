"""Slide-ready views in headless Chromium: presentation mode hides the sidebar and the menu; the toolbar's camera
saves a 16:9 PNG at 2x (3200 x 1800) named after the chart and the filters, or an SVG; the alliance map's
exportable twin draws with nothing fetched from other hosts; and the "Cite this view" link reopens the same view
in a fresh browser."""

from __future__ import annotations

import io
import time
from datetime import date
from urllib.parse import urlparse

import pytest
from browserkit import ARTIFACTS, assert_clean, screenshot, wait_idle

from turan import pages, theme
from turan.figures import common
from turan.views import alliances as alliance_views

pytestmark = pytest.mark.browser

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
SIDEBAR = "[data-testid=stSidebar]"
CAMERA = '.modebar-btn[data-title^="Download plot"]'
VIEW = "countries=Kazakhstan&countries=Kyrgyzstan&years=1992&years=2010"


def image(data: bytes):
    from PIL import Image

    return Image.open(io.BytesIO(data)).convert("RGB")


def download(tab, chart) -> tuple[str, bytes]:
    """Click a chart's camera button; return the suggested file name and the file's bytes."""
    chart.scroll_into_view_if_needed()
    chart.hover()
    with tab.expect_download(timeout=60_000) as info:
        chart.locator(CAMERA).click()
    path = info.value.path()
    return info.value.suggested_filename, open(path, "rb").read()


def sidebar_shown(tab) -> bool:
    box = tab.locator(SIDEBAR).bounding_box()
    return bool(tab.locator(SIDEBAR).is_visible() and box and box["width"] > 50 and box["x"] >= 0)


def cite_url(tab) -> str:
    """Open 'Cite this view' and read the link in its first code box."""
    tab.get_by_text("Cite this view").click()
    code = tab.locator("[data-testid=stExpander] [data-testid=stCode]").first
    code.wait_for(state="visible")
    return code.inner_text().strip()


def test_presentation_mode_hides_sidebar_and_menu_and_enlarges_charts(page, server):
    page.goto(f"{server}/aid?{VIEW}")
    wait_idle(page)
    assert sidebar_shown(page)
    assert page.locator("[data-testid=stMainMenu]").count() == 1
    normal = page.locator(".js-plotly-plot .gtitle").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")

    page.get_by_text("Presentation mode").click()  # the toggle writes ?present=true into the URL
    wait_idle(page)
    page.wait_for_timeout(800)
    assert "present=true" in page.url and "countries=Kazakhstan" in page.url
    assert not sidebar_shown(page)
    assert page.locator("[data-testid=stMainMenu]").count() == 0
    stage = page.locator(".js-plotly-plot .main-svg").first.bounding_box()  # the main chart, on the first screen
    assert stage["y"] + stage["height"] <= 1000 and stage["height"] <= common.STAGE_HEIGHT + 2
    title = page.locator(".js-plotly-plot .gtitle").nth(1)  # the charts in their places: at 16:9 for a slide
    assert title.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= normal * 1.25
    box = page.locator(".js-plotly-plot").nth(1).locator(".main-svg").first.bounding_box()
    assert box["height"] == pytest.approx(900, abs=2)
    screenshot(page, "presentation-aid")

    page.goto(f"{server}/timeline?present=true")  # a link opens straight into presentation mode
    wait_idle(page)
    page.wait_for_timeout(800)
    assert not sidebar_shown(page)
    page.get_by_text("Presentation mode").click()
    wait_idle(page)
    page.wait_for_timeout(800)
    assert sidebar_shown(page) and "present" not in page.url
    assert_clean(page)


def test_camera_saves_a_named_16_9_png_at_twice_the_size(page, server):
    page.goto(f"{server}/aid?{VIEW}")
    wait_idle(page)
    name, data = download(page, page.locator(".js-plotly-plot").first)
    assert name == "turan-aid-totals-kazakhstan-kyrgyzstan-1992-to-2010.png"
    png = image(data)
    assert png.size == (3200, 1800)
    colours = {colour for _, colour in png.getcolors(maxcolors=png.width * png.height)}
    blue = tuple(int(theme.TOL_HIGH_CONTRAST["blue"][i:i + 2], 16) for i in (1, 3, 5))
    assert blue in colours  # the delivered bars are drawn, not a blank image
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    png.save(ARTIFACTS / "export-aid-totals.png")
    assert_clean(page)


def test_camera_saves_svg_when_chosen(page, server):
    page.goto(f"{server}/timeline?countries=Uzbekistan")
    wait_idle(page)
    page.locator(f"{SIDEBAR} label", has_text="SVG").click()
    wait_idle(page)
    name, data = download(page, page.locator(".js-plotly-plot").first)
    assert name == f"turan-agreement-timeline-uzbekistan-1991-to-{date.today().year}.svg"
    assert data.lstrip().startswith(b"<svg")
    assert b"Source: Bir" in data and b"data v" in data  # title, subtitle and footer travel with the image
    assert_clean(page)


def drawn(tab, locator, timeout: float = 30) -> dict:
    """Screenshot an element until it shows several colours (the map has drawn)."""
    deadline = time.monotonic() + timeout
    while True:
        shot = image(locator.screenshot())
        shares = {colour: n / (shot.width * shot.height)
                  for n, colour in shot.getcolors(maxcolors=shot.width * shot.height)}
        if sum(1 for share in shares.values() if share > 0.005) >= 5 or time.monotonic() > deadline:
            return shares
        time.sleep(0.5)


def test_exportable_map_twin_draws_offline_and_exports(page, server):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{server}/alliances")
    wait_idle(page)
    page.get_by_role("tab", name=alliance_views.TABS[0]).click()  # open already: the page opens on this map
    wait_idle(page)
    twin = page.locator(".st-key-map_twin .js-plotly-plot")
    twin.wait_for(state="visible", timeout=30_000)
    page.wait_for_timeout(1500)
    shares = drawn(page, twin)
    member = tuple(int(theme.role_colour("member")[i:i + 2], 16) for i in (1, 3, 5))
    assert shares.get(member, 0) > 0.05  # Russia, Kazakhstan, Kyrgyzstan in the CSTO member colour
    assert page.locator(".st-key-map_twin").get_by_text("Kazakhstan: member").count() >= 1
    screenshot(page, "alliance-map-twin")

    name, data = download(page, twin)
    assert name.startswith("turan-alliance-map-csto-turkey-with-azerbaijan") and name.endswith(".png")
    png = image(data)
    assert png.size == (3200, 1800)
    assert sum(n for n, colour in png.getcolors(maxcolors=png.width * png.height) if colour == member) > 50_000
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    png.save(ARTIFACTS / "export-alliance-map-twin.png")

    hosts = {urlparse(url).hostname for url in requests if urlparse(url).scheme in ("http", "https", "ws", "wss")}
    assert requests and hosts <= LOCAL_HOSTS, sorted(hosts)
    assert_clean(page)


def test_cited_link_reopens_the_same_view(page, server, browser):
    page.goto(f"{server}/timeline?{VIEW}")
    wait_idle(page)
    chip = page.locator(f"{SIDEBAR} [data-testid=stMultiSelect] [data-tag]", has_text="Kyrgyzstan")
    chip.get_by_role("button").click()  # the user removes a country: the link must follow
    wait_idle(page)
    url = cite_url(page)
    assert url == f"{server}/timeline?countries=Kazakhstan&years=1992&years=2010"
    assert page.get_by_text("Selection: Kazakhstan; 1992 to 2010").count() == 1

    other = browser.new_context(viewport={"width": 1600, "height": 1000})
    try:
        fresh = other.new_page()
        fresh.goto(server)  # the first deep link after a start can miss its page: load the root once
        wait_idle(fresh)
        fresh.goto(url)
        wait_idle(fresh)
        chips = fresh.locator(f"{SIDEBAR} [data-testid=stMultiSelect] [data-tag] [title]").all_inner_texts()
        assert chips == ["Kazakhstan"]
        assert fresh.locator("h1").first.inner_text().strip() == pages.page("timeline").h1
        assert fresh.get_by_text("Selection: Kazakhstan; 1992 to 2010").count() == 1
        assert cite_url(fresh) == url
    finally:
        other.close()
    assert_clean(page)
