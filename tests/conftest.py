"""Shared fixtures: the small reference network and helpers to build broken copies of it."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph import Dataset, load_dataset

TESTS = Path(__file__).parent
REPO = TESTS.parent
VALID = TESTS / "data" / "valid"
BROKEN = TESTS / "data" / "broken"
#: Reference day for every test that looks at freshness, so results never depend on the calendar.
TODAY = dt.date(2026, 11, 28)
APP = str(REPO / "app.py")
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
