"""Browser test: the running app in Debian's headless Chromium (map, filter, profile, offline, XSS, screenshots)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from graph import load_dataset
from graph.referral import refer
from tests.conftest import REPO, TESTS

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
XSS = TESTS / "data" / "xss"
PAGES = ["karte", "akteure", "kennzahlen", "luecken", "vermittlung", "daten"]
LOCAL_SCHEMES = {"data", "blob", "about"}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 45_000


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{CHROMIUM} fehlt, ist im CI aber Pflicht (apt-get install chromium).")
    pytest.skip(f"{CHROMIUM} fehlt: Browsertest übersprungen (Debian-Paket 'chromium' installieren).")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], seconds: float = 60) -> None:
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


def _start_app(data_dir: Path) -> Iterator[str]:
    port = _free_port()
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true"]
    command += [f"--server.port={port}", "--server.address=127.0.0.1", "--browser.gatherUsageStats=false"]
    env = {**os.environ, "NETZWERKKARTE_DATA": str(data_dir)}
    proc = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def app_url(browser: Any) -> Iterator[str]:
    yield from _start_app(REPO / "data")


@pytest.fixture(scope="module")
def xss_url(browser: Any) -> Iterator[str]:
    yield from _start_app(XSS)


class Session:
    """A browser tab that records every request and every dialog."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="de-DE")
        self.requests: list[str] = []
        self.foreign: list[str] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.page.on("dialog", self._dialog)

    def _route(self, route: Any) -> None:
        url = route.request.url
        self.requests.append(url)
        parsed = urlparse(url)
        if parsed.scheme in LOCAL_SCHEMES or parsed.hostname == "127.0.0.1":
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def map_frame(self) -> Any:
        """The map's iframe, once its canvas is drawn."""
        frame = self.page.frame_locator("iframe").first
        frame.locator("#netzwerk canvas").wait_for(state="visible")
        return frame

    def node_count(self) -> int:
        return int(self.map_frame().locator("#netzwerk").evaluate("el => window.netzwerkKnoten.length"))


@pytest.fixture
def session(browser: Any) -> Iterator[Session]:
    tab = Session(browser)
    yield tab
    tab.context.close()
    assert tab.foreign == [], f"Anfragen nach außen: {tab.foreign}"
    assert tab.dialogs == [], f"Dialoge ausgelöst: {tab.dialogs}"
    assert tab.requests, "keine Anfragen aufgezeichnet: die Aufzeichnung greift nicht"


def _shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.get_by_test_id("stStatusWidget").wait_for(state="hidden")
    page.wait_for_timeout(1500)  # data grids draw their canvas after the script run
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
    print(f"Bildschirmfoto: {SCREENSHOTS / name}.png")


def test_map_legend_and_kind_filter(session: Session, app_url: str) -> None:
    page = session.page
    page.goto(app_url)
    frame = session.map_frame()
    legend = frame.locator("#legend")
    assert "Schule" in legend.inner_text()
    assert "Schulsozialarbeit" in legend.inner_text()
    before = session.node_count()
    page.locator('[data-testid="stMultiSelect"]').filter(has_text="Art des Akteurs").click()
    page.get_by_role("option", name="Schule", exact=True).click()
    page.keyboard.press("Escape")
    page.wait_for_url("**kind=schule**")
    deadline = time.monotonic() + 30
    while session.node_count() == before and time.monotonic() < deadline:
        time.sleep(0.3)
    after = session.node_count()
    schools = sum(a.kind == "schule" for a in _bundled().actors.values())
    assert (before, after) == (len(_bundled().actors), schools)
    _shot(page, "karte-gefiltert")


def _bundled() -> Any:
    dataset = load_dataset(REPO / "data").dataset
    assert dataset is not None
    return dataset


def test_actor_url_opens_profile(session: Session, app_url: str) -> None:
    actor = next(iter(_bundled().actors.values()))
    page = session.page
    page.goto(f"{app_url}/akteure?actor={actor.id}")
    heading = page.locator("h2").filter(has_text=actor.name[:20]).first
    heading.wait_for()
    assert heading.inner_text().strip() == actor.name
    _shot(page, "akteure-profil")
    page.goto(f"{app_url}/?actor={actor.id}")
    session.map_frame()
    page.get_by_text("Profil öffnen", exact=True).wait_for()
    assert page.get_by_text(actor.name, exact=True).count() >= 1


