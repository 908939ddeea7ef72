"""``python -m graph refer``: JSON shape, text output, exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graph import load_dataset
from graph.cli.main import main
from graph.referral import build_referral_index, refer
from tests.conftest import BROKEN, REPO, TESTS, TODAY

REFERRAL = TESTS / "data" / "referral"
AS_OF = ["--as-of", "2026-11-28", "--data", str(REFERRAL)]


def test_refer_json_exact(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["refer", "Vater", "trinkt", "--school", "sek-neustadt", "--format", "json", *AS_OF])
    payload = json.loads(capsys.readouterr().out)
    assert code == 0
    assert payload == {
        "crisis": [],
        "crisis_steps": [],
        "recognised": [
            {
                "words": ["trinkt"],
                "text": "trinkt",
                "phrase": "trinkt",
                "label": "Sucht",
                "topics": ["sucht"],
                "crisis": None,
            }
        ],
        "topics": ["sucht"],
        "results": [
            {
                "id": "suchtberatung",
                "name": "Suchtberatung Drobs",
                "kind": "beratung",
                "score": 0.75,
                "reasons": [
                    "Thema Sucht",
                    "stadtweit zuständig",
                    "für 12–27 Jahre",
                    "keine bestehende Verbindung zur Schule bekannt",
                    "telefonisch erreichbar",
                    "Angaben geprüft am 01.10.2026",
                ],
                "topics": ["sucht"],
                "path": None,
                "path_steps": [],
                "contact": {
                    "role": None,
                    "phone": "0345 200 00 06",
                    "email": "drobs@example.org",
                    "web": None,
                    "address": None,
                    "access": "Offene Sprechstunde montags bis freitags",
                    "verified": "2026-10-01",
                    "demo": True,
                    "provenance": "Erfundener Demo-Eintrag",
                    "source_url": None,
                },
            }
        ],
        "excluded": [],
        "widened": False,
        "message": "",
    }


def test_refer_json_path_and_excluded(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["refer", "Cybermobbing", "--school", "sek-neustadt", "--age", "11", "--format", "json", *AS_OF])
    payload = json.loads(capsys.readouterr().out)
    assert code == 0
    # Medienscouts (12–16) are too old for 11; the Anti-Mobbing-Team is one (invented) cooperation away:
    # 0.6 topic + 0.2 x 0.7 path (kooperation 1.0, never confirmed 0.7) + 0.1 local + 0.05 phone + 0.1 fresh.
    assert [(r["id"], r["score"], r["path"]) for r in payload["results"]] == [
        ("mobbing-team", 0.99, ["sek-neustadt", "mobbing-team"])
    ]
    assert payload["results"][0]["reasons"] == [
        "Thema Cybermobbing",
        "Thema Mobbing und Konflikte (übergeordnet zu Cybermobbing)",
        "zuständig für Südliche Neustadt",
        "für 10–18 Jahre",
        "erfundene Demo-Verbindung: Sekundarschule Neustadt → kooperiert mit Anti-Mobbing-Team",
        "telefonisch erreichbar",
        "Angaben geprüft am 01.02.2026",
    ]
    assert payload["results"][0]["path_steps"] == [
        {
            "source": "sek-neustadt",
            "source_name": "Sekundarschule Neustadt",
            "relation": "koop-neustadt-mobbing",
            "relation_type": "kooperation",
            "relation_label": "kooperiert mit",
            "target": "mobbing-team",
            "target_name": "Anti-Mobbing-Team",
            "demo": True,
        }
    ]
    assert payload["excluded"] == [{"filter": "age", "count": 1}]


def test_refer_text_widened(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["refer", "Mobbing", "--district", "silberhoehe", *AS_OF])
    assert code == 0
    assert capsys.readouterr().out.splitlines() == [
        "Anliegen: „Mobbing“ – Themen: Mobbing und Konflikte",
        "Erkannt: ‚Mobbing‘ → Mobbing und Konflikte",
        "1. Anti-Mobbing-Team (mobbing-team) – Punktzahl 0.75",
        "   Thema Mobbing und Konflikte · zuständig für West (nicht für Silberhöhe) · telefonisch erreichbar"
        " · Angaben geprüft am 01.02.2026",
        "   Kontakt: Tel. 0345 200 00 04 [Demo-Eintrag, erfunden]",
        "Durch Filter ausgeschlossen: Stadtteil 1",
        "Hinweis: Im Stadtteil Silberhöhe passt kein Angebot (Stadtteil schließt 1 aus). "
        "Gezeigt werden deshalb Angebote aus der ganzen Stadt, ohne den Filter Stadtteil.",
    ]


def test_refer_json_crisis_first(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["refer", "Er", "will", "nicht", "mehr", "leben", "--format", "json", *AS_OF])
    payload = json.loads(capsys.readouterr().out)
    assert code == 0
    assert list(payload)[:3] == ["crisis", "crisis_steps", "recognised"]
    # The same document as the library's (whose content tests/test_referral.py asserts exactly).
    dataset = load_dataset(REFERRAL, today=TODAY).dataset
    assert dataset is not None
    expected = refer(build_referral_index(dataset), "Er will nicht mehr leben", today=TODAY).to_dict()
    assert payload == json.loads(json.dumps(expected))
    assert [c["id"] for c in payload["crisis"]] == ["notruf", "krisendienst", "seelsorge"]


def test_refer_text_crisis_block_first(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["refer", "Vater hat ein Messer, sie will nicht mehr leben", *AS_OF])
    assert code == 0
    assert capsys.readouterr().out.splitlines()[:9] == [
        "!!! KRISE – zuerst Hilfe holen !!!",
        "  Notruf 110: Tel. 110 (Hilfe bei: Suizidgefahr, Akute Gewalt; rund um die Uhr)",
        "  Krisendienst Halle: Tel. 030 23125 002 (Hilfe bei: Suizidgefahr; rund um die Uhr)",
        "  Seelsorgetelefon: Tel. 030 23125 001 (Hilfe bei: Suizidgefahr; Mo–Fr 9–17 Uhr)",
        "  Schritt – Suizidgefahr: Nicht allein lassen, 112 anrufen.",
        "",
        "Anliegen: „Vater hat ein Messer, sie will nicht mehr leben“ – Themen: Psychische Gesundheit und Krisen, "
        "Familie und Erziehung",
        "Erkannt: ‚nicht mehr leben‘ → Suizidgefahr → Krise; ‚Messer‘ → Akute Gewalt → Krise",
        "1. Familienberatung Süd (beratung-sued) – Punktzahl 0.75",
    ]


def test_refer_text_without_crisis_has_no_block(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["refer", "Kaffeemaschine", "kaputt", *AS_OF])
    assert code == 0
    assert capsys.readouterr().out.splitlines() == [
        "Anliegen: „Kaffeemaschine kaputt“ – Themen: keine erkannt",
        "Hinweis: Zu „Kaffeemaschine kaputt“ wurde kein Thema erkannt. "
        "Versuchen Sie ein Thema wie Schulabsentismus, Mobbing und Konflikte, Sucht, Familie und Erziehung.",
    ]


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--school", "gs-silberhoe"], "Fehler: Schule 'gs-silberhoe' ist unbekannt. Meinten Sie 'gs-silberhoehe'?"),
        (["--district", "suedstad"], "Fehler: Stadtteil 'suedstad' ist unbekannt. Meinten Sie 'suedstadt'?"),
    ],
)
def test_refer_unknown_id_exits_2(capsys: pytest.CaptureFixture[str], option: list[str], message: str) -> None:
    code = main(["refer", "schwänzen", *option, *AS_OF])
    captured = capsys.readouterr()
    assert (code, captured.out, captured.err) == (2, "", message + "\n")


def test_refer_invalid_data_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "data"
    shutil.copytree(REFERRAL, folder)
    shutil.copy(BROKEN / "unknown-actor" / "relations.yaml", folder / "relations.yaml")
    code = main(["refer", "schwänzen", "--data", str(folder), "--as-of", "2026-11-28"])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""
    assert captured.err.splitlines()[0] == (
        f"{folder}/relations.yaml:3:11: error unknown-actor: 'target' verweist auf 'gs-b', das es in actors.yaml "
        "nicht gibt. (Legen Sie den Akteur an oder korrigieren Sie die Kennung.)"
    )
    assert captured.err.splitlines()[-1] == (
        f"Die Daten in {folder} sind ungültig; Einzelheiten: python -m graph validate {folder}"
    )


def test_refer_module_entry_point() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "graph", "refer", "Schulangst", "--format", "json", *AS_OF],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert [r["id"] for r in json.loads(done.stdout)["results"]] == [
        "beratung-stadt",
        "beratung-sued",
        "projekt-schulweg",
    ]
