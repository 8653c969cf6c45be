"""A live dashboard server on a free port and headless Debian Chromium driven by Playwright.

Without Chromium the browser tests skip with the reason, except under CI=true, where they fail.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest
from browserkit import record_failed, system_tool, wait_idle
from serverkit import serving

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
    "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic",
]


def _chromium() -> str:
    return system_tool(("chromium", "chromium-browser"),
                       "Debian's chromium is not installed (apt-get install -y chromium); browser tests need it")


def _serve(env: dict[str, str] | None = None):
    """The dashboard on a free loopback port (tests/serverkit.py), with extra environment variables; always stopped."""
    return serving(env)


@pytest.fixture(scope="session")
def server():
    """The dashboard on the project's data/."""
    with _serve() as url:
        yield url


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    """The dashboard on a copy of data/ whose every free-text cell carries HTML, script, Markdown and LaTeX payloads
    (tests/datahelp.py: hostile), for the module that uses it; stopped after that module."""
    from datahelp import DATA, decorate_text, hostile

    folder = tmp_path_factory.mktemp("hostile_server") / "data"
    shutil.copytree(DATA, folder)
    decorate_text(folder, hostile)
    with _serve({"TURAN_DATA_DIR": str(folder)}) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@contextlib.contextmanager
def _new_tab(browser):
    """A tab in a fresh browser context, with console errors collected in tab.console_errors and failed requests
    in tab.failed_responses."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    tab = context.new_page()
    tab.console_errors = []
    record_failed(tab)
    tab.on("console", lambda msg: tab.console_errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: tab.console_errors.append(str(exc)))
    try:
        yield tab
    finally:
        context.close()


@pytest.fixture
def page(browser, server):
    """A fresh tab that has opened the home page, as a visitor does (test_smoke.py opens deep links first, on a
    server nobody has visited yet)."""
    with _new_tab(browser) as tab:
        tab.goto(server, wait_until="domcontentloaded")
        wait_idle(tab)
        yield tab


@pytest.fixture
def first_visit(browser):
    """(url, tab): a dashboard server started for this test alone, nobody has visited it yet, and a fresh tab."""
    with _serve() as url, _new_tab(browser) as tab:
        yield url, tab
