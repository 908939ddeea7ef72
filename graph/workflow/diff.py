"""Compare two versions of the data (git revisions or folders): entries changed and effect on the network."""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, fields, is_dataclass, replace
from pathlib import Path
from typing import Any

import networkx as nx

from graph.data.build import build_graph
from graph.data.loader import DATA_FILES, META_FILE, LoadResult, load_dataset
from graph.data.model import Actor, Dataset, Relation
from graph.data.schoolyear import ESF_PLUS_AFTER
from graph.gaps import coverage, isolated, schools_without_school_social_work
from graph.metrics import actor_metrics, metric_graph

__all__ = ["Side", "compare", "field_changes", "load_side", "network_effects", "read_revision"]

SCHOOL_SOCIAL_WORK = "schulsozialarbeit"
#: How many of the largest betweenness and degree changes the comparison keeps.
TOP = 5


class RevisionError(Exception):
    """A git revision could not be read."""


@dataclass
class Side:
    """One side of the comparison: a label (revision or folder) and its validation result."""

    label: str
    result: LoadResult


def read_revision(revision: str, data_path: str, target: Path, cwd: str | Path = ".") -> None:
    """Write the data files of ``revision`` (``git show REV:./data/…``) into the folder ``target``.

    A file missing in that revision is left out, so validation reports it as missing (``meta.yaml`` is optional).

    Parameters
    ----------
    revision : str
        Any git revision that names a commit (branch, tag, hash, ``HEAD~1``).
    data_path : str
        Data folder inside the repository, relative to ``cwd`` (e.g. ``data``).
    target : Path
        Existing folder that receives the files of :data:`graph.data.loader.DATA_FILES` and ``meta.yaml``.
    cwd : str or Path, optional
        Folder inside the git repository where git is run (default: the current folder).

    Raises
    ------
    RevisionError
        When git does not know the revision (or is not run inside a repository).

    Examples
    --------
    >>> read_revision("keine-solche-revision", "data", Path(tempfile.mkdtemp()))
    Traceback (most recent call last):
        ...
    graph.workflow.diff.RevisionError: 'keine-solche-revision' ist weder ein Ordner noch eine git-Revision.
    """
    check = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], cwd=cwd, capture_output=True
    )
    if check.returncode != 0:
        raise RevisionError(f"'{revision}' ist weder ein Ordner noch eine git-Revision.")
    for name in (*DATA_FILES, META_FILE):
        shown = subprocess.run(
            ["git", "show", f"{revision}:./{Path(data_path, name).as_posix()}"], cwd=cwd, capture_output=True
        )
        if shown.returncode == 0:
            (target / name).write_bytes(shown.stdout)


def _relabel(result: LoadResult, folder: Path, label: str) -> LoadResult:
    """Show problems as ``REV:data/actors.yaml`` instead of the scratch folder they were read from."""
    prefix = str(folder)
    for i, problem in enumerate(result.report.problems):
        if problem.file.startswith(prefix):
            result.report.problems[i] = replace(problem, file=label + problem.file[len(prefix) :])
    return result


def load_side(spec: str | None, data_path: str = "data", today: dt.date | None = None, cwd: str | Path = ".") -> Side:
    """Load one side: ``None`` is the working tree, an existing folder is read as is, anything else a git revision.

    Parameters
    ----------
    spec : str or None
        None for the working tree (``cwd/data_path``), a folder relative to ``cwd``, or a git revision.
    data_path : str, optional
        Data folder inside the repository, for the working tree and revisions (default ``data``).
    today : datetime.date, optional
        Reference day passed to :func:`graph.data.loader.load_dataset` (None: :mod:`graph.data.clock` decides).
    cwd : str or Path, optional
        The repository or base folder (default: the current folder).

    Returns
    -------
    Side
        Label „Arbeitskopie“, the folder or the revision, and the validation result; for a revision, problems
        name ``REV:data/…`` instead of the scratch folder the files were read from.

    Raises
    ------
    RevisionError
        When ``spec`` is neither an existing folder nor a git revision.

    Examples
    --------
    >>> side = load_side("tests/data/valid", today=dt.date(2026, 11, 28))
    >>> side.label, side.result.valid
    ('tests/data/valid', True)
    """
    if spec is None:
        return Side("Arbeitskopie", load_dataset(Path(cwd, data_path), today=today))
    if Path(cwd, spec).is_dir():
        return Side(spec, load_dataset(Path(cwd, spec), today=today))
    with tempfile.TemporaryDirectory() as scratch:
        read_revision(spec, data_path, Path(scratch), cwd)
        result = load_dataset(scratch, today=today)
    return Side(spec, _relabel(result, Path(scratch), f"{spec}:{Path(data_path).as_posix()}"))


