"""Cross-entry rules: contact formats, ages, school types, freshness."""

from __future__ import annotations

from pathlib import Path

from graph import load_dataset
from tests.conftest import TODAY


def _actor_errors(data_copy: Path, extra: str) -> list[tuple[str, int, int, str, str]]:
    (data_copy / "actors.yaml").write_text(f"- id: a\n  name: A\n  kind: schule\n{extra}", encoding="utf-8")
    (data_copy / "relations.yaml").write_text("[]\n", encoding="utf-8")
    report = load_dataset(data_copy, today=TODAY).report
    return [(p.code, p.line, p.column, p.message, p.hint) for p in report.errors]


def test_check_actor_contact_formats(data_copy: Path) -> None:
    errors = _actor_errors(
        data_copy,
        '  address: {postcode: "6114"}\n  contact: {email: info at schule.de, web: www.schule.de}\n',
    )
    assert errors == [
        (
            "invalid-value",
            4,
            23,
            "Die Postleitzahl '6114' hat nicht fünf Ziffern.",
            'Schreibe z. B. postcode: "06114".',
        ),
        (
            "invalid-value",
            5,
            20,
            "'info at schule.de' ist keine E-Mail-Adresse.",
            "Schreibe sie in der Form name@beispiel.de.",
        ),
        (
            "invalid-value",
            5,
            44,
            "'www.schule.de' ist keine Webadresse.",
            "Schreibe sie mit https://, z. B. https://www.schule.de.",
        ),
    ]


def test_check_actor_age_order(data_copy: Path) -> None:
    errors = _actor_errors(data_copy, "  target_groups: {age_min: 12, age_max: 6}\n")
    assert errors == [
        (
            "invalid-value",
            4,
            41,
            "Das Höchstalter 6 liegt unter dem Mindestalter 12.",
            "Vertausche die beiden Werte.",
        )
    ]


def test_check_actor_school_type_must_exist(data_copy: Path) -> None:
    errors = _actor_errors(data_copy, "  subtype: Gymnasium\n")
    assert [(e[0], e[1], e[4]) for e in errors] == [("unknown-term", 4, "Schulformen stehen in data/vocabulary.yaml.")]


def test_check_actor_free_subtype_for_other_kinds(data_copy: Path) -> None:
    (data_copy / "actors.yaml").write_text(
        "- {id: a, name: A, kind: traeger, subtype: Jugendhilfe}\n", encoding="utf-8"
    )
    (data_copy / "relations.yaml").write_text("[]\n", encoding="utf-8")
    assert load_dataset(data_copy, today=TODAY).report.errors == []


def test_check_relation_unknown_actor_in_parent(data_copy: Path) -> None:
    errors = _actor_errors(data_copy, "  parent: traeger-y\n")
    assert [(e[0], e[1], e[2], e[4]) for e in errors] == [
        ("unknown-actor", 4, 11, "Lege den Akteur an oder korrigiere die Kennung.")
    ]


def test_check_warnings_are_not_errors(data_copy: Path) -> None:
    (data_copy / "actors.yaml").write_text("- {id: a, name: A, kind: schule, verified: 2025-11-27}\n", encoding="utf-8")
    (data_copy / "relations.yaml").write_text("[]\n", encoding="utf-8")
    result = load_dataset(data_copy, today=TODAY)
    assert result.valid
    assert [p.code for p in result.report.warnings] == ["missing-contact", "stale-entry"]
