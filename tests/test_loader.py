"""The loader and validator: one broken file per problem code, exact outcomes."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from graph import load_dataset
from tests.conftest import BROKEN, TODAY, VALID

# case folder -> exact list of (code, file, line, column) it must produce (errors only).
BROKEN_CASES: dict[str, list[tuple[str, str, int, int]]] = {
    "date-order": [("date-order", "relations.yaml", 6, 10)],
    "duplicate-id": [("duplicate-id", "actors.yaml", 4, 7)],
    "duplicate-relation": [
        ("duplicate-relation", "relations.yaml", 4, 3),
        ("duplicate-relation", "relations.yaml", 11, 3),
    ],
    "empty-file": [("empty-file", "relations.yaml", 1, 1)],
    "empty-value": [("empty-value", "actors.yaml", 2, 8)],
    "file-encoding": [("file-encoding", "actors.yaml", 2, 22)],
    "file-missing": [("file-missing", "relations.yaml", 1, 1)],
    "invalid-date": [("invalid-date", "relations.yaml", 5, 10), ("invalid-date", "relations.yaml", 6, 10)],
    "invalid-id": [("invalid-id", "actors.yaml", 1, 7)],
    "invalid-value": [("invalid-value", "relations.yaml", 5, 13)],
    "kind-mismatch": [
        ("kind-mismatch", "relations.yaml", 2, 11),
        ("kind-mismatch", "relations.yaml", 3, 11),
        ("kind-mismatch", "relations.yaml", 7, 11),
    ],
    "missing-field": [("missing-field", "relations.yaml", 1, 3)],
    "self-relation": [("self-relation", "relations.yaml", 3, 11)],
    "unknown-actor": [("unknown-actor", "relations.yaml", 3, 11)],
    "unknown-field": [("unknown-field", "actors.yaml", 4, 3)],
    "unknown-term": [
        ("unknown-term", "actors.yaml", 4, 12),
        ("unknown-term", "actors.yaml", 5, 13),
        ("unknown-term", "actors.yaml", 6, 12),
        ("unknown-term", "actors.yaml", 7, 24),
    ],
    "wrong-root": [("wrong-root", "actors.yaml", 1, 1)],
    "wrong-type": [
        ("wrong-type", "actors.yaml", 4, 11),
        ("wrong-type", "actors.yaml", 5, 12),
        ("wrong-type", "actors.yaml", 6, 3),
    ],
    "yaml-alias": [("yaml-alias", "actors.yaml", 5, 3)],
    "yaml-duplicate-key": [("yaml-duplicate-key", "actors.yaml", 4, 3)],
    "yaml-implicit-type": [
        ("yaml-implicit-type", "actors.yaml", 5, 15),
        ("yaml-implicit-type", "actors.yaml", 6, 11),
        ("yaml-implicit-type", "actors.yaml", 7, 19),
        ("yaml-implicit-type", "actors.yaml", 8, 10),
    ],
    "yaml-syntax": [("yaml-syntax", "actors.yaml", 4, 2)],
    "yaml-tag": [("yaml-tag", "actors.yaml", 2, 9)],
}


def _overlay(case: str, tmp_path: Path) -> Path:
    """Copy the valid network and lay the case's broken files over it."""
    target = tmp_path / case
    shutil.copytree(VALID, target)
    for broken in (BROKEN / case).glob("*.yaml"):
        shutil.copy(broken, target / broken.name)
    if case == "file-missing":
        (target / "relations.yaml").unlink()
    return target


def test_every_error_code_has_a_broken_case() -> None:
    folders = {p.name for p in BROKEN.iterdir() if p.is_dir()}
    assert folders == set(BROKEN_CASES)


@pytest.mark.parametrize("case", sorted(BROKEN_CASES))
def test_load_dataset_reports_exact_errors(case: str, tmp_path: Path) -> None:
    folder = _overlay(case, tmp_path)
    result = load_dataset(folder, today=TODAY)
    found = [(p.code, Path(p.file).name, p.line, p.column) for p in result.report.errors]
    assert found == BROKEN_CASES[case]
    assert result.dataset is None
    assert all(p.file.startswith(str(folder)) and p.message and p.hint for p in result.report.errors)


