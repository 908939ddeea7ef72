"""Load test: many simultaneous browser sessions against one app (filters, profiles, referral queries).

Starts the app on a free 127.0.0.1 port, drives ``--sessions`` Playwright pages in one headless
Debian Chromium for ``--seconds`` and prints response times (p50/p95), errors and the server's
peak memory. Test-only: not collected by pytest (tests/test_load.py runs a short version).

    .venv/bin/python tests/load/run_load.py [--sessions 20] [--seconds 90] [--data data]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlparse

import yaml

__all__ = ["LoadResult", "main", "percentile", "run_load"]

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: The whole run (start, drive, stop) stays under two minutes.
MAX_TOTAL_SECONDS = 120
MAX_SESSIONS = 20
STEP_TIMEOUT_MS = 60_000
FINAL_TIMEOUT_MS = 40_000
#: Seconds for steps still running at the deadline, and what the cut-off, final check and stop need after it.
GRACE_SECONDS = 8
STOP_RESERVE = GRACE_SECONDS + FINAL_TIMEOUT_MS / 1000 + 5
QUERIES = ("schwänzt seit Wochen", "Schulangst", "Mobbing im Klassenchat", "Vater trinkt", "Streit zu Hause", "Sucht")
#: Text on the page that means something went wrong (Streamlit shows exceptions in stException).
BROKEN_TEXTS = ("Traceback", "Page not found", "Seite nicht gefunden")
DONE = "() => window.__ran === true && document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'"
WATCH = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  window.__ran = false;
  if (app && !window.__watch) {
    window.__watch = new MutationObserver(records => {
      if (records.some(r => r.oldValue === 'running') || app.dataset.testScriptState === 'running') window.__ran = true;
    });
    window.__watch.observe(app, {attributes: true, attributeOldValue: true, attributeFilter: ['data-test-script-state']});
  }
}"""


