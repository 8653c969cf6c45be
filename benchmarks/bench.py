"""Performance benchmark of issue 9: every figure is a ratio against a baseline measured in the same run,
interleaved, medians over repeats (absolute times on a shared 2-core machine drift), or a load figure with its
target.

    .venv/bin/python benchmarks/bench.py [--quick] [--only PARTS] [--out docs/performance.md]

Parts (all by default; `--only rerun,load` runs some; `--no-browser` drops browser and filter):
rerun   a. AppTest reruns of every page / reruns of an empty script, three kinds: defaults, a year-filter change
           between two ranges (both view-cache hits after warm-up), a new selection (a year range not seen before
           in the run: view-cache misses).
scale   b. The same three kinds with TURAN_DATA_DIR on a generated 100x dataset (--factor) / on the real data.
browser c. Browser time to idle and charts drawn per page / a one-chart hello page; a Playwright memory cross-check.
filter  d. Browser: year slider changed by keyboard until redrawn, per page / the same on a hello page with a slider.
memory  e. Server RSS with 1 and with N (--sessions, 100) websocket sessions open (benchmarks/load.py).
load    f. N simulated users (--load-users 25) for --load-seconds (60) over the websocket (benchmarks/load.py):
           rerun latency p50/p95/max, errors, server CPU and RSS; once per --load-replicas count (1,2): that many
           `streamlit run` processes, user i pinned to process i % N (sticky sessions).
views   g. What one process holds: the data bundle and one entry of the view cache (tracemalloc).
proxy   h. N users (--proxy-users 50) for --load-seconds through nginx in front of --proxy-processes (2) processes
           (deploy/serve.py; benchmarks/load.py --proxy): nginx's cookie affinity places the users; as f, plus how
           they spread over the processes.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks"), str(ROOT / "tests" / "app"), str(ROOT / "tests" / "browser")]
os.chdir(ROOT)

import generate  # noqa: E402
import load as load_test  # noqa: E402  (benchmarks/load.py)
import streamclient  # noqa: E402
import streamlit as st  # noqa: E402
import streamlit.testing.v1.app_test as app_test_module  # noqa: E402
from browserkit import CHARTS_DRAWN, IDLE_AND_DRAWN  # noqa: E402  (tests/browser/browserkit.py)
from conftest import _NavigationPagesManager  # noqa: E402  (tests/app/conftest.py: entrypoint + page, as the server)
from streamlit.testing.v1 import AppTest  # noqa: E402

from turan import pages  # noqa: E402

# Run pages through the entrypoint exactly as the AppTest tests do.
app_test_module.PagesManager = _NavigationPagesManager

PAGES = [f"{p.id}.py" for p in pages.PAGES]  # the page registry, in navigation order
URL_PATHS = {f"{p.id}.py": p.url_path for p in pages.PAGES}
FILTERED_YEARS = (2005, 2015)
TIMEOUT = 300


# ---- a/b: AppTest reruns ---------------------------------------------------------------------------------

def open_page(name: str) -> AppTest:
    """As tests/app/apphelp.py run_page: open the entrypoint, then switch to pages/<name> (untimed setup)."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    at.run()
    at = at.switch_page(f"pages/{name}").run()
    assert not at.exception, f"{name}: {at.exception}"
    return at


KINDS = ("defaults", "filter change", "new selection")
CACHED_KINDS = KINDS[:2]  # the view cache holds their selection after the warm-up round


NEW_SELECTION_SPAN = 10  # new selections cover at least this many years (see SelectionWalk)


class SelectionWalk:
    """Sidebar year ranges for the *new selection* reruns: (start, end) pairs with end - start >= NEW_SELECTION_SPAN
    (narrower ranges often hold no row of the sparse tables, e.g. aid, and draw an empty page that costs no more
    than a cache hit), in a fixed shuffled order (seed 9), handed out once per run, never the default (full) range
    nor FILTERED_YEARS. Each page also gets
    an end year it has not had in this run, because the scenario page's views depend on the end year alone (its
    own year slider follows the sidebar's last year). So no new-selection rerun can find its views in the cache;
    Case counts the views each rerun computed to show it."""

    def __init__(self) -> None:
        import random

        from turan import ui
        lo, hi = ui.year_bounds()
        self.pool = [(a, b) for a in range(lo, hi + 1) for b in range(a + NEW_SELECTION_SPAN, hi + 1)
                     if (a, b) not in ((lo, hi), FILTERED_YEARS)]
        random.Random(9).shuffle(self.pool)
        self.reserved_ends = {hi, FILTERED_YEARS[1]}  # the cached kinds' ranges end there
        self.ends: dict[str, set[int]] = {}

    def take(self, page: str, n: int) -> list[tuple[int, int]]:
        ends = self.ends.setdefault(page, set(self.reserved_ends))
        pairs = []
        for _ in range(n):
            pair = next((p for p in self.pool if p[1] not in ends), None) or self.pool[0]  # (ends run out: any)
            self.pool.remove(pair)
            ends.add(pair[1])
            pairs.append(pair)
        return pairs


WALK: SelectionWalk | None = None


def walk() -> SelectionWalk:
    global WALK
    WALK = WALK or SelectionWalk()
    return WALK


def view_cache_keys() -> set | None:
    """The keys of every entry in turan.ui.state's view cache (`_view`, an st.cache_resource), from Streamlit's
    internals; None if they are not where Streamlit 1.67 keeps them. A key present after a rerun and not before it
    is a view that rerun computed (a cache miss)."""
    try:
        from streamlit.runtime.caching import cache_resource_api
        keys = set()
        for caches in list(cache_resource_api._resource_caches._function_caches.values()):
            for func_key, cache in list(caches.items()):
                if cache.display_name.endswith("ui.state._view"):
                    keys |= {(func_key, value_key) for value_key in list(cache._mem_cache.keys())}
        return keys
    except Exception:  # noqa: BLE001 - instrumentation only
        return None


class Case:
    """One timed rerun kind of one page (KINDS). `step()` sets up the app's state, then performs and times one
    rerun. *filter change* alternates between two year ranges (cache hits after the warm-up round); *new selection*
    sets the next of its `selections`, each a range no rerun has had before in this run (cache misses)."""

    def __init__(self, label: str, at: AppTest, kind: str = "defaults", data_dir: str | None = None,
                 selections: list[tuple[int, int]] | None = None):
        assert kind in KINDS, kind
        self.label, self.at, self.kind, self.data_dir = label, at, kind, data_dir
        self.page = next((w for w in label.split() if w.endswith(".py")), label)
        self.selections = list(selections or [])
        assert kind != "new selection" or self.selections, label
        self.times: list[float] = []
        self.computed: list[int] = []  # views computed (view cache misses) per timed rerun; -1 if unknown
        self._flip = False

    def step(self) -> None:
        _use_data(self.data_dir)
        if self.kind == "filter change":  # alternate between a narrowed and the full year range: every rerun a change
            self._flip = not self._flip
            slider = self.at.slider(key="years")
            slider.set_value(FILTERED_YEARS if self._flip else (slider.min, slider.max))
        elif self.kind == "new selection":
            self.at.slider(key="years").set_value(self.selections.pop(0))
        before = view_cache_keys()
        start = time.perf_counter()
        self.at.run()
        self.times.append(time.perf_counter() - start)
        after = view_cache_keys()
        self.computed.append(len(after - before) if before is not None and after is not None else -1)
        assert not self.at.exception, f"{self.label}: {self.at.exception}"

    def clear(self) -> None:
        self.times.clear()
        self.computed.clear()

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def views(self) -> str:
        """Views computed per timed rerun, as 'n' or 'min-max' ('?' if not counted)."""
        if not self.computed or min(self.computed) < 0:
            return "?"
        lo, hi = min(self.computed), max(self.computed)
        return str(lo) if lo == hi else f"{lo}-{hi}"



def _use_data(data_dir: str | None) -> None:
    if data_dir:
        os.environ["TURAN_DATA_DIR"] = data_dir
    else:
        os.environ.pop("TURAN_DATA_DIR", None)


def rerun_cases(data_dir: str | None, tag: str, rounds: int, selections: dict | None = None) -> list[Case]:
    """The three kinds for every page, `rounds` steps each (warm-up included). selections: {page: ranges} to reuse
    (the scale part gives the generated data the real data's ranges: another data version, another cache key);
    by default new ones from the run's SelectionWalk."""
    _use_data(data_dir)
    cases = []
    for name in PAGES:
        chosen = selections[name] if selections else walk().take(name, rounds)
        for kind in KINDS:
            cases.append(Case(f"{tag}{name} {kind}", open_page(name), kind, data_dir,
                              chosen if kind == "new selection" else None))
    return cases


def interleave(cases: list[Case], repeats: int, warmup: int = 1) -> None:
    for _ in range(warmup):
        for case in cases:
            case.step()
        for case in cases:
            case.clear()
    for _ in range(repeats):
        for case in cases:
            case.step()


