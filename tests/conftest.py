"""Shared fixtures: the small reference network and helpers to build broken copies of it."""

from __future__ import annotations

import atexit
import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from bench.appserver import CHROMIUM, CHROMIUM_ARGS
from graph import Dataset, load_dataset

TESTS = Path(__file__).parent
REPO = TESTS.parent
VALID = TESTS / "data" / "valid"
BROKEN = TESTS / "data" / "broken"
#: Reference day for every test that looks at freshness, so results never depend on the calendar.
TODAY = dt.date(2026, 11, 28)
APP = str(REPO / "app.py")
# The app's map layouts go to a throwaway folder, never into the repository's .cache (graph.present.layoutcache).
os.environ["NETZWERKKARTE_CACHE"] = tempfile.mkdtemp(prefix="netzwerkkarte-test-cache-")
atexit.register(shutil.rmtree, os.environ["NETZWERKKARTE_CACHE"], True)
#: Seconds an AppTest run may take (the first run of a session loads and lays out the data).
APP_TIMEOUT = 60


def run_page(page: str, data: Path, monkeypatch: pytest.MonkeyPatch, **params: str) -> AppTest:
    """Run the app on ``data`` with URL ``params`` and switch to ``page`` (``karte`` is the start page).

    Fails when the page raised, with the exceptions' messages.
    """
    monkeypatch.setenv("NETZWERKKARTE_DATA", str(data))
    at = AppTest.from_file(APP, default_timeout=APP_TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != "karte":
        at.switch_page(f"views/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture(autouse=True)
def _no_clock_override(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see „today“ only through the data's reference date or their own NETZWERKKARTE_TODAY."""
    monkeypatch.delenv("NETZWERKKARTE_TODAY", raising=False)


@pytest.fixture
def small() -> Dataset:
    """The validated reference network of ``tests/data/valid``."""
    result = load_dataset(VALID, today=TODAY)
    assert result.dataset is not None, [p.format() for p in result.report]
    return result.dataset


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the reference network."""
    target = tmp_path / "data"
    shutil.copytree(VALID, target)
    return target


def require_chromium() -> None:
    """Skip without Debian's Chromium; in CI (``CI=true``) its absence is a failure."""
    if CHROMIUM.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{CHROMIUM} fehlt, ist im CI aber Pflicht (apt-get install chromium).")
    pytest.skip(f"{CHROMIUM} fehlt: Browsertest übersprungen (Debian-Paket 'chromium' installieren).")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright, one per test module; never a downloaded browser."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
