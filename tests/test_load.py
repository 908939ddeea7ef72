"""A short load run (tests/load/run_load.py): several browser sessions at once, no errors, no broken page."""

from __future__ import annotations

import pytest

from tests.load.run_load import percentile, report, run_load
from tests.test_browser import _require_chromium

pytestmark = pytest.mark.browser


def test_load_sessions_at_once_leave_no_error() -> None:
    _require_chromium()
    result = run_load(sessions=5, seconds=20)
    print(report(result))
    assert result.errors == [] and result.broken_at_end == [] and result.foreign == []
    assert len(result.all_times()) >= 5  # every session got work done
    assert result.rss_mib and max(result.rss_mib) < 2048  # MiB: memory stays bounded (about 0.5 GiB measured)


def test_load_percentile_nearest_rank() -> None:
    assert [percentile([3.0, 1.0, 2.0], s) for s in (0.0, 0.34, 0.5, 0.95, 1.0)] == [1.0, 2.0, 2.0, 3.0, 3.0]