def _flat(value: Any, prefix: str, out: dict[str, Any]) -> None:
    if is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            _flat(getattr(value, f.name), f"{prefix}.{f.name}", out)
    else:
        out[prefix] = value


def _flat_record(record: Actor | Relation) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields(record):
        if f.name != "line":
            _flat(getattr(record, f.name), f.name, out)
    return out


def field_changes(before: Actor | Relation, after: Actor | Relation) -> list[dict[str, Any]]:
    """Fields that differ between two versions of an entry, sub-fields as ``contact.phone``.

    Parameters
    ----------
    before : Actor or Relation
        The old version of the entry.
    after : Actor or Relation
        The new version of the entry; ``line`` is ignored on both sides.

    Returns
    -------
    list of dict of str to Any
        One ``{"field", "before", "after"}`` dict per differing field, in field order (fields of ``before``
        first); a value missing on one side is None.

    Examples
    --------
    >>> field_changes(Actor("a", "A", "schule", topics=("x",)), Actor("a", "A", "schule", topics=("x", "y")))
    [{'field': 'topics', 'before': ('x',), 'after': ('x', 'y')}]
    """
    old, new = _flat_record(before), _flat_record(after)
    return [
        {"field": key, "before": old.get(key), "after": new.get(key)}
        for key in dict.fromkeys([*old, *new])
        if old.get(key) != new.get(key)
    ]


