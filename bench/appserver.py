"""The app on a free local port and the Chromium flags: shared by the browser tests, the load test and the benchmark.

Debian's ``/usr/bin/chromium`` is used through Playwright; no browser is ever downloaded.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "IDLE", "app_server", "free_port", "start_app", "stop"]

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
#: Headless, no GPU, no background services: nothing leaves the machine, nothing competes for the 2 cores.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


#: Selector that matches once Streamlit's script run is over. Streamlit's status widget („Running…“, „Stop“)
#: is gone with ``client.toolbarMode = "minimal"``, so browser code waits for this state of the app root instead.
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"Streamlit ended early with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not become healthy within {seconds} s")


def start_app(data_dir: Path, seconds: float = 120) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``streamlit run app.py`` on ``data_dir``; return the process and its URL once it answers."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true"]
    command += [f"--server.port={port}", "--server.address=127.0.0.1", "--browser.gatherUsageStats=false"]
    env = {**os.environ, "NETZWERKKARTE_DATA": str(data_dir)}
    proc = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc, seconds)
    except BaseException:
        stop(proc)
        raise
    return proc, url


def stop(proc: subprocess.Popen[bytes]) -> None:
    """End the app: terminate, and kill if it does not stop within 10 s."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextmanager
def app_server(data_dir: Path, seconds: float = 120) -> Iterator[str]:
    """Run the app on a free local port with ``data_dir``; yield its URL once ``/_stcore/health`` says ok."""
    proc, url = start_app(data_dir, seconds)
    try:
        yield url
    finally:
        stop(proc)
