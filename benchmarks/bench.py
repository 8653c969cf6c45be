"""Performance benchmark of issue 9: every figure is a ratio against a baseline measured in the same run,
interleaved, medians over repeats (absolute times on a shared 2-core machine drift), or a load figure with its
target.

    .venv/bin/python benchmarks/bench.py [--quick] [--only PARTS] [--out docs/performance.md]

Parts (all by default; `--only rerun,load` runs some; `--no-browser` drops browser and filter):
rerun   a. AppTest reruns of every page (defaults; and a year-filter change) / reruns of an empty script.
scale   b. The same reruns with TURAN_DATA_DIR on a generated 100x dataset (--factor) / on the real data.
browser c. Browser time to idle and charts drawn per page / a one-chart hello page; a Playwright memory cross-check.
filter  d. Browser: year slider changed by keyboard until redrawn, per page / the same on a hello page with a slider.
memory  e. Server RSS with 1 and with N (--sessions, 100) websocket sessions open (benchmarks/load.py).
load    f. N simulated users (--load-users 25) for --load-seconds (60) over the websocket (benchmarks/load.py):
           rerun latency p50/p95/max, errors, server CPU and RSS.
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

import streamlit as st  # noqa: E402
import streamlit.testing.v1.app_test as app_test_module  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

import generate  # noqa: E402
import load as load_test  # noqa: E402  (benchmarks/load.py)
import streamclient  # noqa: E402
from conftest import _NavigationPagesManager  # noqa: E402  (tests/app/conftest.py: entrypoint + page, as the server)

# Run pages through the entrypoint exactly as the AppTest tests do.
app_test_module.PagesManager = _NavigationPagesManager

PAGES = sorted(p.name for p in (ROOT / "pages").glob("*.py"))
URL_PATHS = {"overview.py": "", "aid.py": "aid", "timeline.py": "timeline", "rivalry.py": "rivalry",
             "alliance_map.py": "alliances", "scenario.py": "scenario", "sources.py": "sources"}
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


class Case:
    """One timed rerun kind. `step()` performs and times one rerun; the app's state is set up beforehand."""

    def __init__(self, label: str, at: AppTest, filtered: bool, data_dir: str | None = None):
        self.label, self.at, self.filtered, self.data_dir = label, at, filtered, data_dir
        self.times: list[float] = []
        self._flip = False

    def step(self) -> None:
        _use_data(self.data_dir)
        if self.filtered:  # alternate between a narrowed and the full year range: every rerun is a change
            self._flip = not self._flip
            slider = self.at.slider(key="years")
            slider.set_value(FILTERED_YEARS if self._flip else (slider.min, slider.max))
        start = time.perf_counter()
        self.at.run()
        self.times.append(time.perf_counter() - start)
        assert not self.at.exception, f"{self.label}: {self.at.exception}"

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def _use_data(data_dir: str | None) -> None:
    if data_dir:
        os.environ["TURAN_DATA_DIR"] = data_dir
    else:
        os.environ.pop("TURAN_DATA_DIR", None)


def rerun_cases(data_dir: str | None, tag: str) -> list[Case]:
    _use_data(data_dir)
    cases = []
    for name in PAGES:
        cases.append(Case(f"{tag}{name} defaults", open_page(name), False, data_dir))
        cases.append(Case(f"{tag}{name} filter change", open_page(name), True, data_dir))
    return cases


def interleave(cases: list[Case], repeats: int, warmup: int = 1) -> None:
    for _ in range(warmup):
        for case in cases:
            case.step()
        for case in cases:
            case.times.clear()
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
CHARTS_DRAWN = """() => {
  const plots = [...document.querySelectorAll('[data-testid=stPlotlyChart]')];
  const decks = [...document.querySelectorAll('[data-testid=stDeckGlJsonChart]')];
  return plots.every(p => p.querySelector('.main-svg')) && decks.every(d => d.querySelector('canvas'));
}"""
IDLE_AND_DRAWN = ("() => !!document.querySelector('[data-testid=stApp][data-test-script-state=notRunning]') && ("
                  + CHARTS_DRAWN + ")()")
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


