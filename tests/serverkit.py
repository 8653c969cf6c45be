"""Start and stop `streamlit run` on a free loopback port: the one way the browser tests (tests/browser/conftest.py)
and the benchmarks (benchmarks/streamclient.py, bench.py, load.py) run a live server. Also the multi-process
deployment, `deploy/serve.py` (nginx in front of N processes), for tests/deploy and `benchmarks/load.py --proxy`."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy" / "serve.py"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(script: str = "dashboard.py", cwd: Path = ROOT, log: Path | None = None, timeout: float = 60,
                 env: dict[str, str] | None = None) -> tuple[subprocess.Popen, str]:
    """`streamlit run SCRIPT` headless on a free loopback port, with the project's .streamlit/config.toml when run
    from the project (XSRF and CORS on) and the shipped data unless `env` says otherwise (TURAN_DATA_DIR). The
    server's output goes to `log` (a fresh temporary file by default), never to a pipe: a pipe nobody reads fills
    up and blocks the server. Returns (process, base URL) once /_stcore/health answers 200."""
    port = free_port()
    log = log or Path(tempfile.mkdtemp(prefix="turan_server_")) / "server.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port), "--server.address",
             "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=cwd, stdout=out, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "TURAN_DATA_DIR": "", **(env or {})})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return proc, url
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                stop(proc)
                raise RuntimeError(f"streamlit run {script} did not start: {log.read_text(errors='replace')}") \
                    from None
            time.sleep(0.3)


def stop(proc: subprocess.Popen) -> None:
    """Terminate the server, kill it if it does not stop within ten seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


@contextlib.contextmanager
def serving(env: dict[str, str] | None = None, script: str = "dashboard.py", cwd: Path = ROOT):
    """The dashboard served for the `with` block (with extra environment variables); always stopped."""
    proc, url = start_server(script, cwd, env=env)
    try:
        yield url
    finally:
        stop(proc)


def start_deploy(processes: int = 2, app_dir: Path = ROOT, log_dir: Path | None = None, timeout: float = 120,
                 env: dict[str, str] | None = None, options: tuple[str, ...] = ()) -> tuple[subprocess.Popen, dict]:
    """`deploy/serve.py`: nginx on a free loopback port in front of PROCESSES `streamlit run dashboard.py` from
    APP_DIR, on the shipped data unless `env` says otherwise, with extra command-line OPTIONS. Its own output
    (serve.log) and every process's log go to LOG_DIR (a fresh temporary folder by default), which outlives the stop.
    Returns (the serve.py process, its state file) once the state file says ready."""
    log_dir = log_dir or Path(tempfile.mkdtemp(prefix="turan_deploy_"))
    run_dir = Path(tempfile.mkdtemp(prefix="turan_run_"))
    with open(log_dir / "serve.log", "w") as out:
        proc = subprocess.Popen(
            [sys.executable, str(DEPLOY), "start", "--port", str(free_port()), "--address", "127.0.0.1",
             "--processes", str(processes), "--run-dir", str(run_dir), "--log-dir", str(log_dir), "--app-dir",
             str(app_dir), *options],
            stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "TURAN_DATA_DIR": "", **(env or {})})
    deadline = time.monotonic() + timeout
    while True:
        state = deploy_state(run_dir)
        if state and state["ready"]:
            return proc, state
        if proc.poll() is not None or time.monotonic() > deadline:
            stop_deploy(proc)
            raise RuntimeError(f"deploy/serve.py did not start: {(log_dir / 'serve.log').read_text(errors='replace')}")
        time.sleep(0.3)


def deploy_state(run_dir: str | Path) -> dict | None:
    """serve.py's state file in RUN_DIR (a state's "run_dir") as it is now; None while there is none."""
    try:
        return json.loads((Path(run_dir) / "state.json").read_text())
    except (OSError, ValueError):
        return None


def stop_deploy(proc: subprocess.Popen, timeout: float = 60) -> None:
    """SIGTERM to serve.py, which stops nginx and its processes and removes its run folder; SIGKILL after TIMEOUT
    seconds (its children then get SIGTERM from the kernel)."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


@contextlib.contextmanager
def deploying(processes: int = 2, **kwargs):
    """deploy/serve.py for the `with` block (start_deploy's arguments); yields its state file; always stopped."""
    proc, state = start_deploy(processes, **kwargs)
    try:
        yield state
    finally:
        stop_deploy(proc)