@dataclass
class LoadResult:
    """What a run measured: seconds per interaction kind, errors with their text, memory samples (MiB)."""

    times: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    timeouts: list[str] = field(default_factory=list)
    js_errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    rss_mib: list[float] = field(default_factory=list)
    broken_at_end: list[str] = field(default_factory=list)
    sessions: int = 0
    seconds: float = 0.0
    cut_off: int = 0
    server_cpu: float = 0.0

    def all_times(self) -> list[float]:
        """Every interaction's response time, all kinds together."""
        return [t for times in self.times.values() for t in times]


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (``share`` between 0 and 1) of ``values``; 0 for no values.

    Examples
    --------
    >>> percentile([1.0, 2.0, 3.0, 4.0], 0.5), percentile([1.0, 2.0, 3.0, 4.0], 0.95), percentile([], 0.5)
    (2.0, 4.0, 0.0)
    """
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 1))  # ceil without importing math
    return ordered[int(rank) - 1]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_app(data_dir: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true"]
    command += [f"--server.port={port}", "--server.address=127.0.0.1", "--browser.gatherUsageStats=false"]
    env = {**os.environ, "NETZWERKKARTE_DATA": str(data_dir)}
    proc = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"Streamlit ended early with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.read().strip() == b"ok":
                    return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise TimeoutError(f"{url} did not become healthy")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _rss_mib(pid: int) -> float:
    """Resident memory of the server process in MiB (psutil when installed, else /proc)."""
    try:
        import psutil

        return float(psutil.Process(pid).memory_info().rss) / 2**20
    except ImportError:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds the process has used so far (from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _sample_memory(pid: int, result: LoadResult, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            result.rss_mib.append(_rss_mib(pid))
        except (OSError, ValueError):  # the process just ended
            return
        stop.wait(0.5)


def _workload(data_dir: Path) -> tuple[list[str], list[str]]:
    """Actor ids and actor kinds of the data folder (read directly; the app validates it)."""
    actors = yaml.safe_load((data_dir / "actors.yaml").read_text(encoding="utf-8")) or []
    vocabulary = yaml.safe_load((data_dir / "vocabulary.yaml").read_text(encoding="utf-8")) or {}
    return [str(a["id"]) for a in actors], [str(k["id"]) for k in vocabulary.get("actor_kinds", [])]


class LoadSession:
    """One simulated staff member: a browser context working through random interactions."""

    def __init__(self, number: int, url: str, context: Any, result: LoadResult, workload: tuple[list[str], list[str]]):
        self.number, self.url, self.context, self.result = number, url, context, result
        self.actors, self.kinds = workload
        self.rng = random.Random(number)
        self.page: Any = None
        self.where = ""

    async def _route(self, route: Any) -> None:
        parsed = urlparse(route.request.url)
        if parsed.scheme in {"data", "blob", "about"} or parsed.hostname == "127.0.0.1":
            await route.continue_()
        else:
            self.result.foreign.append(route.request.url)
            await route.abort()

    async def open(self) -> None:
        await self.context.route("**/*", self._route)
        self.page = await self.context.new_page()
        self.page.set_default_timeout(STEP_TIMEOUT_MS)
        self.page.on("pageerror", lambda error: self.result.js_errors.append(f"{self.number}: {error}"))

    async def _check(self, step: str) -> None:
        """Count a visible exception, traceback or 'page not found' as an error of ``step``."""
        exceptions = await self.page.get_by_test_id("stException").count()
        text = await self.page.locator("body").inner_text()
        found = [b for b in BROKEN_TEXTS if b in text] + (["stException"] if exceptions else [])
        if found:
            self.result.errors.append(f"Sitzung {self.number}, {step}: {', '.join(found)}")

    async def _goto(self, path: str) -> None:
        await self.page.goto(f"{self.url}/{path}", wait_until="commit")  # then wait for what the user waits for
        await self.page.get_by_test_id("stApp").wait_for()
        await self.page.wait_for_function(
            "() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'"
        )

    async def _map_drawn(self) -> None:
        await self.page.frame_locator("iframe").first.locator("#netzwerk canvas").wait_for(state="visible")

    async def filter_map(self) -> None:
        """Open the map with a kind filter (a shared link) and wait for the drawing."""
        kinds = self.rng.sample(self.kinds, k=min(2, len(self.kinds)))
        await self._goto(f"?kind={','.join(kinds)}")
        await self._map_drawn()
        self.where = "karte"

    async def toggle_isolated(self) -> None:
        """On the map: switch 'hide actors without relation' (a rerun in the same session)."""
        if self.where != "karte":
            await self.filter_map()
        await self.page.evaluate(WATCH)
        await self.page.get_by_text("Akteure ohne Beziehung ausblenden").click()
        await self.page.wait_for_function(DONE)
        await self._map_drawn()

    async def profile(self) -> None:
        """Open an actor's profile and wait for its heading and ego map."""
        actor = self.rng.choice(self.actors)
        await self._goto(f"akteure?actor={quote(actor)}")
        await self.page.locator("h2").first.wait_for()
        await self._map_drawn()
        self.where = "akteure"

    async def referral(self) -> None:
        """Type a need on the referral page and wait for the ranked offers (or the explanation)."""
        if self.where != "vermittlung":
            await self._goto("vermittlung")
            self.where = "vermittlung"
        query = self.page.get_by_role("textbox", name="Anliegen")
        await query.fill(self.rng.choice(QUERIES) + " " + str(self.rng.randint(1, 999)))
        await self.page.evaluate(WATCH)
        await query.press("Enter")
        await self.page.wait_for_function(DONE)

    async def run(self, deadline: float) -> None:
        """Random interactions until ``deadline``; each one timed until its result is on screen."""
        steps = {
            "Karte filtern": self.filter_map,
            "Karte umschalten": self.toggle_isolated,
            "Profil": self.profile,
            "Vermittlung": self.referral,
        }
        while time.monotonic() < deadline:
            name = self.rng.choice(list(steps))
            start = time.monotonic()
            try:
                await steps[name]()
            except Exception as error:  # a timeout: slow, not broken (the page is checked for errors below)
                where = "timeouts" if "Timeout" in type(error).__name__ else "errors"
                text = str(error).splitlines()[0][:120]
                getattr(self.result, where).append(f"Sitzung {self.number}, {name}: {type(error).__name__}: {text}")
                self.where = ""
                await self._check(name)
                continue
            self.result.times.setdefault(name, []).append(time.monotonic() - start)
            await self._check(name)

    async def warm_up(self) -> None:
        """Fill the server's caches (layout, metrics, referral index) once, untimed."""
        await self.filter_map()
        await self.profile()
        await self.referral()

    async def final_check(self) -> None:
        """After the load: the page this session was left on finished its run, is connected and shows no error."""
        try:
            await self.page.wait_for_function(
                "() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'",
                timeout=FINAL_TIMEOUT_MS,
            )
            state = await self.page.get_by_test_id("stApp").get_attribute("data-test-connection-state")
            if state != "CONNECTED":
                self.result.broken_at_end.append(f"Sitzung {self.number}: Verbindung {state}")
            await self._check("Abschluss")
        except Exception as error:
            text = str(error).splitlines()[0][:120]
            self.result.broken_at_end.append(f"Sitzung {self.number}: {type(error).__name__}: {text}")