def verdict(ratio: float, target: float) -> str:
    return "met" if ratio <= target else f"**missed** ({ratio / target:.1f}x over)"


def rerun_part(repeats: int) -> tuple:
    """a. rerun cost vs the empty script."""
    st.cache_resource.clear()
    st.cache_data.clear()
    empty_file = Path(tempfile.mkdtemp(prefix="bench_empty_")) / "empty.py"
    empty_file.write_text("import streamlit as st\n")
    empty_at = AppTest.from_file(str(empty_file), default_timeout=TIMEOUT).run()
    empty = Case("empty script", empty_at, False)
    cases = rerun_cases(None, "")
    interleave([empty, *cases], repeats)
    print(f"empty script: {empty.median * 1000:.1f} ms")
    for c in cases:
        print(f"{c.label:40s} {c.median * 1000:8.1f} ms  {c.median / empty.median:6.1f}x")
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
    real_cases = rerun_cases(None, "real ")
    big_cases = rerun_cases(str(gen_dir), f"{factor}x ")
    pairs = list(zip(real_cases, big_cases))
    try:
        interleave([c for pair in pairs for c in pair], repeats)
    finally:
        _use_data(None)
    for real, big in pairs:
        print(f"{real.label:40s} {real.median * 1000:8.1f} ms")
        print(f"{big.label:40s} {big.median * 1000:8.1f} ms  {big.median / real.median:6.2f}x real")
    return pairs, counts, big_load, real_load


PARTS = ("rerun", "scale", "browser", "filter", "memory", "load")


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
    parser.add_argument("--load-baseline-seconds", type=float, default=20.0,
                        help="before the crowd, one user alone this long as the uncontended reference (0: skip)")
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
            if name == "load":
                print(load_test.describe_load(results[name]))
            elif name in ("browser", "filter", "memory"):
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
    if "load" in parts:
        attempt("load", lambda: load_test.run_load(args.load_users, args.load_seconds, app_dir,
                                                   timeout=args.load_timeout,
                                                   baseline_seconds=args.load_baseline_seconds))

    elapsed = time.monotonic() - began
    report = render(args, repeats, parts, results, elapsed)
    print(report)
    if args.out:
        args.out.write_text(report)


