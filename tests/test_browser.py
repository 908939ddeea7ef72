"""Browser test: the running app in Debian's headless Chromium (map, filter, profile, offline, XSS, screenshots)."""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from bench.appserver import IDLE, app_server
from graph import load_dataset
from graph.data import clock
from graph.gaps import gap_report
from graph.present.handout import PRINT_SCRIPT
from graph.referral import refer
from tests.conftest import REPO, TESTS

pytestmark = pytest.mark.browser

SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
XSS = TESTS / "data" / "xss"
PAGES = ["karte", "akteure", "kennzahlen", "luecken", "vermittlung", "daten"]
LOCAL_SCHEMES = {"data", "blob", "about"}
TIMEOUT_MS = 45_000
#: Evaluated in every frame: the markers that hostile payloads would have set.
XSS_PROBE = "() => [window.__xss, window.top.__xss].filter(v => v !== undefined).map(String)"


def _start_app(data_dir: Path) -> Iterator[str]:
    with app_server(data_dir, seconds=60) as url:
        yield url


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

    def fired(self) -> list[str]:
        """Markers of payloads that ran: ``window.__xss`` / ``window.top.__xss`` in the page and every frame."""
        found = []
        for page in self.context.pages:
            for frame in page.frames:
                try:
                    values = frame.evaluate(XSS_PROBE)
                except Exception as error:  # a frame that navigated away while we asked
                    values = [f"unlesbar: {error}"] if "detached" not in str(error) else []
                found += [f"{frame.url[:60]}: {v}" for v in values]
        return found

    def settle(self) -> None:
        """Wait until Streamlit's script run is over and the page drew."""
        self.page.locator(IDLE).wait_for()
        self.page.wait_for_timeout(400)

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
    fired = tab.fired()
    tab.context.close()
    assert fired == [], f"Schadcode ausgeführt (window.__xss): {fired}"
    assert tab.foreign == [], f"Anfragen nach außen: {tab.foreign}"
    assert tab.dialogs == [], f"Dialoge ausgelöst: {tab.dialogs}"
    assert tab.requests, "keine Anfragen aufgezeichnet: die Aufzeichnung greift nicht"


def _shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(IDLE).wait_for()
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
    page.get_by_text(actor.name, exact=True).first.wait_for()