async def _drive(url: str, sessions: int, seconds: float, result: LoadResult, data_dir: Path, end: float) -> None:
    from playwright.async_api import async_playwright

    workload = _workload(data_dir)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        contexts = [await browser.new_context(viewport={"width": 1280, "height": 800}) for _ in range(sessions)]
        users = [LoadSession(i + 1, url, c, result, workload) for i, c in enumerate(contexts)]
        await asyncio.gather(*(u.open() for u in users))
        await users[0].warm_up()  # caches filled once, as on a server that already runs
        result.seconds = max(5.0, min(seconds, end - time.monotonic() - STOP_RESERVE))
        deadline = time.monotonic() + result.seconds
        tasks = [asyncio.create_task(u.run(deadline)) for u in users]
        # Steps still running at the deadline get a grace period, then they are cut off (counted, not errors).
        _, pending = await asyncio.wait(tasks, timeout=result.seconds + GRACE_SECONDS)
        for task in pending:
            task.cancel()
        result.cut_off = len(pending)
        await asyncio.gather(*pending, return_exceptions=True)
        await asyncio.gather(*(u.final_check() for u in users))
        await browser.close()


def run_load(sessions: int = MAX_SESSIONS, seconds: float = 90, data_dir: Path | None = None) -> LoadResult:
    """Start the app, drive ``sessions`` browser pages for ``seconds``, stop the app; return the measurements.

    Both numbers are capped (:data:`MAX_SESSIONS`, and the whole run stays under :data:`MAX_TOTAL_SECONDS`).
    """
    begin = time.monotonic()
    data_dir = data_dir or REPO / "data"
    sessions = max(1, min(sessions, MAX_SESSIONS))
    result = LoadResult(sessions=sessions)
    proc, url = _start_app(data_dir)
    stop = threading.Event()
    sampler = threading.Thread(target=_sample_memory, args=(proc.pid, result, stop), daemon=True)
    sampler.start()
    cpu_start, clock_start = _cpu_seconds(proc.pid), time.monotonic()
    try:
        end = begin + MAX_TOTAL_SECONDS - 5  # the app needs a few seconds to stop
        asyncio.run(_drive(url, sessions, seconds, result, data_dir, end))
        result.server_cpu = (_cpu_seconds(proc.pid) - cpu_start) / (time.monotonic() - clock_start)
    finally:
        stop.set()
        sampler.join()
        _stop(proc)
    return result


def report(result: LoadResult) -> str:
    """The measurements as a short German text (one line per interaction kind, then totals)."""
    lines = [f"{result.sessions} gleichzeitige Sitzungen, {result.seconds:.0f} s Last"]
    lines.append(f"{'Interaktion':<18}{'Anzahl':>8}{'p50 s':>8}{'p95 s':>8}{'max s':>8}")
    for name, times in sorted(result.times.items()):
        row = f"{name:<18}{len(times):>8}{percentile(times, 0.5):>8.2f}{percentile(times, 0.95):>8.2f}"
        lines.append(row + f"{max(times):>8.2f}")
    every = result.all_times()
    lines.append(f"{'alle':<18}{len(every):>8}{percentile(every, 0.5):>8.2f}{percentile(every, 0.95):>8.2f}")
    start = result.rss_mib[0] if result.rss_mib else 0.0
    peak = max(result.rss_mib, default=0.0)
    lines.append(f"Speicher des Servers (RSS): Start {start:.0f} MiB, Spitze {peak:.0f} MiB")
    lines.append(f"Server-CPU im Mittel: {result.server_cpu:.0%} eines Kerns (Rechner: {os.cpu_count()} Kerne)")
    lines.append(f"Fehler: {len(result.errors)}, JavaScript-Fehler: {len(result.js_errors)}")
    lines.append(f"Zeitüberschreitungen (über {STEP_TIMEOUT_MS // 1000} s): {len(result.timeouts)}")
    lines.append(f"Anfragen nach außen: {len(result.foreign)}, kaputt am Ende: {len(result.broken_at_end)}")
    lines.append(f"Bei Zeitende abgebrochene Schritte: {result.cut_off}")
    lines += [f"  {e}" for e in (result.errors + result.broken_at_end + result.js_errors + result.timeouts)[:20]]
    if every:
        lines.append(f"Mittelwert {statistics.mean(every):.2f} s")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: run the load test and print the report; exit code 1 on any error or broken page."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sessions", type=int, default=MAX_SESSIONS, help=f"gleichzeitige Sitzungen (höchstens {MAX_SESSIONS})"
    )
    parser.add_argument(
        "--seconds", type=float, default=90, help="Dauer der Last in Sekunden (gesamt höchstens 2 Minuten)"
    )
    parser.add_argument("--data", type=Path, default=REPO / "data", help="Datenordner (Standard: data)")
    args = parser.parse_args(argv)
    result = run_load(args.sessions, args.seconds, args.data)
    print(report(result))
    return 1 if result.errors or result.broken_at_end or result.foreign else 0


if __name__ == "__main__":
    sys.exit(main())