def _not_measured(parts: set, part: str, results: dict) -> str:
    if part not in parts:
        return "not measured in this run"
    error = " ".join(results.get(part + "_error", "?").split()).replace("|", "/")
    return f"failed in this run: {error[:200]}"


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
        ratios = [c.median / empty.median for c in cases]
        lines += [
            f"| a. Rerun cost, median over all pages and both kinds / empty script | <= 15x | "
            f"{statistics.median(ratios):.1f}x (range {min(ratios):.1f}x-{max(ratios):.1f}x) | "
            f"{verdict(statistics.median(ratios), 15)} |",
            f"| a. Rerun cost, worst page / empty script | <= 15x | {max(ratios):.1f}x | {verdict(max(ratios), 15)} |",
        ]
    else:
        lines.append(f"| a. Rerun cost / empty script | <= 15x | {_not_measured(parts, 'rerun', results)} | - |")
    if "scale" in results:
        pairs = results["scale"][0]
        ratios = [big.median / real.median for real, big in pairs]
        lines += [
            f"| b. Scale: rerun on {args.factor}x data / real data, median over pages | <= 2x | "
            f"{statistics.median(ratios):.2f}x (range {min(ratios):.2f}x-{max(ratios):.2f}x) | "
            f"{verdict(statistics.median(ratios), 2)} |",
            f"| b. Scale: worst page | <= 2x | {max(ratios):.2f}x | {verdict(max(ratios), 2)} |",
        ]
    else:
        lines.append(f"| b. Scale: rerun on {args.factor}x data / real data | <= 2x | "
                     f"{_not_measured(parts, 'scale', results)} | - |")
    if "browser" in results:
        idle = results["browser"]["idle"]
        ratios = [idle[p] / idle["hello"] for p in PAGES]
        lines += [
            f"| c. Browser time to idle and charts drawn, median page / hello page | <= 1.3x | "
            f"{statistics.median(ratios):.2f}x (range {min(ratios):.2f}x-{max(ratios):.2f}x) | "
            f"{verdict(statistics.median(ratios), 1.3)} |",
            f"| c. Browser time to idle, worst page | <= 1.3x | {max(ratios):.2f}x | {verdict(max(ratios), 1.3)} |",
        ]
    else:
        lines.append(f"| c. Browser time to idle / hello page | <= 1.3x | "
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
        lines.append(f"| e. Server memory per extra session ({mem['n']} websocket sessions vs 1) | < 1 MB | "
                     f"{mem['per_session']:.2f} MB ({mem['one']:.0f} MB -> {mem['many']:.0f} MB) | "
                     f"{'met' if mem['per_session'] < 1 else '**missed**'} |")
    else:
        lines.append(f"| e. Server memory per extra session (100 sessions vs 1) | < 1 MB | "
                     f"{_not_measured(parts, 'memory', results)} | - |")
    if "load" in results:
        r = results["load"]
        lat = r["latency"]
        p95 = lat.get("p95", float("inf"))
        lines += [
            f"| f. Load: {r['users']} users for {r['seconds']:.0f} s, rerun latency p95 (p50, max) | < 1 s | "
            f"{p95:.2f} s ({lat.get('p50', 0):.2f} s, {lat.get('max', 0):.2f} s; {lat['n']} reruns) | "
            f"{'met' if p95 < 1 else f'**missed** ({p95:.1f}x over)'} |",
            f"| f. Load: errors (exceptions, failed runs, filters not applied, timeouts, disconnects) | 0 | "
            f"{r['errors']} | {'met' if r['errors'] == 0 else '**missed**'} |",
        ]
    else:
        lines.append(f"| f. Load: 25 simulated users, p95 rerun < 1 s, zero errors | < 1 s, 0 | "
                     f"{_not_measured(parts, 'load', results)} | - |")

    if "rerun" in results:
        empty, cases = results["rerun"]
        lines += [
            "",
            "## a. Rerun cost against an empty script",
            "",
            "`streamlit.testing.v1.AppTest` reruns (`at.run()` on an app already opened). Each page is opened as "
            "`tests/app/apphelp.py` `run_page` does (entrypoint `dashboard.py`, then `switch_page`), with the "
            "`_NavigationPagesManager` shim of `tests/app/conftest.py` applied, so every rerun runs entrypoint + page "
            "as the server does. *Defaults*: rerun with nothing changed. *Filter change*: the sidebar year slider "
            f"alternates between {FILTERED_YEARS[0]}-{FILTERED_YEARS[1]} and the full range before each rerun. "
            "Baseline: reruns of a one-line script (`import streamlit as st`), interleaved with the pages. "
            "The data bundle is cached (`st.cache_resource`) and warm in both.",
            "",
            f"Empty script: {ms(empty.median)} per rerun.",
            "",
            "| Page | Rerun | Median | / empty |",
            "|---|---|---|---|",
        ]
        for c in cases:
            page, kind = c.label.split(" ", 1)
            lines.append(f"| {page} | {kind} | {ms(c.median)} | {c.median / empty.median:.1f}x |")
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
            "figures below. The same reruns as in (a), with `TURAN_DATA_DIR` pointing at the generated data, "
            "interleaved with the real-data reruns. The default country selection (every Turkic state) now takes in "
            "the made-up Turkic states too.",
            "",
            "| Page | Rerun | Real data | Generated | Ratio |",
            "|---|---|---|---|---|",
        ]
        for real, big in pairs:
            page, kind = real.label.split(" ", 2)[1:]
            lines.append(f"| {page} | {kind} | {ms(real.median)} | {ms(big.median)} | "
                         f"{big.median / real.median:.2f}x |")
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
    if "load" in results:
        lines += ["", *load_section(results["load"])]
    lines += ["", NOTES.strip()]
    return "\n".join(lines) + "\n"


