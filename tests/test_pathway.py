"""Intervention pathways: pathways.yaml read and checked, roles resolved per school, CLI and gap analysis."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from graph.cli.main import main
from graph.data.loader import load_dataset
from graph.data.model import Dataset
from graph.gaps import gap_report, pathway_gaps
from graph.pathway import PathwayError, pathway_overview, school_pathway, schools_pathways
from tests.conftest import REPO

PATHWAY_DATA = REPO / "tests" / "data" / "pathway"
VALID = PATHWAY_DATA / "valid"
TODAY = dt.date(2026, 11, 28)


@pytest.fixture(scope="module")
def net() -> Dataset:
    result = load_dataset(VALID)
    assert result.dataset is not None, [p.format() for p in result.report.errors]
    return result.dataset


def _with_pathways(tmp_path: Path, pathways: Path) -> Path:
    for name in ("vocabulary.yaml", "actors.yaml", "relations.yaml", "meta.yaml"):
        shutil.copy(VALID / name, tmp_path / name)
    shutil.copy(pathways, tmp_path / "pathways.yaml")
    return tmp_path


BROKEN = {
    "unknown-role": [
        (
            "unknown-term",
            9,
            25,
            "'schulsozialarbiet' ist keine Rolle der festen Liste.",
            "Meinten Sie 'schulsozialarbeit'?",
        )
    ],
    "unknown-actor": [("unknown-actor", 3, 14, "'asd-sud' steht nicht in actors.yaml.", "Meinten Sie 'asd-sued'?")],
    "own-role": [
        (
            "unknown-term",
            2,
            11,
            "Die Rolle 'schulsozialarbeit' kommt aus dem Netz selbst und wird hier nicht eingetragen.",
            "Hier stehen nur: schulpsychologie, asd, landesschulamt, ordnungsamt, netzwerkstelle.",
        ),
        (
            "duplicate-id",
            6,
            11,
            "Die Rolle 'asd' steht schon in Zeile 4.",
            "Führen Sie die Akteure in einem Eintrag zusammen.",
        ),
    ],
    "duplicate-stage": [
        (
            "duplicate-id",
            7,
            14,
            "Die Kennung 's1' ist schon vergeben (Stufe in Zeile 6).",
            "Jede Kennung darf nur einmal vorkommen: wählen Sie eine andere oder führen Sie die Einträge zusammen.",
        )
    ],
    "missing-fields": [
        ("missing-field", 2, 5, "Pflichtfeld 'stages' fehlt.", "Ergänzen Sie 'stages:' mit den Stufen der Kette."),
        (
            "missing-field",
            9,
            9,
            "Pflichtfeld 'trigger' fehlt.",
            "Ergänzen Sie eine Zeile 'trigger: …' (Auslöser, z. B. „erste ungeklärte Abwesenheit“.)",
        ),
    ],
    "pilot-and-topic": [
        (
            "unknown-term",
            4,
            12,
            "'schulabsentismsu' ist kein Begriff der Liste topics (Feld 'topic').",
            "Meinten Sie 'schulabsentismus'?",
        ),
        (
            "missing-field",
            6,
            20,
            "Pilotschulen sind eingetragen, aber 'pilot_source' fehlt.",
            "Nennen Sie die öffentliche Quelle, die diese Schulen als Pilotschulen nennt, oder lassen Sie pilot_schools weg.",
        ),
        (
            "kind-mismatch",
            6,
            21,
            "'traeger-x' ist keine Schule (Art 'traeger'), kann also keine Pilotschule sein.",
            "Nennen Sie hier nur Schulen.",
        ),
    ],
    "wrong-root": [
        (
            "wrong-root",
            1,
            1,
            "Die Datei pathways.yaml muss aus den Abschnitten 'roles:' und 'pathways:' bestehen.",
            "Siehe data/README.md, Abschnitt pathways.yaml.",
        )
    ],
    "wrong-sections": [
        (
            "wrong-type",
            1,
            8,
            "Der Abschnitt 'roles:' muss eine Liste von Rolleneinträgen sein.",
            "Beginnen Sie jeden Eintrag mit '- ' (eingerückt unter dem Abschnitt), siehe data/README.md.",
        ),
        (
            "wrong-type",
            6,
            13,
            "Der Abschnitt 'stages:' muss eine Liste von Stufen sein.",
            "Beginnen Sie jeden Eintrag mit '- ' (eingerückt unter dem Abschnitt), siehe data/README.md.",
        ),
        (
            "wrong-type",
            7,
            5,
            "Jede Interventionskette muss aus Zeilen 'feld: wert' bestehen.",
            "Siehe das Beispiel in data/README.md, Abschnitt pathways.yaml.",
        ),
    ],
    "unknown-section": [("unknown-field", 1, 1, "Unbekannter Abschnitt 'pathway'.", "Meinten Sie 'pathways'?")],
}


def test_pathways_broken_fixtures_are_all_listed() -> None:
    assert sorted(p.stem for p in (PATHWAY_DATA / "broken").glob("*.yaml")) == sorted(BROKEN)


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_pathways_broken_fixture_exact_messages(tmp_path: Path, case: str) -> None:
    result = load_dataset(_with_pathways(tmp_path, PATHWAY_DATA / "broken" / f"{case}.yaml"))
    assert not result.valid
    assert {p.file for p in result.report.errors} == {str(tmp_path / "pathways.yaml")}
    assert [(p.code, p.line, p.column, p.message, p.hint) for p in result.report.errors] == BROKEN[case]


def test_pathways_file_is_optional() -> None:
    result = load_dataset(REPO / "tests" / "data" / "valid")
    assert result.valid and result.dataset is not None
    assert result.dataset.pathways is None


def test_pathways_empty_file_means_no_pathways(tmp_path: Path) -> None:
    (tmp_path / "empty.yaml").write_text("# nur ein Kommentar\n", encoding="utf-8")
    result = load_dataset(_with_pathways(tmp_path, tmp_path / "empty.yaml"))
    assert result.valid and result.dataset is not None and result.dataset.pathways is None


def test_pathways_read_in_file_order(net: Dataset) -> None:
    assert net.pathways is not None
    pathway = net.pathways.pathways["absentismus-test"]
    assert [s.id for s in pathway.stages] == ["kontakt", "ssa", "beratung", "asd", "meldung"]
    assert pathway.stages[1].documents == ("Gesprächsprotokoll",)
    assert pathway.pilot_schools == ("gs-a",)
    assert net.pathways.roles == {"asd": ("asd-sued", "asd-west"), "netzwerkstelle": ("amt",)}


def test_pathway_school_with_school_social_work_has_it_in_its_stage(net: Dataset) -> None:
    result = school_pathway(net, "gs-a", TODAY)
    ssa = result.stages[1]
    assert [(r.id, r.role, r.via["relation"]) for r in ssa.responsible] == [("traeger-x", "schulsozialarbeit", "ssa-a")]
    assert ssa.missing is False
    # the relation has no source: it counts as invented and says so
    assert ssa.responsible[0].via["demo"] is True
    assert ssa.responsible[0].via["provenance"] == "Ohne Quelle – gilt als erfunden"
    assert result.gaps == ("meldung",)


def test_pathway_school_without_school_social_work_has_the_gap(net: Dataset) -> None:
    result = school_pathway(net, "sek-b", TODAY)
    ssa = result.stages[1]
    assert ssa.missing is True and ssa.responsible == ()
    assert ssa.gap_text == "Keine Schulsozialarbeit an dieser Schule – Stufe 2 hat niemanden"
    assert result.gaps == ("ssa", "meldung")


def test_pathway_relation_ended_before_the_day_no_longer_counts(net: Dataset) -> None:
    # ssa-b-alt runs until 31.07.2025 inclusive
    on_last_day = school_pathway(net, "sek-b", dt.date(2025, 7, 31))
    day_after = school_pathway(net, "sek-b", dt.date(2025, 8, 1))
    assert [r.via["relation"] for r in on_last_day.stages[1].responsible] == ["ssa-b-alt"]
    assert day_after.stages[1].responsible == () and "ssa" in day_after.gaps


@pytest.mark.parametrize(("school", "asd"), [("gs-a", "asd-sued"), ("sek-b", "asd-west")])
def test_pathway_finds_the_asd_of_the_school_district(net: Dataset, school: str, asd: str) -> None:
    stage = school_pathway(net, school, TODAY).stages[3]
    assert [(r.id, r.role) for r in stage.responsible if r.role == "asd"] == [(asd, "asd")]


def test_pathway_counselling_ranked_as_in_the_referral(net: Dataset) -> None:
    stage = school_pathway(net, "gs-a", TODAY).stages[2]
    assert [r.id for r in stage.responsible] == ["beratung-y"]
    assert stage.unresolved == ("schulpsychologie",) and stage.missing is False
    assert stage.responsible[0].via["kind"] == "referral"


def test_pathway_unknown_school_and_pathway(net: Dataset) -> None:
    with pytest.raises(PathwayError, match=r"Schule 'gs-b' ist unbekannt\. Meinten Sie 'gs-a'\?"):
        school_pathway(net, "gs-b", TODAY)
    with pytest.raises(
        PathwayError, match=r"Interventionskette 'absentismus' ist unbekannt\. Meinten Sie 'absentismus-test'\?"
    ):
        school_pathway(net, "gs-a", TODAY, pathway_id="absentismus")


def test_pathway_overview_marks_gaps_partial_and_pilots(net: Dataset) -> None:
    rows = pathway_overview(schools_pathways(net, TODAY))
    assert [(r["id"], r["pilot"], r["gaps"], r["ssa"], r["beratung"], r["meldung"]) for r in rows] == [
        ("sek-b", False, 2, "gap", "partial", "gap"),
        ("gs-a", True, 1, "covered", "partial", "gap"),
    ]


def test_pathway_cli_json_follows_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pathway", "sek-b", "--data", str(VALID), "--format", "json", "--as-of", "2026-11-28"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert {"school", "pathway", "stages", "gaps"} <= set(doc)
    assert doc["school"] == {"id": "sek-b", "name": "Sekundarschule B", "pilot": False}
    assert {k: doc["pathway"][k] for k in ("id", "label", "source")} == {
        "id": "absentismus-test",
        "label": "Testkette Schulabsentismus",
        "source": "https://example.org/erlass (Testquelle)",
    }
    stage = doc["stages"][3]
    assert {"id", "title", "trigger", "deadline", "roles", "responsible", "missing"} <= set(stage)
    assert stage["roles"] == ["schule", "asd"] and stage["missing"] is False
    assert [{k: r[k] for k in ("id", "name", "role")} for r in stage["responsible"]] == [
        {"id": "sek-b", "name": "Sekundarschule B", "role": "schule"},
        {"id": "asd-west", "name": "ASD West", "role": "asd"},
    ]
    assert stage["responsible"][1]["contact"]["phone"] == "030 23125 011"
    assert set(stage["responsible"][1]["via"]) == {"kind", "relation", "text", "demo", "provenance", "source_url"}
    assert doc["gaps"] == ["ssa", "meldung"]
    assert [s["id"] for s in doc["stages"] if s["missing"]] == doc["gaps"]


def test_pathway_cli_all_agrees_with_gap_analysis(net: Dataset, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pathway", "--all", "--data", str(VALID), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    report = gap_report(net, TODAY)["pathway_gaps"]
    assert [(r["id"], r["gaps"]) for r in rows if r["gaps"]] == [(r["id"], r["gaps"]) for r in report]
    assert pathway_gaps(net, TODAY) == report
    assert report[1]["gap_texts"] == [
        "Keine Schulsozialarbeit an dieser Schule – Stufe 2 hat niemanden",
        "Niemand eingetragen für „Zuständige Behörde der Stadt (Schulpflicht)“ – Stufe 5 hat niemanden",
    ]


def test_pathway_cli_all_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pathway", "--all", "--data", str(VALID)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "gs-a\tGrundschule A [Pilotschule]\t1 Lücke (meldung)",
        "sek-b\tSekundarschule B\t2 Lücken (ssa, meldung)",
        "2 von 2 Schulen mit Lücken in der Interventionskette",
    ]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["pathway", "gs-b"], 1, "Fehler: Schule 'gs-b' ist unbekannt. Meinten Sie 'gs-a'?\n"),
        (["pathway"], 2, "Fehler: Nennen Sie genau eine Schule (Kennung) oder --all.\n"),
        (["pathway", "gs-a", "--all"], 2, "Fehler: Nennen Sie genau eine Schule (Kennung) oder --all.\n"),
    ],
)
def test_pathway_cli_errors(capsys: pytest.CaptureFixture[str], args: list[str], code: int, message: str) -> None:
    assert main([*args, "--data", str(VALID)]) == code
    assert capsys.readouterr().err == message


def test_pathway_cli_without_pathways_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pathway", "gs-a", "--data", str(REPO / "tests" / "data" / "valid")]) == 1
    assert capsys.readouterr().err == (
        "Fehler: Im Datenordner steht keine Interventionskette (Datei pathways.yaml fehlt oder ist leer).\n"
    )


def test_pathway_markdown_escapes_data_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pathway", "gs-a", "--data", str(VALID), "--format", "markdown"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "# Testkette Schulabsentismus – Grundschule A"
    assert (
        "- **Lücke:** Niemand eingetragen für „Zuständige Behörde der Stadt (Schulpflicht)“ – Stufe 5 hat niemanden"
        in lines
    )


def test_bundled_pathway_every_stage_has_a_source() -> None:
    dataset = load_dataset(REPO / "data").dataset
    assert dataset is not None and dataset.pathways is not None
    pathway = dataset.pathways.pathways["schulverweigerung-lsa"]
    assert all(stage.source.startswith("http") for stage in pathway.stages)
    assert pathway.pilot_schools == ()  # no public source names the 8 pilot schools


def test_area_reason_names_the_area_for_a_school_placed_only_by_stadtteil() -> None:
    from graph.data.model import Actor, Dataset, Term, Vocabulary
    from graph.pathway.resolve import _covers

    vocabulary = Vocabulary(
        {
            "districts": {"d": Term("d", "Südstadt", stadtbezirk="sued", stadtteil="t")},
            "stadtteile": {"t": Term("t", "Süd-Teil", stadtbezirk="sued")},
            "stadtbezirke": {"sued": Term("sued", "Süd")},
        }
    )
    school = Actor("s", "Schule", "schule", stadtteil="t")
    asd = Actor("asd", "ASD Süd", "behoerde", service_area=("sued",))
    dataset = Dataset(vocabulary, {"s": school, "asd": asd}, ())
    assert _covers(dataset, asd, school) == "zuständig für Süd"
