"""JSON Schema (draft-07) for editors, generated from :mod:`graph.data.schema` and the vocabulary.

Editors such as VS Code (with the YAML extension) read it through the
``# yaml-language-server: $schema=...`` line at the top of each data file and
then complete field names and vocabulary terms while typing. The validator
stays the gate: editors read YAML 1.2 and miss the YAML 1.1 traps.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from graph.cli.args import load_valid
from graph.data.atomicfile import write_atomic
from graph.data.model import Vocabulary
from graph.data.pathways import DIRECTORY_ROLES, PATHWAY_FIELDS, ROLE_FIELDS, ROLES, STAGE_FIELDS
from graph.data.schema import ACTOR_FIELDS, AREA, CITYWIDE, RELATION_FIELDS, SLUG_PATTERN, VOCABULARY_LISTS, Field

__all__ = [
    "SCHEMA_DIR",
    "SCHEMA_FILES",
    "add_arguments",
    "data_schemas",
    "pathways_schema",
    "render",
    "run",
    "write_schemas",
]

#: Folder inside the data folder that holds the generated schemas.
SCHEMA_DIR = "schema"
#: Data file -> schema file name.
SCHEMA_FILES = {
    "actors.yaml": "actors.schema.json",
    "relations.yaml": "relations.schema.json",
    "vocabulary.yaml": "vocabulary.schema.json",
    "pathways.yaml": "pathways.schema.json",
}
_DRAFT = "http://json-schema.org/draft-07/schema#"


def _terms(vocabulary: Vocabulary, vocab: str) -> list[tuple[str, str]]:
    if vocab == AREA:
        pairs = [(CITYWIDE, "ganze Stadt")]
        for name in ("stadtbezirke", "sozialraeume", "stadtteile", "districts"):
            kind = VOCABULARY_LISTS[name][0]
            pairs += [(t.id, f"{t.label} ({kind})") for t in vocabulary.terms(name).values()]
        return pairs
    return [(t.id, t.label + (f": {t.description}" if t.description else "")) for t in vocabulary.terms(vocab).values()]


def _scalar(kind: str, f: Field, vocabulary: Vocabulary) -> dict[str, Any]:
    if (
        kind == "slug"
        and f.vocab
        and f.vocab != "@actor"
        and vocabulary.terms(f.vocab if f.vocab != AREA else "districts")
    ):
        pairs = _terms(vocabulary, f.vocab)
        # enum for validation, markdownEnumDescriptions for the hover text in VS Code
        return {"type": "string", "enum": [p[0] for p in pairs], "markdownEnumDescriptions": [p[1] for p in pairs]}
    if kind == "slug" and f.vocab_optional:
        return {"type": "string", "maxLength": f.max_length}  # free text while the vocabulary lacks the list
    if kind == "slug":
        return {"type": "string", "pattern": SLUG_PATTERN}
    if kind == "date":
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    basic = {"str": "string", "int": "integer", "number": "number", "bool": "boolean"}
    schema: dict[str, Any] = {"type": basic[kind]}
    if kind == "str":
        schema["maxLength"] = f.max_length
    if f.minimum is not None:
        schema["minimum"] = f.minimum
    if f.maximum is not None:
        schema["maximum"] = f.maximum
    return schema


def _field(f: Field, vocabulary: Vocabulary) -> dict[str, Any]:
    if f.kind == "mapping":
        schema = _object(f.fields, vocabulary)
    elif f.kind == "list":
        schema = {"type": "array", "items": _scalar(f.item or "str", f, vocabulary)}
    else:
        schema = _scalar(f.kind, f, vocabulary)
    return {"description": f.doc, **schema}


def _object(fields: tuple[Field, ...], vocabulary: Vocabulary) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "properties": {f.name: _field(f, vocabulary) for f in fields},
    }
    required = [f.name for f in fields if f.required]
    if required:
        schema["required"] = required
    return schema


def _list_schema(title: str, fields: tuple[Field, ...], vocabulary: Vocabulary) -> dict[str, Any]:
    return {"$schema": _DRAFT, "title": title, "type": "array", "items": _object(fields, vocabulary)}


def _enum(ids: Any, labels: dict[str, str]) -> dict[str, Any]:
    return {"type": "string", "enum": list(ids), "markdownEnumDescriptions": [labels[i] for i in ids]}


def pathways_schema(vocabulary: Vocabulary) -> dict[str, Any]:
    """Schema of the optional ``pathways.yaml``: ``roles`` and ``pathways`` with their ``stages``.

    Parameters
    ----------
    vocabulary : Vocabulary
        Supplies the enums of vocabulary-bound fields; an empty vocabulary gives plain slug patterns.

    Returns
    -------
    dict of str to Any
        A draft-07 schema of an object with ``roles`` and ``pathways`` arrays (no other keys allowed); a stage's
        ``roles`` are an enum of ``ROLES``, a directory entry's ``role`` of ``DIRECTORY_ROLES``, with German labels.

    Examples
    --------
    >>> schema = pathways_schema(Vocabulary())
    >>> stage = schema["properties"]["pathways"]["items"]["properties"]["stages"]["items"]
    >>> stage["required"], stage["properties"]["roles"]["items"]["enum"][:2]
    (['id', 'title', 'trigger', 'roles', 'source'], ['schule', 'eltern'])
    """
    stage = _object(STAGE_FIELDS, vocabulary)
    stage["properties"]["roles"]["items"] = _enum(ROLES, ROLES)
    pathway = _object(PATHWAY_FIELDS, vocabulary)
    pathway["properties"]["stages"] = {
        "description": "Die Stufen in ihrer Reihenfolge.",
        "type": "array",
        "items": stage,
    }
    role = _object(ROLE_FIELDS, vocabulary)
    role["properties"]["role"] = {
        "description": role["properties"]["role"]["description"],
        **_enum(DIRECTORY_ROLES, ROLES),
    }
    return {
        "$schema": _DRAFT,
        "title": "Interventionsketten der Netzwerkkarte (data/pathways.yaml)",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "roles": {"description": "Wer die Rollen ausfüllt.", "type": "array", "items": role},
            "pathways": {"description": "Die Interventionsketten.", "type": "array", "items": pathway},
        },
    }


def data_schemas(vocabulary: Vocabulary) -> dict[str, dict[str, Any]]:
    """Return the schemas of the data files (``pathways.yaml`` included), keyed by schema file name.

    Parameters
    ----------
    vocabulary : Vocabulary
        Its terms become enums (with labels and descriptions for hover texts) of the fields bound to a list
        that has terms; fields whose list is empty get the slug pattern (or free text when the list is optional).

    Returns
    -------
    dict of str to dict of str to Any
        The values of :data:`SCHEMA_FILES` (``actors.schema.json`` …) -> draft-07 schema.

    Examples
    --------
    >>> from graph.data.model import Term
    >>> v = Vocabulary({"actor_kinds": {"schule": Term("schule", "Schule")}})
    >>> actors = data_schemas(v)["actors.schema.json"]
    >>> actors["items"]["properties"]["kind"]["enum"], actors["items"]["required"]
    (['schule'], ['id', 'name', 'kind'])
    """
    vocab_schema: dict[str, Any] = {
        "$schema": _DRAFT,
        "title": "Vokabular der Netzwerkkarte (data/vocabulary.yaml)",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            name: {"description": title, "type": "array", "items": _object(fields, vocabulary)}
            for name, (title, fields) in VOCABULARY_LISTS.items()
        },
    }
    return {
        "actors.schema.json": _list_schema("Akteure der Netzwerkkarte (data/actors.yaml)", ACTOR_FIELDS, vocabulary),
        "relations.schema.json": _list_schema(
            "Beziehungen der Netzwerkkarte (data/relations.yaml)", RELATION_FIELDS, vocabulary
        ),
        "vocabulary.schema.json": vocab_schema,
        "pathways.schema.json": pathways_schema(vocabulary),
    }


def render(schema: dict[str, Any]) -> str:
    """Stable text form of a schema (sorted keys would reorder fields, so keep insertion order).

    Parameters
    ----------
    schema : dict of str to Any
        One schema from :func:`data_schemas`.

    Returns
    -------
    str
        JSON indented by 2 spaces, non-ASCII kept as is, keys in insertion order, ending with a newline.

    Examples
    --------
    >>> render({"title": "Akteure", "type": "array"})
    '{\\n  "title": "Akteure",\\n  "type": "array"\\n}\\n'
    """
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def write_schemas(data_dir: str | Path, vocabulary: Vocabulary) -> list[Path]:
    """Write the schemas into ``data_dir/schema``; return the files that changed.

    Parameters
    ----------
    data_dir : str or Path
        An existing data folder; its ``schema`` subfolder is created when missing.
    vocabulary : Vocabulary
        The vocabulary the schemas are built from (:func:`data_schemas`).

    Returns
    -------
    list of Path
        The schema files that were missing or differed and were written (atomically); unchanged files are not
        touched.

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> [p.name for p in write_schemas(folder, Vocabulary())]
    ['actors.schema.json', 'relations.schema.json', 'vocabulary.schema.json', 'pathways.schema.json']
    >>> write_schemas(folder, Vocabulary())
    []
    """
    folder = Path(data_dir) / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    changed = []
    for name, schema in data_schemas(vocabulary).items():
        path = folder / name
        text = render(schema)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            write_atomic(path, text)  # an editor never sees half a schema
            changed.append(path)
    return changed


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``python -m graph schema``.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The sub-command's parser; ``data_dir`` (default ``data``) and ``--check`` are added in place.

    Examples
    --------
    >>> parser = argparse.ArgumentParser()
    >>> add_arguments(parser)
    >>> parser.parse_args(["--check"])
    Namespace(data_dir='data', check=True)
    """
    parser.add_argument("data_dir", nargs="?", default="data", help="Datenordner (Standard: data)")
    parser.add_argument("--check", action="store_true", help="nur prüfen: Exit-Code 1, wenn das Schema veraltet ist")


