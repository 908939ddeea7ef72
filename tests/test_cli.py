"""``python -m graph validate``: output lines, JSON shape, exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graph.cli.main import main
from tests.conftest import BROKEN, REPO, VALID


def test_validate_text_valid(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["validate", str(VALID), "--today", "2026-11-28"])
    lines = capsys.readouterr().out.splitlines()
    assert code == 0
    assert lines[0] == (
        f"{VALID}/actors.yaml:35:13: warning stale-entry: Zuletzt geprüft am 15.10.2024, vor mehr als 12 Monaten. "
        "(Prüfen Sie die Angaben und setzen Sie verified auf das heutige Datum.)"
    )
    assert lines[-1] == "gültig: 8 Akteure, 8 Beziehungen; 0 Fehler, 4 Warnungen"


def test_validate_json_broken(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "data"
    shutil.copytree(VALID, folder)
    shutil.copy(BROKEN / "unknown-actor" / "relations.yaml", folder / "relations.yaml")
    code = main(["validate", str(folder), "--format", "json", "--today", "2026-11-28"])
    payload = json.loads(capsys.readouterr().out)
    assert code == 1
    assert payload["valid"] is False
    assert payload["counts"] == {"actors": 8, "relations": 1}
    errors = [i for i in payload["issues"] if i["level"] == "error"]
    assert errors == [
        {
            "level": "error",
            "code": "unknown-actor",
            "file": f"{folder}/relations.yaml",
            "line": 3,
            "column": 11,
            "message": "'target' verweist auf 'gs-b', das es in actors.yaml nicht gibt.",
            "hint": "Meinten Sie 'gs-a'?",
        }
    ]


def test_validate_rejects_bad_date_argument(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", str(VALID), "--today", "28.11.2026"])
    assert exit_info.value.code == 2
    assert "'28.11.2026' ist kein Datum der Form JJJJ-MM-TT" in capsys.readouterr().err


def test_module_entry_point_on_bundled_data() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "graph", "validate", "data"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1].startswith("gültig: ")