def test_load_dataset_valid_reference_network() -> None:
    result = load_dataset(VALID, today=TODAY)
    assert result.valid
    assert result.counts == {"actors": 8, "relations": 8}
    warnings = [(p.code, Path(p.file).name, p.line) for p in result.report.warnings]
    assert warnings == [
        ("stale-entry", "actors.yaml", 35),
        ("missing-contact", "actors.yaml", 46),
        ("relation-ended", "relations.yaml", 2),
        ("stale-entry", "relations.yaml", 7),
    ]


def test_load_dataset_typed_records(small) -> None:
    actor = small.actors["beratung-y"]
    assert actor.address is None
    assert actor.target_groups is not None and actor.target_groups.age_max == 18
    assert actor.languages == ("de", "ar")
    assert actor.verified is not None and actor.verified.isoformat() == "2024-10-15"
    assert small.actors["gs-a"].address.postcode == "06132"
    relation = next(r for r in small.relations if r.id == "ssa-a")
    assert (relation.strength, relation.funding.programme, relation.funding.amount) == (3, "esf-plus", 50000.0)


def test_load_dataset_generates_missing_relation_ids(small) -> None:
    assert "gs-a--verweist--beratung-y" in {r.id for r in small.relations}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("06114", "'06114' in 'postcode' wird von YAML als Zahl 3148 gelesen, nicht als Text."),
        ("0345", "'0345' in 'postcode' wird von YAML als Zahl 229 gelesen, nicht als Text."),
        ("off", "'off' in 'postcode' wird von YAML als Wahrheitswert False gelesen, nicht als Text."),
        ("12:30", "'12:30' in 'postcode' wird von YAML als Zahl 750 gelesen, nicht als Text."),
        ("1.5", "'1.5' in 'postcode' wird von YAML als Zahl 1.5 gelesen, nicht als Text."),
    ],
)
def test_load_dataset_yaml11_traps(data_copy: Path, text: str, message: str) -> None:
    (data_copy / "actors.yaml").write_text(f"- id: a\n  name: A\n  kind: schule\n  address: {{postcode: {text}}}\n")
    (data_copy / "relations.yaml").write_text("[]\n")
    errors = load_dataset(data_copy, today=TODAY).report.errors
    assert [(p.code, p.line, p.message) for p in errors] == [("yaml-implicit-type", 4, message)]
    assert errors[0].hint == f'Setzen Sie den Wert in Anführungszeichen: "{text}".'


def test_load_dataset_quoted_values_are_text(data_copy: Path) -> None:
    (data_copy / "actors.yaml").write_text(
        '- id: a\n  name: "yes"\n  kind: schule\n  address: {postcode: "06114"}\n  access: "12:30"\n'
    )
    (data_copy / "relations.yaml").write_text("[]\n")
    result = load_dataset(data_copy, today=TODAY)
    assert result.dataset is not None
    actor = result.dataset.actors["a"]
    assert (actor.name, actor.address.postcode, actor.access) == ("yes", "06114", "12:30")


def test_load_dataset_bom_and_crlf_are_read(data_copy: Path) -> None:
    raw = (data_copy / "actors.yaml").read_text(encoding="utf-8").replace("\n", "\r\n")
    (data_copy / "actors.yaml").write_bytes("\ufeff".encode() + raw.encode("utf-8"))
    result = load_dataset(data_copy, today=TODAY)
    assert result.valid
    assert result.dataset is not None and result.dataset.actors["traeger-x"].name == "Träger X"


def test_load_dataset_broken_vocabulary_is_reported_once(data_copy: Path) -> None:
    (data_copy / "vocabulary.yaml").write_text("actor_kinds: [\n")
    errors = load_dataset(data_copy, today=TODAY).report.errors
    assert [(p.code, Path(p.file).name) for p in errors] == [("yaml-syntax", "vocabulary.yaml")]


def test_load_dataset_vocabulary_references_are_checked(data_copy: Path) -> None:
    text = (data_copy / "vocabulary.yaml").read_text(encoding="utf-8")
    (data_copy / "vocabulary.yaml").write_text(text.replace("stadtbezirk: west", "stadtbezirk: westen"))
    errors = load_dataset(data_copy, today=TODAY).report.errors
    assert [(p.code, p.line, p.hint) for p in errors] == [("unknown-term", 23, "Meinten Sie 'west'?")]


def _fixture_folders() -> list[Path]:
    tests = Path(__file__).parent / "data"
    folders = [VALID, *sorted(BROKEN.iterdir()), *sorted((tests / "bad").iterdir())]
    return [f for f in folders if f.is_dir()]