def load_section(r: dict) -> list[str]:
    s = lambda v: f"{v:.2f} s"  # noqa: E731
    server = r["server"]
    lines = [
        f"## f. Load: {r['users']} simulated users for {r['seconds']:.0f} s",
        "",
        "`benchmarks/load.py` (also runnable on its own) against a fresh `streamlit run dashboard.py` with the "
        "project's config (XSRF and CORS protection on). Each user is a websocket client "
        "(`benchmarks/streamclient.py`) that does what Chromium does, as recorded from its frames: GET "
        "`/_stcore/health` for the XSRF cookie, open `/_stcore/stream` with that cookie, the server's own `Origin` "
        "and the subprotocols `streamlit, <xsrf token>`, then send `BackMsg.rerun_script` with a `ClientState` "
        "(the URL's query string, the page, widget states, the browser's context info, the hashes of the cached "
        "large elements, so big charts may come back as references as they do for a browser). Unlike the browser, "
        "which sends the state of every widget on the page, a user sends only the two sidebar filters; the others "
        "keep their defaults. Before the users start, one session opens every page (warm-up) and checks that a "
        "change sent as widget states alone, without a query string, takes effect.",
        "",
        f"Each user opens a session on a random page (as a deep link), then every "
        f"{r['think'][0]:g}-{r['think'][1]:g} s (uniformly random, from "
        f"the previous request; a user never has two requests in flight) changes the sidebar year range (40%), the "
        f"partner countries (40%, 1-5 of the options) or the page (20%); the year range and the countries are drawn "
        f"at random, so selections rarely repeat. The new values go as `widget_states` with "
        f"the widget ids from the server's slider/multiselect deltas; the query string is the one the browser's URL "
        f"would hold. Users arrive spread over the first {r['think'][0]:g} s. Latency: from sending the BackMsg to "
        f"receiving the `script_finished` of the run it started. Errors: an Exception element, a "
        f"`script_finished` other than FINISHED_SUCCESSFULLY, page not found, no `script_finished` within "
        f"{r['timeout']:.0f} s, a dropped connection, or a \"Cite this view\" link whose page, years or countries "
        f"differ from what the user sent (every rerun is checked, so a change that did not take effect is an error, "
        f"not a fast rerun). Seed {r['seed']}.",
        "",
    ]
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
            f"- Uncontended reference, on the same server just before: 1 user alone for {base['seconds']:.0f} s, "
            f"a request every {base['think'][0]:g}-{base['think'][1]:g} s, same mix: {b['n']} reruns, "
            f"p50 {s(b['p50'])}, p95 {s(b['p95'])}, max {s(b['max'])}, {base['errors']} errors.")
    lines.append(
        f"- Server CPU time per request (reruns and opens): {r['cpu_per_rerun'] * 1000:.0f} ms under load"
        + (f", {base['cpu_per_rerun'] * 1000:.0f} ms alone" if base else "")
        + f". A `streamlit run` process executes scripts in threads under one GIL, so about one core's worth: "
        f"at most ~{1 / r['cpu_per_rerun']:.1f} requests per s, against the {r['planned_rate']:.1f} per s the "
        f"users' schedule asks for (to keep up at all, a request may cost at most "
        f"{1000 / r['planned_rate']:.0f} ms of server CPU; for a p95 under 1 s, well less). Random selections make "
        "nearly every rerun a miss of the app's view cache, a worst case for it.")
    lines += [
        f"- Errors: **{r['errors']}**" + (f" ({', '.join(f'{k}: {v}' for k, v in r['errors_by_kind'].items())})"
                                          if r["errors"] else "") + ".",
        f"- Filters checked against the server's cite link: {r['checked']} matched"
        + (f", {r['unchecked']} reruns drew no link" if r["unchecked"] else "")
        + f"; the page content (charts, tables, text) changed after {r['content_changed']} of "
        f"{r['content_changed'] + r['content_same']} filter changes (some selections draw the same content, e.g. "
        "years without data).",
        f"- Server (`streamlit run`, all threads): CPU **{server['cpu_mean']:.0f}%** on average over the run "
        f"(100% = one core; highest 1-s sample {server['cpu_max']:.0f}%; the machine has {os.cpu_count()}), VmRSS "
        f"{server['rss_start']:.0f} MB at the start, **{server['rss_max']:.0f} MB at most**, "
        f"{server['rss_end']:.0f} MB at the end.",
        f"- The load client used {r['client_cpu']:.0f}% of a core on the same machine. A user whose previous rerun "
        f"was still running started the next one late: {r['late_p95']:.2f} s (p95). Load average (1, 5, 15 min) "
        f"at the start {', '.join(f'{x:.1f}' for x in r.get('load_avg_start', ()))}, at the end "
        f"{', '.join(f'{x:.1f}' for x in r['load_avg'])} (other work on the machine shows here).",
        "",
        "| Request | n | p50 | p95 | max |",
        "|---|---|---|---|---|",
    ]
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
        lines += [f"- {e['t']} s, user {e['user']}, {e['kind']}: {e['detail']}" for e in r["error_samples"][:10]]
    if r.get("server_log_problems"):
        lines += ["", "Server log lines with warnings or errors:", "", "```",
                  *r["server_log_problems"][:10], "```"]
    return lines


