"""Import actors or relations from a spreadsheet (.xlsx or .csv): map columns, check row by row, append safely."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.data.atomicfile import write_atomic
from graph.data.loader import DATA_FILES, load_dataset
from graph.data.model import AREA_LISTS, Dataset
from graph.data.schema import ACTOR_FIELDS, AREA, CITYWIDE, RELATION_FIELDS, Field
from graph.data.suggest import did_you_mean, slugify
from graph.workflow.fmt import canonical_text
from graph.workflow.spreadsheet import HEADERS, Table, TableError, column_map, read_table

__all__ = [
    "HEADERS",
    "ImportResult",
    "Table",
    "TableError",
    "add_arguments",
    "column_map",
    "import_rows",
    "read_table",
    "run",
]


_FILES = {"actors": ("actors.yaml", ACTOR_FIELDS), "relations": ("relations.yaml", RELATION_FIELDS)}


def _fields(schema: tuple[Field, ...], prefix: str = "") -> dict[str, Field]:
    out: dict[str, Field] = {}
    for f in schema:
        out[prefix + f.name] = f
        out.update(_fields(f.fields, prefix + f.name + "."))
    return out


@dataclass
class _Lookup:
    """Ids of vocabulary terms and actors by id, label, synonym and slug of the label.

    Each table is built on first use and kept for the whole import: rebuilding the actor table for every cell
    took minutes for 1,000 rows against 10,000 actors.
    """

    dataset: Dataset
    extra_actors: dict[str, str] = field(default_factory=dict)
    _tables: dict[str, dict[str, str]] = field(default_factory=dict, init=False, repr=False)
    _ids: dict[str, list[str]] = field(default_factory=dict, init=False, repr=False)

    def _build(self, vocab: str) -> dict[str, str]:
        if vocab == "@actor":
            pairs = [(a.id, a.name) for a in self.dataset.actors.values()] + list(self.extra_actors.items())
            return {k: i for i, name in pairs for k in (i, name.casefold(), slugify(name))}
        lists = AREA_LISTS if vocab == AREA else (vocab,)
        out = {CITYWIDE: CITYWIDE} if vocab == AREA else {}
        for name in lists:
            for term in self.dataset.vocabulary.terms(name).values():
                for key in (
                    term.id,
                    term.label.casefold(),
                    slugify(term.label),
                    *(s.casefold() for s in term.synonyms),
                ):
                    out.setdefault(key, term.id)
        return out

    def aliases(self, vocab: str) -> dict[str, str]:
        if vocab not in self._tables:
            self._tables[vocab] = self._build(vocab)
        return self._tables[vocab]

    def ids(self, vocab: str) -> list[str]:
        """The ids a "Meinten Sie …?" may suggest, sorted."""
        if vocab not in self._ids:
            self._ids[vocab] = sorted(set(self.aliases(vocab).values()))
        return self._ids[vocab]

    def resolve(self, text: str, vocab: str) -> tuple[str | None, str]:
        aliases = self.aliases(vocab)
        for key in (text, text.casefold(), slugify(text)):
            if key in aliases:
                return aliases[key], ""
        what = "kein bekannter Akteur" if vocab == "@actor" else f"kein Begriff der Liste {vocab.lstrip('@')}"
        hint = did_you_mean(text, self.ids(vocab), aliases)
        return None, f"'{text}' ist {what}." + (f" {hint}" if hint else "")


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    text = str(value)
    match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    if match:
        return dt.date(int(match[3]), int(match[2]), int(match[1]))
    return dt.date.fromisoformat(text)


def _scalar(value: Any, f: Field, path: str, lookup: _Lookup) -> tuple[Any, str]:
    """Convert one cell; the second item is a German problem ("" when fine)."""
    try:
        if f.kind == "date":
            return _date(value), ""
        if f.kind == "int":
            return int(float(str(value).replace(",", "."))), ""
        if f.kind == "number":
            return float(str(value).replace(",", ".")), ""
    except ValueError:
        return None, f"'{value}' ist kein gültiger Wert (erwartet: {'Datum' if f.kind == 'date' else 'Zahl'})."
    if path == "address.postcode" and isinstance(value, int | float):
        return f"{int(value):05d}", ""  # Excel drops the leading zero of 06114
    text = str(int(value) if isinstance(value, float) and value.is_integer() else value)
    if f.vocab is not None:
        return lookup.resolve(text, f.vocab)
    return text, ""


def _value(value: Any, f: Field, path: str, lookup: _Lookup) -> tuple[Any, list[str]]:
    if f.kind != "list":
        converted, problem = _scalar(value, f, path, lookup)
        return converted, [problem] if problem else []
    items, problems = [], []
    for part in (p.strip() for p in re.split(r"[,;]", str(value))):
        if part:
            item_field = Field(f.name, f.item or "str", "", vocab=f.vocab)
            converted, problem = _scalar(part, item_field, path, lookup)
            problems += [problem] if problem else []
            items += [converted] if converted is not None else []
    return items, problems


def _nest(flat: dict[str, Any], schema: tuple[Field, ...]) -> dict[str, Any]:
    """Flat ``contact.phone`` paths into nested mappings, keys in schema order."""
    out: dict[str, Any] = {}
    for f in schema:
        if f.fields:
            sub = {k.split(".", 1)[1]: v for k, v in flat.items() if k.startswith(f.name + ".")}
            if sub:
                out[f.name] = _nest(sub, f.fields)
        elif f.name in flat:
            out[f.name] = flat[f.name]
    return out


@dataclass
class ImportResult:
    """Entries ready to append, German notes on columns and rows, and the YAML text to append."""

    entries: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    row_problems: list[str] = field(default_factory=list)
    yaml: str = ""


def _row(
    cells: list[Any], columns: dict[int, tuple[str, Field]], into: str, lookup: _Lookup
) -> tuple[dict[str, Any], list[str]]:
    flat: dict[str, Any] = {}
    problems: list[str] = []
    failed = set()
    for i, (path, f) in columns.items():
        if cells[i] is None:
            continue
        value, found = _value(cells[i], f, path, lookup)
        problems += found
        failed |= {path} if found else set()
        if value not in (None, []):
            flat[path] = value
    if into == "actors" and "id" not in flat and "name" in flat:
        flat["id"] = slugify(flat["name"])
    missing = [f.name for f in _FILES[into][1] if f.required and f.name not in flat and f.name not in failed]
    problems += [f"Pflichtangabe '{m}' fehlt." for m in missing]
    return _nest(flat, _FILES[into][1]), problems


def _existing_ids(dataset: Dataset, into: str) -> set[str]:
    return set(dataset.actors) if into == "actors" else {r.id for r in dataset.relations}


def import_rows(table: Table, into: str, dataset: Dataset) -> ImportResult:
    """Check every row of ``table`` against ``dataset``; rows with a problem are reported, the rest kept.

    Parameters
    ----------
    table : Table
        From :func:`read_table`.
    into : str
        ``actors`` or ``relations``.
    dataset : Dataset
        The current data: vocabulary terms and actors are looked up by id, label, synonym or slug; its ids are
        never reused. Actor names from the table's own name column count as known actors too.

    Returns
    -------
    ImportResult
        ``entries``: ``(row number, nested entry)`` per row without problems (an actor without ``id`` gets the
        slug of its name); ``notes``: from :func:`column_map`; ``row_problems``: „Zeile N: …“ lines for invalid
        values, missing required fields, ids already taken (also earlier in the table) and actor names that
        exist already; ``yaml`` stays empty.

    Examples
    --------
    >>> from graph.data.model import Vocabulary, Term
    >>> ds = Dataset(Vocabulary({"actor_kinds": {"beratung": Term("beratung", "Beratungsstelle")}}), {}, ())
    >>> result = import_rows(Table(["Name", "Art"], [(2, ["Beratung X", "Beratungsstelle"]), (3, ["Y", "Bad"])]), "actors", ds)
    >>> result.entries, result.row_problems
    ([(2, {'id': 'beratung-x', 'name': 'Beratung X', 'kind': 'beratung'})], ["Zeile 3: 'Bad' ist kein Begriff der Liste actor_kinds."])
    """
    columns, notes = column_map(table.headers, into)
    lookup = _Lookup(dataset)
    if into == "actors":
        lookup.extra_actors = {
            slugify(str(c[i])): str(c[i]) for _, c in table.rows for i, p in columns.items() if p == "name" and c[i]
        }
    schema = _fields(_FILES[into][1])
    fields = {i: (path, schema[path]) for i, path in columns.items()}
    taken = _existing_ids(dataset, into)
    names = {a.name.casefold(): a.id for a in dataset.actors.values()}
    result = ImportResult(notes=notes)
    for number, cells in table.rows:
        entry, problems = _row(cells, fields, into, lookup)
        if entry.get("id") in taken:
            problems.append(f"Die Kennung '{entry['id']}' gibt es schon; bestehende Einträge werden nie überschrieben.")
        elif into == "actors" and str(entry.get("name", "")).casefold() in names:
            same = names[str(entry["name"]).casefold()]
            problems.append(f"Einen Akteur namens '{entry['name']}' gibt es schon ('{same}'); er wird nicht verändert.")
        if problems:
            result.row_problems += [f"Zeile {number}: {p}" for p in problems]
            continue
        if "id" in entry:
            taken.add(entry["id"])
        result.entries.append((number, entry))
    return result


def render(entries: list[dict[str, Any]], file_name: str) -> str:
    """The entries as YAML list items in the canonical form of :mod:`graph.workflow.fmt`.

    Parameters
    ----------
    entries : list of dict of str to Any
        Nested entries as in :attr:`ImportResult.entries` (without the row numbers).
    file_name : str
        ``actors.yaml`` or ``relations.yaml``: picks the key order of
        :func:`~graph.workflow.fmt.canonical_text`.

    Returns
    -------
    str
        The YAML text, items at column 0; ``""`` when ``entries`` is empty.

    Examples
    --------
    >>> print(render([{"id": "a", "name": "A", "kind": "schule", "address": {"postcode": "06114"}}], "actors.yaml"), end="")
    - id: a
      name: A
      kind: schule
      address:
        postcode: "06114"
    """
    from ruamel.yaml import YAML

    if not entries:
        return ""
    out = io.StringIO()
    YAML().dump(entries, out)
    return canonical_text(out.getvalue(), file_name)


def _appended(original: str, source: str, block: str) -> tuple[str, int]:
    """The file text with ``block`` appended under a comment; also the line number where ``block`` starts."""
    text = original if original.endswith("\n") or not original else original + "\n"
    text += f"\n# Import aus {source}\n"
    return text + block, text.count("\n") + 1


def _entry_lines(block: str) -> list[int]:
    return [n for n, line in enumerate(block.splitlines(), start=0) if line.startswith("- ")]


def _validate_block(data_dir: Path, into: str, result: ImportResult, source: str) -> str | None:
    """Validate the data folder with the entries appended; move rows with errors to ``row_problems``.

    Returns the full new file text, or ``None`` when nothing is left to add.
    """
    file_name = _FILES[into][0]
    original = (data_dir / file_name).read_text(encoding="utf-8")
    while result.entries:
        block = render([e for _, e in result.entries], file_name)
        text, first = _appended(original, source, block)
        with tempfile.TemporaryDirectory() as scratch:
            for name in DATA_FILES:
                shutil.copy(data_dir / name, Path(scratch) / name)
            (Path(scratch) / file_name).write_text(text, encoding="utf-8")
            report = load_dataset(scratch).report
        starts = [first + n for n in _entry_lines(block)]
        bad: dict[int, list[str]] = {}
        for problem in report.errors:
            if problem.file.endswith(file_name) and problem.line >= first:
                index = max(i for i, start in enumerate(starts) if start <= problem.line)
                bad.setdefault(index, []).append(f"{problem.message} {problem.hint}".strip())
        if not report.valid and not bad:
            result.row_problems += [f"Datensatz ungültig: {p.format()}" for p in report.errors]
            return None
        if not bad:
            result.yaml = block
            return text
        for index in sorted(bad, reverse=True):
            number, _ = result.entries.pop(index)
            result.row_problems += [f"Zeile {number}: {message}" for message in bad[index]]
    return None


def _row_number(line: str) -> int:
    match = re.match(r"Zeile (\d+):", line)
    return int(match[1]) if match else 0


def _entries_word(count: int) -> str:
    return "1 Eintrag" if count == 1 else f"{count} Einträge"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``python -m graph import``.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The sub-command's parser; ``file``, ``--into`` (required), ``--data`` and ``--write`` are added in place.

    Examples
    --------
    >>> parser = argparse.ArgumentParser()
    >>> add_arguments(parser)
    >>> parser.parse_args(["liste.csv", "--into", "actors"])
    Namespace(file='liste.csv', into='actors', data='data', write=False)
    """
    parser.add_argument("file", help="Excel- (.xlsx) oder CSV-Datei")
    parser.add_argument("--into", choices=("actors", "relations"), required=True, help="Ziel: Akteure oder Beziehungen")
    parser.add_argument("--data", default="data", help="Datenordner (Standard: data)")
    parser.add_argument("--write", action="store_true", help="wirklich anhängen (sonst nur anzeigen)")


