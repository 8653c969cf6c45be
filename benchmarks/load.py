"""Load test of issue 9: simulated users drive a live `streamlit run dashboard.py` over Streamlit's websocket
protocol (benchmarks/streamclient.py) and every rerun is timed from the BackMsg sent to its script_finished.

    .venv/bin/python benchmarks/load.py [--users 25] [--seconds 60] [--replicas 1] [--proxy] [--sessions 100]
                                        [--snapshot] [--json FILE]

Load: each user opens a session on a random page (a deep link, as the browser sends it), then every 2-4 s
(uniformly random, measured from the previous request; never two requests of one user in flight) does one of:
change the sidebar year range (40%), change the partner countries (40%), switch to another page (20%). The
widget changes go as `widget_states` with the widget ids the server sent in the slider/multiselect deltas (and the
"Cite this view" expander open: it is drawn only while open), the query string as the browser would have it in its
URL. Every rerun is checked: script_finished must be
FINISHED_SUCCESSFULLY, no Exception element, no page_not_found, within the timeout, and the "Cite this view"
link the server drew must carry exactly the years, countries and page the user asked for (so a change that does
not take effect counts as an error, not as a fast rerun). Server CPU% (100% = one core) and RSS are sampled
every second from /proc.

Replicas (--replicas N): N servers on their own ports from the same app dir, user i pinned to server i % N (sticky
sessions: a Streamlit session lives in one process, so a load balancer needs session affinity). Latency, errors,
CPU and RSS are reported overall (CPU and RSS summed over the processes) and per server. Each process has its own
data and view caches. The uncontended reference user runs alone on the first server.

Through the proxy (--proxy): deploy/serve.py starts nginx on a free loopback port in front of N processes
(--replicas N), and every user talks to nginx's URL as a browser does: the cookies of its first answer (nginx's
`turan_route` affinity cookie and Streamlit's `_streamlit_xsrf`) go with its websocket handshake and with every
reconnect, and nginx, not the load test, decides which process serves whom. Each session's process is read from
nginx's X-Turan-Backend header; an affinity error is counted when the health request and the websocket of one
connection, or a user's reconnect and its first session, were served by different processes. The processes' pids
come from serve.py's state file (CPU and RSS sampling); each is warmed on its own port before the users start.
The uncontended reference user goes through nginx too.

Memory (--sessions N): on a fresh server, RSS with 1 session and with N sessions held open, each having run the
overview page once.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import re
import statistics
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import streamclient as sc  # noqa: E402
from streamclient import Session, StreamError, serverkit  # noqa: E402  (serverkit: tests/serverkit.py)

ACTIONS = (("years", 0.4), ("countries", 0.4), ("page", 0.2))
THINK = (2.0, 4.0)
THINK_BASELINE = (0.5, 1.0)  # the lone reference user: more samples, still one request at a time
KEY_YEARS, KEY_COUNTRIES, KEY_CITE = "years", "countries", "cite_open"  # turan/ui: the filters and "Cite this view"


# ---- helpers -----------------------------------------------------------------------------------------------

def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    return ordered[max(1, min(len(ordered), math.ceil(q / 100 * len(ordered) - 1e-9))) - 1]


def summary(values: list[float]) -> dict:
    if not values:
        return {"n": 0}
    return {"n": len(values), "p50": percentile(values, 50), "p95": percentile(values, 95), "max": max(values),
            "mean": statistics.fmean(values)}


def sidebar_widgets(run: sc.Run) -> dict:
    """The year slider and the countries multiselect the server drew: {key: proto}, found by their key suffix
    (Streamlit's ids for keyed widgets end in -<key>)."""
    found = {}
    for proto in run.of_type("slider") + run.of_type("multiselect"):
        key = proto.id.rsplit("-", 1)[-1]
        if key in (KEY_YEARS, KEY_COUNTRIES):
            found[key] = proto
    return found


def cite_expander(run: sc.Run) -> str | None:
    """The widget id of the "Cite this view" expander (drawn only while open: the users keep it open, so every
    rerun carries the link that check_link reads)."""
    return next((widget_id for widget_id, label in run.expanders.items() if label == "Cite this view"), None)


def cite_link(run: sc.Run) -> str | None:
    """The view link of "Cite this view" (the first code box that holds a URL), None if the page drew none."""
    for code in run.of_type("code"):
        if code.code_text.startswith(("http://", "https://")):
            return code.code_text.strip()
    return None


def check_link(link: str | None, page: str, years: tuple[int, int], countries: list[str]) -> str | None:
    """None if the link names this page, years and countries; else what differs. No link: 'no link'."""
    if link is None:
        return "no link"
    parsed = urllib.parse.urlparse(link)
    params = urllib.parse.parse_qs(parsed.query, keep_blank_values=True)
    problems = []
    if parsed.path.strip("/") != page.strip("/"):
        problems.append(f"page {parsed.path!r} != {page!r}")
    got_years = tuple(int(y) for y in params.get(KEY_YEARS, []))
    if got_years != tuple(years):
        problems.append(f"years {got_years} != {tuple(years)}")
    got_countries = sorted(c for c in params.get(KEY_COUNTRIES, []) if c)
    if got_countries != sorted(countries):
        problems.append(f"countries {got_countries} != {sorted(countries)}")
    return "; ".join(problems) or None


def query_string(years: tuple[int, int], countries: list[str], defaults: tuple) -> str:
    """The query string the browser's URL holds for these filters (bound widgets; defaults are left out)."""
    pairs = []
    if sorted(countries) != sorted(defaults[1]):
        pairs += [(KEY_COUNTRIES, c) for c in countries]
    if tuple(years) != tuple(defaults[0]):
        pairs += [(KEY_YEARS, str(y)) for y in years]
    return urllib.parse.urlencode(pairs)


# ---- one simulated user ------------------------------------------------------------------------------------

class User:
    def __init__(self, number: int, url: str, rng: random.Random, timeout: float, stats: dict,
                 think: tuple[float, float] = THINK, replica: int | None = 0, backends: list[str] | None = None):
        self.number, self.url, self.rng, self.timeout, self.stats = number, url, rng, timeout, stats
        # replica: the server process this user is pinned to; behind the proxy (BACKENDS: the processes' addresses,
        # as nginx names them) the one nginx chose, known once connected
        self.think, self.replica, self.backends = think, replica, backends
        self.cookies: dict[str, str] = {}  # the browser's cookie jar, kept across reconnects
        self.first_backend: str | None = None
        self.session: Session | None = None
        self.page = ""
        self.years: tuple[int, int] | None = None
        self.countries: list[str] | None = None
        self.defaults: tuple | None = None
        self.ids: dict[str, str] = {}
        self.options: list[str] = []
        self.bounds = (1991, 2026)
        self.last_fingerprint: dict[str, str] = {}

    def error(self, kind: str, detail: str) -> None:
        self.stats["errors"].append({"user": self.number, "replica": self.replica, "kind": kind,
                                     "detail": detail[:300], "t": round(time.monotonic() - self.stats["t0"], 1)})

    async def open(self, pages: list[str]) -> None:
        self.page = self.rng.choice(pages)
        self.session = Session(self.url, timeout=self.timeout, cookies=self.cookies)
        await self.session.connect()
        self._placed()
        await self.request("open", first=True)

    def _placed(self) -> None:
        """Behind the proxy: note the process nginx gave this connection and check the affinity (the health request
        and the websocket on one process; a reconnect on the process of the user's first session)."""
        if self.backends is None:
            return
        backend, health = self.session.backend, self.session.health_backend
        if backend not in self.backends:
            self.error("protocol", f"the websocket handshake named no known process (X-Turan-Backend {backend!r})")
            return
        self.replica = self.backends.index(backend)
        if health != backend:
            self.error("affinity", f"/_stcore/health answered by {health}, the websocket by {backend}")
        if self.first_backend is None:
            self.first_backend = backend
        elif backend != self.first_backend:
            self.error("affinity", f"reconnected to {backend}, the first session was on {self.first_backend}")

    def _learn(self, run: sc.Run) -> None:
        widgets = sidebar_widgets(run)
        if KEY_YEARS in widgets:
            slider = widgets[KEY_YEARS]
            self.ids[KEY_YEARS] = slider.id
            self.bounds = (int(slider.min), int(slider.max))
            if self.years is None:
                self.years = tuple(int(v) for v in slider.default)
        if cite_expander(run):
            self.ids[KEY_CITE] = cite_expander(run)
        if KEY_COUNTRIES in widgets:
            multi = widgets[KEY_COUNTRIES]
            self.ids[KEY_COUNTRIES] = multi.id
            self.options = list(multi.options)
            if self.countries is None:
                self.countries = [multi.options[i] for i in multi.default]
        if self.defaults is None and self.years is not None and self.countries is not None:
            self.defaults = (self.years, list(self.countries))

    async def request(self, kind: str, first: bool = False) -> None:
        session = self.session
        widgets, qs = {}, ""
        if not first and self.defaults is not None and KEY_YEARS in self.ids and KEY_COUNTRIES in self.ids:
            widgets = {self.ids[KEY_YEARS]: self.years, self.ids[KEY_COUNTRIES]: list(self.countries)}
            if KEY_CITE in self.ids:
                widgets[self.ids[KEY_CITE]] = True
            qs = query_string(self.years, self.countries, self.defaults)
        try:
            run = await session.rerun(qs, self.page, widgets, first=first)
        except StreamError as err:
            reason = str(err)
            self.error("timeout" if reason.startswith("no script_finished") else "disconnect", reason)
            self.stats["latency"].setdefault(kind, []).append(self.timeout)  # a timeout counts at its full length
            self._count(kind, self.timeout)
            if not first:  # a failed first run is the reconnect's own failure: no reconnect loop
                await self.reconnect()
            return
        self.stats["latency"].setdefault(kind, []).append(run.latency)
        self._count(kind, run.latency)
        if not first:
            self.stats["by_page"].setdefault(self.page or "overview", []).append(run.latency)
        if run.status != sc.SUCCESS:
            status = sc.STATUS_NAMES.get(run.status, run.status)
            self.error("status", f"{kind} on /{self.page}: script_finished {status}")
        for exc in run.exceptions:
            self.error("exception", f"{kind} on /{self.page}: {exc}")
        if run.page_not_found:
            self.error("page_not_found", f"{kind} on /{self.page}")
        self._learn(run)
        if first:
            if not self.ids.get(KEY_YEARS) or not self.ids.get(KEY_COUNTRIES):
                self.error("protocol", f"no years/countries widget ids in the deltas of /{self.page}")
            return
        problem = check_link(cite_link(run), self.page, self.years, self.countries) if widgets else None
        if not widgets:
            self.stats["unchecked"] += 1  # nothing was sent to check against (the session's ids were unknown)
        elif problem == "no link":
            self.stats["unchecked"] += 1
        elif problem:
            self.error("filter not applied", f"{kind} on /{self.page}: {problem}")
        else:
            self.stats["checked"] += 1
        fingerprint = run.fingerprint()
        if kind in ("years", "countries") and self.page in self.last_fingerprint:
            self.stats["content_changed" if fingerprint != self.last_fingerprint[self.page] else "content_same"] += 1
        self.last_fingerprint[self.page] = fingerprint

    def _count(self, kind: str, latency: float) -> None:
        mine = self.stats["by_replica"].setdefault(self.replica, {"changes": [], "opens": 0})
        if kind == "open":
            mine["opens"] += 1
        else:
            mine["changes"].append(latency)

    async def reconnect(self) -> None:
        if self.session:
            await self.session.close()
        self.years = self.countries = None
        self.last_fingerprint.clear()
        try:
            self.session = Session(self.url, timeout=self.timeout, cookies=self.cookies)
            await self.session.connect()
            self._placed()
            await self.request("open", first=True)
        except Exception as err:  # noqa: BLE001
            self.error("disconnect", f"reconnect failed: {err!r}")

    async def act(self, pages: list[str]) -> None:
        kind = self.rng.choices([a for a, _ in ACTIONS], [w for _, w in ACTIONS])[0]
        if not self.ids.get(KEY_YEARS) or not self.ids.get(KEY_COUNTRIES) or self.defaults is None:
            kind = "page"  # nothing to change yet (the last run failed): move on, which also rereads the ids
        if kind == "years":
            lo, hi = self.bounds
            while True:
                years = tuple(sorted(self.rng.sample(range(lo, hi + 1), 2)))
                if years != self.years:
                    break
            self.years = years
        elif kind == "countries":
            while True:
                chosen = self.rng.sample(self.options, self.rng.randint(1, min(5, len(self.options))))
                if sorted(chosen) != sorted(self.countries):
                    break
            self.countries = [c for c in self.options if c in chosen]  # in the widget's order, as the browser
        else:
            self.page = self.rng.choice([p for p in pages if p != self.page])
        await self.request(kind)

    async def run(self, pages: list[str], start_delay: float, end: float) -> None:
        await asyncio.sleep(start_delay)
        try:
            await self.open(pages)
        except Exception as err:  # noqa: BLE001
            self.error("disconnect", f"could not open a session: {err!r}")
            return
        next_at = time.monotonic() + self.rng.uniform(*self.think)
        while next_at < end:
            await asyncio.sleep(max(0.0, next_at - time.monotonic()))
            started = time.monotonic()
            self.stats["late"].append(max(0.0, started - next_at))
            await self.act(pages)
            next_at = started + self.rng.uniform(*self.think)
        if self.session:
            await self.session.close()


# ---- the two measurements ----------------------------------------------------------------------------------

async def warm_up(url: str, timeout: float) -> list[str]:
    """Open every page once in one session (imports, data, caches; and the first deep link after a server start
    can miss the navigation). Returns the pages' URL paths ("" = the default page).
    Also checks that widget_states alone (no query string) change the filters, as the load test relies on it."""
    session = Session(url, timeout=timeout)
    await session.connect()
    run = await session.rerun("", "", first=True)
    if not run.ok:
        raise RuntimeError(f"warm-up: the overview did not run cleanly: {run.exceptions}")
    pages = [p for p in session.pages if p != session.default_page] + [session.default_page]
    for page in pages:
        run = await session.rerun("", page)
        if not run.ok:
            raise RuntimeError(f"warm-up: /{page} did not run cleanly: {run.exceptions or run.status}")
    widgets = sidebar_widgets(run)
    if set(widgets) != {KEY_YEARS, KEY_COUNTRIES}:
        raise RuntimeError(f"warm-up: the sidebar widgets {KEY_YEARS!r}/{KEY_COUNTRIES!r} are not in the deltas")
    years, countries = (2001, 2011), [widgets[KEY_COUNTRIES].options[1]]
    if cite_expander(run) is None:
        raise RuntimeError('warm-up: no "Cite this view" expander with a widget id in the deltas')
    run = await session.rerun("", session.default_page, {widgets[KEY_YEARS].id: years,
                                                         widgets[KEY_COUNTRIES].id: countries,
                                                         cite_expander(run): True})
    problem = check_link(cite_link(run), session.default_page, years, countries)
    if problem:
        raise RuntimeError(f"warm-up: a change sent as widget_states alone did not take effect: {problem}")
    await session.close()
    return sorted(pages)


async def load_test(urls: list[str], pids: list[int], users: int, seconds: float, seed: int = 9,
                    timeout: float = 30.0, baseline_seconds: float = 20.0, backends: list[str] | None = None) -> dict:
    """Warm up every server (replica), then (if baseline_seconds) one user alone on the first for that long as the
    uncontended reference, then the crowd of `users` for `seconds`, user i on replica i % len(urls).
    Behind the proxy (BACKENDS: the processes' loopback addresses, in the order of PIDS; URLS: nginx's URL alone)
    each process is warmed on its own address, and nginx places every user."""
    pages = None
    for url in [f"http://{b}" for b in backends] if backends else urls:
        found = await warm_up(url, timeout)
        if pages is not None and found != pages:
            raise RuntimeError(f"the replicas serve different pages: {pages} vs {found}")
        pages = found
    load_avg = os.getloadavg()
    baseline = (await crowd(urls[:1], pids if backends else pids[:1], pages, 1, baseline_seconds, seed + 1, timeout,
                            THINK_BASELINE, backends) if baseline_seconds else None)
    result = await crowd(urls, pids, pages, users, seconds, seed, timeout, THINK, backends)
    result["baseline"], result["load_avg_start"] = baseline, load_avg
    return result


async def crowd(urls: list[str], pids: list[int], pages: list[str], users: int, seconds: float, seed: int,
                timeout: float, think: tuple[float, float], backends: list[str] | None = None) -> dict:
    """`users` users for `seconds` against the servers at URLS (processes PIDS), user i pinned to server i % n, as a
    load balancer with session affinity would place them (a Streamlit session lives in one process). Behind the
    proxy (BACKENDS given, URLS = [nginx]) every user goes to nginx, which places it on one of the BACKENDS."""
    rng = random.Random(seed)
    stats: dict = {"latency": {}, "by_page": {}, "by_replica": {}, "errors": [], "checked": 0, "unchecked": 0,
                   "content_changed": 0, "content_same": 0, "late": [], "t0": time.monotonic()}
    samplers = [sc.ProcessSampler(pid) for pid in pids]
    client_cpu = os.times()
    for sampler in samplers:
        sampler.start()
    t0 = time.monotonic()
    end = t0 + seconds
    people = [User(i, urls[i % len(urls)], random.Random(rng.random()), timeout, stats, think,
                   None if backends else i % len(urls), backends) for i in range(users)]
    # Arrivals spread over the first think time, as users do not all click in the same second.
    await asyncio.gather(*(u.run(pages, rng.uniform(0, think[0]), end) for u in people))
    wall = time.monotonic() - t0
    servers = [await sampler.stop() for sampler in samplers]
    client_end = os.times()
    client = 100 * ((client_end.user + client_end.system) - (client_cpu.user + client_cpu.system)) / wall
    changes = [v for k, vals in stats["latency"].items() if k != "open" for v in vals]
    opens = len(stats["latency"].get("open", []))
    per_replica = []
    for r, (url, pid, server) in enumerate(zip(backends or urls, pids, servers)):
        mine = stats["by_replica"].get(r, {"changes": [], "opens": 0})
        errors = [e for e in stats["errors"] if e["replica"] == r]
        per_replica.append({
            "replica": r, "url": url, "pid": pid, "users": sum(1 for u in people if u.replica == r),
            "reruns": len(mine["changes"]), "opens": mine["opens"], "latency": summary(mine["changes"]),
            "errors": len(errors), "errors_by_kind": _by_kind(errors), "server": server,
            "cpu_per_rerun": server["cpu_seconds"] / max(1, len(mine["changes"]) + mine["opens"]),
        })
    server = sc.combine_samples(servers)
    return {
        "users": users, "seconds": seconds, "wall": wall, "seed": seed, "timeout": timeout, "pages": pages,
        "replicas": len(backends or urls), "per_replica": per_replica,
        "unplaced_users": sum(1 for u in people if u.replica is None),  # behind the proxy: never connected
        "reruns": len(changes), "opens": opens,
        "rate": len(changes) / wall,
        "latency": summary(changes),
        "by_kind": {k: summary(v) for k, v in sorted(stats["latency"].items())},
        "by_page": {k: summary(v) for k, v in sorted(stats["by_page"].items())},
        "errors": len(stats["errors"]), "errors_by_kind": _by_kind(stats["errors"]),
        "error_samples": stats["errors"][:20],
        "checked": stats["checked"], "unchecked": stats["unchecked"],
        "content_changed": stats["content_changed"], "content_same": stats["content_same"],
        "late_p95": percentile(stats["late"], 95) if stats["late"] else 0.0,
        "planned_rate": users / statistics.fmean(think), "think": think,
        "server": server, "client_cpu": client,
        # server CPU time per request (all processes): the service time; one process (one GIL) serves about its
        # inverse per second at most, N processes on N free cores about N times that
        "cpu_per_rerun": server["cpu_seconds"] / max(1, len(changes) + opens),
        "load_avg": os.getloadavg(),
    }


def _by_kind(errors: list[dict]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for err in errors:
        counts[err["kind"]] = counts.get(err["kind"], 0) + 1
    return counts


async def hold_sessions(url: str, pid: int, n: int, timeout: float = 60.0, batch: int = 10) -> dict:
    """RSS of the server with 1 and with N sessions open, each having run the overview page once."""
    await warm_up(url, timeout)
    await asyncio.sleep(2)
    idle = _settled_rss(pid)

    async def open_one() -> Session:
        session = Session(url, timeout=timeout)
        await session.connect()
        run = await session.rerun("", "", first=True)
        if not run.ok:
            raise RuntimeError(f"session did not run the overview cleanly: {run.exceptions or run.status}")
        return session

    sessions = [await open_one()]
    await asyncio.sleep(2)
    one = _settled_rss(pid)
    started = time.monotonic()
    while len(sessions) < n:
        sessions += await asyncio.gather(*(open_one() for _ in range(min(batch, n - len(sessions)))))
    opening = time.monotonic() - started
    await asyncio.sleep(3)
    many = _settled_rss(pid)
    alive = sum(1 for s in sessions if s.closed_reason is None)
    for session in sessions:
        await session.close()
    await asyncio.sleep(3)
    closed = _settled_rss(pid)
    return {"n": n, "idle": idle, "one": one, "many": many, "closed": closed, "alive": alive,
            "per_session": (many - one) / max(n - 1, 1), "opening_seconds": opening}


def _settled_rss(pid: int, samples: int = 3) -> float:
    values = []
    for _ in range(samples):
        values.append(sc.rss_mb(pid))
        time.sleep(0.5)
    return statistics.median(values)


# ---- entry points ------------------------------------------------------------------------------------------

def _app_dir(snapshot: bool) -> Path:
    return sc.snapshot_app(Path(tempfile.mkdtemp(prefix="bench_app_"))) if snapshot else sc.ROOT


def run_load(users: int, seconds: float, app_dir: Path = sc.ROOT, seed: int = 9, timeout: float = 30.0,
             baseline_seconds: float = 20.0, replicas: int = 1, proxy: bool = False) -> dict:
    """Start REPLICAS servers from APP_DIR (each `streamlit run dashboard.py` on its own port), run the load test
    with the users spread over them (sticky), stop them. PROXY: through deploy/serve.py's nginx instead."""
    if proxy:
        return run_proxy_load(users, seconds, app_dir, seed, timeout, baseline_seconds, replicas)
    logs = Path(tempfile.mkdtemp(prefix="bench_load_"))
    servers = []
    try:
        for r in range(replicas):
            servers.append(sc.start_server("dashboard.py", app_dir, log=logs / f"server{r}.log"))
        result = asyncio.run(load_test([url for _, url in servers], [proc.pid for proc, _ in servers], users,
                                       seconds, seed, timeout, baseline_seconds))
    finally:
        for proc, _ in servers:
            sc.stop(proc)
    result["server_log"] = str(logs)
    result["server_log_problems"] = []
    for r in range(replicas):
        prefix = f"[replica {r}] " if replicas > 1 else ""
        result["server_log_problems"] += _log_problems(logs / f"server{r}.log", prefix)
    return result


def run_proxy_load(users: int, seconds: float, app_dir: Path = sc.ROOT, seed: int = 9, timeout: float = 30.0,
                   baseline_seconds: float = 20.0, processes: int = 2) -> dict:
    """Start deploy/serve.py (nginx on a free loopback port in front of PROCESSES `streamlit run dashboard.py` from
    APP_DIR), run the load test against nginx's URL with the processes' pids from its state file, stop it. The
    result has, besides load_test's figures, `proxy`: nginx's URL, the processes, their restarts during the run and
    what nginx's access log counted."""
    logs = Path(tempfile.mkdtemp(prefix="bench_proxy_"))
    proc, state = serverkit.start_deploy(processes, app_dir, log_dir=logs)
    try:
        backends = [b["address"] for b in state["backends"]]
        result = asyncio.run(load_test([state["url"]], [b["pid"] for b in state["backends"]], users, seconds, seed,
                                       timeout, baseline_seconds, backends))
        after = serverkit.deploy_state(state["run_dir"]) or state
    finally:
        serverkit.stop_deploy(proc)
    result["proxy"] = {"url": state["url"], "processes": processes, "backends": backends,
                       "restarts": sum(b["restarts"] for b in after["backends"]) + after["nginx"]["restarts"],
                       "nginx": nginx_counts(logs / "nginx-access.log")}
    result["server_log"] = str(logs)
    result["server_log_problems"] = [problem for i in range(processes)
                                     for problem in _log_problems(logs / f"backend-{i}.log", f"[process {i}] ")]
    result["server_log_problems"] += _log_problems(logs / "nginx-error.log", "[nginx] ",
                                                   ("[error]", "[crit]", "[alert]", "[emerg]"))
    result["server_log_problems"] += _log_problems(logs / "serve.log", "[serve.py] ", ("restart", "exited", "error"))
    return result


def nginx_counts(access_log: Path) -> dict:
    """What nginx's access log (the `turan` format of deploy/nginx.conf.template) says: requests by status and by
    the process that answered ("-": from nginx's cache)."""
    statuses: dict[str, int] = {}
    backends: dict[str, int] = {}
    for line in access_log.read_text(errors="replace").splitlines():
        match = re.search(r'" (\d{3}) .* backend=(\S+)', line)
        if match:
            statuses[match[1]] = statuses.get(match[1], 0) + 1
            backends[match[2]] = backends.get(match[2], 0) + 1
    return {"requests": sum(statuses.values()), "statuses": dict(sorted(statuses.items())),
            "backends": dict(sorted(backends.items()))}


def _log_problems(log: Path, prefix: str, words: tuple[str, ...] = ("Traceback", "ERROR", "WARNING", "Error"),
                  limit: int = 20) -> list[str]:
    """The first LIMIT lines of LOG holding one of WORDS, each after PREFIX."""
    text = log.read_text(errors="replace") if log.exists() else ""
    return [prefix + line for line in text.splitlines() if any(w in line for w in words)][:limit]


def run_memory(n: int, app_dir: Path = sc.ROOT) -> dict:
    """Start a server from APP_DIR, hold N sessions open, stop it."""
    proc, url = sc.start_server("dashboard.py", app_dir)
    try:
        return asyncio.run(hold_sessions(url, proc.pid, n))
    finally:
        sc.stop(proc)


def describe_load(r: dict) -> str:
    lat, server = r["latency"], r["server"]
    lines = []
    base = r.get("baseline")
    if base and base["latency"]["n"]:
        b = base["latency"]
        lines.append(f"baseline, 1 user {base['wall']:.0f} s: {b['n']} reruns, p50 {b['p50'] * 1000:.0f} ms, "
                     f"p95 {b['p95'] * 1000:.0f} ms, max {b['max'] * 1000:.0f} ms, errors {base['errors']}, "
                     f"server CPU {base['cpu_per_rerun'] * 1000:.0f} ms per rerun")
    replicas, proxy = r.get("replicas", 1), r.get("proxy")
    where = (f"through nginx ({proxy['url']}) to {replicas} server process{'es' if replicas > 1 else ''}, placed by "
             "nginx's affinity cookie" if proxy else f"{replicas} server process{'es' if replicas > 1 else ''}")
    lines.append(f"{r['users']} users, {r['wall']:.0f} s, {where}: "
                 f"{r['reruns']} filter/page reruns ({r['rate']:.1f}/s, planned {r['planned_rate']:.1f}/s) and "
                 f"{r['opens']} session opens")
    if lat["n"]:
        lines.append(f"rerun latency p50 {lat['p50'] * 1000:.0f} ms, p95 {lat['p95'] * 1000:.0f} ms, "
                     f"max {lat['max'] * 1000:.0f} ms")
    for kind, s in r["by_kind"].items():
        if s["n"]:
            lines.append(f"  {kind:10s} n={s['n']:4d} p50 {s['p50'] * 1000:6.0f} ms  p95 {s['p95'] * 1000:6.0f} ms  "
                         f"max {s['max'] * 1000:6.0f} ms")
    for page, s in r["by_page"].items():
        lines.append(f"  /{page:12s} n={s['n']:4d} p50 {s['p50'] * 1000:6.0f} ms  p95 {s['p95'] * 1000:6.0f} ms  "
                     f"max {s['max'] * 1000:6.0f} ms")
    lines.append(f"errors: {r['errors']} {r['errors_by_kind']}")
    for err in r["error_samples"][:5]:
        lines.append(f"  {err}")
    lines.append(f"filters checked against the cite link: {r['checked']} ok, {r['unchecked']} without a link; "
                 f"content changed after a filter change: {r['content_changed']} of "
                 f"{r['content_changed'] + r['content_same']}")
    lines.append(f"server CPU mean {server['cpu_mean']:.0f}% (max 1-s sample {server['cpu_max']:.0f}%; "
                 f"100% = one core{'; all processes summed' if replicas > 1 else ''}), "
                 f"RSS {server['rss_start']:.0f} -> max {server['rss_max']:.0f} MB"
                 f"{' in total' if replicas > 1 else ''}; "
                 f"load client CPU {r['client_cpu']:.0f}%; "
                 f"server CPU {r['cpu_per_rerun'] * 1000:.0f} ms per request; load average {r['load_avg'][0]:.1f}")
    if proxy:
        nginx = proxy["nginx"]
        lines.append(f"users per process: {', '.join(str(x['users']) for x in r['per_replica'])}"
                     + (f" ({r['unplaced_users']} never connected)" if r.get("unplaced_users") else "")
                     + f"; restarts during the run: {proxy['restarts']}; nginx logged {nginx['requests']} requests, "
                     f"by status {nginx['statuses']}, by process {nginx['backends']} ('-': its cache)")
    if replicas > 1 or proxy:
        for rep in r["per_replica"]:
            lat, srv = rep["latency"], rep["server"]
            label = f"process {rep['replica']} ({rep['url']}, pid {rep['pid']})" if proxy else \
                f"replica {rep['replica']} ({rep['url']})"
            lines.append(f"  {label}: {rep['users']} users, {rep['reruns']} reruns"
                         + (f", p50 {lat['p50'] * 1000:.0f} ms, p95 {lat['p95'] * 1000:.0f} ms, "
                            f"max {lat['max'] * 1000:.0f} ms" if lat["n"] else "")
                         + f", errors {rep['errors']}, CPU {srv['cpu_mean']:.0f}% (max {srv['cpu_max']:.0f}%), "
                           f"RSS max {srv['rss_max']:.0f} MB, {rep['cpu_per_rerun'] * 1000:.0f} ms CPU per request")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=25)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--sessions", type=int, default=0, help="also measure RSS with this many open sessions")
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds before a rerun counts as timed out")
    parser.add_argument("--baseline-seconds", type=float, default=20.0,
                        help="first run one user alone this long, as the uncontended reference (0: skip)")
    parser.add_argument("--replicas", type=int, default=1,
                        help="start this many `streamlit run dashboard.py` servers (own ports, same app dir); user i "
                             "is pinned to server i %% N (sticky sessions, as a load balancer with session affinity)")
    parser.add_argument("--proxy", action="store_true",
                        help="through nginx: start deploy/serve.py with --processes REPLICAS on a free port and let "
                             "its cookie affinity place the users")
    parser.add_argument("--snapshot", action="store_true",
                        help="serve a copy of the app from a temp dir (edits to the tree during the run do not count)")
    parser.add_argument("--json", type=Path, help="write the raw results here")
    args = parser.parse_args()
    results = {}
    app_dir = _app_dir(args.snapshot)
    if args.users:
        results["load"] = run_load(args.users, args.seconds, app_dir, args.seed, args.timeout, args.baseline_seconds,
                                   args.replicas, args.proxy)
        print(describe_load(results["load"]))
    if args.sessions:
        results["memory"] = mem = run_memory(args.sessions, app_dir)
        print(f"server RSS: {mem['idle']:.0f} MB warm, {mem['one']:.0f} MB with 1 session, {mem['many']:.0f} MB with "
              f"{mem['n']} ({mem['alive']} still open), {mem['closed']:.0f} MB after closing them: "
              f"{mem['per_session']:.2f} MB per extra session")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