# ---- c/d: browser ----------------------------------------------------------------------------------------

HELLO = '''import plotly.graph_objects as go
import streamlit as st
st.title("Hello")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[1, 3, 2])))
'''
# d's baseline: the same kind of widget as the dashboard's (a sidebar range slider bound to the URL, key "years")
# changing the one chart, so a filter change is compared like with like.
HELLO_SLIDER = '''import plotly.graph_objects as go
import streamlit as st
st.title("Hello")
years = st.sidebar.slider("Years", min_value=1991, max_value=2026, value=(1991, 2026), key="years",
                          bind="query-params")
xs = list(range(years[0], years[1] + 1))
st.plotly_chart(go.Figure(go.Bar(x=xs, y=[x % 7 + 1 for x in xs])))
'''
# d: one MutationObserver on the main area records the time of its last change; a keydown (captured) starts the
# clock. Read after the rerun's script_finished, idle and charts drawn, and 300 ms without any change.
ARM_REDRAW = """() => {
  const w = window;
  if (!w.__bench) {
    w.__bench = {t0: 0, last: 0};
    new MutationObserver(() => { w.__bench.last = performance.now(); })
      .observe(document.querySelector('[data-testid=stMain]'),
               {subtree: true, childList: true, attributes: true, characterData: true});
    document.addEventListener('keydown', () => { w.__bench.t0 = performance.now(); w.__bench.last = 0; }, true);
  }
}"""
QUIET_MS = 300
QUIET = f"() => window.__bench.last > 0 && performance.now() - window.__bench.last > {QUIET_MS}"
START_THUMB = '[data-testid=stSidebar] input[aria-label="Years — start"]'


def start_server(script: str, cwd: Path) -> tuple[subprocess.Popen, str]:
    return streamclient.start_server(script, cwd)


stop = streamclient.stop
rss_mb = streamclient.rss_mb


def wait_drawn(tab, timeout: float = 60_000) -> None:
    idle = "[data-testid=stApp][data-test-script-state=notRunning]"
    tab.wait_for_selector(idle, timeout=timeout)
    tab.wait_for_function(CHARTS_DRAWN, timeout=timeout)
    tab.wait_for_timeout(100)  # a rerun that starts right after the first one (query-param sync) must finish too
    tab.wait_for_selector(idle, timeout=timeout)
    tab.wait_for_function(CHARTS_DRAWN, timeout=timeout)


def chromium_args() -> list[str]:
    import importlib.util
    spec = importlib.util.spec_from_file_location("browser_conftest", ROOT / "tests" / "browser" / "conftest.py")
    browser_conftest = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(browser_conftest)
    return browser_conftest.CHROMIUM_ARGS  # the browser tests' launch args


def browser_bench(repeats: int, sessions: int, app_dir: Path = ROOT) -> dict:
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="bench_hello_"))
    (tmp / "hello.py").write_text(HELLO)
    app, app_url = start_server("dashboard.py", app_dir)
    hello, hello_url = start_server(str(tmp / "hello.py"), tmp)
    result: dict = {"idle": {}, "memory": {}}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=chromium_args(), headless=True)

            def visit(url: str) -> float:
                context = browser.new_context(viewport={"width": 1600, "height": 1000})
                tab = context.new_page()
                start = time.perf_counter()
                tab.goto(url, wait_until="commit")
                wait_drawn(tab)
                elapsed = time.perf_counter() - start
                assert tab.locator("[data-testid=stException]").count() == 0, url
                context.close()
                return elapsed

            visit(app_url)  # warm both servers (first deep link after start, data load, caches)
            visit(hello_url)
            times: dict[str, list[float]] = {"hello": [], **{p: [] for p in PAGES}}
            for _ in range(repeats):
                for page in PAGES:  # interleaved: hello before every page
                    times["hello"].append(visit(hello_url))
                    times[page].append(visit(f"{app_url}/{URL_PATHS[page]}"))
            result["idle"] = {k: statistics.median(v) for k, v in times.items()}

            # memory cross-check (the figure itself is part e): server RSS after 1 and after `sessions` Playwright
            # contexts on the overview page
            if sessions > 1:
                contexts = []

                def open_session() -> None:
                    context = browser.new_context(viewport={"width": 1280, "height": 800})
                    tab = context.new_page()
                    tab.goto(app_url, wait_until="commit")
                    wait_drawn(tab)
                    contexts.append(context)

                base = rss_mb(app.pid)
                open_session()
                time.sleep(2)
                one = rss_mb(app.pid)
                for _ in range(sessions - 1):
                    open_session()
                time.sleep(2)
                many = rss_mb(app.pid)
                result["memory"] = {"idle": base, "one": one, "many": many, "n": sessions,
                                    "per_session": (many - one) / (sessions - 1)}
                for context in contexts:
                    context.close()
            browser.close()
    finally:
        stop(app)
        stop(hello)
    return result


def _is_script_finished(payload) -> bool:
    if isinstance(payload, str):
        return False
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    msg = ForwardMsg()
    msg.ParseFromString(payload)
    return msg.WhichOneof("type") == "script_finished"


class SliderTab:
    """One browser tab kept open on a page; `step()` moves the sidebar year slider's start thumb one year by
    keyboard and times keydown -> the last change of the main area once the rerun is over and the charts drawn."""

    def __init__(self, browser, url: str, bounce: bool):
        self.context = browser.new_context(viewport={"width": 1600, "height": 1000})
        self.tab = self.context.new_page()
        self.sockets: list = []
        self.tab.on("websocket", lambda ws: self.sockets.append(ws))
        self.tab.goto(url, wait_until="commit")
        wait_drawn(self.tab)
        self.tab.evaluate(ARM_REDRAW)
        self.url, self.bounce, self.direction = url, bounce, 1
        self.times: list[float] = []
        self.finished: list[float] = []  # keydown -> script_finished received (wall clock, for the record)

    def step(self) -> float:
        try:
            return self._step()
        except Exception as err:
            shot = Path(tempfile.mkdtemp(prefix="bench_filter_")) / "failed.png"
            self.tab.screenshot(path=str(shot))
            raise RuntimeError(f"{self.url}: {err} (screenshot {shot})") from err

    def _step(self) -> float:
        thumb = self.tab.locator(START_THUMB).first
        value, top = int(thumb.input_value()), int(thumb.get_attribute("max") or 2026)
        if self.bounce and not 1992 <= value + self.direction <= top - 1:
            self.direction = -self.direction
        expected = value + self.direction
        thumb.focus()
        started = time.perf_counter()
        with self.sockets[-1].expect_event("framereceived", predicate=_is_script_finished, timeout=60_000):
            self.tab.keyboard.press("ArrowRight" if self.direction > 0 else "ArrowLeft")
        self.finished.append(time.perf_counter() - started)
        self.tab.wait_for_function(IDLE_AND_DRAWN, timeout=60_000)
        self.tab.wait_for_function(QUIET, timeout=60_000)
        elapsed = self.tab.evaluate("() => (window.__bench.last - window.__bench.t0) / 1000")
        got = urllib.parse.parse_qs(urllib.parse.urlparse(self.tab.url).query).get("years", [None])[0]
        assert got == str(expected), f"{self.url}: the slider change did not reach the URL ({got} != {expected})"
        exceptions = self.tab.locator("[data-testid=stException]")
        assert exceptions.count() == 0, f"{self.url}: exception after the change: {exceptions.first.inner_text()[:500]}"
        self.times.append(elapsed)
        return elapsed


def filter_bench(repeats: int, app_dir: Path = ROOT) -> dict:
    """d: one tab per dashboard page and one hello tab, opened once; each round moves the year slider on the hello
    tab and then on a page, for every page (interleaved, one warm-up round discarded). The dashboard tabs walk the
    start year up one year per step (every value new, so no filter combination repeats on a page); the hello tab
    bounces between 1992 and max-1."""
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="bench_hello_slider_"))
    (tmp / "hello.py").write_text(HELLO_SLIDER)
    (tmp / ".streamlit").mkdir()
    shutil.copy2(app_dir / ".streamlit" / "config.toml", tmp / ".streamlit" / "config.toml")  # same server options
    app, app_url = start_server("dashboard.py", app_dir)
    hello, hello_url = start_server(str(tmp / "hello.py"), tmp)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=chromium_args(), headless=True)
            warm = browser.new_context()
            warm.new_page().goto(app_url)  # the first deep link after a server start can miss the navigation
            wait_drawn(warm.pages[0])
            warm.close()
            hello_tab = SliderTab(browser, hello_url, bounce=True)
            tabs = {page: SliderTab(browser, f"{app_url}/{URL_PATHS[page]}", bounce=False) for page in PAGES}
            for round_ in range(repeats + 1):
                for page in PAGES:
                    hello_tab.step()
                    tabs[page].step()
                if round_ == 0:  # warm-up round: the first change on each tab
                    for t in (hello_tab, *tabs.values()):
                        t.times.clear()
                        t.finished.clear()
            result = {"hello": statistics.median(hello_tab.times),
                      "hello_finished": statistics.median(hello_tab.finished),
                      **{p: statistics.median(t.times) for p, t in tabs.items()},
                      "finished": {p: statistics.median(t.finished) for p, t in tabs.items()},
                      "steps": repeats}
            browser.close()
    finally:
        stop(app)
        stop(hello)
    return result


