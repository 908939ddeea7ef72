"""The demo does not decay: a sample of the suite passes when the machine's clock says another day.

Runs graph tests, CLI tests and AppTests in a subprocess under ``faketime`` (Debian package ``faketime``,
installed by ``.ci/run``), once for a day in 2027 and once after the end of the ESF+ period. Everything
that looks at „today“ goes through ``graph.data.clock``, so the results must not change.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

FAKETIME = Path("/usr/bin/faketime")
#: Faked days: a year after the reference date, and two weeks after the ESF+ period ends (31.07.2028).
DAYS = ("2027-07-01", "2028-08-15")
SAMPLE = (
    "graph/data/clock.py",
    "graph/data/loader.py",
    "tests/test_clock.py",
    "tests/test_loader.py",
    "tests/test_build.py",
    "tests/test_gaps.py",
    "tests/test_cli.py",
    "tests/test_metrics_report.py",
    "tests/test_pathway.py",
    "tests/test_app.py::test_app_page_runs[luecken-bundled]",
    "tests/test_app.py::test_app_page_runs[karte-small]",
    "tests/test_app.py::test_app_gaps_lists_schools_without_school_social_work",
    "tests/test_app.py::test_app_sidebar_names_the_reference_date",
)


def _environment() -> dict[str, str]:
    """This process's environment without a clock override, pytest's own variables and an outer faketime.

    Under an outer ``faketime`` (running the whole suite faked) the inner one would shift the faked
    clock again instead of setting the day.
    """
    dropped = ("NETZWERKKARTE_TODAY", "LD_PRELOAD", "DONT_FAKE_MONOTONIC")
    env = {k: v for k, v in os.environ.items() if k not in dropped and not k.startswith(("PYTEST_", "FAKETIME"))}
    preload = [lib for lib in os.environ.get("LD_PRELOAD", "").split(":") if lib and "faketime" not in lib]
    if preload:
        env["LD_PRELOAD"] = ":".join(preload)
    return env


def _folder(path: Path) -> Path:
    path.mkdir()
    return path


pytestmark = [
    pytest.mark.faketime,
    pytest.mark.skipif(
        not FAKETIME.is_file(),
        reason="faketime is not installed at /usr/bin/faketime (Debian package 'faketime'; .ci/run installs it)",
    ),
]


@pytest.mark.parametrize("day", DAYS)
def test_faketime_changes_the_date_python_sees(day: str) -> None:
    done = subprocess.run(
        [str(FAKETIME), day, sys.executable, "-c", "import datetime; print(datetime.date.today())"],
        env=_environment(),
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == day


def test_sample_of_the_suite_passes_on_other_days(tmp_path: Path) -> None:
    env = _environment()
    command = [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "--no-cov", *SAMPLE]
    # Both days side by side: each run is single-threaded most of the time.
    runs = {
        day: subprocess.Popen(
            [str(FAKETIME), day, *command],
            cwd=REPO,
            env=env | {"TMPDIR": str(_folder(tmp_path / day))},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for day in DAYS
    }
    failed = {}
    for day, run in runs.items():
        output, _ = run.communicate(timeout=900)
        if run.returncode != 0:
            failed[day] = output[-4000:]
    if failed:
        pytest.fail("\n\n".join(f"faketime {day}:\n{output}" for day, output in failed.items()), pytrace=False)
