"""Issue 22: the multi-process deployment (deploy/serve.py: nginx in front of two `streamlit run dashboard.py`),
used through nginx as a class would use it.

- Every page of the registry opens cleanly in Chromium through nginx, on each of the two processes.
- A browser session stays on one process: its page, its /_stcore requests, its websocket handshakes and the /media/
  file of a CSV download (which only its own process holds) all come from one backend, across a filter change and
  page switches; browsers without the affinity cookie are spread over both processes.
- A killed process: nginx still answers /_stcore/health and serves new sessions and the users of the dead process,
  and the supervisor restarts it; a frozen one (SIGSTOP: its port accepts, it answers nothing) is restarted once its
  health checks fail.
- The load test through nginx (benchmarks/load.py --proxy): 50 users for 60 s, every rerun checked, no error.
  Speed targets are benchmarks (`benchmarks/bench.py --only proxy`), not tests.

These live beside the browser tests because Playwright's sync API allows one instance per thread: they share the
session's Chromium (conftest.py `browser`). Without nginx they skip, except under CI=true, where they fail.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from browserkit import assert_clean, record_failed, system_tool, wait_idle
from serverkit import ROOT, deploy_state, deploying

from turan import pages
from turan.views import alliances as alliance_views

pytestmark = [pytest.mark.deploy]

PROCESSES = 2
# Quicker active checks than serve.py's defaults (3 s, 5 s, 3), so that the frozen process is caught in seconds.
CHECKS = ("--check-interval", "1", "--check-timeout", "2", "--check-failures", "2")
BACKEND = "x-turan-backend"  # deploy/nginx.conf.template: the process that answered (Playwright lower-cases names)
START_THUMB = '[data-testid=stSidebar] input[aria-label="Years — start"]'
DOWNLOAD_PAGE, DOWNLOAD_LABEL = pages.BY_ID["aid"], "Download this ledger (CSV)"
SWITCH_TO = pages.BY_ID["timeline"]
CHARTS = {"plotly": ("[data-testid=stPlotlyChart]", ".main-svg"), "deck.gl": ("[data-testid=stDeckGlJsonChart]", "canvas")}
RESTART_WITHIN = 60  # seconds: a dead or frozen process answers again by then


def _nginx() -> str:
    return system_tool(("nginx",), "Debian's nginx is not installed (apt-get install -y nginx); the deployment tests "
                       "need it", path="/usr/sbin:/sbin")


@pytest.fixture(scope="module")
def deployment():
    """deploy/serve.py with two processes behind nginx on a free loopback port, for this module; its state file as
    it was when ready (read it again with deploy_state for pids after a restart)."""
    _nginx()
    with deploying(PROCESSES, options=CHECKS) as state:
        yield state


class Backends:
    """Which process answered each response of a browser context: documents, assets, /_stcore requests, downloads
    (Playwright's response events) and websocket handshakes (Chromium's DevTools protocol: Playwright does not show
    a websocket's handshake headers). `seen` holds (kind, URL, backend); cached assets name no backend."""

    def __init__(self, context, tab):
        self.seen: list[tuple[str, str, str]] = []
        tab.on("response", lambda r: self.add(r.request.resource_type, r.url, r.headers.get(BACKEND)))
        self.cdp = context.new_cdp_session(tab)
        self.cdp.on("Network.webSocketHandshakeResponseReceived", self._handshake)
        self.cdp.send("Network.enable")

    def _handshake(self, event: dict) -> None:
        headers = {k.lower(): v for k, v in event["response"]["headers"].items()}
        self.add("websocket", event.get("requestId", ""), headers.get(BACKEND))

    def add(self, kind: str, url: str, backend: str | None) -> None:
        if backend:
            self.seen.append((kind, url, backend))

    @property
    def backends(self) -> set[str]:
        return {backend for _, _, backend in self.seen}

    def kinds(self) -> set[str]:
        return {kind for kind, _, _ in self.seen}


def new_tab(browser):
    """A tab in a fresh browser context (no cookie), with failed requests and console errors collected as the
    browser tests' tabs do; close it with tab.context.close()."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    tab = context.new_page()
    tab.console_errors = []
    record_failed(tab)
    tab.on("console", lambda msg: tab.console_errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: tab.console_errors.append(str(exc)))
    return tab


def placed_tabs(browser, url: str, tries: int = 20) -> dict[str, object]:
    """{backend: tab}: fresh contexts until one lands on each process (nginx places a browser on its first request,
    here the home page's HTML, and sets the cookie that keeps it there); the extra ones are closed."""
    tabs: dict[str, object] = {}
    for _ in range(tries):
        tab = new_tab(browser)
        backend = tab.context.request.get(f"{url}/").headers.get(BACKEND)
        if backend and backend not in tabs:
            tabs[backend] = tab
        else:
            tab.context.close()
        if len(tabs) == PROCESSES:
            break
    return tabs


def health(url: str, timeout: float = 20) -> tuple[int, str | None]:
    """(status, backend) of GET URL/_stcore/health without cookies, as a monitor or a first visit sends it."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout) as response:
            return response.status, response.headers.get(BACKEND)
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get(BACKEND)


def restarted(run_dir: str, index: int, old_pid: int, deadline: float) -> dict:
    """Wait until serve.py's state file shows backend INDEX with a new pid, up, and its own health answering."""
    while time.monotonic() < deadline:
        backend = (deploy_state(run_dir) or {"backends": [{}] * PROCESSES})["backends"][index]
        if backend.get("pid") not in (None, old_pid) and backend.get("status") == "up":
            if health(f"http://{backend['address']}", 3)[0] == 200:
                return backend
        time.sleep(0.5)
    pytest.fail(f"backend {index} (pid {old_pid}) was not restarted within {RESTART_WITHIN} s: "
                f"{deploy_state(run_dir)}")


# ---- through nginx, in Chromium ------------------------------------------------------------------------------

@pytest.mark.browser
def test_new_browsers_are_spread_over_both_processes_and_keep_a_cookie(browser, deployment):
    tabs = placed_tabs(browser, deployment["url"])
    try:
        assert sorted(tabs) == sorted(b["address"] for b in deployment["backends"])
        for tab in tabs.values():
            assert [c["name"] for c in tab.context.cookies() if c["name"] == "turan_route"] == ["turan_route"]
    finally:
        for tab in tabs.values():
            tab.context.close()


@pytest.mark.browser
def test_every_page_opens_through_nginx_on_both_processes(browser, deployment):
    tabs = placed_tabs(browser, deployment["url"])
    assert len(tabs) == PROCESSES, f"new browsers all landed on {list(tabs)}"
    seen = {backend: Backends(tab.context, tab) for backend, tab in tabs.items()}
    drawn = {kind: 0 for kind in CHARTS}
    try:
        for first in range(0, len(pages.PAGES), PROCESSES):  # one page per process at a time, loading side by side
            round_ = list(zip(pages.PAGES[first:first + PROCESSES], tabs.items()))
            for page, (_, tab) in round_:
                tab.goto(f"{deployment['url']}/{page.url_path}", wait_until="commit")
            for page, (backend, tab) in round_:
                wait_idle(tab, 60_000)
                assert tab.locator("h1").first.inner_text().strip() == page.h1
                assert tab.get_by_text("Page not found").count() == 0
                if page.id == "alliances":  # the interactive (deck.gl) map draws when its tab is opened
                    tab.get_by_role("tab", name=alliance_views.TABS[1]).click()
                    tab.wait_for_selector(" ".join(CHARTS["deck.gl"]), timeout=60_000)  # the rerun has drawn it
                    wait_idle(tab, 60_000)
                for kind, (chart, drawing) in CHARTS.items():
                    count = tab.locator(chart).count()
                    assert tab.locator(f"{chart} {drawing}").count() >= count, f"/{page.url_path}: {kind} not drawn"
                    drawn[kind] += count
                assert_clean(tab)
                assert seen[backend].backends == {backend}, f"/{page.url_path}: answered by {seen[backend].backends}"
        assert all(drawn.values()), drawn  # plotly's and deck.gl's code came through nginx and drew
    finally:
        for tab in tabs.values():
            tab.context.close()


@pytest.mark.browser
def test_a_session_stays_on_one_process_through_reruns_page_switches_and_a_download(browser, deployment):
    url = deployment["url"]
    tab = new_tab(browser)
    seen = Backends(tab.context, tab)
    try:
        tab.goto(f"{url}/{DOWNLOAD_PAGE.url_path}")
        wait_idle(tab, 60_000)
        tab.locator(START_THUMB).first.focus()
        tab.keyboard.press("ArrowRight")  # a filter change: a rerun
        wait_idle(tab, 60_000)
        assert "years=1992" in tab.url
        nav = tab.locator("[data-testid=stSidebarNav] a")
        nav.filter(has_text=SWITCH_TO.title).click()
        wait_idle(tab, 60_000)
        assert tab.locator("h1").first.inner_text().strip() == SWITCH_TO.h1
        nav.filter(has_text=DOWNLOAD_PAGE.title).click()
        wait_idle(tab, 60_000)
        button = tab.get_by_role("button", name=DOWNLOAD_LABEL)
        button.scroll_into_view_if_needed()
        with tab.expect_download(timeout=30_000) as info:
            button.click()
        download = info.value
        assert download.failure() is None
        assert "/media/" in download.url and open(download.path(), encoding="utf-8-sig").readline().strip()
        media = tab.context.request.get(download.url)  # the same file again, with the context's cookies
        assert media.status == 200
        seen.add("media", download.url, media.headers.get(BACKEND))
        assert_clean(tab)

        assert len(seen.backends) == 1, f"one session, several processes: {sorted(set(seen.seen))}"
        assert {"document", "fetch", "websocket", "media"} <= seen.kinds(), seen.kinds()
        # Why the affinity matters: the file exists in the session's process only.
        (own,) = seen.backends
        other = next(b["address"] for b in deployment["backends"] if b["address"] != own)
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"http://{other}{download.url.split(url, 1)[1]}", timeout=10)
        assert missing.value.code == 404
    finally:
        tab.context.close()


# ---- failures -------------------------------------------------------------------------------------------------

@pytest.mark.browser
def test_a_killed_process_is_restarted_while_nginx_serves_its_users_elsewhere(browser, deployment):
    url, run_dir = deployment["url"], deployment["run_dir"]
    victim = deploy_state(run_dir)["backends"][0]
    tabs = placed_tabs(browser, url)
    assert victim["address"] in tabs, f"new browsers all landed on {list(tabs)}"
    user = tabs.pop(victim["address"])  # a browser whose cookie routes it to the process about to die
    for tab in tabs.values():
        tab.context.close()
    try:
        os.kill(victim["pid"], signal.SIGKILL)
        deadline = time.monotonic() + RESTART_WITHIN
        assert [health(url)[0] for _ in range(6)] == [200] * 6  # nginx retries on the live process
        user.goto(url)  # the dead process's user reloads
        wait_idle(user, 60_000)
        assert user.locator("h1").first.inner_text().strip() == pages.HOME.h1
        assert_clean(user)
        fresh = new_tab(browser)  # and a new user arrives
        try:
            fresh.goto(url)
            wait_idle(fresh, 60_000)
            assert_clean(fresh)
        finally:
            fresh.context.close()
        back = restarted(run_dir, 0, victim["pid"], deadline)
        assert back["port"] == victim["port"] and back["restarts"] == 1
        # nginx takes the restarted process back (after max_fails' fail_timeout): its users' cookie routes there again
        while user.context.request.get(f"{url}/_stcore/health").headers.get(BACKEND) != victim["address"]:
            assert time.monotonic() < deadline, "nginx did not send the users back to the restarted process"
            time.sleep(0.5)
    finally:
        user.context.close()


def test_a_frozen_process_is_restarted_after_failing_its_health_checks(deployment):
    url, run_dir = deployment["url"], deployment["run_dir"]
    victim = deploy_state(run_dir)["backends"][1]
    os.kill(victim["pid"], signal.SIGSTOP)  # alive, its port accepting, answering nothing
    try:
        deadline = time.monotonic() + RESTART_WITHIN
        assert health(url)[0] == 200  # nginx times out on the frozen one (5 s) and asks the other
        back = restarted(run_dir, 1, victim["pid"], deadline)
        assert back["port"] == victim["port"]
        assert "failed 2 health checks in a row" in (Path(deployment["log_dir"]) / "serve.log").read_text()
    finally:
        if b"streamlit" in _cmdline(victim["pid"]):  # not replaced (the test failed): let it go on, for the stop
            os.kill(victim["pid"], signal.SIGCONT)


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


# ---- load ---------------------------------------------------------------------------------------------------

def test_fifty_users_for_a_minute_through_nginx_without_an_error(tmp_path):
    """benchmarks/load.py --proxy in its own process (its own serve.py, nginx and two processes): the users open
    sessions through nginx with the cookies of their first answer and change filters and pages for 60 s; every
    rerun's result is checked against what the user asked for. No latency assertion: that is a benchmark target."""
    _nginx()
    result = tmp_path / "load.json"
    done = subprocess.run(
        [sys.executable, "benchmarks/load.py", "--users", "50", "--seconds", "60", "--replicas", str(PROCESSES),
         "--proxy", "--baseline-seconds", "0", "--json", str(result)],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    print(done.stdout)
    assert done.returncode == 0, done.stderr[-5000:]
    load = json.loads(result.read_text())["load"]
    assert load["errors"] == 0, load["error_samples"]
    assert load["reruns"] > 0 and load["checked"] == load["reruns"]  # every filter and page rerun verified
    assert load["unplaced_users"] == 0 and all(x["users"] > 0 for x in load["per_replica"])
    assert load["proxy"]["restarts"] == 0
    assert [line for line in load["server_log_problems"] if "Traceback" in line or "[nginx]" in line] == []
