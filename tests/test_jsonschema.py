"""The editor JSON Schema: generated from the model, up to date, and agreeing with the validator."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema as js
import pytest
import yaml

from graph import Dataset, load_dataset
from graph.cli.main import main
from graph.workflow.jsonschema import SCHEMA_DIR, SCHEMA_FILES, data_schemas, render
from tests.conftest import REPO

DATA = REPO / "data"


_YAML12_INT = re.compile(r"^[-+]?[0-9]+$|^0o[0-7]+$|^0x[0-9a-fA-F]+$")
_YAML12_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")


def _yaml12(node: yaml.Node) -> Any:
    """A node as a YAML 1.2 (core schema) reader such as an editor sees it: 06114 is 6114, no stays text."""
    if isinstance(node, yaml.MappingNode):
        return {_yaml12(k): _yaml12(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_yaml12(v) for v in node.value]
    text = node.value
    if node.style:
        return text
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE", "false", "False", "FALSE"):
        return text.lower() == "true"
    if _YAML12_INT.match(text):
        return int(text, 0) if text[:2] in ("0o", "0x") else int(text)
    if _YAML12_FLOAT.match(text):
        return float(text)
    return text


def _as_editor_reads(path: Path) -> Any:
    return _yaml12(yaml.compose(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def halle() -> Dataset:
    dataset = load_dataset(DATA).dataset
    assert dataset is not None
    return dataset


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES.values()))
def test_committed_schema_is_up_to_date(halle: Dataset, name: str) -> None:
    committed = (DATA / "schema" / name).read_text(encoding="utf-8")
    assert committed == render(data_schemas(halle.vocabulary)[name]), "erneuern mit: python -m graph schema data"


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES.values()))
def test_schema_is_valid_draft07(halle: Dataset, name: str) -> None:
    js.Draft7Validator.check_schema(data_schemas(halle.vocabulary)[name])


@pytest.mark.parametrize(("data_file", "schema_file"), sorted(SCHEMA_FILES.items()))
def test_bundled_data_passes_schema_and_links_it(halle: Dataset, data_file: str, schema_file: str) -> None:
    schema = data_schemas(halle.vocabulary)[schema_file]
    js.Draft7Validator(schema).validate(_as_editor_reads(DATA / data_file))
    link = f"# yaml-language-server: $schema={SCHEMA_DIR}/{schema_file}"  # the line editors read
    assert (DATA / data_file).read_text(encoding="utf-8").splitlines()[0] == link


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"id": "a", "name": "A", "kind": "schul"}, "'schul' is not one of"),
        ({"id": "a", "name": "A", "kind": "schule", "nmae": "x"}, "Additional properties are not allowed ('nmae'"),
        ({"id": "a", "kind": "schule"}, "'name' is a required property"),
        ({"id": "A B", "name": "A", "kind": "schule"}, "'A B' does not match"),
        ({"id": "a", "name": "A", "kind": "schule", "address": {"postcode": 6114}}, "6114 is not of type 'string'"),
        ({"id": "a", "name": "A", "kind": "schule", "service_area": ["nirgendwo"]}, "'nirgendwo' is not one of"),
    ],
)
def test_schema_flags_editor_mistakes(halle: Dataset, entry: dict[str, Any], message: str) -> None:
    validator = js.Draft7Validator(data_schemas(halle.vocabulary)["actors.schema.json"])
    errors = [e.message for e in validator.iter_errors([entry])]
    assert len(errors) == 1 and errors[0].startswith(message)


def test_schema_vocabulary_terms_carry_german_descriptions(halle: Dataset) -> None:
    topics = data_schemas(halle.vocabulary)["actors.schema.json"]["items"]["properties"]["topics"]["items"]
    index = topics["enum"].index("schulabsentismus")
    assert topics["markdownEnumDescriptions"][index].startswith("Schulabsentismus")


def test_schema_command_check_and_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("vocabulary.yaml", "actors.yaml", "relations.yaml"):
        (folder / name).write_bytes((DATA / name).read_bytes())
    assert main(["schema", str(folder), "--check"]) == 1
    assert "actors.schema.json: veraltet" in capsys.readouterr().out
    assert main(["schema", str(folder)]) == 0
    assert main(["schema", str(folder), "--check"]) == 0
    written = json.loads((folder / "schema" / "relations.schema.json").read_text(encoding="utf-8"))
    assert written["items"]["required"] == ["source", "target", "type"]


SCHEMA_MATTERS = [
    "unknown-field",
    "missing-field",
    "wrong-type",
    "invalid-id",
    "unknown-term",
    "invalid-value",
    "invalid-date",
    "wrong-root",
    "empty-value",
    "yaml-implicit-type",
]


@pytest.mark.parametrize("case", SCHEMA_MATTERS)
def test_schema_rejects_broken_fixture(halle: Dataset, case: str) -> None:
    folder = REPO / "tests" / "data" / "broken" / case
    rejected = []
    for data_file in sorted(p.name for p in folder.glob("*.yaml")):
        schema = data_schemas(halle.vocabulary)[SCHEMA_FILES[data_file]]
        validator = js.Draft7Validator(schema, format_checker=js.Draft7Validator.FORMAT_CHECKER)
        rejected += list(validator.iter_errors(_as_editor_reads(folder / data_file)))
    assert rejected, f"the schema accepts tests/data/broken/{case}"
