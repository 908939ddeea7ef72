"""Load and validate a data folder: three YAML files in, a typed data set and a report out."""

from __future__ import annotations

import datetime as dt
import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from graph.checks import (
    CheckContext,
    check_actor,
    check_duplicate_ids,
    check_relation,
    check_vocab_refs,
    freshness,
    relation_key,
)
from graph.convert import Converter, Entry
from graph.model import Actor, Dataset, Relation, Term, Vocabulary
from graph.problems import Problem, Report
from graph.records import make_actor, make_relation, make_term
from graph.schema import ACTOR_FIELDS, RELATION_FIELDS, VOCABULARY_LISTS, Field
from graph.yamlread import read_yaml

__all__ = ["DATA_FILES", "LoadResult", "load_dataset"]

#: The files of a data folder, in the order they are read.
DATA_FILES = ("vocabulary.yaml", "actors.yaml", "relations.yaml")


@dataclass
class LoadResult:
    """Outcome of :func:`load_dataset`.

    ``dataset`` is ``None`` when the report holds an error; it is never a
    partial data set, so nothing downstream works on silently shortened data.
    ``counts`` says how many actors and relations were read either way.
    """

    dataset: Dataset | None
    report: Report
    counts: dict[str, int]

    @property
    def valid(self) -> bool:
        """True when the data set loaded without errors."""
        return self.dataset is not None


_gc_lock = threading.Lock()
_gc_state = {"depth": 0, "was_enabled": False}


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while many small objects are created.

    Composing a large file creates about a million YAML nodes, and every few hundred
    allocations the collector would walk all of them again: at 10,000 actors that is more
    than half of the load time. Nothing here creates reference cycles, so reference counting
    frees everything as usual. Counted under a lock, so concurrent loads (Streamlit sessions)
    restore the collector exactly once, when the last of them ends.
    """
    with _gc_lock:
        if _gc_state["depth"] == 0:
            _gc_state["was_enabled"] = gc.isenabled()
            gc.disable()
        _gc_state["depth"] += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_state["depth"] -= 1
            if _gc_state["depth"] == 0 and _gc_state["was_enabled"]:
                gc.enable()


def _entries(path: Path, shown: str, fields: tuple[Field, ...], what: str, report: Report) -> list[Entry] | None:
    read = read_yaml(path, shown)
    report.extend(read.problems)
    if read.node is None:
        return None
    converter = Converter(shown)
    entries = converter.entries(read.node, fields, what)
    report.extend(converter.problems)
    return entries


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
        for entry in entries:
            report.extend(check_vocab_refs(shown, entry, VOCABULARY_LISTS[name][1], ctx))
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
                    "Lösche einen der beiden Einträge.",
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
        Reference day for freshness warnings (default: today).

    Returns
    -------
    LoadResult
        The data set (or ``None`` if there is any error) and the full report.

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
    with _gc_paused():
        return _load(Path(data_dir), today or dt.date.today())


def _load(base: Path, today: dt.date) -> LoadResult:
    """Body of :func:`load_dataset`."""
    report = Report()
    shown = {name: str(base / name) for name in DATA_FILES}
    vocabulary, vocab_ok = _load_vocabulary(base / "vocabulary.yaml", shown["vocabulary.yaml"], report)

    read_actors = _entries(base / "actors.yaml", shown["actors.yaml"], ACTOR_FIELDS, "Akteur", report)
    actor_entries = read_actors or []
    relation_entries = (
        _entries(base / "relations.yaml", shown["relations.yaml"], RELATION_FIELDS, "Beziehung", report) or []
    )
    counts = {"actors": len(actor_entries), "relations": len(relation_entries)}

    report.extend(check_duplicate_ids(shown["actors.yaml"], actor_entries, "Akteur"))
    report.extend(check_duplicate_ids(shown["relations.yaml"], relation_entries, "Beziehung"))
    kinds = {e.values["id"]: e.values.get("kind", "") for e in reversed(actor_entries) if "id" in e.values}
    ctx = CheckContext(vocabulary, kinds, vocab_ok, actors_readable=read_actors is not None)

    actors: dict[str, Actor] = {}
    for entry in actor_entries:
        report.extend(check_vocab_refs(shown["actors.yaml"], entry, ACTOR_FIELDS, ctx))
        report.extend(check_actor(shown["actors.yaml"], entry, ctx))
        if entry.complete:
            actor = make_actor(entry)
            actors.setdefault(actor.id, actor)
            report.extend(freshness(shown["actors.yaml"], entry, today, actor))

    relations: list[tuple[Entry, Relation]] = []
    for entry, relation_id in zip(relation_entries, _relation_ids(relation_entries), strict=True):
        report.extend(check_vocab_refs(shown["relations.yaml"], entry, RELATION_FIELDS, ctx))
        report.extend(check_relation(shown["relations.yaml"], entry, ctx))
        if entry.complete:
            relation = make_relation(entry, relation_id)
            relations.append((entry, relation))
            report.extend(freshness(shown["relations.yaml"], entry, today, relation))
    report.extend(_duplicate_relations(shown["relations.yaml"], relations, vocabulary))

    if not report.valid:
        return LoadResult(None, report, counts)
    dataset = Dataset(vocabulary, actors, tuple(r for _, r in relations))
    return LoadResult(dataset, report, counts)
