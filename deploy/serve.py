"""Serve the dashboard to many users at once: one `streamlit run dashboard.py` per core behind nginx, supervised.

    .venv/bin/python deploy/serve.py [start] [--port 8080] [--address 0.0.0.0] [--processes N] [--run-dir DIR]
                                     [--log-dir DIR] [--app-dir DIR] [--nginx PATH] [--check-interval 3] ...
    .venv/bin/python deploy/serve.py stop [--port 8080 | --run-dir DIR]
    .venv/bin/python deploy/serve.py status [--port 8080 | --run-dir DIR]

`make serve` runs `start` (PORT= and PROCESSES= as make variables). `start`, in order:
1. starts N `streamlit run dashboard.py` processes (default: one per core this process may use, a container's CPU
   quota included), each on its own free loopback port, headless, with the file watcher off (restart after changing
   the code), from the app directory (the project, so its .streamlit/config.toml applies), all with one
   STREAMLIT_SERVER_COOKIE_SECRET (the environment's, else one generated for this start), so that the cookies
   Streamlit signs with it (its session cookie; st.login's, should the app use it) are valid on every process and
   on a restarted one (the XSRF token needs nothing shared: it is checked against the browser's own cookie);
2. waits until every process answers /_stcore/health;
3. writes RUN_DIR/nginx.conf from deploy/nginx.conf.template (session affinity by cookie, the websocket upgrade,
   passive health checks, gzip, a cache for the frontend's assets; the template says why), tests it with
   `nginx -t` and runs nginx in the foreground, as the invoking user, on ADDRESS:PORT;
4. writes RUN_DIR/state.json (this process's pid, nginx's, every backend's port, pid and status) and keeps it
   current: tests, the load test (benchmarks/load.py --proxy) and `stop` read it;
5. supervises: every --check-interval seconds it asks each process's /_stcore/health (the active check that
   open-source nginx lacks) and restarts a process that exited or failed --check-failures checks in a row, on the
   same port (nginx needs no reload), waiting longer each time for one that keeps failing; it restarts nginx if
   nginx exits;
6. on SIGTERM or SIGINT (Ctrl-C) stops nginx, then every process (SIGTERM, SIGKILL after --stop-timeout), and
   removes RUN_DIR. Each child also gets SIGTERM from the kernel if this process dies without cleaning up.

Address: nginx listens on every interface by default (0.0.0.0, as `streamlit run` does), so that a class can reach
it; give --address 127.0.0.1 when a TLS front on the same machine is the only way in. The Streamlit processes
listen on 127.0.0.1 whatever the address. Run as root, nginx's workers run as `nobody`.

Logs: LOG_DIR/backend-I.log for each process (appended across restarts), nginx-access.log and nginx-error.log.
LOG_DIR is RUN_DIR/logs, removed at the stop, unless --log-dir names another folder. This script's own messages go
to stderr. RUN_DIR defaults to $TMPDIR/turan-serve-PORT, so `stop --port PORT` finds it.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import ctypes
import functools
import grp
import http.client
import json
import math
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TEMPLATE = HERE / "nginx.conf.template"
STATE = "state.json"
MARKER = ".turan-serve"  # a folder holding this file was made by serve.py, and only such a folder is ever removed
COOKIE_SECRET = "STREAMLIT_SERVER_COOKIE_SECRET"
START_TIMEOUT = 120.0  # seconds for a process to answer /_stcore/health after its start
STABLE = 60.0  # a process up this long is no longer counted as crashing (its next restart is immediate)
MAX_DELAY = 60.0  # the longest wait before restarting a process that keeps failing
# nginx's passive check, per backend: two failed attempts (refused, reset, timed out) within 5 s mark it down for 5 s;
# then nginx tries it again (on loopback a refused connection costs nothing, and a restart takes a few seconds).
UPSTREAM_FAILS = "max_fails=2 fail_timeout=5s"


class Stopped(Exception):
    """A stop was asked for (SIGTERM, SIGINT) while starting."""


# ---- small helpers ------------------------------------------------------------------------------------------

def say(message: str) -> None:
    """One line of this script's log on stderr, with the time."""
    print(f"[serve {datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def available_cores() -> int:
    """The CPUs this process may use: its affinity mask, capped by a cgroup CPU quota (a container's --cpus)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    quota = cgroup_cpu_quota()
    return max(1, min(cores, math.ceil(quota)) if quota else cores)


def cgroup_cpu_quota() -> float | None:
    """The cgroup's CPU limit in cores (cgroup v2 cpu.max, else v1's CFS quota); None when unlimited or unknown."""
    try:
        limit, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
        return None if limit == "max" else int(limit) / int(period)
    except (OSError, ValueError):
        pass
    try:
        quota = int(Path("/sys/fs/cgroup/cpu/cpu.cfs_quota_us").read_text())
        period = int(Path("/sys/fs/cgroup/cpu/cpu.cfs_period_us").read_text())
        return quota / period if quota > 0 else None
    except (OSError, ValueError):
        return None


def free_ports(n: int) -> list[int]:
    """N distinct free loopback ports (all bound at once while choosing, so none is handed out twice)."""
    sockets = []
    try:
        for _ in range(n):
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def healthy(url: str, timeout: float) -> bool:
    """Whether URL/_stcore/health answers 200 within TIMEOUT seconds."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout) as response:
            return response.status == 200
    except (OSError, http.client.HTTPException):  # refused, reset, timed out, an error status, a broken answer
        return False