def run(args: argparse.Namespace) -> int:
    """Write (or with ``--check`` compare) the editor schemas of a data folder.

    Prints „geschrieben: PATH“ per file written, or with ``--check`` one „veraltet“ line per stale schema, to
    standard output; invalid data ends with the validator's errors on standard error.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed by a parser set up with :func:`add_arguments` (``data_dir``, ``check``).

    Returns
    -------
    int
        1 when the data do not validate or, with ``--check``, a schema file is missing or out of date; else 0.

    Examples
    --------
    >>> parser = argparse.ArgumentParser()
    >>> add_arguments(parser)
    >>> run(parser.parse_args(["/nonexistent", "--check"]))  # the validator's errors go to stderr
    1
    """
    dataset = load_valid(args.data_dir)
    if dataset is None:
        return 1
    folder = Path(args.data_dir) / SCHEMA_DIR
    if args.check:
        stale = [
            name
            for name, schema in data_schemas(dataset.vocabulary).items()
            if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != render(schema)
        ]
        for name in stale:
            print(f"{folder / name}: veraltet; erneuern mit: python -m graph schema {args.data_dir}")
        return 1 if stale else 0
    for path in write_schemas(args.data_dir, dataset.vocabulary):
        print(f"geschrieben: {path}")
    return 0