def _entries(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {
        "added": [after[k] for k in sorted(after.keys() - before.keys())],
        "removed": [before[k] for k in sorted(before.keys() - after.keys())],
        "changed": [
            (before[k], after[k], changes)
            for k in sorted(before.keys() & after.keys())
            if (changes := field_changes(before[k], after[k]))
        ],
    }


def _check_days(datasets: Iterable[Dataset], as_of: dt.date) -> list[dt.date]:
    """The reference day plus every later day on which school social work starts or has just ended.

    The day after the ESF+ period (:data:`graph.data.schoolyear.ESF_PLUS_AFTER`) is always among them.
    """
    days = {as_of, ESF_PLUS_AFTER}
    for dataset in datasets:
        for relation in dataset.relations:
            if relation.type == SCHOOL_SOCIAL_WORK:
                days.update(d for d in (relation.since, relation.until) if d is not None)
                if relation.until is not None:
                    days.add(relation.until + dt.timedelta(days=1))
    return sorted(d for d in days if d >= as_of)


def _without_ssa(dataset: Dataset, days: list[dt.date]) -> dict[dt.date, set[str]]:
    return {day: {row["id"] for row in schools_without_school_social_work(dataset, day)} for day in days}


def _school_social_work(before: Dataset, after: Dataset, as_of: dt.date) -> dict[str, list[dict[str, Any]]]:
    """Schools whose school social work the change ends (``opened``) or brings (``closed``), with the first day."""
    days = _check_days((before, after), as_of)
    old, new = _without_ssa(before, days), _without_ssa(after, days)
    opened: dict[str, dt.date] = {}
    closed: dict[str, dt.date] = {}
    for day in days:
        for school in sorted(new[day] - old[day]):
            opened.setdefault(school, day)
        for school in sorted(old[day] - new[day]):
            if school in after.actors:
                closed.setdefault(school, day)
    return {
        "opened": [_school(after, school, day, as_of) for school, day in sorted(opened.items())],
        "closed": [_school(after, school, day, as_of) for school, day in sorted(closed.items())],
    }


def _school(dataset: Dataset, school: str, day: dt.date, as_of: dt.date) -> dict[str, Any]:
    return {"id": school, "name": dataset.actors[school].name, "from": day, "on_reference_day": day == as_of}


def _coverage(before: Dataset, after: Dataset) -> dict[str, list[dict[str, Any]]]:
    """District x topic cells that lost their last offer (``opened``) or got a first one (``closed``)."""
    old = {(r["area"], r["topic"]): r for r in coverage(before)}
    opened, closed = [], []
    for row in coverage(after):
        was = old.get((row["area"], row["topic"]))
        if was is None:
            continue
        cell = {k: row[k] for k in ("area", "area_label", "topic", "topic_label", "schools")}
        if was["actors"] and not row["actors"]:
            opened.append({**cell, "lost": was["actor_ids"]})
        elif row["actors"] and not was["actors"]:
            closed.append({**cell, "new": row["actor_ids"]})
    return {"opened": sorted(opened, key=_cell_key), "closed": sorted(closed, key=_cell_key)}


def _cell_key(cell: dict[str, Any]) -> tuple[str, str]:
    return (cell["area"], cell["topic"])


def _isolated(h_before: nx.Graph, h_after: nx.Graph) -> dict[str, list[dict[str, Any]]]:
    old = {r["id"] for r in isolated(h_before)}
    new = {r["id"]: r for r in isolated(h_after)}
    gone = [v for v in sorted(old - new.keys()) if v in h_after]
    return {
        "opened": [{"id": v, "name": new[v]["name"]} for v in sorted(new.keys() - old)],
        "closed": [{"id": v, "name": h_after.nodes[v].get("name", v)} for v in gone],
    }


def _component_label(h: nx.Graph, members: set[Hashable]) -> dict[str, Any]:
    """A component named by its best-connected actor (ties: smallest id)."""
    head = min(members, key=lambda v: (-h.degree(v), str(v)))
    return {"id": head, "name": h.nodes[head].get("name", str(head)), "actors": len(members)}


def _regrouped(h_from: nx.Graph, h_to: nx.Graph, common: set[Hashable]) -> list[list[dict[str, Any]]]:
    """Components of ``h_to`` that join actors which lie in two or more components of ``h_from``."""
    part = {v: i for i, comp in enumerate(nx.connected_components(h_from)) for v in comp}
    groups = []
    for comp in nx.connected_components(h_to):
        pieces: dict[int, set[Hashable]] = {}
        for v in comp & common:
            pieces.setdefault(part[v], set()).add(v)
        if len(pieces) > 1:
            labels = [
                _component_label(h_from, nx.node_connected_component(h_from, next(iter(p)))) for p in pieces.values()
            ]
            groups.append(sorted(labels, key=lambda c: (-c["actors"], str(c["id"]))))
    return sorted(groups, key=lambda g: [str(c["id"]) for c in g])


def _components(h_before: nx.Graph, h_after: nx.Graph) -> dict[str, Any]:
    common = set(h_before) & set(h_after)
    return {
        "before": nx.number_connected_components(h_before),
        "after": nx.number_connected_components(h_after),
        "merged": _regrouped(h_before, h_after, common),
        "split": _regrouped(h_after, h_before, common),
    }


def _metric_changes(h_before: nx.Graph, h_after: nx.Graph, metric: str) -> list[dict[str, Any]]:
    old = {r["id"]: r[metric] for r in actor_metrics(h_before)}
    rows = []
    for row in actor_metrics(h_after):
        if row["id"] in old and abs(row[metric] - old[row["id"]]) > 1e-9:
            rows.append({"id": row["id"], "name": row["name"], "before": old[row["id"]], "after": row[metric]})
    for row in rows:
        row["change"] = row["after"] - row["before"]
    return sorted(rows, key=lambda r: (-abs(r["change"]), str(r["id"])))[:TOP]


def network_effects(before: Dataset, after: Dataset, as_of: dt.date) -> dict[str, Any]:
    """Gaps opened and closed, components merged or split, largest metric changes (on ``as_of``).

    ``degree`` is the number of partners (``neighbours`` of :func:`graph.metrics.actor_metrics`),
    so adding one actor does not shift every other actor's value; ``betweenness`` is NetworkX's
    normalised betweenness on the unweighted network of relations active on ``as_of``.

    Parameters
    ----------
    before : Dataset
        The old data set.
    after : Dataset
        The new data set.
    as_of : datetime.date
        Reference day: relations active on it form the network; school social work is also checked on later
        days when it starts or ends.

    Returns
    -------
    dict of str to Any
        ``school_social_work``, ``coverage`` and ``isolated``, each with ``opened`` (gaps the change opens)
        and ``closed`` (gaps it closes); ``components`` with ``before``, ``after`` (counts), ``merged`` and
        ``split``; ``betweenness`` and ``degree``: the :data:`TOP` largest changes of actors in both versions
        (``id``, ``name``, ``before``, ``after``, ``change``).

    Examples
    --------
    >>> from graph.data.model import Vocabulary
    >>> actors = {"s": Actor("s", "S", "schule"), "t": Actor("t", "T", "traeger")}
    >>> before = Dataset(Vocabulary(), actors, ())
    >>> after = Dataset(Vocabulary(), actors, (Relation("r1", "s", "t", "kooperation"),))
    >>> effects = network_effects(before, after, dt.date(2026, 1, 1))
    >>> effects["isolated"]["closed"], effects["components"]["before"], effects["components"]["after"]
    ([{'id': 's', 'name': 'S'}, {'id': 't', 'name': 'T'}], 2, 1)
    """
    h_before = metric_graph(build_graph(before, as_of))
    h_after = metric_graph(build_graph(after, as_of))
    return {
        "school_social_work": _school_social_work(before, after, as_of),
        "coverage": _coverage(before, after),
        "isolated": _isolated(h_before, h_after),
        "components": _components(h_before, h_after),
        "betweenness": _metric_changes(h_before, h_after, "betweenness"),
        "degree": _metric_changes(h_before, h_after, "neighbours"),
    }


def compare(before: Dataset, after: Dataset, as_of: dt.date) -> dict[str, Any]:
    """Everything the change report shows: actors and relations added, removed, changed, and the effects.

    Parameters
    ----------
    before : Dataset
        The old data set.
    after : Dataset
        The new data set.
    as_of : datetime.date
        Reference day of :func:`network_effects`.

    Returns
    -------
    dict
        ``actors`` and ``relations``, each with ``added`` and ``removed`` (records) and ``changed``
        (``(before, after, field_changes)`` triples), all sorted by id; ``effects`` from
        :func:`network_effects`.

    Examples
    --------
    >>> from graph.data.model import Vocabulary
    >>> a = Dataset(Vocabulary(), {"s": Actor("s", "S", "schule")}, ())
    >>> b = Dataset(Vocabulary(), {"s": Actor("s", "S", "schule"), "t": Actor("t", "T", "traeger")}, ())
    >>> result = compare(a, b, dt.date(2026, 1, 1))
    >>> [x.id for x in result["actors"]["added"]], result["effects"]["isolated"]["opened"]
    (['t'], [{'id': 't', 'name': 'T'}])
    """
    relations_before = {r.id: r for r in before.relations}
    relations_after = {r.id: r for r in after.relations}
    return {
        "actors": _entries(before.actors, after.actors),
        "relations": _entries(relations_before, relations_after),
        "effects": network_effects(before, after, as_of),
    }
