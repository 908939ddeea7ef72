"""Load test: up to 20 staff members working in the app at the same time (filters, profiles, referral queries).

Starts the app on a free 127.0.0.1 port and models a team: the sessions open one after another (ramp-up, one
every ``RAMP_SECONDS``), each in its own context of one headless Debian Chromium, loads the page once and then works
like a person: a seeded random 2–5 s pause, then the next action (a map filter, an actor search and its profile, a
referral query, a switch between pages in the sidebar). Each action is timed from the click or key press until
Streamlit has finished the rerun and the expected element is on screen. At the end every session does one more
action and its page is checked (no exception, no traceback, no "Page not found", still connected). The whole run,
start and stop included, stays under two minutes. Test-only: not collected by pytest (tests/test_load.py runs a
short version).

    .venv/bin/python tests/load/run_load.py [--sessions 20] [--seconds 85] [--think 2 5] [--data data]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import sys
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import yaml

__all__ = ["LoadResult", "main", "percentile", "report", "run_load"]

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))  # also run as a script: the shared app/browser helpers live in bench/

from bench.appserver import CHROMIUM, CHROMIUM_ARGS, start_app  # noqa: E402
from bench.appserver import stop as stop_app  # noqa: E402

#: Besides the shared flags: no default apps, extensions, crash reporter or audio, to spare the shared CPU.
LOAD_CHROMIUM_ARGS = [
    *CHROMIUM_ARGS,
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-breakpad",
    "--mute-audio",
]
#: A small laptop window (the sidebar with the filters stays open above 768 px).
VIEWPORT = {"width": 1024, "height": 700}
#: The whole run (start, ramp-up, load, final check, stop) stays under two minutes.
MAX_TOTAL_SECONDS = 120
MAX_SESSIONS = 20
#: One new session every so many seconds, so that the page loads do not all collide.
RAMP_SECONDS = 1.5
#: A person's pause between two actions (seconds, uniform, seeded per session).
THINK_SECONDS = (2.0, 5.0)
LOAD_TIMEOUT_MS = 45_000
STEP_TIMEOUT_MS = 30_000
FINAL_TIMEOUT_MS = 15_000
#: How often a waiting page checks whether the result is there (ms); coarser than every frame, to spare the CPU.
POLL_MS = 50
#: Seconds kept free after the load window: steps still running, the final check, stopping the app.
STOP_RESERVE = 6 + FINAL_TIMEOUT_MS / 1000 + 3
QUERIES = ("schwänzt seit Wochen", "Schulangst", "Mobbing im Klassenchat", "Vater trinkt", "Streit zu Hause", "Sucht")
#: Text on the page that means something went wrong (Streamlit shows exceptions in stException).
BROKEN_TEXTS = ("Traceback", "Page not found", "Seite nicht gefunden")
#: Kinds of timed steps, in report order.
LOAD, SWITCH, FILTER, PROFILE, REFERRAL = "Seite laden", "Seitenwechsel", "Filter", "Profil", "Vermittlung"
KINDS = (LOAD, SWITCH, FILTER, PROFILE, REFERRAL)
#: Map filters a session uses: multiselect label -> vocabulary list.
MULTISELECTS = {"Art des Akteurs": "actor_kinds", "Stadtbezirk": "stadtbezirke"}
#: Requests to anything but the app (and inline data) are aborted and counted.
FOREIGN = re.compile(r"^(?!(?:https?|wss?)://127\.0\.0\.1[:/]|data:|blob:|about:)")

#: Runs before the app in every page: counts the reruns the server reports as finished (``ForwardMsg`` field 6,
#: script_finished, values 0 and 3 = successful) and "page not found" messages (field 15) on the app's WebSocket.
#: The script state attribute on stApp is not enough: React may never show "running" for a fast rerun.
COUNT_RERUNS = """(() => {
  const Native = window.WebSocket;
  if (!Native || Native.__counted) return;
  window.__finished = 0;
  window.__notFound = 0;
  const varint = (bytes, i) => {
    let value = 0, shift = 0, byte;
    do { byte = bytes[i++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80 && i < bytes.length);
    return [value, i];
  };
  const inspect = data => {
    if (!(data instanceof ArrayBuffer)) return;
    const bytes = new Uint8Array(data);
    let i = 0, tag, value;
    while (i < bytes.length) {
      [tag, i] = varint(bytes, i);
      const number = Math.floor(tag / 8), wire = tag & 7;
      if (wire === 0) {
        [value, i] = varint(bytes, i);
        if (number === 6 && (value === 0 || value === 3)) window.__finished++;
        if (number === 6) return;
      } else if (wire === 2) {
        [value, i] = varint(bytes, i);
        if (number === 15) window.__notFound++;
        if (number > 2) return;  // hash and metadata come first, then the one message this is
        i += value;
      } else if (wire === 1) i += 8;
      else if (wire === 5) i += 4;
      else return;
    }
  };
  class Counted extends Native {
    constructor(...args) { super(...args); this.addEventListener('message', event => inspect(event.data)); }
  }
  Counted.__counted = true;
  window.WebSocket = Counted;
})();"""
#: Before an action: remember the number of finished reruns, mark the current map documents as old.
ARM = """() => {
  window.__armed = window.__finished;
  for (const frame of document.querySelectorAll('iframe')) {
    try { frame.contentWindow.__old = true; frame.__srcdoc = frame.srcdoc; } catch (e) {}
  }
}"""
#: Whether the action's result is there: rerun finished (``ran``), and the expected map, heading or referral result.
READY = """(want) => {
  const app = document.querySelector('[data-testid=stApp]');
  if (!app || app.dataset.testScriptState !== 'notRunning' || app.dataset.testConnectionState !== 'CONNECTED') return false;
  if (!(window.__finished > (window.__armed || 0))) return false;
  if (document.querySelector('[data-testid=stException]')) return true;  // finished with an error: no use waiting
  const main = document.querySelector('[data-testid=stMain]');
  const text = main ? main.textContent : '';
  if (want.heading && ![...document.querySelectorAll('h1, h2')].some(h => h.textContent.includes(want.heading))) return false;
  if (want.link && !document.querySelector(`a[href*="${want.link}"]`)) return false;
  if (want.referral && (text.includes(want.start) || !(text.includes(want.count) || main.querySelector('[data-testid=stAlert]')))) return false;
  if (want.map) {
    if (want.empty && text.includes(want.empty) && !main.querySelector('iframe')) return true;
    const frames = [...main.querySelectorAll('iframe')];
    if (!frames.length) return false;
    for (const frame of frames) {
      let doc = null;
      try { doc = frame.contentDocument; } catch (e) { return false; }
      if (frame.contentWindow.__old && frame.srcdoc !== frame.__srcdoc) return false;  // new map, old one still shown
      if (!doc || !doc.querySelector('#netzwerk canvas')) return false;
    }
  }
  return true;
}"""
#: A short description of the page state when a step failed.
STATE = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  const frames = [...document.querySelectorAll('[data-testid=stMain] iframe')].map(f => {
    try { return `${!!f.contentWindow.__old}/${f.srcdoc !== f.__srcdoc}/${!!f.contentDocument.querySelector('#netzwerk canvas')}`; }
    catch (e) { return 'x'; }
  });
  return `${location.pathname}${location.search} script=${app?.dataset.testScriptState} ` +
    `conn=${app?.dataset.testConnectionState} finished=${window.__armed}>${window.__finished} iframes=${frames.join(',')} ` +
    `text=${(document.querySelector('[data-testid=stMain]')?.innerText || '').slice(0, 100).replace(/\\s+/g, ' ')}`;
}"""
#: Whether the page shows an exception, a traceback or "page not found".
BROKEN = """(texts) => {
  const found = texts.filter(t => document.body.textContent.includes(t));
  const exception = document.querySelector('[data-testid=stException]');
  if (exception) found.push(`stException: ${exception.textContent.slice(0, 160)}`);
  if (window.__notFound) found.push('page_not_found');
  return found;
}"""


@dataclass
class LoadResult:
    """What a run measured: seconds per step kind, errors with their text, memory (MiB) and CPU shares."""

    times: dict[str, list[float]] = field(default_factory=dict)
    #: Step times measured while all sessions were open (after the ramp-up).
    full_times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    timeouts: list[str] = field(default_factory=list)
    js_errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    rss_mib: list[float] = field(default_factory=list)
    rss_hwm_mib: float = 0.0
    broken_at_end: list[str] = field(default_factory=list)
    steps_per_session: list[int] = field(default_factory=list)
    sessions: int = 0
    opened: int = 0
    final_ok: int = 0
    seconds: float = 0.0
    ramp_seconds: float = 0.0
    cut_off: int = 0
    server_cpu: float = 0.0
    browser_cpu: float = 0.0
    total_cpu: float = 0.0
    #: When the last session's first page load ended (monotonic clock); steps after it count as full load.
    all_open_at: float = float("inf")
    started: float = 0.0
    #: A person's pause between two actions (seconds, uniform).
    think: tuple[float, float] = THINK_SECONDS
    #: Seconds of each phase of the run: start, warm-up, load (with ramp-up and the end of running steps), ...
    phases: dict[str, float] = field(default_factory=dict)

    def all_times(self) -> list[float]:
        """Every action's response time except the first page loads."""
        return [t for kind, times in self.times.items() if kind != LOAD for t in times]

    def phase(self, name: str) -> None:
        """Note that phase ``name`` ends now."""
        self.phases[name] = time.monotonic() - self.started - sum(self.phases.values())

    def failed(self) -> bool:
        """Whether the run found an error, a broken page or a request leaving 127.0.0.1."""
        return bool(self.errors or self.broken_at_end or self.foreign or self.js_errors)


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


def _status_mib(pid: int, key: str) -> float:
    """A memory line of /proc/<pid>/status (``VmRSS``, ``VmHWM``) in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds the process has used so far (from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _browser_cpu_seconds(server: int) -> float:
    """CPU seconds of this script and everything it started except the server (Playwright driver, Chromium)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process just ended
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    mine, found = {os.getpid()}, True
    while found:
        found = False
        for pid, parent in parents.items():
            if parent in mine and pid not in mine and pid != server:
                mine.add(pid)
                found = True
    total = 0.0
    for pid in mine:
        try:
            total += _cpu_seconds(pid)
        except (OSError, IndexError):
            continue
    return total


def _machine_ticks() -> tuple[int, int]:
    """Busy and total CPU ticks of the whole machine, all cores (first line of /proc/stat)."""
    ticks = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
    return sum(ticks) - ticks[3] - ticks[4], sum(ticks)  # idle and iowait are not busy


class _Meter:
    """CPU between ``start`` and ``stop``: server and browser side (shares of one core), whole machine (all cores)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.begin = (0.0, 0.0, 0.0, (0, 0))

    def start(self) -> None:
        self.begin = (time.monotonic(), _cpu_seconds(self.pid), _browser_cpu_seconds(self.pid), _machine_ticks())

    def stop(self, result: LoadResult) -> None:
        clock, server, browser = time.monotonic(), _cpu_seconds(self.pid), _browser_cpu_seconds(self.pid)
        busy, total = _machine_ticks()
        seconds = max(clock - self.begin[0], 1e-9)
        result.server_cpu = (server - self.begin[1]) / seconds
        result.browser_cpu = (browser - self.begin[2]) / seconds
        result.total_cpu = (busy - self.begin[3][0]) / max(total - self.begin[3][1], 1)


def _sample_memory(pid: int, result: LoadResult, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            result.rss_mib.append(_status_mib(pid, "VmRSS"))
        except (OSError, ValueError):  # the process just ended
            return
        stop.wait(0.5)


@dataclass(frozen=True)
class Workload:
    """What sessions pick from: actor names by id and the labels of the map's multiselect filters."""

    names: dict[str, str]
    terms: dict[str, list[str]]


def _workload(data_dir: Path) -> Workload:
    """Actor names and filter labels of the data folder (read directly; the app validates it)."""
    actors = yaml.safe_load((data_dir / "actors.yaml").read_text(encoding="utf-8")) or []
    vocabulary = yaml.safe_load((data_dir / "vocabulary.yaml").read_text(encoding="utf-8")) or {}
    names = {str(a["id"]): str(a["name"]) for a in actors}
    terms = {label: [str(t["label"]) for t in vocabulary.get(key, [])] for label, key in MULTISELECTS.items()}
    return Workload(names, {label: labels for label, labels in terms.items() if labels})


def _want(**kwargs: Any) -> dict[str, Any]:
    """Arguments of :data:`READY` (texts of the app that mark a referral result or an empty map)."""
    texts = {"start": "Noch kein Anliegen eingegeben", "count": "passende Angebote", "empty": "kein Akteur übrig"}
    return {**texts, **kwargs}


class LoadSession:
    """One simulated staff member: a browser context that works with pauses, every action timed."""

    def __init__(self, number: int, url: str, result: LoadResult, work: Workload) -> None:
        self.number, self.url, self.result, self.work = number, url, result, work
        self.rng = random.Random(number)
        self.context: Any = None
        self.page: Any = None
        self.where = ""  # "karte", "akteure", "vermittlung" or "" when unknown (after a failed step)
        self.filtered = ""  # the multiselect that currently holds a selection
        self.steps = 0
        self.think = result.think

    async def _foreign(self, route: Any) -> None:
        self.result.foreign.append(route.request.url)
        await route.abort()

    def _websocket(self, socket_: Any) -> None:
        if urlparse(socket_.url).hostname != "127.0.0.1":
            self.result.foreign.append(socket_.url)

    async def open(self, browser: Any) -> bool:
        """Open a fresh context and load the app (timed as :data:`LOAD`)."""
        self.context = await browser.new_context(
            viewport=VIEWPORT, device_scale_factor=1, reduced_motion="reduce", service_workers="block"
        )
        await self.context.add_init_script(COUNT_RERUNS)
        await self.context.route(FOREIGN, self._foreign)
        self.page = await self.context.new_page()
        self.page.set_default_timeout(STEP_TIMEOUT_MS)
        self.page.on("pageerror", lambda error: self.result.js_errors.append(f"Sitzung {self.number}: {error}"))
        self.page.on("websocket", self._websocket)
        ok = await self._step(LOAD, self._load, _want(map=True), LOAD_TIMEOUT_MS)
        self.where = "karte" if ok else ""
        return ok

    async def _load(self) -> None:
        await self.page.goto(self.url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)

    async def _step(
        self, kind: str, action: Callable[[], Awaitable[None]], want: dict[str, Any], timeout: int = STEP_TIMEOUT_MS
    ) -> bool:
        """Do ``action`` and time it until :data:`READY` holds; count a timeout or an error when it fails."""
        try:
            if kind != LOAD:
                await self.page.evaluate(ARM)
            start = time.monotonic()
            full = start >= self.result.all_open_at
            await action()
            await self.page.wait_for_function(READY, arg=want, polling=POLL_MS, timeout=timeout)
        except Exception as error:  # a timeout is slow, not broken; anything else is an error
            where = "timeouts" if "Timeout" in type(error).__name__ else "errors"
            text = str(error).splitlines()[0][:120] if str(error) else ""
            text += " | " + await self._state(want)
            getattr(self.result, where).append(f"Sitzung {self.number}, {kind}: {type(error).__name__}: {text}")
            self.where = ""
            await self._check(kind)
            return False
        seconds = time.monotonic() - start
        if not await self._check(kind):  # finished, but with an error on the page: counted as error, not timed
            self.where = ""
            return False
        self.result.times.setdefault(kind, []).append(seconds)
        if full and kind != LOAD:
            self.result.full_times.append(seconds)
        self.steps += 1
        return True

    async def _state(self, want: dict[str, Any]) -> str:
        """What the page showed when a step failed (for the report)."""
        try:
            state = await self.page.evaluate(STATE)
        except Exception as error:
            state = type(error).__name__
        wanted = {k: v for k, v in want.items() if k in {"map", "heading", "link", "referral"}}
        return f"erwartet {wanted}, Seite {state}"

    async def _check(self, step: str) -> bool:
        """Count a visible exception, traceback or 'page not found' as an error of ``step``."""
        try:
            found = await self.page.evaluate(BROKEN, list(BROKEN_TEXTS))
        except Exception as error:  # the page is gone
            found = [type(error).__name__]
        if found:
            self.result.errors.append(f"Sitzung {self.number}, {step}: {', '.join(found)}")
        return not found

    async def _switch(self, name: str, where: str, want: dict[str, Any]) -> bool:
        """Go to another page with the sidebar navigation (no page load, a rerun in the same session)."""
        link = self.page.get_by_test_id("stSidebarNav").get_by_role("link", name=name, exact=True)
        ok = await self._step(SWITCH, link.click, want)
        self.where = where if ok else ""
        return ok

    async def _to_map(self) -> bool:
        if self.where == "karte":
            return True
        if await self._switch("Netzwerkkarte", "karte", _want(map=True)):
            await self._think()
            return True
        return False

    async def _think(self) -> None:
        await asyncio.sleep(self.rng.uniform(*self.think))

    async def filter_map(self) -> None:
        """On the map: toggle 'hide actors without relation', or add or remove a kind or Stadtbezirk filter."""
        if not await self._to_map():
            return
        choice = self.rng.random()
        if choice < 0.3 or not self.work.terms:
            checkbox = self.page.get_by_test_id("stCheckbox").filter(has_text="Akteure ohne Beziehung ausblenden")
            await self._step(FILTER, checkbox.locator("label").click, _want(map=True))
            return
        label = self.filtered or self.rng.choice(list(self.work.terms))
        box = self.page.get_by_test_id("stMultiSelect").filter(has_text=label).locator("input")
        await box.click()
        if self.filtered:  # remove the selection again (Backspace on the empty input drops the last term)
            done = await self._step(FILTER, lambda: box.press("Backspace"), _want(map=True))
            self.filtered = "" if done else self.filtered
        else:
            await box.fill(self.rng.choice(self.work.terms[label]))
            done = await self._step(FILTER, lambda: box.press("Enter"), _want(map=True))
            self.filtered = label if done else ""
        await self.page.keyboard.press("Escape")  # close the option list

    async def profile(self) -> None:
        """Search an actor on the map, then open the profile from the selection panel."""
        if not await self._to_map():
            return
        actor = self.rng.choice(list(self.work.names))
        box = self.page.get_by_role("textbox", name="Akteur suchen")
        if await box.input_value() == self.work.names[actor]:
            actor = next(a for a in self.work.names if a != actor)
        await box.fill(self.work.names[actor])
        if not await self._step(FILTER, lambda: box.press("Enter"), _want(map=True, link="akteure?actor=")):
            return
        await self._think()
        link = self.page.get_by_role("link", name="Profil öffnen")
        shown = parse_qs(urlparse(await link.get_attribute("href") or "").query).get("actor", [actor])[0]
        ok = await self._step(PROFILE, link.click, _want(map=True, heading=self.work.names.get(shown, "")))
        self.where = "akteure" if ok else ""

    async def referral(self) -> None:
        """Type a need on the referral page and wait for the ranked offers (or the explanation)."""
        if self.where != "vermittlung":
            query_box = {"heading": "Vermittlung"}
            if not await self._switch("Vermittlung", "vermittlung", _want(**query_box)):
                return
            await self._think()
        query = self.page.get_by_role("textbox", name="Anliegen")
        await query.fill(f"{self.rng.choice(QUERIES)} {self.rng.randint(1, 999)}")  # always a new text: a rerun
        await self._step(REFERRAL, lambda: query.press("Enter"), _want(referral=True))

    async def run(self, deadline: float) -> None:
        """Pause, act, pause, act … until ``deadline``: filters, profiles and referral queries at random."""
        tasks = (self.filter_map, self.profile, self.referral)
        while True:
            await asyncio.sleep(min(self.rng.uniform(*self.think), max(0.0, deadline - time.monotonic())))
            if time.monotonic() >= deadline:
                return
            await self.rng.choices(tasks, weights=(4, 3, 3))[0]()

    async def final_check(self) -> None:
        """After the load: one more action must succeed, and the page shows no error and is still connected."""
        if self.page is None:
            self.result.broken_at_end.append(f"Sitzung {self.number}: nie geöffnet")
            return
        errors = len(self.result.errors)
        if self.where == "karte":
            checkbox = self.page.get_by_test_id("stCheckbox").filter(has_text="Akteure ohne Beziehung ausblenden")
            ok = await self._step(FILTER, checkbox.locator("label").click, _want(map=True), FINAL_TIMEOUT_MS)
        else:
            link = self.page.get_by_test_id("stSidebarNav").get_by_role("link", name="Netzwerkkarte", exact=True)
            ok = await self._step(SWITCH, link.click, _want(map=True), FINAL_TIMEOUT_MS)
        try:
            text = await self.page.locator("body").inner_text(timeout=2_000)
        except Exception as error:
            text = type(error).__name__
        broken = [b for b in BROKEN_TEXTS if b in text]
        if not ok or broken or len(self.result.errors) > errors:
            self.result.broken_at_end.append(f"Sitzung {self.number}: letzte Aktion {'ok' if ok else 'fehlgeschlagen'}")
        else:
            self.result.final_ok += 1


async def _warm_up(browser: Any, url: str, work: Workload, result: LoadResult) -> None:
    """Fill the server's caches (layout, metrics, referral index) once, as on a server that already runs.

    Session 0, without pauses; its times are not counted, its errors are.
    """
    scratch = LoadResult()
    session = LoadSession(0, url, scratch, work)
    session.think = (0.0, 0.0)
    if await session.open(browser):
        await session.profile()
        await session.referral()
    await session.context.close()
    for name in ("errors", "timeouts", "js_errors", "foreign"):
        getattr(result, name).extend(getattr(scratch, name))


async def _drive(
    url: str, sessions: int, seconds: float, result: LoadResult, work: Workload, end: float, meter: _Meter
) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=LOAD_CHROMIUM_ARGS)
        result.phase("Start")
        await _warm_up(browser, url, work, result)
        result.phase("Aufwärmen")
        result.seconds = max(5.0, min(seconds, end - time.monotonic() - STOP_RESERVE))
        meter.start()
        begin = time.monotonic()
        deadline = begin + result.seconds
        users = [LoadSession(i + 1, url, result, work) for i in range(sessions)]
        loaded = []

        async def user(number: int) -> None:
            await asyncio.sleep(number * RAMP_SECONDS)
            if time.monotonic() >= deadline:
                return
            if await users[number].open(browser):
                result.opened += 1
            loaded.append(number)
            if len(loaded) == sessions:
                result.all_open_at = time.monotonic()
            await users[number].run(deadline)

        tasks = [asyncio.create_task(user(i)) for i in range(sessions)]
        result.ramp_seconds = (sessions - 1) * RAMP_SECONDS
        # Steps still running at the deadline finish if they can; after a short grace they are cut off (counted).
        _, pending = await asyncio.wait(tasks, timeout=max(1.0, end - time.monotonic() - FINAL_TIMEOUT_MS / 1000 - 3))
        for task in pending:
            task.cancel()
        result.cut_off = len(pending)
        await asyncio.gather(*pending, return_exceptions=True)
        meter.stop(result)
        result.phase("Last")
        result.steps_per_session = [u.steps for u in users]
        checks = asyncio.gather(*(u.final_check() for u in users))
        try:
            await asyncio.wait_for(checks, timeout=max(1.0, end - time.monotonic()))
        except TimeoutError:
            result.broken_at_end.append("Abschlussprüfung nicht in der Zeit fertig")
        result.phase("Abschluss")
        await browser.close()