# ---- report ----------------------------------------------------------------------------------------------

REAL_ROWS = {t.name: len(generate.read(generate.DEFAULT_DATA_DIR / t.file)[1]) for t in generate.schema.TABLES}


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next(int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
               if line.startswith("MemTotal"))
    return f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {cpu}, {mem} MB RAM, {platform.platform()}"


def versions() -> str:
    import pandas
    import plotly
    import pydeck
    chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True).stdout.strip()
    return (f"Python {platform.python_version()}, Streamlit {st.__version__}, plotly {plotly.__version__}, "
            f"pandas {pandas.__version__}, pydeck {pydeck.__version__}, {chromium or 'chromium ?'}")


LOAD_P95 = {1: 2.0, 2: 1.0}  # f's p95 target (s) by processes: one process may take 2 s, one per core 1 s (issue 22)


def verdict(ratio: float, target: float) -> str:
    return "met" if ratio <= target else f"**missed** ({ratio / target:.1f}x over)"


def rerun_part(repeats: int) -> tuple:
    """a. rerun cost vs the empty script."""
    st.cache_resource.clear()
    st.cache_data.clear()
    empty_file = Path(tempfile.mkdtemp(prefix="bench_empty_")) / "empty.py"
    empty_file.write_text("import streamlit as st\n")
    empty_at = AppTest.from_file(str(empty_file), default_timeout=TIMEOUT).run()
    empty = Case("empty script", empty_at)
    cases = rerun_cases(None, "", repeats + 1)
    interleave([empty, *cases], repeats)
    print(f"empty script: {empty.median * 1000:.1f} ms")
    for c in cases:
        print(f"{c.label:40s} {c.median * 1000:8.1f} ms  {c.median / empty.median:6.1f}x  views computed {c.views}")
    return empty, cases


