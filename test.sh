#!/usr/bin/env bash
# Run everything CI checks: lint, format, types, then the whole test suite with coverage.
# Extra arguments go to pytest (e.g. ./test.sh -k validate).
set -euo pipefail
cd "$(dirname "$0")"
scripts/venv.sh requirements-dev.txt
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
if [ "$#" -eq 0 ]; then
  # The whole suite: graph/ must stay at or above 90 % line coverage (uncovered lines get looked at, not excluded).
  .venv/bin/python -m pytest --cov --cov-report=term --cov-fail-under=90
else
  .venv/bin/python -m pytest --cov --cov-report=term "$@"
fi