# Hand-written from a cProfile of the script thread (exec_func_with_error_handling wrapped in a profiler, three
# warm reruns per page on the real data), 2026-11-25. Not regenerated: profile again after changing the pages.
NOTES = """
## Where the time goes (profiled 2026-11-25, not regenerated by the script)

cProfile of the script thread over three warm reruns of each page on the real data (profiling inflates the
absolute times; the shares are what matter):

- **Scenario** (the slowest page): about 60% in `turan/scenario.py` `factors()` (called twice per run, once via
  `leave_options()`): row-by-row pandas lookups in `_membership_rows`, `_tie_rows`, `_aid_row`, and
  `query.cite_short` per row; about 25% in building the plotly matrix figure. Nothing of it depends on the
  widgets except the selection, so it can be cached on (data signature, filters), and `factors()` need not run twice.
  At 100x data it grows with rows x countries (a single 100x rerun took about 49 s vs about 0.4 s on the real data, see below).
- **Aid, rivalry, timeline**: most of the rerun is plotly figure construction (`turan/figures/common.py` `frame()`,
  plotly's validators and `copy.deepcopy` of the figure), then per-row source labels (`query.source_label`,
  `timeline.source_words`). Caching the built figure (or its JSON) on (data signature, filters, presentation mode)
  with `st.cache_data`, and building with `plotly.graph_objects` and `skip_invalid`/dict-based traces, would
  remove most of it.
- **Alliance map**: more than half the rerun is `pydeck`'s JSON serialisation of the GeoJSON country shapes
  (`json.dumps` through `pydeck.bindings.json_tools.serialize`) on every run; the shapes do not change, so the
  serialised layer (or the whole deck spec for a year) can be cached, or the shapes simplified.
- **Overview, sources**: close to the entrypoint's own cost (sidebar filters, citation, footer): 6-10x.
- The empty-script baseline is very cheap (a few ms), so 15x leaves about 30-40 ms per rerun on this machine:
  meeting it needs the caching above on every chart page, not micro-tuning.

Indicative 100x figures (one rerun each after opening, not interleaved, measured while another benchmark ran,
so only the order of magnitude counts): overview 0.1 s, sources 0.2 s, aid 4.6 s, alliance map 1.9 s, rivalry
8.5 s, timeline 13.7 s, scenario 48.7 s. A full interleaved 100x run needs more than the 30 minutes this session
had, so the scale figures in (b) are for **10x** data (`--factor 10`); run `--factor 100` for the target as
written.
"""


if __name__ == "__main__":
    main()
