"""A headless Streamlit client: speaks the websocket protocol of `streamlit run` (ws://HOST/_stcore/stream) as the
browser does, plus the helpers the benchmarks share to start a server and read its CPU time and memory.

The handshake copies the browser (Streamlit 1.67 frontend, checked by recording Chromium's frames with
Playwright): GET /_stcore/health sets the `_streamlit_xsrf` cookie; the websocket is opened with that cookie, an
`Origin` of the server itself and the subprotocols `streamlit, <xsrf cookie value>` (Streamlit repurposes the
subprotocol header to carry the XSRF token; a wrong token is not rejected, the session is just unauthenticated).
Each rerun is a `BackMsg.rerun_script` with a `ClientState`: the query string of the URL, the page
(`page_script_hash`, or `page_name` = URL path on the first run, as for a deep link), `widget_states`, the browser's
`context_info` (time zone, locale, URL, colour scheme), and the hashes of the cacheable messages the client holds,
so the server may answer large elements with a `ref_hash` instead of the element, as it does for the browser.
The run ends with a `ForwardMsg.script_finished` carrying the run id of the `new_session` that started it.
One difference: the browser sends the state of every widget on the page; this client sends only the ones given
(the server takes the others' defaults, as for a widget the user never touched).

Behind a proxy (deploy/serve.py's nginx) the client keeps cookies as a browser does: every Set-Cookie of the
/_stcore/health answer (nginx's `turan_route` affinity cookie as well as `_streamlit_xsrf`) goes into the session's
cookie jar, all of them go with the websocket handshake, and a jar passed to the next Session (a reconnect) is sent
again, so nginx routes the user to the same process. `Session.backend` is the process that answered the handshake
(nginx's X-Turan-Backend header; None without the proxy).
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

# Appended, after the callers' own paths: tests/ holds a conftest.py that bench.py must not take for tests/app's.
sys.path.append(str(Path(__file__).resolve().parents[1] / "tests"))
import serverkit  # noqa: E402  (tests/serverkit.py: the one way to run a live server)
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

ROOT = Path(__file__).resolve().parents[1]
SUCCESS = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_SUCCESSFULLY")
STATUS_NAMES = dict((v, k) for k, v in ForwardMsg.ScriptFinishedStatus.items())
# Files and folders `streamlit run dashboard.py` needs; copied by snapshot_app().
CONTENT_TYPES = {"plotly_chart", "deck_gl_json_chart", "vega_lite_chart", "dataframe", "table", "metric", "markdown",
                 "heading", "code", "alert", "json", "text", "imgs"}
# Like the browser's ForwardMsg cache, forget a cached element no run has used for this many runs.
CACHE_RUNS = 5
XSRF_COOKIE = "_streamlit_xsrf"
BACKEND_HEADER = "X-Turan-Backend"  # deploy/nginx.conf.template: the process that answered, behind the proxy
APP_FILES = ("dashboard.py", "pages", "turan", "data", "assets", ".streamlit")


# ---- server ------------------------------------------------------------------------------------------------

free_port, start_server, stop = serverkit.free_port, serverkit.start_server, serverkit.stop  # tests/serverkit.py


def snapshot_app(dest: Path) -> Path:
    """Copy the app (not tests, not .venv) to DEST, so edits made to the working tree during a long run neither
    reach the measured server nor trigger its file watcher."""
    import shutil
    dest.mkdir(parents=True, exist_ok=True)
    for name in APP_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


def rss_mb(pid: int) -> float:
    """VmRSS of PID in MB (from /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of PID (all its threads) in seconds, from /proc/PID/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class ProcessSampler:
    """Samples a process's CPU% (100% = one core) and RSS every `interval` s in the background (asyncio)."""

    def __init__(self, pid: int, interval: float = 1.0):
        self.pid, self.interval = pid, interval
        self.cpu: list[float] = []
        self.rss: list[float] = []
        self._task: asyncio.Task | None = None

    async def _run(self) -> None:
        last_cpu, last_t = cpu_seconds(self.pid), time.monotonic()
        while True:
            await asyncio.sleep(self.interval)
            cpu, now = cpu_seconds(self.pid), time.monotonic()
            self.cpu.append(100 * (cpu - last_cpu) / (now - last_t))
            self.rss.append(rss_mb(self.pid))
            last_cpu, last_t = cpu, now

    def start(self) -> None:
        self.start_cpu, self.start_t, self.start_rss = cpu_seconds(self.pid), time.monotonic(), rss_mb(self.pid)
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> dict:
        if self._task:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
        elapsed = time.monotonic() - self.start_t
        used = cpu_seconds(self.pid) - self.start_cpu
        return {"cpu_mean": 100 * used / elapsed, "cpu_seconds": used,
                "cpu_max": max(self.cpu, default=0.0), "rss_start": self.start_rss,
                "rss_max": max(self.rss, default=self.start_rss), "rss_end": rss_mb(self.pid), "seconds": elapsed,
                "cpu_series": list(self.cpu), "rss_series": list(self.rss)}


def combine_samples(samples: list[dict]) -> dict:
    """Several processes' ProcessSampler.stop() results as one (CPU% and RSS summed; the 1-s series of samplers
    started together are summed sample by sample for the highest total). One process: the same figures."""
    n = min(len(s["cpu_series"]) for s in samples)
    cpu = [sum(s["cpu_series"][i] for s in samples) for i in range(n)]
    rss = [sum(s["rss_series"][i] for s in samples) for i in range(n)]
    start = sum(s["rss_start"] for s in samples)
    return {"cpu_mean": sum(s["cpu_mean"] for s in samples), "cpu_seconds": sum(s["cpu_seconds"] for s in samples),
            "cpu_max": max(cpu, default=0.0), "rss_start": start, "rss_max": max(rss, default=start),
            "rss_end": sum(s["rss_end"] for s in samples), "seconds": max(s["seconds"] for s in samples),
            "cpu_series": cpu, "rss_series": rss, "processes": len(samples)}


# ---- protocol ----------------------------------------------------------------------------------------------

class StreamError(Exception):
    """The connection broke, a rerun timed out, or the server sent something the client cannot use."""


@dataclass
class Run:
    """What one rerun produced: its status and timing, the elements by delta path, and the errors seen."""
    sent: float
    run_id: str | None = None
    status: int | None = None
    finished: float | None = None
    elements: dict[tuple, tuple[str, str, object]] = field(default_factory=dict)  # path -> (type, hash, proto)
    expanders: dict[str, str] = field(default_factory=dict)  # widget id -> label, of the keyed (stateful) expanders
    exceptions: list[str] = field(default_factory=list)
    page_not_found: bool = False
    page_script_hash: str = ""
    query_strings: list[str] = field(default_factory=list)  # page_info_changed: the URL the server asks for
    done: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def latency(self) -> float:
        return (self.finished or time.perf_counter()) - self.sent

    @property
    def ok(self) -> bool:
        return self.status == SUCCESS and not self.exceptions and not self.page_not_found

    def fingerprint(self) -> str:
        """Hash of the content elements (charts, tables, text; not widgets, not download buttons, whose deferred
        file ids change every run) in delta-path order: equal fingerprints, equal pages."""
        digest = hashlib.sha1()
        for path in sorted(self.elements):
            kind, msg_hash, _ = self.elements[path]
            if kind in CONTENT_TYPES:
                digest.update(repr((path, kind, msg_hash)).encode())
        return digest.hexdigest()

    def of_type(self, kind: str) -> list:
        return [proto for path, (k, _, proto) in sorted(self.elements.items()) if k == kind]


def widget_state(widget_id: str, value) -> WidgetState:
    """A WidgetState for a range slider (two numbers), a multiselect (list of option labels) or a keyed expander
    (True: open)."""
    state = WidgetState(id=widget_id)
    if isinstance(value, bool):
        state.bool_value = value
    elif isinstance(value, tuple):
        state.double_array_value.data.extend(float(v) for v in value)
    elif isinstance(value, list):
        state.string_array_value.data.extend(value)
    else:
        raise TypeError(value)
    return state


class Session:
    """One browser tab's worth of Streamlit session over a websocket. `rerun()` sends a rerun_script and waits for
    its script_finished; a background reader dispatches every ForwardMsg to the run in flight."""

    def __init__(self, base_url: str, timeout: float = 30.0, cookies: dict[str, str] | None = None):
        self.base_url, self.timeout = base_url.rstrip("/"), timeout
        # The browser's cookie jar for this server: name -> value. Pass the same dict to a later Session (a reconnect)
        # to send the same cookies again.
        self.cookies = cookies if cookies is not None else {}
        self.backend: str | None = None  # X-Turan-Backend of the websocket handshake (behind deploy/serve.py's nginx)
        self.health_backend: str | None = None  # ... and of the /_stcore/health request before it
        self.ws = None
        self.pages: dict[str, str] = {}  # url path -> page_script_hash (from the navigation message)
        self.page_names: dict[str, str] = {}  # url path -> page title
        self.default_page = ""
        self.page_hash = ""  # the page the session is on
        self.cache: dict[str, ForwardMsg] = {}  # the browser's ForwardMsg cache: hash -> message
        self.cache_seen: dict[str, int] = {}  # hash -> number of the last run that used it
        self.runs = 0
        self.current: Run | None = None
        self.closed_reason: str | None = None
        self.bytes_received = 0
        self._reader: asyncio.Task | None = None

    async def connect(self) -> None:
        from websockets.asyncio.client import connect

        def health() -> None:
            request = urllib.request.Request(f"{self.base_url}/_stcore/health", headers=self._cookie_header())
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                self.keep_cookies(response.headers.get_all("Set-Cookie") or [])
                self.health_backend = response.headers.get(BACKEND_HEADER)

        await asyncio.to_thread(health)
        xsrf = self.cookies.get(XSRF_COOKIE, "")  # "2|...|...|..."
        parsed = urllib.parse.urlparse(self.base_url)
        self.ws = await connect(
            f"ws://{parsed.netloc}{parsed.path}/_stcore/stream", origin=self.base_url,
            subprotocols=["streamlit", xsrf] if xsrf else ["streamlit"],
            additional_headers=self._cookie_header() or None,
            max_size=None, max_queue=None, open_timeout=self.timeout, ping_interval=None)
        self.backend = self.ws.response.headers.get(BACKEND_HEADER)
        self._reader = asyncio.create_task(self._read())

    def keep_cookies(self, set_cookies: list[str]) -> None:
        """Store the name=value of each Set-Cookie header in the jar (attributes are not needed here: one server,
        one path, no expiry within a run)."""
        for header in set_cookies:
            name, _, value = header.split(";", 1)[0].strip().partition("=")
            if name:
                self.cookies[name] = value

    def _cookie_header(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self._reader:
            self._reader.cancel()
            try:
                await self._reader
            except (asyncio.CancelledError, Exception):
                pass

    async def _read(self) -> None:
        from websockets.exceptions import ConnectionClosed
        try:
            async for frame in self.ws:
                if isinstance(frame, str):
                    continue
                self.bytes_received += len(frame)
                msg = ForwardMsg()
                msg.ParseFromString(frame)
                self._handle(msg)
            self.closed_reason = f"server closed the websocket ({self.ws.close_code})"
        except ConnectionClosed as err:
            self.closed_reason = f"websocket closed: {err}"
        except Exception as err:  # noqa: BLE001 - any reader failure ends the session, reported as such
            self.closed_reason = f"reader failed: {err!r}"
        if self.current and not self.current.done.is_set():
            self.current.done.set()

    def _handle(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "ref_hash":
            cached = self.cache.get(msg.ref_hash)
            self.cache_seen[msg.ref_hash] = self.runs
            if cached is None:
                self.closed_reason = f"server referred to a message the client never got ({msg.ref_hash})"
                return
            path = tuple(msg.metadata.delta_path)
            msg = ForwardMsg()
            msg.CopyFrom(cached)
            msg.metadata.ClearField("delta_path")
            msg.metadata.delta_path.extend(path)
            kind = "delta"
        elif msg.metadata.cacheable and msg.hash:
            self.cache[msg.hash] = msg
            self.cache_seen[msg.hash] = self.runs
        run = self.current
        if kind == "navigation":
            self.pages, self.page_names = {}, {}
            for page in msg.navigation.app_pages:
                self.pages[page.url_pathname] = page.page_script_hash
                self.page_names[page.url_pathname] = page.page_name
                if page.is_default:
                    self.default_page = page.url_pathname
            self.page_hash = msg.navigation.page_script_hash
        if run is None or run.done.is_set():
            return
        if kind == "new_session":
            run.run_id = msg.metadata.run.script_run_id
            run.page_script_hash = msg.new_session.page_script_hash
        elif kind == "navigation":
            run.page_script_hash = msg.navigation.page_script_hash
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            etype = element.WhichOneof("type")
            run.elements[tuple(msg.metadata.delta_path)] = (etype, msg.hash, getattr(element, etype))
            if etype == "exception":
                exc = element.exception
                run.exceptions.append(f"{exc.type}: {exc.message}".strip(": "))
        elif kind == "delta" and msg.delta.WhichOneof("type") == "add_block":
            block = msg.delta.add_block
            if block.WhichOneof("type") == "expandable" and block.expandable.id:
                run.expanders[block.expandable.id] = block.expandable.label
        elif kind == "page_not_found":
            run.page_not_found = True
        elif kind == "page_info_changed":
            run.query_strings.append(msg.page_info_changed.query_string)
        elif kind == "script_finished":
            finished_id = msg.metadata.run.script_run_id
            # A script_finished with no run identity comes from the error path (handle_backmsg_exception).
            if run.run_id is None or not finished_id or finished_id == run.run_id:
                run.status = msg.script_finished
                run.finished = time.perf_counter()
                run.done.set()

    async def rerun(self, query_string: str = "", page: str | None = None, widgets: dict | None = None,
                    first: bool = False) -> Run:
        """Send one rerun_script and wait for its script_finished (or the timeout).
        page: a URL path ("" = the default page); on the first run it goes as page_name, as the browser sends a
        deep link; later as the page_script_hash the navigation message gave. widgets: {widget id: value}."""
        if self.closed_reason:
            raise StreamError(self.closed_reason)
        back = BackMsg()
        state = back.rerun_script
        state.query_string = query_string
        state.widget_states.SetInParent()
        for widget_id, value in (widgets or {}).items():
            state.widget_states.widgets.append(widget_state(widget_id, value))
        if first:
            state.page_name = page or ""
        else:
            state.page_script_hash = self.pages.get(page, self.page_hash) if page is not None else self.page_hash
        self.runs += 1
        for old in [h for h, seen in self.cache_seen.items() if seen < self.runs - CACHE_RUNS]:
            del self.cache[old], self.cache_seen[old]
        state.cached_message_hashes.extend(self.cache)
        # What Chromium sends (recorded): its time zone, locale, the page's URL and colour scheme.
        path = page if page is not None else next((p for p, h in self.pages.items() if h == self.page_hash), "")
        state.context_info.timezone = "UTC"
        state.context_info.locale = "en-US"
        state.context_info.url = f"{self.base_url}/{path}" + (f"?{query_string}" if query_string else "")
        state.context_info.color_scheme = "light"
        run = Run(sent=time.perf_counter())
        self.current = run
        await self.ws.send(back.SerializeToString())
        try:
            await asyncio.wait_for(run.done.wait(), self.timeout)
        except asyncio.TimeoutError:
            raise StreamError(f"no script_finished within {self.timeout:.0f} s") from None
        if self.closed_reason:
            raise StreamError(self.closed_reason)
        if run.page_script_hash:
            self.page_hash = run.page_script_hash
        return run