def run(args: argparse.Namespace, out: Callable[[str], None] = print) -> int:
    """Run ``python -m graph import``: exit code 1 when a row or the data set has a problem.

    The data folder must validate first. The rows are checked (:func:`import_rows`), then appended to a scratch
    copy of the data and validated again; rows the validator rejects are moved to the row problems. Without
    ``--write`` the YAML that would be appended is only shown.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed by a parser set up with :func:`add_arguments` (``file``, ``into``, ``data``, ``write``).
    out : callable, optional
        Receives each German output line (validation errors, column notes, row problems sorted by row, the
        result or the YAML to append); default :func:`print`.

    Returns
    -------
    int
        1 when the data folder is invalid, the table cannot be read or any row has a problem (the other rows
        are still appended with ``--write``), else 0.

    Examples
    --------
    >>> parser = argparse.ArgumentParser()
    >>> add_arguments(parser)
    >>> lines = []
    >>> run(parser.parse_args(["liste.csv", "--into", "actors", "--data", "/nonexistent"]), out=lines.append)
    1
    >>> lines[0]
    'Der Datenordner ist schon vor dem Import ungültig; bitte erst das beheben:'
    """
    data_dir = Path(args.data)
    loaded = load_dataset(data_dir)
    if loaded.dataset is None:
        out("Der Datenordner ist schon vor dem Import ungültig; bitte erst das beheben:")
        for problem in loaded.report.errors:
            out(problem.format())
        return 1
    try:
        table = read_table(args.file)
    except TableError as exc:
        out(f"Fehler: {exc}")
        return 1
    result = import_rows(table, args.into, loaded.dataset)
    text = _validate_block(data_dir, args.into, result, Path(args.file).name)
    for line in result.notes + sorted(result.row_problems, key=_row_number):
        out(line)
    target = data_dir / _FILES[args.into][0]
    count = len(result.entries)
    if text is None or not count:
        out("Nichts zu übernehmen.")
    elif args.write:
        write_atomic(target, text)
        out(f"{_entries_word(count)} an {target} angehängt.")
    else:
        out(f"Würde {_entries_word(count)} an {target} anhängen (mit --write wirklich schreiben):")
        out(result.yaml.rstrip("\n"))
    return 1 if result.row_problems else 0