def tail(path: Path, lines: int = 15) -> str:
    """The last LINES lines of a log file, indented, for a message about the process that wrote it."""
    try:
        text = path.read_text(errors="replace").splitlines()[-lines:]
    except OSError:
        return "    (no log)"
    return "\n".join(f"    {line}" for line in text)


def _die_with_parent(parent: int) -> None:
    """In a child before exec (Linux): ask for SIGTERM when the supervisor dies, even by SIGKILL, so that no
    Streamlit process or nginx outlives it; exit at once if it is already gone."""
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(1)


def spawn(command: list[str], log: Path, **kwargs) -> subprocess.Popen:
    """Start COMMAND with its output appended to LOG (never a pipe: one nobody reads fills up and blocks the
    process), in its own session (a Ctrl-C in the terminal reaches this script only, which stops the children in
    order), tied to this process's life on Linux."""
    preexec = functools.partial(_die_with_parent, os.getpid()) if sys.platform.startswith("linux") else None
    with open(log, "ab") as out:
        return subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True, preexec_fn=preexec, **kwargs)


def terminate(procs: list[subprocess.Popen], timeout: float) -> None:
    """SIGTERM every process still running (and SIGCONT, so that a stopped one can act on it), wait for all of them
    up to TIMEOUT seconds together, then SIGKILL the rest."""
    running = [p for p in procs if p.poll() is None]
    for proc in running:
        proc.terminate()
        try:
            os.kill(proc.pid, signal.SIGCONT)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + timeout
    for proc in running:
        try:
            proc.wait(max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            say(f"pid {proc.pid} did not stop within {timeout:.0f} s: killed")
            proc.kill()
            proc.wait()


def running(pid: int, needle: str) -> bool:
    """Whether PID is a live (not zombie) process whose command line contains NEEDLE (guards against reused pids)."""
    try:
        if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
            return False
        return needle in Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except (OSError, IndexError):
        return False


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "es" if noun.endswith("s") else "s")


def default_run_dir(port: int) -> Path:
    return Path(tempfile.gettempdir()) / f"turan-serve-{port}"


def read_state(run_dir: Path) -> dict | None:
    """RUN_DIR/state.json as written by a running (or crashed) `start`, None if there is none."""
    try:
        return json.loads((run_dir / STATE).read_text())
    except (OSError, ValueError):
        return None


def remove_run_dir(run_dir: Path) -> None:
    """Remove RUN_DIR if serve.py made it (it holds the marker file); leave any other folder alone."""
    if (run_dir / MARKER).exists():
        shutil.rmtree(run_dir, ignore_errors=True)


def listen_and_connect(address: str, port: int) -> tuple[str, str]:
    """nginx's `listen` value for ADDRESS:PORT and the URL this machine reaches it at."""
    if ":" in address:  # IPv6
        host = "[::1]" if address in ("::", "[::]") else f"[{address.strip('[]')}]"
        return f"[{address.strip('[]')}]:{port}", f"http://{host}:{port}"
    return f"{address}:{port}", f"http://{'127.0.0.1' if address == '0.0.0.0' else address}:{port}"


