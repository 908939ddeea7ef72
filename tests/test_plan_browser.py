"""Browser test of the page Planung in Debian's Chromium: SSA grid and BbA overview, wide and narrow, offline.

Screenshots go to ``test-artifacts/screenshots/planung-*.png`` (1440×900 and 390×844).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import pytest

from bench.appserver import IDLE, app_server
from tests.conftest import REPO

pytestmark = pytest.mark.browser

SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
SIZES = {"1440": (1440, 900), "390": (390, 844)}
CLIFF = "ESF+-Ende: ab 2028/29 ohne gesicherte Finanzierung: 18 Schulen, 17,25 VZÄ."


@pytest.fixture(scope="module")
def app_url(browser: Any) -> Iterator[str]:
    with app_server(REPO / "data", seconds=60) as url:
        yield url


def _scroll_to(page: Any, text: str) -> None:
    target = page.get_by_role("heading", name=text).first
    target.scroll_into_view_if_needed()
    page.evaluate("(y) => document.querySelector('[data-testid=\"stMain\"]')?.scrollBy(0, y)", 0)
    page.wait_for_timeout(1500)  # data grids draw their canvas after the script run


@pytest.mark.parametrize("size", list(SIZES))
def test_plan_page_ssa_grid_and_bba_overview(browser: Any, app_url: str, size: str) -> None:
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="de-DE")
    foreign: list[str] = []

    def route(request_route: Any) -> None:
        host = urlparse(request_route.request.url).hostname
        if host not in (None, "127.0.0.1", "localhost"):
            foreign.append(request_route.request.url)
            request_route.abort()
        else:
            request_route.continue_()

    context.route("**/*", route)
    page = context.new_page()
    page.set_default_timeout(45_000)
    page.goto(f"{app_url}/planung")
    page.locator("h1").first.wait_for()
    page.locator(IDLE).wait_for()
    assert page.get_by_text(CLIFF).count() == 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    _scroll_to(page, "Schulen je Schuljahr")
    page.screenshot(path=str(SCREENSHOTS / f"planung-ssa-{size}.png"))
    page.get_by_role("tab", name="BbA-Förderung").click()
    page.get_by_text("Fördersumme je Schuljahr und Stadtbezirk").first.wait_for()
    assert page.locator("[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg").count() >= 1
    _scroll_to(page, "Förderungen (10)")
    page.screenshot(path=str(SCREENSHOTS / f"planung-bba-{size}.png"))
    assert foreign == []
    context.close()
