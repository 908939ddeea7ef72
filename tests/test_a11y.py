"""Accessibility in Debian's headless Chromium: axe-core on every page, keyboard-only use of „Vermittlung“.

BITV 2.0 / WCAG 2.1 AA: each page (a profile and a search included) has no axe violation of impact serious or
critical; the counts of every impact are printed (``pytest -s``), the README table comes from them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import pytest

from bench.appserver import IDLE, app_server
from graph import load_dataset
from tests.conftest import REPO
from views import texts as t

pytestmark = pytest.mark.browser

TIMEOUT_MS = 120_000
LOCAL_SCHEMES = {"data", "blob", "about"}
#: Impacts that fail the test; „moderate“ and „minor“ are printed only.
BLOCKING = ("serious", "critical")
IMPACTS = ("critical", "serious", "moderate", "minor")
QUERY = "schwänzt"
FILTERS = {t.REFERRAL_SCHOOL, t.REFERRAL_DISTRICT, t.REFERRAL_AGE, t.REFERRAL_LEVEL, t.REFERRAL_LANGUAGE}
#: What has focus: tag, its label (a form field's <label>, else aria-label, else its text), link target, whether it
#: is the page's first tel: link and, for an expander's summary, whether it is open; evaluated in the page.
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return {tag: 'body', label: '', href: '', firstTel: false, open: null};
  const label = (e.labels && e.labels.length ? e.labels[0].innerText : '')
    || e.getAttribute('aria-label') || (e.innerText || '').slice(0, 80);
  const details = e.tagName === 'SUMMARY' ? e.closest('details') : null;
  return {
    tag: e.tagName.toLowerCase(), label: label.trim(), href: e.getAttribute('href') || '',
    firstTel: document.querySelector("a[href^='tel:']") === e, open: details ? details.open : null,
  };
}"""


def _profile_actor() -> tuple[str, str]:
    """Id and name of an actor of the bundled data with an address and a phone number: its profile shows most."""
    dataset = load_dataset(REPO / "data").dataset
    assert dataset is not None
    for actor in dataset.actors.values():
        if actor.address and actor.contact and actor.contact.phone:
            return actor.id, actor.name
    raise AssertionError("kein Akteur mit Anschrift und Telefon in data/")


@pytest.fixture(scope="module")
def app_url(browser: Any) -> Iterator[str]:
    with app_server(REPO / "data", seconds=90) as url:
        yield url


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A tab at 1440×900 that blocks and records every request leaving localhost."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="de-DE")
    foreign: list[str] = []

    def route(request_route: Any) -> None:
        parsed = urlparse(request_route.request.url)
        if parsed.scheme in LOCAL_SCHEMES or parsed.hostname == "127.0.0.1":
            request_route.continue_()
        else:
            foreign.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT_MS)
    yield tab
    context.close()
    assert foreign == [], f"Anfragen nach außen: {foreign}"


def _settle(page: Any) -> None:
    """Wait until Streamlit's script run is over and late drawings (data grids, iframes) are done."""
    page.wait_for_timeout(500)
    page.locator(IDLE).wait_for()
    page.wait_for_timeout(1500)


def _axe(page: Any) -> list[dict[str, Any]]:
    """Run axe-core on the page, its frames included (axe is put into every frame so it can descend)."""
    from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]  # no type hints shipped

    script = Axe().axe_script
    for frame in page.frames:
        if not frame.is_detached():
            frame.evaluate(script)
    violations: list[dict[str, Any]] = page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)"
    )
    return violations


def _why(node: dict[str, Any]) -> str:
    """axe's own explanation of one failing element (for contrast: both colours and the ratio)."""
    checks = node.get("any") or node.get("all") or node.get("none") or [{}]
    return str(checks[0].get("message", ""))[:200]


