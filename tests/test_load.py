"""A short load run (tests/load/run_load.py): several staff members at once, no errors, no broken page."""

from __future__ import annotations

import pytest

from tests.conftest import require_chromium
from tests.load.run_load import percentile, report, run_load

pytestmark = pytest.mark.browser


def test_load_sessions_at_once_leave_no_error() -> None:
    require_chromium()
    result = run_load(sessions=5, seconds=25)
    print(report(result))
    assert result.opened == 5 and result.final_ok == 5  # every page loaded and still works after the load
    assert result.errors == [] and result.broken_at_end == [] and result.js_errors == []
    assert result.foreign == []  # nothing left 127.0.0.1
    assert len(result.all_times()) >= 5  # the sessions got work done (timings are reported, never asserted)
    assert result.rss_mib and max(result.rss_mib) < 1024  # MiB: memory stays bounded (under 0.5 GiB measured)


def test_load_percentile_nearest_rank() -> None:
    assert [percentile([3.0, 1.0, 2.0], s) for s in (0.0, 0.34, 0.5, 0.95, 1.0)] == [1.0, 2.0, 2.0, 3.0, 3.0]
