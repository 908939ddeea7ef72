"""Load and validate a data folder: three YAML files in, a typed data set and a report out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from graph.data import clock
from graph.data.checks import (
    CheckContext,
    check_actor,
    check_duplicate_ids,
    check_relation,
    check_relation_ends,
    check_vocab_refs,
    freshness,
    relation_key,
)
from graph.data.convert import Converter, Entry
from graph.data.gcpause import gc_paused
from graph.data.model import Actor, Dataset, Relation, Term, Vocabulary
from graph.data.pathways import attach_pathways
from graph.data.planrules import check_bba_schools, check_plan_fields
from graph.data.problems import Problem, Report
from graph.data.records import make_actor, make_relation, make_term
from graph.data.schema import ACTOR_FIELDS, META_FIELDS, RELATION_FIELDS, VOCABULARY_LISTS, Field
from graph.data.sourcerules import check_relation_sources
from graph.data.yamlread import read_yaml

__all__ = ["DATA_FILES", "META_FILE", "LoadResult", "load_dataset", "read_meta"]

#: The files of a data folder, in the order they are read.
DATA_FILES = ("vocabulary.yaml", "actors.yaml", "relations.yaml")
#: Optional file with facts about the data set as a whole (its reference date).
META_FILE = "meta.yaml"


@dataclass
class LoadResult:
    """Outcome of :func:`load_dataset`.

    ``dataset`` is ``None`` when the report holds an error; it is never a
    partial data set, so nothing downstream works on silently shortened data.
    ``counts`` says how many actors and relations were read either way.
    ``today`` is the day the freshness checks used and where it came from (see :mod:`graph.data.clock`).
    """

    dataset: Dataset | None
    report: Report
    counts: dict[str, int]
    today: clock.Today | None = None

    @property
    def valid(self) -> bool:
        """True when the data set loaded without errors."""
        return self.dataset is not None


def _load_vocabulary(path: Path, shown: str, report: Report) -> tuple[Vocabulary, bool]:
    read = read_yaml(path, shown)
    report.extend(read.problems)
    if read.node is None:
        return Vocabulary(), False
    converter = Converter(shown)
    lists = converter.keyed_lists(read.node, VOCABULARY_LISTS)
    report.extend(converter.problems)
    terms: dict[str, dict[str, Term]] = {}
    for name, entries in lists.items():
        report.extend(check_duplicate_ids(shown, entries, "Begriff"))
        terms[name] = {}
        for entry in entries:
            # Register every term with a usable id, even one with another problem, so a
            # single broken term is reported once rather than at each of its uses.
            if "id" in entry.values:
                terms[name].setdefault(entry.values["id"], make_term(entry))
    vocabulary = Vocabulary(terms)
    ctx = CheckContext(vocabulary, {})
    for name, entries in lists.items():
        report.extend(check_vocab_refs(shown, entries, VOCABULARY_LISTS[name][1], ctx))
    return vocabulary, True


def _relation_ids(entries: list[Entry]) -> list[str]:
    """Explicit ids where given; otherwise ``source--type--target`` made unique with a counter."""
    taken = {e.values["id"] for e in entries if "id" in e.values}
    ids = []
    for entry in entries:
        if "id" in entry.values:
            ids.append(entry.values["id"])
            continue
        base = "--".join(str(entry.values.get(k)) for k in ("source", "type", "target"))
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        taken.add(candidate)
        ids.append(candidate)
    return ids


def _duplicate_relations(shown: str, relations: list[tuple[Entry, Relation]], vocabulary: Vocabulary) -> list[Problem]:
    first: dict[tuple[object, ...], int] = {}
    problems = []
    for entry, relation in relations:
        key = relation_key(relation, vocabulary)
        if key in first:
            line, column = entry.where("")
            problems.append(
                Problem(
                    shown,
                    line,
                    column,
                    "duplicate-relation",
                    f"Diese Beziehung steht schon in Zeile {first[key]} "
                    f"({relation.source} – {relation.target}, {relation.type}).",
                    "Löschen Sie einen der beiden Einträge.",
                )
            )
        else:
            first[key] = relation.line
    return problems


def load_dataset(data_dir: str | Path = "data", today: dt.date | None = None) -> LoadResult:
    """Read, validate and type the three files of a data folder.

    Parameters
    ----------
    data_dir : str or Path
        Folder holding ``vocabulary.yaml``, ``actors.yaml`` and ``relations.yaml``.
        File names in problems are shown relative to it as given (``data/actors.yaml``).
    today : datetime.date, optional
        Reference day for freshness warnings (default: :func:`graph.data.clock.resolve`, i.e.
        ``NETZWERKKARTE_TODAY``, else ``reference_date`` from ``meta.yaml``, else the real date).

    Returns
    -------
    LoadResult
        The data set (or ``None`` if there is any error) and the full report.

    Raises
    ------
    graph.data.clock.ClockError
        When ``today`` is not given and ``NETZWERKKARTE_TODAY`` is not a date.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "vocabulary.yaml").write_text("actor_kinds: [{id: schule, label: Schule}]", encoding="utf-8")
    >>> _ = (d / "actors.yaml").write_text("- {id: a, name: A, kind: schul}", encoding="utf-8")
    >>> _ = (d / "relations.yaml").write_text("[]", encoding="utf-8")
    >>> result = load_dataset(d)
    >>> result.valid, [(p.code, p.line, p.column, p.hint) for p in result.report.errors]
    (False, [('unknown-term', 1, 26, "Meinten Sie 'schule'?")])
    """
    base = Path(data_dir)
    reference, meta_problems = read_meta(base)
    day = clock.Today(today, "given") if today else clock.resolve(reference)
    with gc_paused():
        result = _load(base, day.day, reference, meta_problems)
    result = attach_pathways(base, result)  # the optional pathways.yaml (graph.data.pathways)
    if day.source == "data" and result.dataset is not None:
        day = replace(day, demo=clock.holds_demo(result.dataset))
    result.today = day
    return result


def read_meta(data_dir: str | Path) -> tuple[dt.date | None, list[Problem]]:
    """Read the optional ``meta.yaml`` of a data folder: its reference date and the problems met.

    A missing file, or one holding only comments, means no reference date.

    Parameters
    ----------
    data_dir : str or Path
        The data folder; ``meta.yaml`` is looked for directly in it.

    Returns
    -------
    tuple of (datetime.date or None, list of Problem)
        The ``reference_date`` (``None`` when the file is missing, empty, unreadable or the date invalid)
        and the problems met reading and converting the file (an empty file is not a problem).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> read_meta(d)
    (None, [])
    >>> _ = (d / "meta.yaml").write_text("# Stichtag\\nreference_date: 2026-11-31\\n", encoding="utf-8")
    >>> day, problems = read_meta(d)
    >>> day, [(p.code, p.line, p.column) for p in problems]
    (None, [('invalid-date', 2, 17)])
    """
    path = Path(data_dir) / META_FILE
    if not path.exists():
        return None, []
    read = read_yaml(path, str(path))
    if read.node is None:
        return None, [p for p in read.problems if p.code != "empty-file"]
    converter = Converter(str(path))
    entry = converter.record(read.node, META_FIELDS, f"Datei {META_FILE}")
    reference = entry.values.get("reference_date") if entry is not None else None
    return reference, converter.problems


def _read_entries(
    path: Path, shown: str, fields: tuple[Field, ...], what: str
) -> tuple[list[Entry] | None, list[Problem]]:
    """Compose and convert one file: its entries (``None`` when unreadable) and problems."""
    read = read_yaml(path, shown)
    if read.node is None:
        return None, read.problems
    converter = Converter(shown)
    entries = converter.entries(read.node, fields, what)
    return entries, read.problems + converter.problems


@dataclass
class _ActorSide:
    """Everything actors.yaml contributes, checked: what the relations are checked against."""

    actors: dict[str, Actor]
    kinds: dict[str, str]  # id -> kind of every entry with an id, even an incomplete one
    readable: bool
    count: int


def _actor_side(
    path: Path, shown: str, vocabulary: Vocabulary, vocab_ok: bool, today: dt.date, report: Report
) -> _ActorSide:
    """Read and check actors.yaml against the vocabulary read before."""
    entries, problems = _read_entries(path, shown, ACTOR_FIELDS, "Akteur")
    problems += check_duplicate_ids(shown, entries or [], "Akteur")
    kinds = {e.values["id"]: e.values.get("kind", "") for e in reversed(entries or []) if "id" in e.values}
    ctx = CheckContext(vocabulary, kinds, vocab_ok, actors_readable=entries is not None)
    problems += check_vocab_refs(shown, entries or [], ACTOR_FIELDS, ctx)
    actors: dict[str, Actor] = {}
    for entry in entries or []:
        problems += check_actor(shown, entry, ctx)
        if entry.complete:
            actor = make_actor(entry)
            actors.setdefault(actor.id, actor)
            problems += freshness(shown, entry, today, actor)
    report.extend(problems)
    return _ActorSide(actors, kinds, entries is not None, len(entries or []))


def _relations(
    file: str, entries: list[Entry], vocabulary: Vocabulary, today: dt.date, report: Report
) -> tuple[Relation, ...]:
    """Relations of the complete entries, with the checks that need no actor."""
    report.extend(check_duplicate_ids(file, entries, "Beziehung"))
    relations: list[tuple[Entry, Relation]] = []
    found: list[Problem] = []
    for entry, relation_id in zip(entries, _relation_ids(entries), strict=True):
        found += check_relation(file, entry)
        if entry.complete:
            relation = make_relation(entry, relation_id)
            relations.append((entry, relation))
            found += freshness(file, entry, today, relation)
    report.extend(found)
    report.extend(_duplicate_relations(file, relations, vocabulary))
    return tuple(relation for _, relation in relations)


def _load(base: Path, today: dt.date, reference: dt.date | None, meta_problems: list[Problem]) -> LoadResult:
    """Body of :func:`load_dataset`: vocabulary, actors, relations, each read and checked once, in this order."""
    report = Report(list(meta_problems))
    files = {name: (base / name, str(base / name)) for name in DATA_FILES}
    vocabulary, vocab_ok = _load_vocabulary(*files["vocabulary.yaml"], report)
    side = _actor_side(*files["actors.yaml"], vocabulary, vocab_ok, today, report)
    relations_path, relations_shown = files["relations.yaml"]
    read, problems = _read_entries(relations_path, relations_shown, RELATION_FIELDS, "Beziehung")
    report.extend(problems)
    relation_entries = read or []
    relations = _relations(relations_shown, relation_entries, vocabulary, today, report)
    counts = {"actors": side.count, "relations": len(relation_entries)}
    ctx = CheckContext(vocabulary, side.kinds, vocab_ok, actors_readable=side.readable)
    found = check_vocab_refs(relations_shown, relation_entries, RELATION_FIELDS, ctx)
    for entry in relation_entries:  # extending one list in place: this loop runs per relation
        found += check_relation_ends(relations_shown, entry, ctx)
        found += check_relation_sources(relations_shown, entry, side.actors)
        found += check_plan_fields(relations_shown, entry)
    if side.readable:
        found += check_bba_schools(relations_shown, relation_entries, side.kinds)
    report.extend(found)

    if not report.valid:
        return LoadResult(None, report, counts)
    dataset = Dataset(vocabulary, side.actors, relations, reference_date=reference)
    return LoadResult(dataset, report, counts)