def _open(page: Any, app_url: str, name: str) -> None:
    """Open a page the way staff reach it and wait for what it shows."""
    if name == "karte":
        page.goto(app_url)
        page.frame_locator("iframe").first.locator("#netzwerk canvas").wait_for(state="visible")
    elif name == "profil":
        actor, actor_name = _profile_actor()
        page.goto(f"{app_url}/akteure?actor={actor}")
        page.get_by_role("heading", name=actor_name).first.wait_for()
    elif name == "vermittlung":
        page.goto(f"{app_url}/vermittlung")
        query = page.get_by_label(t.REFERRAL_QUERY)
        query.fill(QUERY)
        query.press("Enter")
        page.locator("a[href^='tel:']").first.wait_for()
    else:
        page.goto(f"{app_url}/{name}")
        page.locator("h1").first.wait_for()
    _settle(page)


@pytest.mark.parametrize(
    "name",
    ["karte", "akteure", "profil", "kennzahlen", "luecken", "planung", "vermittlung", "daten", "fruehwarnsystem"],
)
def test_axe_finds_no_serious_violation(page: Any, app_url: str, name: str) -> None:
    _open(page, app_url, name)
    violations = _axe(page)
    counts = {impact: sum(len(v["nodes"]) for v in violations if v["impact"] == impact) for impact in IMPACTS}
    print(f"axe {name}: " + ", ".join(f"{impact} {count}" for impact, count in counts.items()))
    blocking = [
        f"{v['id']} ({v['impact']}): {node['target']} – {v['help']} ({_why(node)})"
        for v in violations
        if v["impact"] in BLOCKING
        for node in v["nodes"]
    ]
    assert blocking == [], f"{len(blocking)} ernste Verstöße auf {name}:\n" + "\n".join(blocking)


def _tab_until(page: Any, wanted: Any, limit: int = 150) -> list[dict[str, Any]]:
    """Press Tab until ``wanted(focused)`` holds; return the focus path (fails after ``limit`` presses)."""
    path = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        path.append(focused)
        if wanted(focused):
            return path
    steps = " → ".join(f"{f['tag']}:{f['label'] or f['href']}" for f in path)
    raise AssertionError(f"Fokus nicht erreicht nach {limit} × Tab: {steps}")


def _is_filter(focused: dict[str, Any]) -> bool:
    return focused["tag"] == "input" and focused["label"] in FILTERS


def _is_filter_box(focused: dict[str, Any]) -> bool:
    """The collapsible box „Eingrenzen“ that holds the filters (closed once there are results)."""
    return focused["tag"] == "summary" and t.REFERRAL_FILTERS in focused["label"]


def test_referral_by_keyboard_only(page: Any, app_url: str) -> None:
    """From the page's start: Tab to the query, type and Enter, Tab to a filter, Tab to the first card's phone."""
    page.goto(f"{app_url}/vermittlung")
    page.get_by_label(t.REFERRAL_QUERY).wait_for()
    _settle(page)
    _tab_until(page, lambda f: f["tag"] == "input" and f["label"] == t.REFERRAL_QUERY)
    page.keyboard.type(QUERY)
    page.keyboard.press("Enter")
    page.locator("a[href^='tel:']").first.wait_for()
    _settle(page)
    assert page.evaluate(FOCUSED)["label"] == t.REFERRAL_QUERY, "der Fokus verlässt das Anliegen nach der Suche"
    to_filter = _tab_until(page, lambda f: _is_filter(f) or _is_filter_box(f))
    if _is_filter_box(to_filter[-1]) and not to_filter[-1]["open"]:
        page.keyboard.press("Enter")  # open „Eingrenzen“ with the keyboard
        page.wait_for_function("() => document.activeElement.closest('details')?.open === true")
        to_filter += _tab_until(page, _is_filter, limit=5)
    elif not _is_filter(to_filter[-1]):
        to_filter += _tab_until(page, _is_filter, limit=5)
    to_phone = _tab_until(page, lambda f: f["href"].startswith("tel:"))
    print(f"Tastatur: {len(to_filter)} × Tab zum Filter „{to_filter[-1]['label']}“, {len(to_phone)} × Tab zum Telefon")
    assert to_phone[-1]["firstTel"], f"erster tel:-Link per Tab ist nicht der der ersten Karte: {to_phone[-1]}"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)
    assert focused["href"].startswith("tel:") and focused["firstTel"], focused
