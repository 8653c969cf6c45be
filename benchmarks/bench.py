"""Performance benchmark of issue 9: every figure is a ratio against a baseline measured in the same run,
interleaved, medians over repeats (absolute times on a shared 2-core machine drift).

    .venv/bin/python benchmarks/bench.py [--quick] [--no-browser] [--out docs/performance.md]

a. Rerun cost: AppTest reruns of every page (defaults; and a year-filter change) / reruns of an empty script.
b. Scale: the same reruns with TURAN_DATA_DIR on a generated 100x dataset / on the real data.
c. Browser: time to idle and charts drawn per page / a one-chart hello page; server RSS with 1 and N sessions.
"""

from __future__ import annotations

import argparse
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks"), str(ROOT / "tests" / "app"), str(ROOT / "tests" / "browser")]
os.chdir(ROOT)

import streamlit as st  # noqa: E402
import streamlit.testing.v1.app_test as app_test_module  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

import generate  # noqa: E402
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


# ---- c: browser ------------------------------------------------------------------------------------------

HELLO = '''import plotly.graph_objects as go
import streamlit as st
st.title("Hello")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[1, 3, 2])))
'''
CHARTS_DRAWN = """() => {
  const plots = [...document.querySelectorAll('[data-testid=stPlotlyChart]')];
  const decks = [...document.querySelectorAll('[data-testid=stDeckGlJsonChart]')];
  return plots.every(p => p.querySelector('.main-svg')) && decks.every(d => d.querySelector('canvas'));
}"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(script: str, cwd: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port), "--server.address",
         "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "TURAN_DATA_DIR": ""})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return proc, url
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit run {script} did not start")
            time.sleep(0.3)


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def wait_drawn(tab, timeout: float = 60_000) -> None:
    idle = "[data-testid=stApp][data-test-script-state=notRunning]"
    tab.wait_for_selector(idle, timeout=timeout)
    tab.wait_for_function(CHARTS_DRAWN, timeout=timeout)
    tab.wait_for_timeout(100)  # a rerun that starts right after the first one (query-param sync) must finish too
    tab.wait_for_selector(idle, timeout=timeout)
    tab.wait_for_function(CHARTS_DRAWN, timeout=timeout)


def browser_bench(repeats: int, sessions: int) -> dict:
    from playwright.sync_api import sync_playwright

    import importlib.util
    spec = importlib.util.spec_from_file_location("browser_conftest", ROOT / "tests" / "browser" / "conftest.py")
    browser_conftest = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(browser_conftest)
    CHROMIUM_ARGS = browser_conftest.CHROMIUM_ARGS  # the browser tests' launch args
    tmp = Path(tempfile.mkdtemp(prefix="bench_hello_"))
    (tmp / "hello.py").write_text(HELLO)
    app, app_url = start_server("dashboard.py", ROOT)
    hello, hello_url = start_server(str(tmp / "hello.py"), tmp)
    result: dict = {"idle": {}, "memory": {}}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS, headless=True)

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

            # memory: server RSS after 1 and after `sessions` open sessions on the overview page
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, fewer sessions")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--factor", type=int, default=100)
    parser.add_argument("--scale-repeats", type=int, help="rounds for the scale part (default: as the others)")
    parser.add_argument("--sessions", type=int, help="open sessions for the memory figure (default 5, or 20)")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    repeats = 3 if args.quick else 5
    scale_repeats = args.scale_repeats or repeats
    began = time.monotonic()

    # a. rerun cost vs the empty script
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

    # b. scale: generated data vs the real data, interleaved
    gen_dir = Path(tempfile.mkdtemp(prefix=f"bench_data_{args.factor}x_"))
    counts = generate.generate(gen_dir, args.factor)
    check = subprocess.run([sys.executable, "-m", "turan.validate", str(gen_dir)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    load_start = time.perf_counter()
    from turan import load
    load.load(gen_dir)
    big_load = time.perf_counter() - load_start
    load_start = time.perf_counter()
    load.load(load.DEFAULT_DATA_DIR)
    real_load = time.perf_counter() - load_start
    real_cases = rerun_cases(None, "real ")
    big_cases = rerun_cases(str(gen_dir), f"{args.factor}x ")
    pairs = list(zip(real_cases, big_cases))
    interleave([c for pair in pairs for c in pair], scale_repeats)
    _use_data(None)
    for real, big in pairs:
        print(f"{real.label:40s} {real.median * 1000:8.1f} ms")
        print(f"{big.label:40s} {big.median * 1000:8.1f} ms  {big.median / real.median:6.2f}x real")

    browser = None
    if not args.no_browser:
        try:
            browser = browser_bench(3, args.sessions or (5 if args.quick else 20))
        except Exception as err:  # keep (a) and (b) even when the browser part fails
            print(f"browser part failed: {err!r}")
        print(browser)

    elapsed = time.monotonic() - began
    args.scale_repeats = scale_repeats
    report = render(args, repeats, empty, cases, pairs, counts, big_load, real_load, browser, elapsed)
    print(report)
    if args.out:
        args.out.write_text(report)


def render(args, repeats, empty, cases, pairs, counts, big_load, real_load, browser, elapsed) -> str:
    ms = lambda s: f"{s * 1000:.0f} ms"  # noqa: E731
    rerun_ratios = [c.median / empty.median for c in cases]
    scale_ratios = [big.median / real.median for real, big in pairs]
    lines = [
        "# Performance",
        "",
        f"Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC with `.venv/bin/python benchmarks/bench.py "
        f"{' '.join(sys.argv[1:])}` ({elapsed / 60:.1f} min).",
        "",
        f"- Machine: {machine()}",
        f"- Versions: {versions()}",
        f"- Method: every figure is a ratio against a baseline measured in the same run, the cases interleaved "
        f"round-robin (one rerun of each case per round), one warm-up round discarded, **median of {repeats} rounds** "
        f"(scale: {args.scale_repeats}; browser: 3). "
        "Absolute times are given only to show the scale; on a shared 2-core machine they drift between runs.",
        "",
        "## Targets",
        "",
        "| Measure | Target | Measured | Verdict |",
        "|---|---|---|---|",
        f"| Rerun cost, median over all pages and both kinds / empty script | <= 15x | "
        f"{statistics.median(rerun_ratios):.1f}x (range {min(rerun_ratios):.1f}x-{max(rerun_ratios):.1f}x) | "
        f"{verdict(statistics.median(rerun_ratios), 15)} |",
        f"| Rerun cost, worst page / empty script | <= 15x | {max(rerun_ratios):.1f}x | {verdict(max(rerun_ratios), 15)} |",
        f"| Scale: rerun on {args.factor}x data / real data, median over pages | <= 2x | "
        f"{statistics.median(scale_ratios):.2f}x (range {min(scale_ratios):.2f}x-{max(scale_ratios):.2f}x) | "
        f"{verdict(statistics.median(scale_ratios), 2)} |",
        f"| Scale: worst page | <= 2x | {max(scale_ratios):.2f}x | {verdict(max(scale_ratios), 2)} |",
    ]
    if browser:
        idle = browser["idle"]
        ratios = [idle[p] / idle["hello"] for p in PAGES]
        mem = browser["memory"]
        lines += [
            f"| Browser time to idle and charts drawn, median page / hello page | <= 1.3x | "
            f"{statistics.median(ratios):.2f}x (range {min(ratios):.2f}x-{max(ratios):.2f}x) | "
            f"{verdict(statistics.median(ratios), 1.3)} |",
            f"| Browser, worst page | <= 1.3x | {max(ratios):.2f}x | {verdict(max(ratios), 1.3)} |",
            f"| Server memory per extra session ({mem['n']} sessions vs 1) | < 1 MB | {mem['per_session']:.2f} MB | "
            f"{'met' if mem['per_session'] < 1 else '**missed**'} |",
        ]
    else:
        lines.append("| Browser time to idle, memory per session | <= 1.3x, < 1 MB | not measured in this run | - |")
    lines += [
        "| Browser filter change to redrawn / hello page | <= 1.3x | not measured yet | - |",
        "| Load: 25 simulated users, p95 rerun < 1 s, zero errors | | not measured yet | - |",
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
    lines += [
        "",
        f"## b. Scale: {args.factor}x generated data against the real data",
        "",
        f"`benchmarks/generate.py` writes the real data {args.factor} times over into a temp dir (valid under "
        "`python -m turan.validate`). In each copy the non-power countries become made-up countries with codes from "
        "the ISO 3166 user-assigned ranges (XAA-XZZ, QMA-QZZ, AAA-AAZ, ZZA-ZZZ; 1,092 codes, reused round-robin), "
        "Turkey and the four rival powers stay themselves, ids get a copy suffix. Countries grow less than the "
        "factor (Turkey and the powers are not copied; at 100x the reserved ranges also run out) and so do "
        "indicators (rows whose country/year/indicator key would repeat are dropped):",
        "",
        "| Table | Real rows | Generated rows | Growth |",
        "|---|---|---|---|",
        *[f"| {name} | {REAL_ROWS[name]:,} | {n:,} | {n / max(REAL_ROWS[name], 1):.0f}x |" for name, n in counts.items()],
        "",
        f"Cold load + validation (`turan.load.load`, uncached): {ms(big_load)} for the {args.factor}x data vs "
        f"{ms(real_load)} for the real data ({big_load / real_load:.0f}x). Median of {args.scale_repeats} rounds. The app does it once per process and "
        "data version (`st.cache_resource`), so it is not in the rerun figures below. The same reruns as in (a), "
        "with `TURAN_DATA_DIR` pointing at the generated data, interleaved with the real-data reruns. "
        "The default country selection (every Turkic state) now takes in the made-up Turkic states too.",
        "",
        "| Page | Rerun | Real data | Generated | Ratio |",
        "|---|---|---|---|---|",
    ]
    for real, big in pairs:
        page, kind = real.label.split(" ", 2)[1:]
        lines.append(f"| {page} | {kind} | {ms(real.median)} | {ms(big.median)} | {big.median / real.median:.2f}x |")
    if browser:
        idle, mem = browser["idle"], browser["memory"]
        lines += [
            "",
            "## c. Browser time to idle and server memory",
            "",
            "Two `streamlit run` servers on free loopback ports: the dashboard and a hello page (a title and one "
            "`plotly.graph_objects` bar chart). Debian Chromium via Playwright with the launch args of "
            "`tests/browser/conftest.py`. Each visit opens a fresh browser context, navigates (`wait_until=commit`) "
            "and stops the clock once `[data-testid=stApp][data-test-script-state=notRunning]` holds and every "
            "plotly chart has its `.main-svg` and every deck.gl chart its `canvas`, checked twice 100 ms apart "
            "(the canvas is checked for presence, not for painted pixels, so the alliance map's figure may be "
            "optimistic). "
            "Each page visit is paired with a hello visit before it; both servers were warmed first.",
            "",
            f"Hello page: {ms(idle['hello'])}.",
            "",
            "| Page | Time to idle | / hello |",
            "|---|---|---|",
            *[f"| {p} | {ms(idle[p])} | {idle[p] / idle['hello']:.2f}x |" for p in PAGES],
            "",
            f"Server memory (VmRSS of the `streamlit run` process from /proc): {mem['idle']:.0f} MB after warm-up, "
            f"{mem['one']:.0f} MB with 1 open session on the overview, {mem['many']:.0f} MB with {mem['n']} "
            f"(each a Playwright context, idle after the first run): **{mem['per_session']:.2f} MB per extra session**. "
            f"The issue asks for 100 sessions; {mem['n']} were opened to keep the run within the machine's limits.",
        ]
    lines += ["", NOTES.strip()]
    return "\n".join(lines) + "\n"


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