def run_load(
    sessions: int = MAX_SESSIONS,
    seconds: float = 85,
    data_dir: Path | None = None,
    think: tuple[float, float] = THINK_SECONDS,
) -> LoadResult:
    """Start the app, let ``sessions`` staff members work for ``seconds`` (ramp-up included), stop the app.

    Each pauses a random ``think`` seconds (uniform, seeded per session) between two actions.

    Both numbers are capped (:data:`MAX_SESSIONS`, and the whole run stays under :data:`MAX_TOTAL_SECONDS`).
    """
    begin = time.monotonic()
    data_dir = data_dir or REPO / "data"
    sessions = max(1, min(sessions, MAX_SESSIONS))
    result = LoadResult(sessions=sessions, started=begin, think=(max(0.0, min(think)), max(think)))
    proc, url = start_app(data_dir, seconds=60)
    stop = threading.Event()
    sampler = threading.Thread(target=_sample_memory, args=(proc.pid, result, stop), daemon=True)
    sampler.start()
    meter = _Meter(proc.pid)
    try:
        end = begin + MAX_TOTAL_SECONDS - 4  # the app needs a moment to stop
        asyncio.run(_drive(url, sessions, seconds, result, _workload(data_dir), end, meter))
        result.rss_hwm_mib = _status_mib(proc.pid, "VmHWM")
    finally:
        stop.set()
        sampler.join()
        stop_app(proc)
    result.phase("Ende")
    return result


