"""Cross-entry rules: contact formats, ages, school types, freshness."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import Dataset, load_dataset
from graph.data.sourcerules import is_fictional_phone
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
            'Schreiben Sie z. B. postcode: "06114".',
        ),
        (
            "invalid-value",
            5,
            20,
            "'info at schule.de' ist keine E-Mail-Adresse.",
            "Schreiben Sie sie in der Form name@beispiel.de.",
        ),
        (
            "invalid-value",
            5,
            44,
            "'www.schule.de' ist keine Webadresse.",
            "Schreiben Sie sie mit https://, z. B. https://www.schule.de.",
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
            "Vertauschen Sie die beiden Werte.",
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
        ("unknown-actor", 4, 11, "Legen Sie den Akteur an oder korrigieren Sie die Kennung.")
    ]


def test_check_warnings_are_not_errors(data_copy: Path) -> None:
    (data_copy / "actors.yaml").write_text("- {id: a, name: A, kind: schule, verified: 2025-11-27}\n", encoding="utf-8")
    (data_copy / "relations.yaml").write_text("[]\n", encoding="utf-8")
    result = load_dataset(data_copy, today=TODAY)
    assert result.valid
    assert [p.code for p in result.report.warnings] == ["missing-contact", "stale-entry"]


SOURCES = Path(__file__).parent / "data" / "sources"
_SOURCE_HINT = (
    "Tragen Sie in provenance die öffentliche Quelle (Webadresse) ein, die diese Verbindung belegt, "
    "oder löschen Sie die Beziehung."
)
_DEMO_MESSAGE = (
    "Die erfundene Beziehung (provenance: demo) verbindet '{actor}', einen nicht erfundenen Akteur; "
    "erfundene Beziehungen dürfen nur erfundene Akteure verbinden."
)
_DEMO_HINT = (
    "Verbinden Sie erfundene Akteure (provenance: demo) miteinander oder tragen Sie in provenance "
    "die öffentliche Quelle ein, die diese Verbindung belegt."
)
_PHONE_MESSAGE = (
    "Die Telefonnummer '{phone}' eines erfundenen Eintrags liegt in keinem Nummernbereich, der für Filme und "
    "Beispiele frei gehalten wird; sie kann einem echten Anschluss gehören."
)
_PHONE_HINT = (
    "Nehmen Sie eine Nummer aus 030 23125 000–999, 069 90009 000–999, 040 66969 000–999, 0221 4710 000–999 "
    "oder 089 99998 000–999 (Bundesnetzagentur, Mitteilung 148/2021) oder lassen Sie phone weg."
)


def _source_problems(codes: set[str]) -> list[tuple[str, int, int, str, str, str, str]]:
    report = load_dataset(SOURCES, today=TODAY).report
    return [
        (Path(p.file).name, p.line, p.column, p.level, p.code, p.message, p.hint) for p in report if p.code in codes
    ]


def test_check_relation_sources_cases() -> None:
    # belegt (sourced) and erfunden-demo-demo (both ends invented) pass; ohne-quelle-gemischt names no source
    # and ties an invented actor to a real one: a tie to an invented actor is invented, so it is an error too.
    assert _source_problems({"relation-unsourced", "demo-relation-real-actor"}) == [
        (
            "relations.yaml",
            3,
            3,
            "error",
            "relation-unsourced",
            "Die Beziehung verbindet zwei reale Organisationen ('real-traeger' und 'real-schule'), "
            "nennt aber keine Quelle.",
            _SOURCE_HINT,
        ),
        (
            "relations.yaml",
            4,
            99,
            "error",
            "relation-unsourced",
            "Die Beziehung verbindet zwei reale Organisationen ('real-schule' und 'real-traeger'), "
            "nennt aber keine Quelle.",
            _SOURCE_HINT,
        ),
        (
            "relations.yaml",
            5,
            58,
            "error",
            "demo-relation-real-actor",
            _DEMO_MESSAGE.format(actor="real-schule"),
            _DEMO_HINT,
        ),
        (
            "relations.yaml",
            7,
            38,
            "error",
            "demo-relation-real-actor",
            _DEMO_MESSAGE.format(actor="ohne-angabe"),
            _DEMO_HINT,
        ),
        (
            "relations.yaml",
            8,
            61,
            "error",
            "demo-relation-real-actor",
            "Die Beziehung verbindet den erfundenen Akteur 'demo-beratung' mit 'real-traeger', einer realen "
            "Organisation mit Quelle; eine Beziehung zu einem erfundenen Akteur ist selbst erfunden und darf nur "
            "erfundene Akteure verbinden.",
            "Verbinden Sie den erfundenen Akteur nur mit erfundenen Akteuren (provenance: demo an Akteuren "
            "und Beziehung) oder ersetzen Sie ihn durch die reale Organisation mit ihrer Quelle.",
        ),
    ]


def test_check_fictional_phone_cases() -> None:
    # "+49 (30) 23125-101" (demo) is in a fictional range, "0345 221-0" belongs to a real actor: no warning.
    assert _source_problems({"phone-not-fictional"}) == [
        (
            "actors.yaml",
            22,
            20,
            "warning",
            "phone-not-fictional",
            _PHONE_MESSAGE.format(phone="0345 555 01 01"),
            _PHONE_HINT,
        ),
        (
            "actors.yaml",
            27,
            20,
            "warning",
            "phone-not-fictional",
            _PHONE_MESSAGE.format(phone="089 99998 1000"),
            _PHONE_HINT,
        ),
    ]


@pytest.mark.parametrize(
    ("phone", "fictional"),
    [
        ("030 23125 000", True),
        ("030-23125-999", True),
        ("+49 69 90009 123", True),
        ("0049 40 66969 500", True),
        ("0221/4710 042", True),
        ("089 99998 777", True),
        ("030 23124 999", False),
        ("030 23125 0000", False),
        ("0345 555 01 23", False),
        ("110", False),
    ],
)
def test_is_fictional_phone(phone: str, fictional: bool) -> None:
    assert is_fictional_phone(phone) is fictional


def test_check_legal_basis_unknown_with_suggestion() -> None:
    assert _source_problems({"unknown-term"}) == [
        (
            "actors.yaml",
            28,
            17,
            "error",
            "unknown-term",
            "'sgb-viii-13-a' ist kein Begriff der Liste legal_bases (Feld 'legal_basis').",
            "Meinten Sie 'sgb-viii-13a'?",
        ),
        (
            "actors.yaml",
            28,
            32,
            "error",
            "unknown-term",
            "'SGB VIII § 28' ist kein Begriff der Liste legal_bases (Feld 'legal_basis').",
            "Meinten Sie 'sgb-viii-28'?",
        ),
    ]


def test_check_legal_basis_free_text_without_list(small: Dataset) -> None:
    # The reference network has no legal_bases list: its legal_basis stays free text.
    assert small.actors["beratung-y"].legal_basis == ("SGB VIII § 28",)
