"""Converting YAML nodes to typed values: every mismatch reported at its position."""

from __future__ import annotations

import yaml

from graph.data.convert import Converter
from graph.data.schema import ACTOR_FIELDS, RELATION_FIELDS, VOCABULARY_LISTS


def _convert(text: str, fields=ACTOR_FIELDS) -> tuple[list[dict], list[tuple[str, int, int, str]]]:
    converter = Converter("f.yaml")
    entries = converter.entries(yaml.compose(text), fields)
    return [e.values for e in entries], [(p.code, p.line, p.column, p.message) for p in converter.problems]


def test_convert_full_actor() -> None:
    values, problems = _convert(
        "- id: a\n  name: A\n  kind: schule\n  target_groups: {age_min: 6, age_max: 10, audiences: [eltern]}\n"
        "  legal_basis: [SGB VIII § 13a]\n  verified: 2026-01-31\n"
    )
    assert problems == []
    assert values[0]["target_groups"] == {"age_min": 6, "age_max": 10, "audiences": ("eltern",)}
    assert values[0]["verified"].isoformat() == "2026-01-31"


def test_convert_quoted_date_is_accepted() -> None:
    values, problems = _convert('- {id: a, name: A, kind: schule, verified: "2026-01-31"}')
    assert problems == [] and values[0]["verified"].isoformat() == "2026-01-31"


def test_convert_date_with_time_is_rejected() -> None:
    _, problems = _convert("- {id: a, name: A, kind: schule, verified: 2026-01-31 12:00:00}")
    assert problems == [("invalid-date", 1, 44, "'2026-01-31 12:00:00' in 'verified' ist kein gültiges Datum.")]


def test_convert_number_fields() -> None:
    _, problems = _convert(
        "- {source: a, target: b, type: t, strength: 1.5, funding: {amount: '100'}}\n"
        "- {source: a, target: b, type: t, strength: 0x2, funding: {amount: 1_000}}\n",
        RELATION_FIELDS,
    )
    assert [(code, line, col) for code, line, col, _ in problems] == [
        ("wrong-type", 1, 45),
        ("wrong-type", 1, 68),
        ("wrong-type", 2, 45),
        ("wrong-type", 2, 68),
    ]
    assert problems[2][3] == "'strength' erwartet ganze Zahl, gefunden: '0x2'."


def test_convert_amount_accepts_decimals() -> None:
    values, problems = _convert("- {source: a, target: b, type: t, funding: {amount: 1500.50}}", RELATION_FIELDS)
    assert problems == [] and values[0]["funding"] == {"amount": 1500.5}


def test_convert_list_items_must_be_single_values() -> None:
    values, problems = _convert("- {id: a, name: A, kind: schule, topics: [sucht, {x: 1}, [y]]}")
    assert values[0]["topics"] == ("sucht",)
    assert [(c, col) for c, _, col, _ in problems] == [("wrong-type", 50), ("wrong-type", 58)]


def test_convert_mapping_expected_but_list_given() -> None:
    _, problems = _convert("- {id: a, name: A, kind: schule, contact: [x]}")
    assert problems == [("wrong-type", 1, 43, "'contact' erwartet Feldgruppe (feld: wert), gefunden: Liste.")]


def test_convert_list_expected_but_mapping_given() -> None:
    _, problems = _convert("- {id: a, name: A, kind: schule, topics: {a: b}}")
    assert problems == [("wrong-type", 1, 42, "'topics' erwartet Liste, gefunden: Feldgruppe.")]


def test_convert_text_expected_but_list_given() -> None:
    _, problems = _convert("- {id: a, name: [A], kind: schule}")
    assert [(c, col) for c, _, col, _ in problems] == [("wrong-type", 17)]


def test_convert_empty_optional_value_is_absent() -> None:
    values, problems = _convert("- id: a\n  name: A\n  kind: schule\n  notes:\n")
    assert problems == [] and "notes" not in values[0]


def test_convert_booleans() -> None:
    fields = VOCABULARY_LISTS["topics"][1]
    values, problems = _convert(
        "- {id: a, label: A, core: true}\n- {id: b, label: B, core: yes}\n- {id: c, label: C, core: 'true'}", fields
    )
    assert values[0]["core"] is True
    assert [(c, line) for c, line, _, _ in problems] == [("yaml-implicit-type", 2), ("wrong-type", 3)]


def test_convert_keyed_lists_root_must_be_mapping() -> None:
    converter = Converter("v.yaml")
    assert converter.keyed_lists(yaml.compose("- a"), VOCABULARY_LISTS) == {}
    assert [p.code for p in converter.problems] == ["wrong-root"]


def test_convert_unknown_vocabulary_list() -> None:
    converter = Converter("v.yaml")
    lists = converter.keyed_lists(yaml.compose("topcs: []\ntopics: []"), VOCABULARY_LISTS)
    assert list(lists) == ["topics"]
    assert [(p.code, p.hint) for p in converter.problems] == [("unknown-field", "Meinten Sie 'topics'?")]


def test_convert_entry_position_falls_back_to_parent() -> None:
    converter = Converter("f.yaml")
    entry = converter.entries(yaml.compose("- id: a\n  address: {city: H}"), ACTOR_FIELDS)[0]
    assert entry.where("address.postcode") == (2, 12)
    assert entry.where("nothing.here") == (1, 3)