def report(result: LoadResult) -> str:
    """The measurements as a short German text (one line per step kind, then totals)."""
    lines = [
        f"{result.sessions} Sitzungen (geöffnet: {result.opened}), eine neue alle {RAMP_SECONDS:g} s, "
        f"Pause {result.think[0]:g}–{result.think[1]:g} s zwischen Aktionen, {result.seconds:.0f} s Last"
    ]
    lines.append(f"{'Schritt':<26}{'Anzahl':>7}{'p50 s':>8}{'p95 s':>8}{'max s':>8}")

    def row(name: str, times: list[float]) -> str:
        if not times:
            return f"{name:<26}{0:>7}{'–':>8}{'–':>8}{'–':>8}"
        stats = f"{percentile(times, 0.5):>8.2f}{percentile(times, 0.95):>8.2f}{max(times):>8.2f}"
        return f"{name:<26}{len(times):>7}{stats}"

    lines += [row(kind, result.times.get(kind, [])) for kind in KINDS]
    lines.append(row("alle Aktionen", result.all_times()))
    lines.append(row(f"… bei {result.sessions} offenen Sitzungen", result.full_times))
    steps = result.steps_per_session or [0]
    lines.append(f"Aktionen je Sitzung: {min(steps)}–{max(steps)} (ohne Seitenaufruf: {max(0, min(steps) - 1)}+)")
    start = result.rss_mib[0] if result.rss_mib else 0.0
    peak = max(result.rss_mib, default=0.0)
    lines.append(
        f"Speicher des Servers (RSS, alle 0,5 s): Start {start:.0f} MiB, Spitze {peak:.0f} MiB "
        f"(VmHWM {result.rss_hwm_mib:.0f} MiB)"
    )
    lines.append(
        f"CPU während der Last: Server {result.server_cpu:.0%} eines Kerns, Browser-Seite {result.browser_cpu:.0%} "
        f"eines Kerns, Rechner gesamt {result.total_cpu:.0%} aller {os.cpu_count()} Kerne (mit anderen Prozessen)"
    )
    lines.append(f"Fehler: {len(result.errors)}, JavaScript-Fehler: {len(result.js_errors)}")
    lines.append(f"Zeitüberschreitungen (Aktion über {STEP_TIMEOUT_MS // 1000} s): {len(result.timeouts)}")
    lines.append(f"Anfragen nach außen: {len(result.foreign)}, abgebrochen bei Zeitende: {result.cut_off}")
    lines.append(f"Abschlussprüfung: {result.final_ok} von {result.sessions} Seiten funktionieren")
    phases = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in result.phases.items())
    lines.append(f"Lauf gesamt {sum(result.phases.values()):.0f} s ({phases})")
    problems = result.errors + result.broken_at_end + result.js_errors + result.timeouts + result.foreign
    lines += [f"  {p}" for p in problems[:20]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: run the load test and print the report; exit code 1 on any error or broken page."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--sessions", type=int, default=MAX_SESSIONS, help=f"gleichzeitige Sitzungen (höchstens {MAX_SESSIONS})"
    )
    parser.add_argument(
        "--seconds", type=float, default=85, help="Dauer der Last mit Anlauf (gesamt höchstens 2 Minuten)"
    )
    parser.add_argument(
        "--think",
        type=float,
        nargs=2,
        default=THINK_SECONDS,
        metavar=("MIN", "MAX"),
        help="Pause zwischen Aktionen (s)",
    )
    parser.add_argument("--data", type=Path, default=REPO / "data", help="Datenordner (Standard: data)")
    args = parser.parse_args(argv)
    result = run_load(args.sessions, args.seconds, args.data, (args.think[0], args.think[1]))
    print(report(result))
    return 1 if result.failed() else 0


if __name__ == "__main__":
    sys.exit(main())