def render_config(template: str, fields: dict[str, str]) -> str:
    """TEMPLATE with every {{NAME}} replaced by FIELDS[NAME]; a field missing from either side is an error."""
    for name, value in fields.items():
        if "{{" + name + "}}" not in template:
            raise ValueError(f"the template has no {{{{{name}}}}}")
        template = template.replace("{{" + name + "}}", value)
    if "{{" in template:
        raise ValueError(f"unfilled field in the template: {template[template.index('{{'):][:40]!r}")
    return template


# ---- the processes --------------------------------------------------------------------------------------------

@dataclass
class Backend:
    """One `streamlit run dashboard.py` process on its own loopback port, and what the supervisor knows of it."""

    index: int
    port: int
    log: Path
    proc: subprocess.Popen | None = None
    status: str = "stopped"  # starting, up, waiting (for its restart), stopped
    started: float = 0.0  # time.monotonic() of the last start
    up_since: float | None = None
    failures: int = 0  # health checks failed in a row
    restarts: int = 0
    crashes: int = 0  # restarts in a row that did not stay up STABLE seconds: sets the delay before the next
    restart_at: float = 0.0

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"http://{self.address}"

    def as_state(self) -> dict:
        return {"index": self.index, "address": self.address, "port": self.port,
                "pid": self.proc.pid if self.proc else None, "status": self.status, "restarts": self.restarts,
                "log": str(self.log)}