def scale_part(factor: int, repeats: int) -> tuple:
    """b. scale: generated data vs the real data, interleaved."""
    gen_dir = Path(tempfile.mkdtemp(prefix=f"bench_data_{factor}x_"))
    counts = generate.generate(gen_dir, factor)
    check = subprocess.run([sys.executable, "-m", "turan.validate", str(gen_dir)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    from turan import load
    load_start = time.perf_counter()
    load.load(gen_dir)
    big_load = time.perf_counter() - load_start
    load_start = time.perf_counter()
    load.load(load.DEFAULT_DATA_DIR)
    real_load = time.perf_counter() - load_start
    real_cases = rerun_cases(None, "real ", repeats + 1)
    # the same new ranges on the generated data: another data version, so another cache key (still misses)
    same = {c.page: c.selections for c in real_cases if c.kind == "new selection"}
    big_cases = rerun_cases(str(gen_dir), f"{factor}x ", repeats + 1, same)
    pairs = list(zip(real_cases, big_cases))
    try:
        interleave([c for pair in pairs for c in pair], repeats)
    finally:
        _use_data(None)
    for real, big in pairs:
        print(f"{real.label:40s} {real.median * 1000:8.1f} ms  views computed {real.views}")
        print(f"{big.label:40s} {big.median * 1000:8.1f} ms  {big.median / real.median:6.2f}x real  "
              f"views computed {big.views}")
    return pairs, counts, big_load, real_load


def views_part(rounds: int) -> dict:
    """g. What one process holds: the data bundle, and one entry of the view cache, measured with tracemalloc
    (Python allocations still alive after a garbage collection) around `rounds` new-selection reruns per page."""
    import gc
    import tracemalloc

    from turan import load, ui
    from turan.ui import state
    state._view.clear()  # start empty: a full cache would drop old entries while these are added
    tracemalloc.start()
    try:
        gc.collect()
        before = tracemalloc.get_traced_memory()[0]
        bundle = load.load(load.DEFAULT_DATA_DIR)
        gc.collect()
        data_bytes = tracemalloc.get_traced_memory()[0] - before
        del bundle
        pages = {}
        for name in PAGES:
            at = open_page(name)
            gc.collect()
            keys, before = view_cache_keys(), tracemalloc.get_traced_memory()[0]
            for pair in walk().take(name, rounds):
                at.slider(key="years").set_value(pair)
                at.run()
                assert not at.exception, f"{name}: {at.exception}"
            gc.collect()
            grown, added = tracemalloc.get_traced_memory()[0] - before, view_cache_keys()
            new = len(added - keys) if keys is not None and added is not None else 0
            pages[name] = {"views": new, "bytes": grown, "per_view": grown / new if new else None}
    finally:
        tracemalloc.stop()
    weights = [v["per_view"] for v in pages.values() if v["per_view"] and v["per_view"] > 0]  # <= 0: noise
    return {"rounds": rounds, "data_bytes": data_bytes, "pages": pages, "entries": ui.VIEW_ENTRIES,
            "median_view": statistics.median(weights) if weights else None,
            "max_view": max(weights) if weights else None}


PARTS = ("rerun", "scale", "browser", "filter", "memory", "load", "views", "proxy")


def main() -> None:
    parser = argparse.ArgumentParser(description="Performance benchmark of issue 9 (docs/performance.md via --out).",
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[5:]))
    parser.add_argument("--quick", action="store_true",
                        help="fewer repeats (3), 20 sessions, 20 s of load, 3 Playwright contexts")
    parser.add_argument("--only", help=f"comma-separated parts to run, of: {','.join(PARTS)} (default: all)")
    parser.add_argument("--no-browser", action="store_true", help="leave out the Chromium parts (browser, filter)")
    parser.add_argument("--factor", type=int, default=100)
    parser.add_argument("--scale-repeats", type=int, help="rounds for the scale part (default: as the others)")
    parser.add_argument("--sessions", type=int, help="websocket sessions held open for the memory figure (default 100)")
    parser.add_argument("--browser-sessions", type=int,
                        help="Playwright contexts for the memory cross-check in part c (default 5; 0 or 1: none)")
    parser.add_argument("--load-users", type=int, default=25)
    parser.add_argument("--load-seconds", type=float, help="default 60")
    parser.add_argument("--load-timeout", type=float, default=30.0, help="seconds before a rerun counts as timed out")
    parser.add_argument("--load-replicas", default="1,2",
                        help="comma-separated server process counts; the load part runs once per count (default 1,2)")
    parser.add_argument("--load-baseline-seconds", type=float, default=20.0,
                        help="before the crowd, one user alone this long as the uncontended reference (0: skip)")
    parser.add_argument("--proxy-users", type=int, default=50, help="users of the proxy part (default 50)")
    parser.add_argument("--proxy-processes", type=int, default=2,
                        help="Streamlit processes behind nginx in the proxy part (default 2)")
    parser.add_argument("--snapshot", action="store_true",
                        help="serve a copy of the app from a temp dir in the server parts (edits to the tree during "
                             "the run neither count nor trigger the file watcher)")
    parser.add_argument("--out", type=Path, help="write the report here (e.g. docs/performance.md)")
    args = parser.parse_args()
    parts = set(PARTS) if not args.only else {p.strip() for p in args.only.split(",") if p.strip()}
    if parts - set(PARTS):
        parser.error(f"unknown part(s) {sorted(parts - set(PARTS))}; choose from {','.join(PARTS)}")
    if args.no_browser:
        parts -= {"browser", "filter"}
    try:
        args.load_replicas = sorted({int(n) for n in str(args.load_replicas).split(",") if n.strip()})
        assert args.load_replicas and min(args.load_replicas) >= 1
    except (ValueError, AssertionError):
        parser.error(f"--load-replicas: positive integers separated by commas, not {args.load_replicas!r}")
    repeats = 3 if args.quick else 5
    args.scale_repeats = args.scale_repeats or repeats
    args.sessions = args.sessions or (20 if args.quick else 100)
    args.browser_sessions = args.browser_sessions if args.browser_sessions is not None else (3 if args.quick else 5)
    args.load_seconds = args.load_seconds or (20 if args.quick else 60)
    app_dir = streamclient.snapshot_app(Path(tempfile.mkdtemp(prefix="bench_app_"))) if args.snapshot else ROOT
    began = time.monotonic()
    results: dict = {}

    def attempt(name: str, measure) -> None:  # keep the other parts when one fails
        try:
            results[name] = measure()
            if name.startswith(("load", "proxy")):
                print(load_test.describe_load(results[name]))
            elif name in ("browser", "filter", "memory", "views"):
                print(name, results[name])
        except Exception as err:  # noqa: BLE001
            import traceback
            traceback.print_exc()
            print(f"{name} part failed: {err!r}")
            results[f"{name}_error"] = repr(err)

    if "rerun" in parts:
        attempt("rerun", lambda: rerun_part(repeats))
    if "scale" in parts:
        attempt("scale", lambda: scale_part(args.factor, args.scale_repeats))
    if "browser" in parts:
        attempt("browser", lambda: browser_bench(3, args.browser_sessions, app_dir))
    if "filter" in parts:
        attempt("filter", lambda: filter_bench(repeats, app_dir))
    if "memory" in parts:
        attempt("memory", lambda: load_test.run_memory(args.sessions, app_dir))
    if "views" in parts:
        attempt("views", lambda: views_part(3 if args.quick else 6))
    if "load" in parts:
        for n in args.load_replicas:  # results "load1", "load2", ...: one run per process count, each fresh
            attempt(f"load{n}", lambda n=n: load_test.run_load(args.load_users, args.load_seconds, app_dir,
                                                               timeout=args.load_timeout,
                                                               baseline_seconds=args.load_baseline_seconds,
                                                               replicas=n))
    if "proxy" in parts:
        attempt("proxy", lambda: load_test.run_load(args.proxy_users, args.load_seconds, app_dir,
                                                    timeout=args.load_timeout,
                                                    baseline_seconds=args.load_baseline_seconds,
                                                    replicas=args.proxy_processes, proxy=True))

    elapsed = time.monotonic() - began
    report = render(args, repeats, parts, results, elapsed)
    print(report)
    if args.out:
        args.out.write_text(report)


def _not_measured(parts: set, part: str, results: dict, key: str | None = None) -> str:
    """Why PART has no figure: not run, or the error of its result KEY (default: the part's name)."""
    if part not in parts:
        return "not measured in this run"
    error = " ".join(results.get((key or part) + "_error", "?").split()).replace("|", "/")
    return f"failed in this run: {error[:200]}"


def _spread(ratios: dict, fmt: str) -> str:
    values = list(ratios.values())
    return (f"{statistics.median(values):{fmt}}x (range {min(values):{fmt}}x-{max(values):{fmt}}x, "
            f"{len(values)} cases)")


def _worst(ratios: dict) -> str:
    return max(ratios, key=ratios.get).replace(".py", "").strip()


def render(args, repeats: int, parts: set, results: dict, elapsed: float) -> str:
    ms = lambda s: f"{s * 1000:.0f} ms"  # noqa: E731
    lines = [
        "# Performance",
        "",
        f"Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC with `.venv/bin/python benchmarks/bench.py "
        f"{' '.join(sys.argv[1:])}` ({elapsed / 60:.1f} min). Parts run: "
        f"{', '.join(p for p in PARTS if p in parts) or 'none'}.",
        "",
        f"- Machine: {machine()}",
        f"- Versions: {versions()}",
        f"- Method: every ratio is against a baseline measured in the same run, the cases interleaved "
        f"round-robin (one rerun of each case per round), one warm-up round discarded, **median of {repeats} rounds** "
        f"(scale: {args.scale_repeats}; browser time to idle: 3). "
        "Absolute times are given only to show the scale; on a shared 2-core machine they drift between runs. "
        "Memory and load figures are absolute, measured on a fresh `streamlit run dashboard.py` each"
        + (" (served from a copy of the app taken at the start, `--snapshot`)." if args.snapshot else "."),
        "",
        "## Targets",
        "",
        "| Measure | Target | Measured | Verdict |",
        "|---|---|---|---|",
    ]
    if "rerun" in results:
        empty, cases = results["rerun"]
        hit = {c.label: c.median / empty.median for c in cases if c.kind in CACHED_KINDS}
        miss = {c.label: c.median / empty.median for c in cases if c.kind == "new selection"}
        lines += [
            f"| a. Rerun cost, view cache hit (*defaults* and *filter change* between two ranges seen before), "
            f"median over all pages and both kinds / empty script | <= 15x | {_spread(hit, '.1f')} | "
            f"{verdict(statistics.median(hit.values()), 15)} |",
            f"| a. Rerun cost, view cache hit (both kinds), worst page / empty script | <= 15x | "
            f"{max(hit.values()):.1f}x ({_worst(hit)}) | {verdict(max(hit.values()), 15)} |",
            f"| a. Rerun cost, first view of a selection (view cache missed: *new selection*, a year range not seen "
            f"before), median over all pages / empty script | <= 15x | {_spread(miss, '.1f')}; worst "
            f"{max(miss.values()):.1f}x ({_worst(miss).replace(' new selection', '')}) | "
            f"{verdict(statistics.median(miss.values()), 15)} |",
            f"| a. Rerun cost, first view of a selection, worst page / empty script | <= 25x | "
            f"{max(miss.values()):.1f}x ({_worst(miss).replace(' new selection', '')}) | "
            f"{verdict(max(miss.values()), 25)} |",
        ]
    else:
        lines.append(f"| a. Rerun cost / empty script | <= 15x | {_not_measured(parts, 'rerun', results)} | - |")
    if "scale" in results:
        pairs = results["scale"][0]
        hit = {big.label: big.median / real.median for real, big in pairs if real.kind in CACHED_KINDS}
        miss = {big.label: big.median / real.median for real, big in pairs if real.kind == "new selection"}
        lines += [
            f"| b. Scale, view cache hit (*defaults*, *filter change*): rerun on {args.factor}x data / real data, "
            f"median over pages and both kinds | <= 2x | {_spread(hit, '.2f')} | "
            f"{verdict(statistics.median(hit.values()), 2)} |",
            f"| b. Scale, view cache hit: worst page | <= 2x | {max(hit.values()):.2f}x ({_worst(hit)}) | "
            f"{verdict(max(hit.values()), 2)} |",
            f"| b. Scale, first view of a selection (view cache missed): rerun on {args.factor}x data / real data, "
            f"median over pages | <= 5x | {_spread(miss, '.2f')} | {verdict(statistics.median(miss.values()), 5)} |",
            f"| b. Scale, first view of a selection: worst page | <= 5x | {max(miss.values()):.2f}x "
            f"({_worst(miss).replace(' new selection', '')}) | "
            f"{verdict(max(miss.values()), 5)} |",
        ]
    else:
        lines.append(f"| b. Scale: rerun on {args.factor}x data / real data | <= 2x | "
                     f"{_not_measured(parts, 'scale', results)} | - |")
    if "browser" in results:
        idle = results["browser"]["idle"]
        ratios = [idle[p] / idle["hello"] for p in PAGES]
        lines += [
            f"| c. Browser time to idle and charts drawn, median page / hello page | <= 1.5x | "
            f"{statistics.median(ratios):.2f}x (range {min(ratios):.2f}x-{max(ratios):.2f}x) | "
            f"{verdict(statistics.median(ratios), 1.5)} |",
            f"| c. Browser time to idle, worst page | <= 1.5x | {max(ratios):.2f}x | {verdict(max(ratios), 1.5)} |",
        ]
    else:
        lines.append(f"| c. Browser time to idle / hello page | <= 1.5x | "
                     f"{_not_measured(parts, 'browser', results)} | - |")
    if "filter" in results:
        redraw = results["filter"]
        ratios = [redraw[p] / redraw["hello"] for p in PAGES]
        lines += [
            f"| d. Browser year-filter change to redrawn, median page / hello page with a slider | <= 1.3x | "
            f"{statistics.median(ratios):.2f}x (range {min(ratios):.2f}x-{max(ratios):.2f}x) | "
            f"{verdict(statistics.median(ratios), 1.3)} |",
            f"| d. Filter change to redrawn, worst page | <= 1.3x | {max(ratios):.2f}x | {verdict(max(ratios), 1.3)} |",
        ]
    else:
        lines.append(f"| d. Browser filter change to redrawn / hello page | <= 1.3x | "
                     f"{_not_measured(parts, 'filter', results)} | - |")
    if "memory" in results:
        mem = results["memory"]
        lines.append(f"| e. Server memory per extra session ({mem['n']} websocket sessions vs 1) | < 0.5 MB | "
                     f"{mem['per_session']:.2f} MB ({mem['one']:.0f} MB -> {mem['many']:.0f} MB) | "
                     f"{'met' if mem['per_session'] < 0.5 else '**missed**'} |")
    else:
        lines.append(f"| e. Server memory per extra session (100 sessions vs 1) | < 0.5 MB | "
                     f"{_not_measured(parts, 'memory', results)} | - |")
    loads = {n: results[f"load{n}"] for n in args.load_replicas if f"load{n}" in results}
    for n in args.load_replicas if "load" in parts else ():
        procs = _processes(n)
        if n not in loads:
            lines.append(f"| f. Load: {args.load_users} simulated users, {procs}, p95 rerun < 1 s, zero errors | "
                         f"< 1 s, 0 | {_not_measured(parts, 'load', results, f'load{n}')} | - |")
            continue
        r = loads[n]
        lat = r["latency"]
        p95 = lat.get("p95", float("inf"))
        each = ("; per process p95 " + ", ".join(f"{x['latency'].get('p95', float('nan')):.2f} s"
                                                  for x in r["per_replica"])) if n > 1 else ""
        limit = LOAD_P95[min(n, max(LOAD_P95))]
        lines += [
            f"| f. Load: {r['users']} users for {r['seconds']:.0f} s, {procs}, rerun latency p95 (p50, max) | "
            f"< {limit:g} s | {p95:.2f} s ({lat.get('p50', 0):.2f} s, {lat.get('max', 0):.2f} s; {lat['n']} reruns"
            f"{each}) | {'met' if p95 < limit else f'**missed** ({p95 / limit:.1f}x over)'} |",
            f"| f. Load, {procs}: errors (exceptions, failed runs, filters not applied, timeouts, disconnects) | 0 | "
            f"{r['errors']} | {'met' if r['errors'] == 0 else '**missed**'} |",
        ]
    if "load" not in parts:
        lines.append(f"| f. Load: 25 simulated users, p95 rerun < 1 s, zero errors | < 1 s, 0 | "
                     f"{_not_measured(parts, 'load', results)} | - |")
    lines += proxy_targets(args, parts, results)
    comparison = replica_comparison(loads)
    if comparison:
        lines += ["", f"One process per core (f): {comparison}"]

    if "rerun" in results:
        empty, cases = results["rerun"]
        lines += [
            "",
            "## a. Rerun cost against an empty script",
            "",
            "`streamlit.testing.v1.AppTest` reruns (`at.run()` on an app already opened). Each page is opened as "
            "`tests/app/apphelp.py` `run_page` does (entrypoint `dashboard.py`, then `switch_page`), with the "
            "`_NavigationPagesManager` shim of `tests/app/conftest.py` applied, so every rerun runs entrypoint + page "
            "as the server does. Three kinds per page, each on its own AppTest, all interleaved: *defaults*: rerun "
            "with nothing changed. *Filter change*: the sidebar year slider alternates between "
            f"{FILTERED_YEARS[0]}-{FILTERED_YEARS[1]} and the full range before each rerun; after the warm-up round "
            "both ranges are in the app's view cache (`turan.ui.view`, an `st.cache_resource` shared by all sessions, "
            "keyed by data version, view and arguments), so like *defaults* it measures cache hits: what a rerun "
            "costs once somebody has looked at that selection. *New selection*: before each rerun the year slider "
            "is set to a range no rerun has had in this run (a fixed shuffled walk, seed 9, through the ranges of at "
            f"least {NEW_SELECTION_SPAN} years: narrower ones often hold no aid or event row and draw an empty page "
            "that costs about what a cache hit does; each page also gets an end year it has not had, as the "
            "scenario page's views depend on the end year alone), so the page's views are computed: what the first "
            "visitor of a selection waits for. "
            "*Views computed*: new entries in the view cache per timed rerun (min-max over the rounds), read from "
            "Streamlit's cache internals; 0 for a cache hit. "
            "Baseline: reruns of a one-line script (`import streamlit as st`), interleaved with the pages. "
            "The data bundle is cached (`st.cache_resource`) and warm in all.",
            "",
            f"Empty script: {ms(empty.median)} per rerun.",
            "",
            "| Page | Rerun | Median | / empty | Views computed |",
            "|---|---|---|---|---|",
        ]
        for c in sorted(cases, key=lambda c: (c.page, KINDS.index(c.kind))):
            lines.append(f"| {c.page} | {c.kind} | {ms(c.median)} | {c.median / empty.median:.1f}x | {c.views} |")
    if "scale" in results:
        pairs, counts, big_load, real_load = results["scale"]
        lines += [
            "",
            f"## b. Scale: {args.factor}x generated data against the real data",
            "",
            f"`benchmarks/generate.py` writes the real data {args.factor} times over into a temp dir (valid under "
            "`python -m turan.validate`). In each copy the non-power countries become made-up countries with codes "
            "from the ISO 3166 user-assigned ranges (XAA-XZZ, QMA-QZZ, AAA-AAZ, ZZA-ZZZ; 1,092 codes, reused "
            "round-robin), Turkey and the four rival powers stay themselves, ids get a copy suffix. Countries grow "
            "less than the factor (Turkey and the powers are not copied; at 100x the reserved ranges also run out) "
            "and so do indicators (rows whose country/year/indicator key would repeat are dropped):",
            "",
            "| Table | Real rows | Generated rows | Growth |",
            "|---|---|---|---|",
            *[f"| {name} | {REAL_ROWS[name]:,} | {n:,} | {n / max(REAL_ROWS[name], 1):.0f}x |"
              for name, n in counts.items()],
            "",
            f"Cold load + validation (`turan.load.load`, uncached): {ms(big_load)} for the {args.factor}x data vs "
            f"{ms(real_load)} for the real data ({big_load / real_load:.0f}x). Median of {args.scale_repeats} rounds. "
            "The app does it once per process and data version (`st.cache_resource`), so it is not in the rerun "
            "figures below. The same three kinds of rerun as in (a), with `TURAN_DATA_DIR` pointing at the generated "
            "data, interleaved with the real-data reruns. *New selection* takes the same year ranges on both data "
            "(new ones, not those of (a); the generated data is another data version, so another cache key), so "
            "each ratio compares like with like. The default country selection (every Turkic state) now takes in "
            "the made-up Turkic states too.",
            "",
            "| Page | Rerun | Real data | Generated | Ratio | Views computed (real / generated) |",
            "|---|---|---|---|---|---|",
        ]
        for real, big in sorted(pairs, key=lambda p: (p[0].page, KINDS.index(p[0].kind))):
            lines.append(f"| {real.page} | {real.kind} | {ms(real.median)} | {ms(big.median)} | "
                         f"{big.median / real.median:.2f}x | {real.views} / {big.views} |")
    if "browser" in results:
        idle, mem = results["browser"]["idle"], results["browser"]["memory"]
        lines += [
            "",
            "## c. Browser time to idle",
            "",
            "Two `streamlit run` servers on free loopback ports: the dashboard and a hello page (a title and one "
            "`plotly.graph_objects` bar chart). Debian Chromium via Playwright with the launch args of "
            "`tests/browser/conftest.py`. Each visit opens a fresh browser context, navigates (`wait_until=commit`) "
            "and stops the clock once `[data-testid=stApp][data-test-script-state=notRunning]` holds and every "
            "plotly chart has its `.main-svg` and every deck.gl chart its `canvas`, checked twice 100 ms apart "
            "(the canvas is checked for presence, not for painted pixels, so the alliance map's figure may be "
            "optimistic). Each page visit is paired with a hello visit before it; both servers were warmed first.",
            "",
            f"Hello page: {ms(idle['hello'])}.",
            "",
            "| Page | Time to idle | / hello |",
            "|---|---|---|",
            *[f"| {p} | {ms(idle[p])} | {idle[p] / idle['hello']:.2f}x |" for p in PAGES],
        ]
        if mem:
            lines += [
                "",
                f"Memory cross-check with browsers (part e has the figure): server VmRSS {mem['idle']:.0f} MB after "
                f"the visits above, {mem['one']:.0f} MB with 1 Playwright context open on the overview, "
                f"{mem['many']:.0f} MB with {mem['n']}: {mem['per_session']:.2f} MB per extra session.",
            ]
    if "filter" in results:
        redraw = results["filter"]
        lines += [
            "",
            "## d. Browser: year-filter change to redrawn",
            "",
            "Two `streamlit run` servers: the dashboard, and a hello page with the same kind of widget (a sidebar "
            "range slider `Years` 1991-2026, `key=\"years\"`, bound to the URL) that changes its one plotly bar chart "
            "(one bar per selected year), served with the dashboard's `.streamlit/config.toml`. One Chromium tab per "
            "dashboard page and one hello tab stay open; each step focuses the slider's start thumb "
            "(`input[aria-label=\"Years — start\"]`) and presses ArrowRight (the hello tab bounces between 1992 and "
            "2025), as a keyboard user does (tests/browser/test_keyboard.py). The clock runs in the page: from the "
            "keydown to the last DOM change in the main area (`[data-testid=stMain]`, a MutationObserver), read once "
            "the rerun's `script_finished` has arrived on the websocket, the app is idle, every chart is drawn and "
            f"the main area has not changed for {QUIET_MS} ms. Each step checks that the URL carries the new start "
            "year and that no exception is shown. Round-robin, a hello step before every page step, one warm-up "
            f"round discarded, median of {redraw['steps']} steps; every dashboard step is a start year the page has "
            "not had before (1993, 1994, ...). A deck.gl map redraws on its canvas, which is no DOM change: the "
            "alliance map's figure may be optimistic.",
            "",
            f"Hello page: {ms(redraw['hello'])} (keydown to script_finished received: {ms(redraw['hello_finished'])}).",
            "",
            "| Page | Change to redrawn | / hello | Keydown to script_finished |",
            "|---|---|---|---|",
            *[f"| {p} | {ms(redraw[p])} | {redraw[p] / redraw['hello']:.2f}x | {ms(redraw['finished'][p])} |"
              for p in PAGES],
        ]
    if "memory" in results:
        mem = results["memory"]
        lines += [
            "",
            f"## e. Server memory with 1 and with {mem['n']} sessions",
            "",
            "A fresh `streamlit run dashboard.py`; one websocket session (benchmarks/streamclient.py, the browser's "
            "handshake and messages, see f) opens every page once to warm the server and closes. Then one session "
            "opens the overview and stays, then the others, 10 at a time, each running the overview once and staying "
            "connected. VmRSS of the server process from /proc, median of 3 readings 0.5 s apart, 2-3 s after the "
            "last run. Headless clients hold no browser, so many sessions cost this machine little; the server keeps "
            "the same per-session state as for a browser (session state, widget states, the script runner).",
            "",
            "| State | Server VmRSS |",
            "|---|---|",
            f"| warm, no session open | {mem['idle']:.0f} MB |",
            f"| 1 session | {mem['one']:.0f} MB |",
            f"| {mem['n']} sessions ({mem['alive']} still connected at the reading; opened in "
            f"{mem['opening_seconds']:.0f} s) | {mem['many']:.0f} MB |",
            f"| all closed again, 3 s later | {mem['closed']:.0f} MB |",
            "",
            f"**{mem['per_session']:.2f} MB per extra session** (({mem['many']:.0f} - {mem['one']:.0f}) MB / "
            f"{mem['n'] - 1}).",
        ]
    if "views" in results:
        lines += ["", *views_section(results["views"])]
    elif "views" in parts:
        lines += ["", "## g. What one process holds", "", _not_measured(parts, "views", results) + "."]
    for i, r in enumerate(loads.values()):
        lines += ["", *load_section(r, full=i == 0)]
    if "proxy" in results:
        lines += ["", *proxy_section(results["proxy"], loads)]
    lines += ["", NOTES.strip()]
    return "\n".join(lines) + "\n"


def views_section(v: dict) -> list[str]:
    """g: the data bundle and the view cache, per process."""
    kb = lambda b: f"{b / 1024:.0f} KB"  # noqa: E731
    lines = [
        "## g. What one process holds",
        "",
        "Measured in this process with `tracemalloc` (Python allocations still alive after `gc.collect()`; "
        "numpy and Arrow buffers are counted where they allocate through Python's allocator, so these are lower "
        "bounds). *Data*: `turan.load.load` of the real data, once per process and data version. *Views*: every "
        f"page opened as in (a), then {v['rounds']} *new selection* reruns (year ranges not seen before, so each "
        "computes its views and keeps them in the view cache `turan.ui.view`); the growth over those reruns divided "
        "by the views they added. A view is a page's computed tables, built figures and CSV bytes for one data "
        "version and set of arguments; it is shared by every session of the process.",
        "",
        f"Data bundle: {kb(v['data_bytes'])}.",
        "",
        "| Page | Views added | Memory added | Per view |",
        "|---|---|---|---|",
    ]
    for page, x in v["pages"].items():
        per = x["per_view"]
        lines.append(f"| {page} | {x['views']} | {kb(x['bytes'])} | "
                     f"{'-' if per is None else kb(per) if per > 0 else 'below the noise (left out)'} |")
    if v["median_view"]:
        lines += ["", f"The cache keeps at most {v['entries']} views (`VIEW_ENTRIES` in `turan/ui/state.py`, least "
                      f"recently used dropped first): at the median weight ({kb(v['median_view'])}) about "
                      f"{v['entries'] * v['median_view'] / 2 ** 20:.0f} MB per process when full, at the heaviest "
                      f"({kb(v['max_view'])}) at most about {v['entries'] * v['max_view'] / 2 ** 20:.0f} MB."]
    return lines


def _processes(n: int) -> str:
    return "1 server process" if n == 1 else f"{n} server processes (user i on process i mod {n})"


def load_section(r: dict, full: bool = True) -> list[str]:
    """The f section of one load run; `full` with the method, else (a later run) only what differs."""
    s = lambda v: f"{v:.2f} s"  # noqa: E731
    server, n = r["server"], r.get("replicas", 1)
    lines = [f"## f. Load: {r['users']} simulated users for {r['seconds']:.0f} s, {_processes(n)}", ""]
    if full:
        lines += [
            "`benchmarks/load.py` (also runnable on its own) against fresh `streamlit run dashboard.py` servers with "
            "the project's config (XSRF and CORS protection on). Each user is a websocket client "
            "(`benchmarks/streamclient.py`) that does what Chromium does, as recorded from its frames: GET "
            "`/_stcore/health` for the XSRF cookie, open `/_stcore/stream` with that cookie, the server's own "
            "`Origin` and the subprotocols `streamlit, <xsrf token>`, then send `BackMsg.rerun_script` with a "
            "`ClientState` (the URL's query string, the page, widget states, the browser's context info, the hashes "
            "of the cached large elements, so big charts may come back as references as they do for a browser). "
            "Unlike the browser, which sends the state of every widget on the page, a user sends only the two "
            "sidebar filters; the others keep their defaults. Before the users start, one session opens every page "
            "on every server (warm-up) and checks that a change sent as widget states alone, without a query "
            "string, takes effect.",
            "",
            f"Each user opens a session on a random page (as a deep link), then every "
            f"{r['think'][0]:g}-{r['think'][1]:g} s (uniformly random, from the previous request; a user never has "
            f"two requests in flight) changes the sidebar year range (40%), the partner countries (40%, 1-5 of the "
            f"options) or the page (20%); the year range and the countries are drawn at random, so selections rarely "
            f"repeat. The new values go as `widget_states` with the widget ids from the server's slider/multiselect "
            f"deltas, with the \"Cite this view\" expander kept open (it is drawn only while open, and its link is "
            f"checked below); the query string is the one the browser's URL would hold. Users arrive spread over the "
            f"first "
            f"{r['think'][0]:g} s. Latency: from sending the BackMsg to receiving the `script_finished` of the run it "
            f"started. Errors: an Exception element, a `script_finished` other than FINISHED_SUCCESSFULLY, page not "
            f"found, no `script_finished` within {r['timeout']:.0f} s, a dropped connection, or a \"Cite this view\" "
            f"link whose page, years or countries differ from what the user sent (every rerun is checked, so a "
            f"change that did not take effect is an error, not a fast rerun). Seed {r['seed']}, so every run with "
            f"the same users sends the same requests.",
            "",
            "With several server processes (`--load-replicas`), each is its own `streamlit run dashboard.py` on its "
            "own port from the same app directory, and user i stays on process i mod N, as behind a load balancer "
            "with session affinity (a Streamlit session lives in one process; the websocket and its session state "
            "cannot move). Each process loads the data and fills its view cache on its own.",
            "",
        ]
    else:
        lines += [f"As above (same users, requests and seed), against {n} fresh servers.", ""]
    lat = r["latency"]
    if lat["n"]:
        lines += [
            f"- {lat['n']} filter and page reruns in {r['wall']:.0f} s ({r['rate']:.1f} per s; the users' schedule "
            f"asked for {r['planned_rate']:.1f} per s) and {r['opens']} session opens; rerun latency "
            f"**p50 {s(lat['p50'])}, p95 {s(lat['p95'])}, max {s(lat['max'])}**.",
        ]
    base = r.get("baseline")
    if base and base["latency"]["n"]:
        b = base["latency"]
        lines.append(
            f"- Uncontended reference, on the {'same server' if n == 1 else 'first server'} just before: 1 user "
            f"alone for {base['seconds']:.0f} s, a request every {base['think'][0]:g}-{base['think'][1]:g} s, same "
            f"mix: {b['n']} reruns, p50 {s(b['p50'])}, p95 {s(b['p95'])}, max {s(b['max'])}, {base['errors']} errors.")
    capacity = (f"A `streamlit run` process executes scripts in threads under one GIL, so about one core's worth: "
                f"at most ~{1 / r['cpu_per_rerun']:.1f} requests per s per process"
                + (f" (~{n / r['cpu_per_rerun']:.1f} for {n}, given {n} free cores)" if n > 1 else ""))
    lines.append(
        f"- Server CPU time per request (reruns and opens{', all processes' if n > 1 else ''}): "
        f"{r['cpu_per_rerun'] * 1000:.0f} ms under load"
        + (f", {base['cpu_per_rerun'] * 1000:.0f} ms alone" if base else "")
        + f". {capacity}, against the {r['planned_rate']:.1f} per s the users' schedule asks for (to keep up at "
        f"all, {r['planned_rate'] * r['cpu_per_rerun']:.1f} cores' worth of server CPU at the loaded cost per "
        f"request; for a p95 under 1 s, well more). Random selections make nearly every rerun a miss of the app's "
        "view cache, a worst case for it.")
    lines += [
        f"- Errors: **{r['errors']}**" + (f" ({', '.join(f'{k}: {v}' for k, v in r['errors_by_kind'].items())})"
                                          if r["errors"] else "") + ".",
        f"- Filters checked against the server's cite link: {r['checked']} matched"
        + (f", {r['unchecked']} reruns drew no link" if r["unchecked"] else "")
        + f"; the page content (charts, tables, text) changed after {r['content_changed']} of "
        f"{r['content_changed'] + r['content_same']} filter changes (some selections draw the same content, e.g. "
        "years without data).",
        f"- Server{'s' if n > 1 else ''} (`streamlit run`, all threads{f', {n} processes summed' if n > 1 else ''}): "
        f"CPU **{server['cpu_mean']:.0f}%** on average over the run (100% = one core; highest 1-s sample "
        f"{server['cpu_max']:.0f}%; the machine has {os.cpu_count()}), VmRSS {server['rss_start']:.0f} MB at the "
        f"start, **{server['rss_max']:.0f} MB at most**, {server['rss_end']:.0f} MB at the end.",
        f"- The load client (one process, all users) used {r['client_cpu']:.0f}% of a core on the same machine. "
        f"A user whose previous rerun was still running started the next one late: {r['late_p95']:.2f} s (p95). "
        f"Load average (1, 5, 15 min) at the start {', '.join(f'{x:.1f}' for x in r.get('load_avg_start', ()))}, "
        f"at the end {', '.join(f'{x:.1f}' for x in r['load_avg'])} (other work on the machine shows here).",
    ]
    if n > 1:
        lines += ["", "| Process | Users | Reruns (+ opens) | p50 | p95 | max | Errors | CPU mean (max 1 s) | "
                      "CPU per request | VmRSS max |", "|---|---|---|---|---|---|---|---|---|---|"]
        for x in r["per_replica"]:
            xl, xs = x["latency"], x["server"]
            times = (f"{s(xl['p50'])} | {s(xl['p95'])} | {s(xl['max'])}" if xl["n"] else "- | - | -")
            lines.append(f"| {x['replica']} | {x['users']} | {x['reruns']} (+{x['opens']}) | {times} | "
                         f"{x['errors']} | {xs['cpu_mean']:.0f}% ({xs['cpu_max']:.0f}%) | "
                         f"{x['cpu_per_rerun'] * 1000:.0f} ms | {xs['rss_max']:.0f} MB |")
    lines += ["", "| Request | n | p50 | p95 | max |", "|---|---|---|---|---|"]
    names = {"open": "session open (first run, deep link)", "years": "year range change",
             "countries": "countries change", "page": "page switch"}
    for kind, v in r["by_kind"].items():
        if v["n"]:
            lines.append(f"| {names.get(kind, kind)} | {v['n']} | {s(v['p50'])} | {s(v['p95'])} | {s(v['max'])} |")
    lines += ["", "| Page (filter changes and switches to it) | n | p50 | p95 | max |", "|---|---|---|---|---|"]
    for page, v in r["by_page"].items():
        lines.append(f"| {page} | {v['n']} | {s(v['p50'])} | {s(v['p95'])} | {s(v['max'])} |")
    if r["errors"]:
        lines += ["", "First errors:", ""]
        lines += [f"- {e['t']} s, user {e['user']}" + (f" (process {e['replica']})" if n > 1 else "")
                  + f", {e['kind']}: {e['detail']}" for e in r["error_samples"][:10]]
    if r.get("server_log_problems"):
        lines += ["", "Server log lines with warnings or errors:", "", "```",
                  *r["server_log_problems"][:10], "```"]
    return lines


def proxy_targets(args, parts: set, results: dict) -> list[str]:
    """h's rows of the targets table: p95 under 1 s and zero errors through nginx."""
    if "proxy" not in results:
        return [f"| h. Load through nginx: {args.proxy_users} users, {_processes_behind(args.proxy_processes)}, p95 "
                f"rerun < 1 s, zero errors | < 1 s, 0 | {_not_measured(parts, 'proxy', results)} | - |"]
    r = results["proxy"]
    lat, n = r["latency"], r["replicas"]
    p95 = lat.get("p95", float("inf"))
    each = "; per process p95 " + ", ".join(f"{x['latency'].get('p95', float('nan')):.2f} s" for x in r["per_replica"])
    return [
        f"| h. Load through nginx: {r['users']} users for {r['seconds']:.0f} s, {_processes_behind(n)}, rerun latency "
        f"p95 (p50, max) | < 1 s | {p95:.2f} s ({lat.get('p50', 0):.2f} s, {lat.get('max', 0):.2f} s; {lat['n']} "
        f"reruns{each}) | {'met' if p95 < 1 else f'**missed** ({p95:.1f}x over)'} |",
        f"| h. Load through nginx, {_processes_behind(n)}: errors (exceptions, failed runs, filters not applied, "
        f"timeouts, disconnects, broken affinity) | 0 | {r['errors']} | "
        f"{'met' if r['errors'] == 0 else '**missed**'} |",
    ]


def _processes_behind(n: int) -> str:
    return f"{n} server process{'es' if n > 1 else ''} behind nginx"


def proxy_section(r: dict, loads: dict) -> list[str]:
    """The h section: the load test through deploy/serve.py's nginx; LOADS (f's runs) for a direct comparison."""
    s = lambda v: f"{v:.2f} s"  # noqa: E731
    server, n, proxy = r["server"], r["replicas"], r["proxy"]
    lat = r["latency"]
    lines = [
        f"## h. Load through nginx: {r['users']} simulated users for {r['seconds']:.0f} s, {_processes_behind(n)}",
        "",
        f"`benchmarks/load.py --proxy --replicas {n}` (also runnable on its own): the users, requests, checks and "
        "timing of f, but every user talks to nginx, started with the processes by `deploy/serve.py` (the "
        "configuration of `deploy/nginx.conf.template`) on a free loopback port, and nginx, not the load test, "
        "places the users. Each user's client keeps the cookies of its first answer (nginx's `turan_route` affinity "
        "cookie and Streamlit's `_streamlit_xsrf`) and sends them with its websocket handshake and every reconnect, "
        "as a browser does. The process that served each session is read from nginx's `X-Turan-Backend` header; "
        "besides f's errors, one is counted when the health request and the websocket of one connection, or a "
        "user's reconnect and first session, reached different processes. Each process is warmed on its own port "
        "before the users start; CPU and RSS are sampled from the pids in serve.py's "
        "state file. nginx, the supervisor and the load client run on the same machine.",
        "",
    ]
    if lat["n"]:
        lines.append(
            f"- {lat['n']} filter and page reruns in {r['wall']:.0f} s ({r['rate']:.1f} per s; the users' schedule "
            f"asked for {r['planned_rate']:.1f} per s) and {r['opens']} session opens; rerun latency "
            f"**p50 {s(lat['p50'])}, p95 {s(lat['p95'])}, max {s(lat['max'])}**.")
    direct = loads.get(n)
    if direct and direct["users"] == r["users"] and direct["latency"]["n"]:
        lines.append(f"- Direct (f, the same users on the same number of processes, user i on process i mod {n}): "
                     f"p50 {s(direct['latency']['p50'])}, p95 {s(direct['latency']['p95'])}.")
    base = r.get("baseline")
    if base and base["latency"]["n"]:
        b = base["latency"]
        lines.append(f"- Uncontended reference through nginx just before: 1 user alone for {base['seconds']:.0f} s: "
                     f"{b['n']} reruns, p50 {s(b['p50'])}, p95 {s(b['p95'])}, max {s(b['max'])}, "
                     f"{base['errors']} errors.")
    nginx = proxy["nginx"]
    lines += [
        f"- Errors: **{r['errors']}**" + (f" ({', '.join(f'{k}: {v}' for k, v in r['errors_by_kind'].items())})"
                                          if r["errors"] else "") + "; every rerun checked against the server's "
        f"cite link: {r['checked']} matched" + (f", {r['unchecked']} drew no link" if r["unchecked"] else "") + ".",
        f"- Users per process: {', '.join(str(x['users']) for x in r['per_replica'])} (nginx hashes a random id per "
        f"new browser); restarts during the run: {proxy['restarts']}; nginx logged {nginx['requests']} requests "
        f"(health checks are not logged), by status {nginx['statuses']}.",
        f"- Servers (all {n} processes summed): CPU **{server['cpu_mean']:.0f}%** on average (100% = one core; highest "
        f"1-s sample {server['cpu_max']:.0f}%; the machine has {os.cpu_count()}), VmRSS {server['rss_start']:.0f} MB "
        f"at the start, **{server['rss_max']:.0f} MB at most**; {r['cpu_per_rerun'] * 1000:.0f} ms of server CPU per "
        f"request. Load average at the start {', '.join(f'{x:.1f}' for x in r.get('load_avg_start', ()))}, at the "
        f"end {', '.join(f'{x:.1f}' for x in r['load_avg'])}.",
        "",
        "| Process | Users | Reruns (+ opens) | p50 | p95 | max | Errors | CPU mean (max 1 s) | CPU per request | "
        "VmRSS max |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for x in r["per_replica"]:
        xl, xs = x["latency"], x["server"]
        times = f"{s(xl['p50'])} | {s(xl['p95'])} | {s(xl['max'])}" if xl["n"] else "- | - | -"
        lines.append(f"| {x['replica']} ({x['url']}) | {x['users']} | {x['reruns']} (+{x['opens']}) | {times} | "
                     f"{x['errors']} | {xs['cpu_mean']:.0f}% ({xs['cpu_max']:.0f}%) | "
                     f"{x['cpu_per_rerun'] * 1000:.0f} ms | {xs['rss_max']:.0f} MB |")
    lines += ["", "| Request | n | p50 | p95 | max |", "|---|---|---|---|---|"]
    for kind, v in r["by_kind"].items():
        if v["n"]:
            lines.append(f"| {kind} | {v['n']} | {s(v['p50'])} | {s(v['p95'])} | {s(v['max'])} |")
    if r["errors"]:
        lines += ["", "First errors:", ""]
        lines += [f"- {e['t']} s, user {e['user']} (process {e['replica']}), {e['kind']}: {e['detail']}"
                  for e in r["error_samples"][:10]]
    if r.get("server_log_problems"):
        lines += ["", "Log lines with warnings or errors (processes, nginx, serve.py):", "", "```",
                  *r["server_log_problems"][:10], "```"]
    return lines


def replica_comparison(loads: dict) -> str | None:
    """What the runs with 1 and with more processes show, in numbers: None unless both were measured."""
    if 1 not in loads or len(loads) < 2:
        return None
    one = loads[1]
    n = max(loads)
    many = loads[n]
    if not one["latency"]["n"] or not many["latency"]["n"]:
        return None
    cores = len(os.sched_getaffinity(0))
    p1, pn = one["latency"]["p95"], many["latency"]["p95"]
    c1, cn = one["server"]["cpu_mean"], many["server"]["cpu_mean"]
    change = lambda a, b: f"{a / b:.1f}x lower" if b < a else f"{b / a:.1f}x higher"  # noqa: E731
    text = (f"with {n} processes{' (one per core)' if n == cores else ''} on this {cores}-core machine the same "
            f"{many['users']} users saw p95 {pn:.2f} s against {p1:.2f} s with 1 ({change(p1, pn)}), p50 "
            f"{many['latency']['p50']:.2f} s against {one['latency']['p50']:.2f} s; "
            f"{many['rate']:.1f} reruns per s were served against {one['rate']:.1f} (the users asked for "
            f"{many['planned_rate']:.1f}); the servers used {cn:.0f}% CPU together against {c1:.0f}% (100% = one "
            f"core) and {many['server']['rss_max']:.0f} MB VmRSS at most together against "
            f"{one['server']['rss_max']:.0f} MB (each process holds its own data and view cache). ")
    if c1 < 80:
        text += (f"One process was not saturated ({c1:.0f}% of a core), so this load does not show what more "
                 "processes are worth; the difference is contention within one process only. ")
    elif cn >= 1.5 * c1:
        text += (f"One process was saturated (a GIL-bound `streamlit run` uses about one core) and the {n} together "
                 f"used {cn / c1:.1f}x its CPU: throughput scales with processes up to the free cores, so deploy one "
                 "process per core, behind a load balancer with session affinity. ")
    else:
        text += (f"One process was saturated, but the {n} together got only {cn / c1:.1f}x its CPU (the machine is "
                 "shared and the load client runs on it too; see the load averages in f), so this run understates "
                 "what one process per dedicated core gives. ")
    need = many["planned_rate"] * many["cpu_per_rerun"]
    if pn >= 1:
        text += (f"Still not enough for the target: at {many['cpu_per_rerun'] * 1000:.0f} ms of server CPU per "
                 f"request (under load), this load needs about {need:.1f} cores' worth just to keep up, so besides "
                 "more processes the per-request cost (mostly cold views: random selections miss the view cache) has "
                 "to come down.")
    else:
        text += (f"The target is met with {n} processes{' (and with 1)' if p1 < 1 else ''}; this load needs about "
                 f"{need:.1f} cores' worth of server CPU.")
    return text


# Hand-written from profiles (cProfile, pyinstrument and timers around turan.views calls, and AppTest reruns under
# yappi), 2026-12-04, after issue 22's changes. Not regenerated: profile again after changing the pages.
NOTES = """
## Where the time goes (profiled 2026-12-04, not regenerated)

Written by hand from profiles and probes outside the tables above (cProfile, pyinstrument and timers around
`turan.views` calls on the real data; yappi over AppTest reruns, which profiles Streamlit's script thread too;
Chromium in fresh contexts); the tables are what each benchmark run measures.

- **Cache hits (a).** Every page computes its tables, figures and downloads once per data version and arguments
  (`turan.ui.view`, shared by all sessions). Until issue 22 more than half of such a rerun was plotly's: for every
  chart on every rerun, `st.plotly_chart` asked the figure for its JSON and plotly deep-copied the whole figure.
  The page now hands Streamlit the figure's own JSON (`turan.ui.components`), the view cache's key is the call
  written out as one string (hashing the arguments one by one was a fifth of such a rerun), and the data files'
  signature is read once per run instead of at every call.
- **First view of a selection (a).** What issue 22 changed, with what it saved on this machine (view CPU time,
  median over new year ranges, the default Turkic five): the scenario page 131 -> about 17 ms (its factors read as
  named tuples, a state's factor rows kept per year and departures, its aid sums per set of figures, the register
  spread once); the aid page 71 -> 10-30 ms (its sums, ledger, bars and descriptions computed once per set of
  figures: a new year range that selects the same figures costs only the framing); the timeline 60 -> about 20 ms
  (each event's words once per data version, records instead of per-row pandas in the figure, its grouping and its
  description); the alliance map 86 -> about 30 ms (the page, the interactive and the exportable map share one
  prepared map; the countries' shapes written as JSON once); rivalry 88 -> about 33 ms (reach and spending series
  over the whole period once per country selection, then cut to the years; the arms suppliers chart keyed on the
  countries alone, as its window is fixed); claims: a cache hit (the years do not apply to it). Everywhere: a
  figure stays plotly JSON until something asks for the object (`turan.figures.common.LazyFigure`; plotly's
  objects and copies were a third of building a chart), the template carries the defaults of the four trace types
  drawn only, and CSV downloads are made on click (Streamlit's deferred download). Each change was checked to give
  the same output as before over hundreds of selections. What remains is pandas' per-operation cost (0.1-1 ms per
  operation on frames of a few dozen rows): the arms and rivalry pages make a few dozen each, which is their
  20-30 ms; pages are at about 10-15 ms of rerun for what the entrypoint and the elements cost.
- **Scale (b).** The generated data has 100x the rows; the default selection takes in the made-up Turkic states too,
  so each page shows up to 100x as much (the scenario page 400 candidate cards, the claims table 17,000 rows). A
  rerun that finds its views still sends every element and chart to the browser, so it grows with what it shows.
- **Browser (c).** A first visit (a fresh browser context) fetches and compiles Streamlit's element code on demand:
  plotly's 4.6 MB (the hello page loads it too), the table's 1.2 MB (every page with a table: measured on the aid
  page, its ledger costs 0.6 s of time to idle) and deck.gl's 3.0 MB. Since issue 22 the alliance map page opens
  on the map drawn by plotly and loads deck.gl only when its interactive tab is opened (5.8 -> 3.6 s, now like the
  other pages). What would meet 1.5x on every page: the tables behind an expander drawn when opened, which hides
  the ledgers and lists an analyst came for; a returning visitor has the code in the browser's cache.
- **Load (f, h).** On a live server a rerun cost 100-170 ms of CPU even when its views were cached, against
  10-30 ms under AppTest: py-spy showed four fifths of it in Streamlit's full garbage collection after every
  script run (`runner.postScriptGC`, on by default), which walks the whole heap of pandas, plotly and the view
  cache. It is off in `.streamlit/config.toml` (Python's own collector still runs; e stays under 0.2 MB per
  session), and orjson writes the JSON (the alliance map's 418 kB figure: 15 -> 3 ms per rerun). Server CPU per
  request under load went from about 200 to about 40 ms, so one process now serves what two could not before.
  A `streamlit run` process runs scripts under one GIL, so throughput still scales with processes up to the free
  cores: one process per core behind nginx with session affinity (deploy/).
- **Scale (b, missed) and filter change (d, missed).** At 100x data a page that shows everything sends everything:
  the claims page's table of 17,400 claims costs about 1.2 s a rerun (Arrow for the table), the sources page's
  bibliography and the scenario's 400 candidate cards likewise; first views are linear in what is drawn (one
  plotly trace per span or per country). Meeting 5x needs the pages to show a bounded number of rows and traces
  (the first N, with the rest in the CSV download) rather than faster code. Of a filter change in the browser (d),
  the server's part is now a first view (20-50 ms); the rest is plotly redrawing each chart in the browser
  (automargins take several layout passes), longest on the timeline with its two panels.
"""


if __name__ == "__main__":
    main()