def test_profile_speaks_to_people(session: Session, app_url: str) -> None:
    # An actor with an address, target groups and a phone number: no field names, phone and mail as links.
    actor = next(
        a
        for a in _bundled().actors.values()
        if a.address and a.target_groups and a.contact and a.contact.phone and a.contact.email
    )
    page = session.page
    for width, height in ((1440, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{app_url}/akteure?actor={actor.id}")
        page.locator("h2").filter(has_text=actor.name[:20]).first.wait_for()
        page.get_by_text("Kontakt", exact=True).first.wait_for()
        text = page.locator("[data-testid='stMain']").inner_text()
        assert not [raw for raw in ("street:", "postcode:", "age_min", "age_max", "audiences:") if raw in text]
        phone = page.locator("a[href^='tel:']").first
        assert phone.inner_text() == actor.contact.phone
        assert page.locator(f"a[href='mailto:{actor.contact.email}']").count() == 1
    _shot(page, "akteure-profil-handy")
    page.set_viewport_size({"width": 1440, "height": 900})


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
    dataset = _bundled()
    isolated = len(gap_report(dataset, clock.today(dataset))["isolated"])
    for tab, name in (("Schulsozialarbeit", "luecken-schulsozialarbeit"), ("Struktur", "luecken-struktur")):
        page.get_by_role("tab", name=tab).click()
        page.get_by_text(tab if tab != "Struktur" else f"Isolierte Akteure ({isolated})").first.wait_for()
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
    page.get_by_text(top.contact["phone"]).first.wait_for()  # the card's contact line (fails on timeout)
    _shot(page, "vermittlung-treffer")
    # The handout of the case holds what the staff member ticks.
    page.get_by_text("In die Handreichung").first.click()
    session.settle()
    # Let the search's rerun finish first: a tab clicked while Streamlit redraws the tabs can lose the click.
    session.settle()
    page.get_by_role("tab", name="Handreichung").click()
    page.get_by_role("tab", name="Handreichung", selected=True).wait_for()
    handout = page.frame_locator("iframe").first
    # The handout follows the search: the need, the school, the best offers.
    handout.get_by_text("Hilfe und Ansprechpartner – Grundschule Am Ebereschenweg").wait_for()
    handout.get_by_text(top.name).first.wait_for()
    _shot(page, "handreichung")
    page.locator("iframe").first.screenshot(path=str(SCREENSHOTS / "handreichung-seite.png"))


def test_crisis_phrase_puts_crisis_help_first(session: Session, app_url: str) -> None:
    page = session.page
    for width, height, name in ((1440, 900, "vermittlung-krise"), (390, 844, "vermittlung-krise-handy")):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{app_url}/vermittlung")
        page.locator("h1").first.wait_for()
        query = page.get_by_label("Anliegen")
        query.fill("Er hat gesagt, er will sich umbringen")
        query.press("Enter")
        title = page.get_by_text("Akute Krise – zuerst Hilfe holen").first
        title.wait_for()
        police = page.locator("a[href='tel:110']").first
        police.wait_for()
        assert police.inner_text() == "110"
        first_offer = page.locator("h4").first
        first_offer.wait_for()
        # The crisis box stands above the first offer and in the first screen.
        assert title.bounding_box()["y"] < first_offer.bounding_box()["y"]
        assert title.bounding_box()["y"] < height
        _shot(page, name)
    page.set_viewport_size({"width": 1440, "height": 900})


def test_normal_phrase_has_no_crisis_box(session: Session, app_url: str) -> None:
    page = session.page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{app_url}/vermittlung")
    page.locator("h1").first.wait_for()
    query = page.get_by_label("Anliegen")
    query.fill("macht blau")
    query.press("Enter")
    first_offer = page.locator("h4").first
    first_offer.wait_for()
    # On a phone the filters come before the first result, the phone number is a link at the card's top.
    filters = page.get_by_text("Eingrenzen", exact=True).first
    assert filters.bounding_box()["y"] < first_offer.bounding_box()["y"]
    card_phone = page.locator("a[href^='tel:']").first
    assert 0 < card_phone.bounding_box()["y"] - first_offer.bounding_box()["y"] < 150
    _shot(page, "vermittlung-handy")
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{app_url}/vermittlung")
    page.locator("h1").first.wait_for()
    query = page.get_by_label("Anliegen")
    query.fill("macht blau")
    query.press("Enter")
    page.get_by_text("‚macht blau‘ → Schulabsentismus").first.wait_for()
    page.locator("h4").first.wait_for()
    assert page.get_by_text("Akute Krise").count() == 0
    _shot(page, "vermittlung-normal")


# ---------------------------------------------------------------- hostile data (tests/data/xss)


def _xss() -> Any:
    dataset = load_dataset(XSS).dataset
    assert dataset is not None
    return dataset


def _node_point(session: Session, node: str) -> tuple[float, float]:
    """Page coordinates of a node's centre on the map."""
    frame = session.map_frame()
    script = "(el, id) => { const n = window.netzwerk; return n.canvasToDOM(n.getPositions([id])[id]); }"
    point = frame.locator("#netzwerk").evaluate(script, node)
    inner = frame.locator("#netzwerk").bounding_box()
    return inner["x"] + point["x"], inner["y"] + point["y"]


def _tooltip_at(session: Session, x: float, y: float, start: str) -> str:
    """Move the mouse to (x, y) and return the map tooltip once it starts with ``start``."""
    session.page.mouse.move(x - 40, y - 40)
    session.page.mouse.move(x, y, steps=4)
    tooltip = session.map_frame().locator("div.vis-tooltip")
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if tooltip.is_visible() and tooltip.inner_text().startswith(start):
            return str(tooltip.inner_text())
        time.sleep(0.2)
    raise AssertionError(f"kein Tooltip mit {start!r}, zuletzt {tooltip.inner_text() if tooltip.count() else None!r}")


def _hover_node(session: Session, node: str, start: str) -> str:
    return _tooltip_at(session, *_node_point(session, node), start)


def _hover_edge(session: Session, source: str, target: str, start: str) -> str:
    (x1, y1), (x2, y2) = _node_point(session, source), _node_point(session, target)
    return _tooltip_at(session, (x1 + x2) / 2, (y1 + y2) / 2, start)


def _choose(combobox: Any, option: str) -> None:
    """Pick ``option`` in a select box; retried, because a rerun can close the list while it opens."""
    page = combobox.page
    for _ in range(4):
        page.locator(IDLE).wait_for()
        combobox.click()
        try:
            page.get_by_role("option").filter(has_text=option).first.click(timeout=4000)
            return
        except Exception:  # list closed or not open yet: try again
            page.keyboard.press("Escape")
    raise AssertionError(f"Option {option!r} lässt sich nicht wählen")


def test_hostile_map_tooltips_legend_and_filters_stay_text(session: Session, xss_url: str) -> None:
    data, page = _xss(), session.page
    label = data.vocabulary.label
    page.goto(xss_url)
    frame = session.map_frame()
    assert session.node_count() == len(data.actors)
    for actor in ("xss-img", "xss-amt", "xss-gremium", "xss-link", "xss-template"):
        name = data.actors[actor].name
        assert _hover_node(session, actor, name + "\n").startswith(name + "\n")
    assert label("topics", "xss-thema") in _hover_node(session, "xss-img", data.actors["xss-img"].name)
    rtype = label("relation_types", "schulsozialarbeit")
    assert _hover_edge(session, "xss-template", "xss-img", rtype + "\n").startswith(rtype + "\n")
    legend = frame.locator("#legend").inner_text()
    assert label("actor_kinds", "schule") in legend and label("relation_types", "kooperation") in legend
    assert frame.locator("img, a, iframe").count() == 0 and frame.locator("svg[onload], [onerror]").count() == 0
    _shot(page, "xss-karte")
    topics = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Thema").get_by_role("combobox")
    _choose(topics, label("topics", "xss-thema"))
    page.keyboard.press("Escape")
    page.wait_for_url("**topic=xss-thema**")
    search = page.get_by_role("textbox", name="Akteur suchen")
    search.fill("a")
    search.press("Enter")
    session.settle()
    caption = page.get_by_text("Weitere Treffer:").first
    caption.wait_for()
    assert data.actors["xss-gremium"].name in caption.inner_text()
    _shot(page, "xss-karte-filter")


def test_hostile_map_exports_stay_text(session: Session, xss_url: str) -> None:
    data, page = _xss(), session.page
    page.goto(xss_url)
    session.map_frame()
    page.get_by_text("Export der aktuellen Ansicht").click()
    files = {}
    for label in ("Karte als HTML (offline)", "GraphML (Gephi)", "Akteure als CSV (Excel)"):
        with page.expect_download() as download:
            page.get_by_role("button", name=label).click()
        files[label] = Path(download.value.path()).read_bytes()
    name = data.actors["xss-img"].name
    rows = csv.reader(io.StringIO(files["Akteure als CSV (Excel)"].decode("utf-8-sig")), delimiter=";")
    assert name in [row[1] for row in rows]
    assert b"&lt;img src=x onerror=" in files["GraphML (Gephi)"] and b"<img" not in files["GraphML (Gephi)"]
    fresh = session.context.new_page()  # the downloaded page on its own, as a user would open it
    fresh.on("dialog", session._dialog)
    fresh.set_content(files["Karte als HTML (offline)"].decode("utf-8"))
    fresh.locator("#netzwerk canvas").wait_for(state="visible")
    assert fresh.evaluate("() => window.netzwerkKnoten.length") == len(data.actors)
    assert fresh.evaluate(XSS_PROBE) == [] and fresh.locator("img").count() == 0
    assert data.vocabulary.label("actor_kinds", "schule") in fresh.locator("#legend").inner_text()
    fresh.close()


def test_hostile_profiles_stay_text(session: Session, xss_url: str) -> None:
    data, page = _xss(), session.page
    page.goto(f"{xss_url}/akteure")
    page.locator("[data-testid='stDataFrame']").first.wait_for()
    session.settle()
    _shot(page, "xss-akteure")
    for actor in ("xss-img", "xss-link", "xss-amt", "xss-gremium"):
        name = data.actors[actor].name
        page.goto(f"{xss_url}/akteure?actor={actor}")
        heading = page.locator("h2").filter(has_text=name[:12]).first
        heading.wait_for()
        assert heading.inner_text().strip() == name
        session.map_frame()  # the small ego map
        assert page.locator("img[src='x'], a[href^='javascript']").count() == 0
    img = data.actors["xss-img"]
    page.goto(f"{xss_url}/akteure?actor=xss-img")
    page.locator("h2").filter(has_text="<img").first.wait_for()
    for text in (img.contact.role, img.contact.email, img.contact.web, img.access, img.notes, img.legal_basis[1]):
        # The contact card renders after the heading: wait for each text (fails on timeout) instead of counting once.
        page.get_by_text(text, exact=False).first.wait_for()
    assert _hover_node(session, "xss-img", img.name).startswith(img.name)
    _shot(page, "xss-profil")


def test_hostile_metrics_and_gaps_stay_text(session: Session, xss_url: str) -> None:
    data, page = _xss(), session.page
    page.goto(f"{xss_url}/kennzahlen")
    page.locator("[data-testid='stVegaLiteChart']").first.wait_for()
    for term in data.vocabulary.terms("relation_types").values():
        page.get_by_text(term.label, exact=True).first.wait_for()  # the pills, shown as text
    chart = page.locator("[data-testid='stVegaLiteChart']").first.bounding_box()
    page.mouse.move(chart["x"] + chart["width"] * 0.3, chart["y"] + 12)  # a bar's tooltip
    session.settle()
    _shot(page, "xss-kennzahlen")
    page.goto(f"{xss_url}/luecken")
    page.locator("[data-testid='stVegaLiteChart']").first.wait_for()
    heat = page.locator("[data-testid='stVegaLiteChart']").first.bounding_box()
    for fx, fy in ((0.5, 0.5), (0.7, 0.6), (0.9, 0.8)):
        page.mouse.move(heat["x"] + heat["width"] * fx, heat["y"] + heat["height"] * fy)
        page.wait_for_timeout(300)
    for tab in t_gaps_tabs():
        page.get_by_role("tab", name=tab).click()
        session.settle()
    page.get_by_role("tab", name="Was wäre, wenn …").click()
    programme = data.vocabulary.label("funding_programmes", "esf-plus")
    _choose(page.get_by_role("combobox", name="Dieses Förderprogramm endet"), programme)
    session.settle()
    page.get_by_text(data.actors["xss-img"].name, exact=True).first.wait_for(state="attached")  # a grid cell
    _shot(page, "xss-luecken-was-waere")


def t_gaps_tabs() -> list[str]:
    from views.texts import GAPS_TABS

    return list(GAPS_TABS)


def test_hostile_referral_and_handout_stay_text(session: Session, xss_url: str) -> None:
    data, page = _xss(), session.page
    school, offer = data.actors["xss-img"], data.actors["xss-link"]
    page.goto(f"{xss_url}/vermittlung")
    page.locator("h1").first.wait_for()
    _choose(page.get_by_role("combobox", name="Schule").first, school.name)
    query = page.get_by_label("Anliegen")
    query.fill("zauberwort")
    query.press("Enter")
    page.get_by_role("heading", name=f"1. {offer.name}").wait_for()
    topic = data.vocabulary.label("topics", "xss-thema")
    page.get_by_text(offer.contact.role).first.wait_for()
    assert page.get_by_text(f"‚zauberwort‘ → {topic}").count() == 1
    _shot(page, "xss-vermittlung")
    page.get_by_text("In die Handreichung").first.click()
    session.settle()  # see test_referral_query_shows_contact_and_handout
    page.get_by_role("tab", name="Handreichung").click()
    page.get_by_role("tab", name="Handreichung", selected=True).wait_for()
    handout = page.frame_locator("iframe").first
    handout.get_by_text(f"Hilfe und Ansprechpartner – {school.name}").wait_for()
    handout.get_by_text(offer.name).first.wait_for()
    assert handout.locator("img, svg").count() == 0
    # The one script is the print button's own (pinned by its hash in the page's CSP).
    assert handout.locator("script").count() == 1
    assert handout.locator("script").first.inner_text() == PRINT_SCRIPT
    assert page.evaluate(XSS_PROBE) == []
    _shot(page, "xss-handreichung")


def test_hostile_data_page_stays_text(session: Session, xss_url: str) -> None:
    data, page = _xss(), session.page
    page.goto(f"{xss_url}/daten")
    page.locator("[data-testid='stDataFrame']").first.wait_for()
    session.settle()
    assert page.locator("h1").first.inner_text() == "Daten"
    assert data.vocabulary.label("actor_kinds", "schule")  # shown in the count table (a canvas grid)


@pytest.fixture(scope="module")
def large_url(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from bench.generate import write_network

    folder = tmp_path_factory.mktemp("net1000")
    write_network(folder, 1000, seed=7)
    yield from _start_app(folder)


def test_large_map_interactive_measured(session: Session, large_url: str) -> None:
    """1,000 actors: the whole map is drawn and a hover shows a tooltip; the time is printed, never asserted."""
    from bench.browser_map import time_to_interactive

    page = session.page
    warm = time_to_interactive(page, large_url, timeout_ms=300_000)  # first visit: the server loads and lays out
    found = time_to_interactive(page, large_url)
    assert session.node_count() == 1000
    assert warm["interactive"] == warm["interactive"] and found["interactive"] == found["interactive"]  # not nan
    print(
        f"Karte mit 1.000 Akteuren (Server vorgewärmt): Kartenrahmen nach {found['frame']:.2f} s, "
        f"gezeichnet nach {found['drawn']:.2f} s, Hover-Tooltip nach {found['interactive']:.2f} s "
        f"(ab Ladeereignis der Seite {found['interactive'] - found['load']:.2f} s), "
        f"ein Neuzeichnen {found['redraw_ms']:.0f} ms (erster Besuch: {warm['interactive']:.2f} s)"
    )
    _shot(page, "karte-1000")
