"""Start and stop `streamlit run` on a free loopback port: the one way the browser tests (tests/browser/conftest.py)
and the benchmarks (benchmarks/streamclient.py, bench.py, load.py) run a live server."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


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