class Supervisor:
    """Starts the backends and nginx, keeps them running, stops them all; see the module's docstring."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.run_dir: Path = args.run_dir
        self.log_dir: Path = args.log_dir or args.run_dir / "logs"
        self.listen, self.url = listen_and_connect(args.address, args.port)
        self.stopping = threading.Event()
        self.env = {**os.environ, COOKIE_SECRET: os.environ.get(COOKIE_SECRET) or secrets.token_hex(32)}
        self.backends: list[Backend] = []
        self.nginx: subprocess.Popen | None = None
        self.nginx_restarts = 0
        self.started_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        self.ready = False
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=args.processes, thread_name_prefix="health")

    # -- the run directory and the state file

    def prepare_run_dir(self) -> None:
        """Create RUN_DIR, or take over one a crashed start left; refuse one in use or not made by serve.py."""
        state = read_state(self.run_dir)
        if state and running(state.get("supervisor_pid", 0), "serve.py"):
            raise SystemExit(f"already serving from {self.run_dir} (pid {state['supervisor_pid']}, "
                             f"{state.get('url')}); stop it with: deploy/serve.py stop --run-dir {self.run_dir}")
        if self.run_dir.exists() and any(self.run_dir.iterdir()) and not (self.run_dir / MARKER).exists():
            raise SystemExit(f"{self.run_dir} is not empty and was not made by serve.py: choose another --run-dir")
        remove_run_dir(self.run_dir)
        self.run_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        if os.geteuid() == 0:
            self.run_dir.chmod(0o711)  # nginx's workers (nobody) reach their temp and cache folders inside
        (self.run_dir / MARKER).write_text("made by deploy/serve.py; removed when it stops\n")
        self.log_dir.mkdir(parents=True, exist_ok=True)

    def write_state(self) -> None:
        """RUN_DIR/state.json, replaced atomically (a reader never sees half a file)."""
        state = {
            "supervisor_pid": os.getpid(), "url": self.url, "address": self.args.address, "port": self.args.port,
            "processes": self.args.processes, "ready": self.ready, "started": self.started_at,
            "updated": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "run_dir": str(self.run_dir), "log_dir": str(self.log_dir), "app_dir": str(self.args.app_dir),
            "nginx": {"pid": self.nginx.pid if self.nginx else None, "config": str(self.run_dir / "nginx.conf"),
                      "restarts": self.nginx_restarts},
            "backends": [b.as_state() for b in self.backends],
            "checks": {"interval": self.args.check_interval, "timeout": self.args.check_timeout,
                       "failures": self.args.check_failures},
        }
        partial = self.run_dir / f".{STATE}.tmp"
        partial.write_text(json.dumps(state, indent=1))
        partial.replace(self.run_dir / STATE)

    # -- backends

    def start_backend(self, backend: Backend) -> None:
        with open(backend.log, "a") as log:
            log.write(f"---- serve.py: starting backend {backend.index} on {backend.address} at "
                      f"{datetime.now(timezone.utc).isoformat(timespec='seconds')}\n")
        backend.proc = spawn(
            [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.address", "127.0.0.1",
             "--server.port", str(backend.port), "--server.headless", "true", "--server.fileWatcherType", "none"],
            backend.log, cwd=self.args.app_dir, env=self.env)
        backend.status, backend.started, backend.up_since, backend.failures = "starting", time.monotonic(), None, 0

    def stop_backend(self, backend: Backend) -> None:
        if backend.proc is not None:
            terminate([backend.proc], self.args.stop_timeout)

    def restart_later(self, backend: Backend, reason: str) -> None:
        """Stop BACKEND (if still running) and start it again: at once the first time, then after 2, 4, 8... s
        (at most MAX_DELAY) while it keeps failing before it has been up for STABLE seconds."""
        code = backend.proc.poll() if backend.proc else None
        say(f"backend {backend.index} ({backend.address}, pid {backend.proc.pid if backend.proc else '-'}) {reason}"
            + (f" (exit code {code})" if code is not None else "") + f"; its log ends:\n{tail(backend.log)}")
        self.stop_backend(backend)
        delay = 0.0 if backend.crashes == 0 else min(MAX_DELAY, 2.0 ** backend.crashes)
        backend.crashes += 1
        backend.restarts += 1
        if delay:
            say(f"backend {backend.index}: restart in {delay:.0f} s (failure {backend.crashes} in a row)")
            backend.status, backend.restart_at = "waiting", time.monotonic() + delay
        else:
            say(f"backend {backend.index}: restarting")
            self.start_backend(backend)

    def wait_started(self, backends: list[Backend]) -> None:
        """Wait until every backend answers /_stcore/health; fail on one that exits or takes over START_TIMEOUT."""
        pending = list(backends)
        while pending:
            if self.stopping.is_set():
                raise Stopped
            for backend in list(pending):
                if backend.proc.poll() is not None:
                    raise RuntimeError(f"backend {backend.index} exited with code {backend.proc.returncode} while "
                                       f"starting; its log ends:\n{tail(backend.log)}")
                if healthy(backend.url, self.args.check_timeout):
                    backend.status, backend.up_since = "up", time.monotonic()
                    say(f"backend {backend.index} up on {backend.address} (pid {backend.proc.pid}) after "
                        f"{time.monotonic() - backend.started:.1f} s")
                    pending.remove(backend)
                elif time.monotonic() - backend.started > START_TIMEOUT:
                    raise RuntimeError(f"backend {backend.index} did not answer /_stcore/health within "
                                       f"{START_TIMEOUT:.0f} s; its log ends:\n{tail(backend.log)}")
            self.stopping.wait(0.3)

    # -- nginx

    def nginx_command(self, *extra: str) -> list[str]:
        return [self.args.nginx, "-p", str(self.run_dir), "-c", str(self.run_dir / "nginx.conf"),
                "-e", str(self.log_dir / "nginx-error.log"), *extra]

    def write_nginx_config(self) -> None:
        for folder in ("tmp", "cache"):
            (self.run_dir / folder).mkdir(exist_ok=True)
        user = ""
        if os.geteuid() == 0:  # nginx would switch its workers to a compiled-in user; say which, explicitly
            group = "nogroup" if _group_exists("nogroup") else "nobody"
            user = f"user nobody {group};  # run as root: the workers drop to nobody"
        servers = "\n".join(f"        server {b.address} {UPSTREAM_FAILS};" for b in self.backends)
        text = render_config(TEMPLATE.read_text(), {
            "USER": user, "RUN_DIR": str(self.run_dir), "LOG_DIR": str(self.log_dir), "LISTEN": self.listen,
            "SERVERS": servers, "PROCESSES": str(len(self.backends))})
        (self.run_dir / "nginx.conf").write_text(text)

    def start_nginx(self) -> None:
        """Test the configuration (`nginx -t`), start nginx, and wait until /_stcore/health answers through it."""
        test = subprocess.run(self.nginx_command("-t", "-q"), capture_output=True, text=True)
        if test.returncode != 0:
            raise RuntimeError(f"nginx -t rejected {self.run_dir / 'nginx.conf'}:\n{test.stdout}{test.stderr}")
        self.nginx = spawn(self.nginx_command(), self.log_dir / "nginx-error.log")
        deadline = time.monotonic() + 30
        while not healthy(self.url, self.args.check_timeout):
            if self.nginx.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not serve {self.url}/_stcore/health (exit code {self.nginx.poll()}); "
                                   f"its error log ends:\n{tail(self.log_dir / 'nginx-error.log')}")
            if self.stopping.wait(0.2):
                raise Stopped
        say(f"nginx (pid {self.nginx.pid}) serves {self.url} from {plural(len(self.backends), 'process')}")

    # -- the whole

    def run(self) -> int:
        """Start everything, supervise until asked to stop, stop everything. Returns the exit code."""
        self.prepare_run_dir()
        code = 0
        try:
            ports = free_ports(self.args.processes)
            self.backends = [Backend(i, port, self.log_dir / f"backend-{i}.log") for i, port in enumerate(ports)]
            for backend in self.backends:
                self.start_backend(backend)
            self.write_state()
            self.wait_started(self.backends)
            self.write_nginx_config()
            self.start_nginx()
            self.ready = True
            self.write_state()
            where = f"--port {self.args.port}" if self.run_dir == default_run_dir(self.args.port).resolve() else \
                f"--run-dir {self.run_dir}"
            say(f"serving {self.url} with {plural(len(self.backends), 'Streamlit process')}; stop with Ctrl-C or "
                f"`deploy/serve.py stop {where}`")
            while not self.stopping.wait(self.args.check_interval):
                if self.tick():
                    self.write_state()
        except Stopped:
            pass
        except (RuntimeError, OSError) as err:  # a process that did not start, or a file that could not be written
            say(f"error: {err}")
            code = 1
        finally:
            self.shutdown()
        return code

    def tick(self) -> bool:
        """One round of supervision; True if anything changed."""
        changed = False
        if self.nginx is not None and self.nginx.poll() is not None:
            say(f"nginx exited with code {self.nginx.returncode}; its error log ends:\n"
                f"{tail(self.log_dir / 'nginx-error.log')}\nrestarting nginx")
            self.nginx_restarts += 1
            self.start_nginx()
            changed = True
        now = time.monotonic()
        for backend in self.backends:
            if backend.status == "waiting" and now >= backend.restart_at:
                self.start_backend(backend)
                changed = True
            elif backend.status in ("starting", "up") and backend.proc.poll() is not None:
                self.restart_later(backend, "exited")
                changed = True
        checked = [b for b in self.backends if b.status in ("starting", "up")]
        answers = self.pool.map(lambda b: healthy(b.url, self.args.check_timeout), checked)
        for backend, ok in zip(checked, answers):
            if self.stopping.is_set():
                break
            changed |= self.record_check(backend, ok)
        return changed

    def record_check(self, backend: Backend, ok: bool) -> bool:
        """Count one health check of BACKEND; restart it when it has failed too often. True if its status changed."""
        now = time.monotonic()
        if ok:
            backend.failures = 0
            if backend.up_since is not None and now - backend.up_since >= STABLE:
                backend.crashes = 0
            if backend.status == "starting":
                backend.status, backend.up_since = "up", now
                say(f"backend {backend.index} up again on {backend.address} (pid {backend.proc.pid}) after "
                    f"{now - backend.started:.1f} s")
                return True
            return False
        if backend.status == "starting":
            if now - backend.started > START_TIMEOUT:
                self.restart_later(backend, f"did not answer /_stcore/health within {START_TIMEOUT:.0f} s of its start")
                return True
            return False
        backend.failures += 1
        if backend.failures >= self.args.check_failures:
            self.restart_later(backend, f"failed {backend.failures} health checks in a row "
                                        f"(timeout {self.args.check_timeout:g} s)")
            return True
        return False

    def shutdown(self) -> None:
        """Stop nginx first (no new requests), then every backend together; remove the run directory."""
        self.pool.shutdown(wait=False, cancel_futures=True)
        if self.nginx is not None:
            terminate([self.nginx], self.args.stop_timeout)
        terminate([b.proc for b in self.backends if b.proc is not None], self.args.stop_timeout)
        for backend in self.backends:
            backend.status = "stopped"
        remove_run_dir(self.run_dir)
        say("stopped nginx and every backend")

    def ask_to_stop(self, signum: int, _frame) -> None:
        if not self.stopping.is_set():
            say(f"{signal.Signals(signum).name}: stopping")
        self.stopping.set()


def _group_exists(name: str) -> bool:
    try:
        grp.getgrnam(name)
        return True
    except KeyError:
        return False


# ---- the commands ---------------------------------------------------------------------------------------------

def start(args: argparse.Namespace) -> int:
    if not args.nginx or not os.access(args.nginx, os.X_OK):
        raise SystemExit(f"no nginx at {args.nginx!r}: install it (Debian: apt-get install -y nginx) or give --nginx")
    supervisor = Supervisor(args)
    signal.signal(signal.SIGTERM, supervisor.ask_to_stop)
    signal.signal(signal.SIGINT, supervisor.ask_to_stop)
    return supervisor.run()


def stop(args: argparse.Namespace) -> int:
    """Ask the `start` that serves from RUN_DIR to stop (SIGTERM) and wait for it; if it does not stop in time, kill
    it and the processes its state file names."""
    state = read_state(args.run_dir)
    if state is None:
        say(f"nothing to stop: no {args.run_dir / STATE}")
        return 1
    pid = state["supervisor_pid"]
    if running(pid, "serve.py"):
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + args.timeout
        while running(pid, "serve.py") and time.monotonic() < deadline:
            time.sleep(0.2)
        if not running(pid, "serve.py"):
            say(f"stopped the server of {state['url']} (pid {pid})")
            return 0
        say(f"pid {pid} did not stop within {args.timeout:.0f} s: killing it and its processes")
        os.kill(pid, signal.SIGKILL)
    else:
        say(f"pid {pid} is not running (a stale state file): removing what is left")
    leftovers = [(state["nginx"]["pid"], "nginx")] + [(b["pid"], "streamlit") for b in state["backends"]]
    for child, needle in leftovers:
        if child and running(child, needle):
            os.kill(child, signal.SIGKILL)
    remove_run_dir(args.run_dir)
    return 0


def status(args: argparse.Namespace) -> int:
    """Print the state file's processes with a live health check of each; exit 1 unless nginx answers."""
    state = read_state(args.run_dir)
    if state is None or not running(state["supervisor_pid"], "serve.py"):
        print(f"not running (no live server with state in {args.run_dir})")
        return 1
    ok = healthy(state["url"], 5)
    print(f"{state['url']}: {'healthy' if ok else 'NOT ANSWERING'}; supervisor pid {state['supervisor_pid']}, "
          f"nginx pid {state['nginx']['pid']}, started {state['started']}")
    for b in state["backends"]:
        live = "healthy" if healthy(f"http://{b['address']}", 5) else "not answering"
        print(f"  backend {b['index']} {b['address']} pid {b['pid']}: {b['status']}, {live}, {b['restarts']} restarts")
    return 0 if ok else 1


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[6:]))
    parser.add_argument("command", nargs="?", choices=("start", "stop", "status"), default="start",
                        help="start (the default) serves; stop and status act on the server of --port or --run-dir")
    parser.add_argument("--port", type=int, default=8080, help="nginx's port (default 8080)")
    parser.add_argument("--address", default="0.0.0.0",
                        help="nginx's address (default 0.0.0.0: every interface; 127.0.0.1 behind a local TLS front)")
    parser.add_argument("--processes", type=int, default=available_cores(),
                        help="Streamlit processes (default: the cores this process may use, here %(default)s)")
    parser.add_argument("--run-dir", type=Path,
                        help="pid, config, state and temp files (default $TMPDIR/turan-serve-PORT)")
    parser.add_argument("--log-dir", type=Path, help="logs (default RUN_DIR/logs, removed at the stop)")
    parser.add_argument("--app-dir", type=Path, default=ROOT, help="the folder holding dashboard.py (default: here)")
    parser.add_argument("--nginx", default=shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin"),
                        help="the nginx binary (default: nginx on PATH, else /usr/sbin/nginx)")
    parser.add_argument("--check-interval", type=float, default=3.0, help="seconds between health checks (3)")
    parser.add_argument("--check-timeout", type=float, default=5.0, help="seconds a health check may take (5)")
    parser.add_argument("--check-failures", type=int, default=3,
                        help="failed checks in a row that make a process restart (3)")
    parser.add_argument("--stop-timeout", type=float, default=10.0,
                        help="seconds a process has to stop after SIGTERM before SIGKILL (10)")
    parser.add_argument("--timeout", type=float, default=60.0, help="stop: seconds to wait for the server to stop")
    args = parser.parse_args(argv)
    if args.processes < 1:
        parser.error("--processes must be at least 1")
    args.run_dir = (args.run_dir or default_run_dir(args.port)).resolve()
    args.log_dir = args.log_dir.resolve() if args.log_dir else None
    args.app_dir = args.app_dir.resolve()
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    return {"start": start, "stop": stop, "status": status}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