@pytest.mark.parametrize("folder", _fixture_folders(), ids=lambda f: f"{f.parent.name}/{f.name}")
def test_every_file_is_read_once(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One straight pipeline: each file is composed once (the vocabulary too), and loading twice gives the same."""
    import graph.data.loader as loader_module

    first = load_dataset(folder, today=TODAY)
    read: list[str] = []
    real_read = loader_module.read_yaml

    def spy(path: Path, shown: str | None = None) -> object:
        read.append(Path(path).name)
        return real_read(path, shown)

    monkeypatch.setattr(loader_module, "read_yaml", spy)
    again = load_dataset(folder, today=TODAY)
    meta = ["meta.yaml"] if (folder / "meta.yaml").is_file() else []
    assert read == [*meta, "vocabulary.yaml", "actors.yaml", "relations.yaml"]
    assert again.report.sorted() == first.report.sorted()
    assert (again.counts, again.dataset) == (first.counts, first.dataset)


def test_meta_reference_date_is_read(data_copy: Path) -> None:
    (data_copy / "meta.yaml").write_text("# Stichtag\nreference_date: 2027-03-01\n", encoding="utf-8")
    result = load_dataset(data_copy, today=TODAY)
    assert result.dataset is not None and result.dataset.reference_date == dt.date(2027, 3, 1)


def test_meta_is_optional(data_copy: Path) -> None:
    (data_copy / "meta.yaml").unlink()
    result = load_dataset(data_copy, today=TODAY)
    assert result.valid and result.dataset is not None and result.dataset.reference_date is None
    (data_copy / "meta.yaml").write_text("# nur ein Kommentar\n", encoding="utf-8")
    result = load_dataset(data_copy, today=TODAY)
    assert result.valid and result.dataset is not None and result.dataset.reference_date is None
    assert not [p for p in result.report if p.file.endswith("meta.yaml")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "# Stichtag\nreference_date: 2026-11-31\n",
            (
                "invalid-date",
                2,
                17,
                "'2026-11-31' in 'reference_date' ist kein gültiges Datum.",
                "Schreiben Sie das Datum als JJJJ-MM-TT, z. B. 2024-08-01.",
            ),
        ),
        (
            'reference_date: "28.11.2026"\n',
            (
                "invalid-date",
                1,
                17,
                "'28.11.2026' in 'reference_date' ist kein gültiges Datum.",
                "Schreiben Sie das Datum als JJJJ-MM-TT, z. B. 2024-08-01.",
            ),
        ),
        (
            "reference_date: 2026-11-28\nstichtag: 2026-11-28\n",
            ("unknown-field", 2, 1, "Unbekanntes Feld 'stichtag'.", "Erlaubte Felder: reference_date."),
        ),
        (
            "- reference_date: 2026-11-28\n",
            (
                "wrong-root",
                1,
                1,
                "Die Datei meta.yaml muss aus Zeilen 'feld: wert' bestehen, nicht aus einer Liste oder einem "
                "einzelnen Wert.",
                "Siehe data/README.md.",
            ),
        ),
        (
            "reference_date: 2026-11-28: x\n",
            (
                "yaml-syntax",
                1,
                27,
                "YAML-Syntaxfehler: Unerwarteter Doppelpunkt. (Parser: mapping values are not allowed in this context)",
                "Steht ein Doppelpunkt im Text? Setzen Sie den ganzen Wert in Anführungszeichen.",
            ),
        ),
        (
            "!!python/object:datetime.date {reference_date: 2026-11-28}\n",
            (
                "yaml-tag",
                1,
                1,
                "Die YAML-Markierung 'tag:yaml.org,2002:python/object:datetime.date' wird nicht unterstützt.",
                "Entfernen Sie die Markierung (z. B. '!!python/object') und schreiben Sie den Wert als Text.",
            ),
        ),
    ],
    ids=["impossible-date", "german-date", "unknown-field", "list", "syntax", "tag"],
)
def test_meta_problems_are_exact(data_copy: Path, text: str, expected: tuple[str, int, int, str, str]) -> None:
    (data_copy / "meta.yaml").write_text(text, encoding="utf-8")
    result = load_dataset(data_copy, today=TODAY)
    found = [(p.code, p.line, p.column, p.message, p.hint) for p in result.report.errors]
    assert found == [expected]
    assert result.report.errors[0].file == str(data_copy / "meta.yaml")
    assert result.dataset is None
