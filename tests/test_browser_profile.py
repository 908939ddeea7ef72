"""Browser test: a profile in Debian's headless Chromium shows its origin and links the two correction buttons."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from bench.appserver import app_server
from graph.workflow.correction import ENV_BRANCH, ENV_DATA_PATH, ENV_EMAIL, ENV_FORGE, ENV_REPO
from tests.conftest import VALID

pytestmark = pytest.mark.browser

TIMEOUT_MS = 45_000
REPO_URL = "https://github.com/stadt-halle/netzwerkkarte-daten"
SOURCE = "https://www.villajuehling.de/schulsozialarbeit"


@pytest.fixture(scope="module")
def app_url(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on the reference network (``traeger-x`` with a web source), configured for GitHub."""
    data = tmp_path_factory.mktemp("profil") / "data"
    shutil.copytree(VALID, data)
    actors = data / "actors.yaml"
    anchor = "  contact: {web: https://traeger-x.example.org}\n"
    actors.write_text(
        actors.read_text(encoding="utf-8").replace(anchor, f'{anchor}  provenance: "{SOURCE} (Seite)"\n'),
        encoding="utf-8",
    )
    # A sourced actor may not keep ties to the invented beratung-y (demo-relation-real-actor): drop them.
    relations = data / "relations.yaml"
    lines = relations.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if "source: traeger-x, target: beratung-y" not in line]
    assert len(kept) == len(lines) - 2
    relations.write_text("".join(kept), encoding="utf-8")
    with pytest.MonkeyPatch.context() as env:
        for name in (ENV_DATA_PATH, ENV_FORGE, ENV_EMAIL):
            env.delenv(name, raising=False)
        env.setenv(ENV_REPO, REPO_URL)
        env.setenv(ENV_BRANCH, "main")
        with app_server(data, seconds=60) as url:
            yield url


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="de-DE")
    foreign: list[str] = []

    def route(request_route: Any) -> None:
        if request_route.request.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
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


def _href(page: Any, label: str) -> str:
    link = page.locator("a").filter(has_text=label).first
    link.wait_for()
    return str(link.get_attribute("href"))


def test_profile_of_invented_actor_shows_mark_and_correction_links(page: Any, app_url: str) -> None:
    page.goto(f"{app_url}/akteure?actor=beratung-y")
    page.get_by_text("Erfundener Demo-Eintrag").first.wait_for()
    # Line 23: the provenance line added to traeger-x above moved beratung-y down by one.
    assert _href(page, "Eintrag bearbeiten") == f"{REPO_URL}/edit/main/data/actors.yaml#L23"
    report = _href(page, "Fehler melden")
    assert report.startswith(
        f"{REPO_URL}/issues/new?title=Korrektur%3A%20Beratungsstelle%20Y%20%28beratung-y%29&body=Eintrag%3A%20"
    )
    assert page.locator("a").filter(has_text="Fehler melden").first.get_attribute("target") == "_blank"


def test_profile_of_sourced_actor_links_its_source(page: Any, app_url: str) -> None:
    page.goto(f"{app_url}/akteure?actor=traeger-x")
    assert _href(page, "Quelle: villajuehling.de/schulsozialarbeit (Seite)") == SOURCE
    assert _href(page, "Eintrag bearbeiten") == f"{REPO_URL}/edit/main/data/actors.yaml#L17"
    assert page.get_by_text("Erfundener Demo-Eintrag").count() == 0
