"""Shared fixtures: the small reference network and helpers to build broken copies of it."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from graph import Dataset, load_dataset

TESTS = Path(__file__).parent
REPO = TESTS.parent
VALID = TESTS / "data" / "valid"
BROKEN = TESTS / "data" / "broken"
#: Reference day for every test that looks at freshness, so results never depend on the calendar.
TODAY = dt.date(2026, 11, 28)


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