def test_screenshots_of_every_page(session: Session, app_url: str) -> None:
    page = session.page
    for name in PAGES:
        page.goto(f"{app_url}/{name if name != 'karte' else ''}")
        page.locator("h1").first.wait_for()
        if name == "karte":
            session.map_frame()
        page.wait_for_timeout(800)
        _shot(page, name)
    print(f"Bildschirmfotos in {SCREENSHOTS}")


def test_gap_tabs_and_metric_chart(session: Session, app_url: str) -> None:
    page = session.page
    page.goto(f"{app_url}/kennzahlen")
    page.get_by_text("Die 12 Akteure mit dem höchsten Wert: Brückenakteur").wait_for()
    page.locator("[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg").first.wait_for()
    _shot(page, "kennzahlen-oben")
    page.goto(f"{app_url}/luecken")
    page.locator("[data-testid='stVegaLiteChart']").first.wait_for()
    for tab, name in (("Schulsozialarbeit", "luecken-schulsozialarbeit"), ("Struktur", "luecken-struktur")):
        page.get_by_role("tab", name=tab).click()
        page.get_by_text(tab if tab != "Struktur" else "Isolierte Akteure (1)").first.wait_for()
        _shot(page, name)


def test_referral_query_shows_contact_and_handout(session: Session, app_url: str) -> None:
    top = refer(_bundled(), "schwänzt", school="gs-am-ebereschenweg").offers[0]
    page = session.page
    page.goto(f"{app_url}/vermittlung")
    page.locator("h1").first.wait_for()
    page.get_by_role("combobox", name="Schule").first.click()
    page.keyboard.type("Ebereschen")
    page.keyboard.press("Enter")
    query = page.get_by_label("Anliegen")
    query.fill("schwänzt")
    query.press("Enter")
    page.get_by_role("heading", name=f"1. {top.name}").wait_for()
    assert page.get_by_text(top.contact["phone"]).first.is_visible()
    _shot(page, "vermittlung-treffer")
    page.get_by_role("tab", name="Handreichung").click()
    handout = page.frame_locator("iframe").first
    handout.get_by_text("Unterstützungsangebote für Grundschule Am Ebereschenweg").wait_for()
    assert handout.get_by_text(top.name).first.is_visible()
    _shot(page, "handreichung")
    page.locator("iframe").first.screenshot(path=str(SCREENSHOTS / "handreichung-seite.png"))


def _hover_node(session: Session, node: str) -> str:
    """Move the mouse onto a node and return the tooltip text."""
    frame = session.map_frame()
    box = session.page.locator("iframe").first.bounding_box()
    script = "(el, id) => { const n = window.netzwerk; return n.canvasToDOM(n.getPositions([id])[id]); }"
    point = frame.locator("#netzwerk").evaluate(script, node)
    inner = frame.locator("#netzwerk").bounding_box()
    session.page.mouse.move(inner["x"] + point["x"], inner["y"] + point["y"])
    tooltip = frame.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    assert box is not None
    return str(tooltip.inner_text())


def test_hostile_names_stay_text(session: Session, xss_url: str) -> None:
    page = session.page
    page.goto(xss_url)
    frame = session.map_frame()
    assert session.node_count() == 4
    assert _hover_node(session, "xss-img").startswith("<img src=x onerror=alert(1)>\n")
    assert _hover_node(session, "xss-template").startswith("{{ 7*7 }} Träger & Co <b>fett</b>\n")
    assert frame.locator("img").count() == 0
    _shot(page, "xss-karte")
    page.goto(f"{xss_url}/akteure?actor=xss-img")
    page.locator("h2").filter(has_text="<img").first.wait_for()
    assert page.locator("h2").filter(has_text="<img").first.inner_text().strip() == "<img src=x onerror=alert(1)>"
    assert page.locator("img[src='x']").count() == 0
    page.goto(f"{xss_url}/akteure?actor=xss-link")
    page.get_by_text('<a href="#">x</a>').first.wait_for()
    assert page.locator("a[href='#']").filter(has_text="x").count() == 0
    assert page.get_by_text("[klick](javascript:alert(1)) :red[rot] $x^2$").count() >= 1
    _shot(page, "xss-profil")
    page.wait_for_timeout(500)
