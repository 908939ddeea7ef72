"""Every command's output on the bundled data stays what it was before the package moved to layers.

The outputs in ``tests/data/cli_golden/`` were recorded before the move (issue 17). Text is compared exactly;
JSON structurally, with numbers allowed to differ by 1e-12 (igraph and NetworkX sum in different orders).
Record again only on purpose: ``RECORD_CLI_GOLDEN=1 .venv/bin/python -m pytest tests/test_cli_golden.py``.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import subprocess
import sys
from typing import Any

import pytest

from tests.conftest import REPO

GOLDEN = REPO / "tests" / "data" / "cli_golden"
IMPORT = "tests/data/import"

#: (file name, arguments of ``python -m graph``) – every command and its help, on the bundled data.
COMMANDS: list[tuple[str, list[str]]] = [
    ("help.txt", ["--help"]),
    *[(f"help-{name}.txt", [name, "--help"]) for name in ("validate", "metrics", "gaps", "schema", "refer", "diff")],
    *[(f"help-{name}.txt", [name, "--help"]) for name in ("fmt", "import", "plan")],
    ("help-pathway.txt", ["pathway", "--help"]),
    ("validate.txt", ["validate", "data"]),
    ("validate.json", ["validate", "data", "--format", "json"]),
    ("validate-github.txt", ["validate", "data", "--format", "github"]),
    ("metrics.json", ["metrics", "data", "--format", "json"]),
    ("metrics.csv", ["metrics", "data", "--format", "csv"]),
    ("metrics-types.json", ["metrics", "data", "--format", "json", "--types", "kooperation,verweist"]),
    ("gaps.json", ["gaps", "data", "--format", "json"]),
    ("gaps.md", ["gaps", "data", "--format", "markdown"]),
    ("schema-check.txt", ["schema", "data", "--check"]),
    ("refer-mobbing.txt", ["refer", "Mobbing", "in", "der", "Klasse", "--age", "12"]),
    ("refer-mobbing.json", ["refer", "Mobbing", "in", "der", "Klasse", "--age", "12", "--format", "json"]),
    ("refer-crisis.json", ["refer", "will", "sich", "umbringen", "--format", "json"]),
    ("refer-school.txt", ["refer", "schwänzt", "seit", "Wochen", "--school", "sekundarschule-am-fliederweg"]),
    ("refer-school-ok.txt", ["refer", "schwänzt", "seit", "Wochen", "--school", "sks-am-fliederweg"]),
    ("pathway-school.txt", ["pathway", "gs-am-birkenhain"]),
    ("pathway-school.json", ["pathway", "gs-am-birkenhain", "--format", "json"]),
    ("pathway-no-ssa.md", ["pathway", "gym-am-ulmenplatz", "--format", "markdown"]),
    ("pathway-all.txt", ["pathway", "--all"]),
    ("pathway-unknown.txt", ["pathway", "gs-am-birkenhai"]),
    ("diff.md", ["diff", "tests/data/valid", "data", "--repo", "."]),
    ("diff.json", ["diff", "tests/data/valid", "data", "--repo", ".", "--format", "json"]),
    ("fmt-check.txt", ["fmt", "data", "--check"]),
    ("plan-ssa.txt", ["plan", "ssa"]),
    ("plan-ssa.json", ["plan", "ssa", "--format", "json"]),
    ("plan-ssa.md", ["plan", "ssa", "--from", "2025/26", "--to", "2028/29", "--format", "markdown"]),
    ("plan-bba.txt", ["plan", "bba"]),
    ("plan-bba.json", ["plan", "bba", "--format", "json"]),
    ("plan-bba.md", ["plan", "bba", "--format", "markdown"]),
    ("import-actors.txt", ["import", f"{IMPORT}/actors.csv", "--into", "actors", "--data", "tests/data/valid"]),
    (
        "import-relations.txt",
        ["import", f"{IMPORT}/relations.csv", "--into", "relations", "--data", "tests/data/valid"],
    ),
]


def _run(args: list[str]) -> str:
    env = {**os.environ, "COLUMNS": "100", "LC_ALL": "C.UTF-8"}
    env.pop("NETZWERKKARTE_TODAY", None)
    done = subprocess.run(
        [sys.executable, "-m", "graph", *args], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )
    return f"exit {done.returncode}\n--- stdout\n{done.stdout}--- stderr\n{done.stderr}"


def _split(text: str) -> tuple[str, str, str]:
    head, rest = text.split("\n--- stdout\n", 1)
    stdout, stderr = rest.split("--- stderr\n", 1)
    return head, stdout, stderr


def _close(a: Any, b: Any, where: str = "$") -> list[str]:
    """Differences between two JSON values, numbers within 1e-12."""
    if isinstance(a, dict) and isinstance(b, dict):
        if list(a) != list(b):
            return [f"{where}: Schlüssel {list(a)} != {list(b)}"]
        return [d for k in a for d in _close(a[k], b[k], f"{where}.{k}")]
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{where}: Länge {len(a)} != {len(b)}"]
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True)) for d in _close(x, y, f"{where}[{i}]")]
    both_numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (a, b))
    if both_numbers and math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12):
        return []
    return [] if a == b else [f"{where}: {a!r} != {b!r}"]


def _cells(csv_text: str) -> list[list[Any]]:
    """CSV rows with numeric cells as numbers, so that the last bits of a float may differ."""

    def value(cell: str) -> Any:
        try:
            return float(cell)
        except ValueError:
            return cell

    return [[value(cell) for cell in row] for row in csv.reader(io.StringIO(csv_text))]


@pytest.mark.parametrize(("name", "args"), COMMANDS, ids=[name for name, _ in COMMANDS])
def test_command_output_unchanged(name: str, args: list[str]) -> None:
    path = GOLDEN / name
    output = _run(args)
    if os.environ.get("RECORD_CLI_GOLDEN") == "1":
        GOLDEN.mkdir(parents=True, exist_ok=True)
        path.write_text(output, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    got_head, got_out, got_err = _split(output)
    want_head, want_out, want_err = _split(expected)
    if name.endswith(".json"):
        assert (got_head, got_err) == (want_head, want_err)
        assert _close(json.loads(got_out), json.loads(want_out)) == []
    elif name.endswith(".csv"):
        assert (got_head, got_err) == (want_head, want_err)
        assert _close(_cells(got_out), _cells(want_out)) == []
    else:
        assert output == expected


def test_every_command_is_recorded() -> None:
    from graph.cli.main import COMMANDS as CLI_COMMANDS

    assert {f"help-{name}.txt" for name in CLI_COMMANDS} <= {name for name, _ in COMMANDS}
    # and each command's own output, not only its help
    assert set(CLI_COMMANDS) == {args[0] for _, args in COMMANDS if "--help" not in args}
