"""Helpers for browser tests: wait for Streamlit to be idle, take screenshots."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


# Every element has mounted, every plotly chart has drawn its SVG and every deck.gl chart its canvas. Charts,
# widgets and tables mount after the script finishes: their code is loaded lazily, and until it has arrived
# Streamlit shows a placeholder (data-testid=stSkeleton) where the element will be, so a page can say idle with no
# chart in the DOM yet (seen on the aid page: two skeletons, no stPlotlyChart, for about a second).
CHARTS_DRAWN = """() => {
  if (document.querySelector('[data-testid=stMain] [data-testid=stSkeleton]')) return false;
  const plots = [...document.querySelectorAll('[data-testid=stPlotlyChart]')];
  const decks = [...document.querySelectorAll('[data-testid=stDeckGlJsonChart]')];
  return plots.every(p => p.querySelector('.main-svg')) && decks.every(d => d.querySelector('canvas'));
}"""
# Idle: the script has finished and drawn something (a fresh page can say notRunning before its first run's
# elements arrive, and then "every chart drawn" would hold for no chart at all).
IDLE_AND_DRAWN = ("() => !!document.querySelector('[data-testid=stApp][data-test-script-state=notRunning]') && "
                  "!!document.querySelector('[data-testid=stMain] [data-testid=stElementContainer]') && ("
                  + CHARTS_DRAWN + ")()")


def wait_idle(tab, timeout: float = 30_000) -> None:
    """Wait until Streamlit says the script has finished, every chart is drawn, and it still holds 300 ms later."""
    tab.wait_for_function(IDLE_AND_DRAWN, timeout=timeout)
    tab.wait_for_timeout(300)
    tab.wait_for_function(IDLE_AND_DRAWN, timeout=timeout)


def record_failed(tab) -> None:
    """Collect (status, url) of failed responses and failed requests in tab.failed_responses. Requests the
    browser aborted itself (net::ERR_ABORTED: a fetch still in flight when the test navigates on, or a download)
    are not failures of the app and are left out."""
    tab.failed_responses = []
    tab.on("response", lambda r: tab.failed_responses.append((r.status, r.url)) if r.status >= 400 else None)
    tab.on("requestfailed",
           lambda r: None if r.failure == "net::ERR_ABORTED" else tab.failed_responses.append((0, r.url)))


def screenshot(tab, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path))
    return path


# On a deep link such as /sources, Streamlit's frontend first probes /sources/_stcore/... to find the
# server's base path, gets 404, then uses /. Those two probes are expected; nothing else may fail.
_BASE_PATH_PROBE = re.compile(r"^https?://[^/]+/[^_][^/]*/_stcore/(health|host-config)$")


def assert_clean(tab) -> None:
    """No exception box, no failed request except base-path probes, no console error except their 404s."""
    assert tab.locator("[data-testid=stException]").count() == 0
    unexpected = [(status, url) for status, url in tab.failed_responses
                  if not (status == 404 and _BASE_PATH_PROBE.match(url))]
    assert unexpected == [], f"failed requests: {unexpected}"  # (helper module: pytest does not rewrite it)
    probes = len(tab.failed_responses) - len(unexpected)
    errors = [e for e in tab.console_errors if "status of 404" not in e]
    assert errors == [], f"console errors: {errors}"
    assert len(tab.console_errors) - len(errors) <= probes


def system_tool(names: tuple[str, ...], reason: str, path: str | None = None) -> str:
    """The path of the first of `names` installed (looked up on PATH, or on `path`); without any, the test is skipped
    with the reason, except under CI=true, where it fails."""
    for name in names:
        found = shutil.which(name) or (shutil.which(name, path=path) if path else None)
        if found:
            return found
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)
