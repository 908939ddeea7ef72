"""What-if analysis: the network compared with a scenario (actors removed, a funding programme ended)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from graph.data.build import build_graph
from graph.data.model import Dataset
from graph.gaps.coverage import coverage
from graph.gaps.info import SCHOOL_SOCIAL_WORK, _active, _schools
from graph.gaps.schools import _school_of, _school_row, core_topics, school_topics
from graph.metrics import actor_metrics, metric_graph, network_figures

__all__ = [
    "what_if",
]


@dataclass
class _Snapshot:
    """What the what-if analysis compares: one data set on one day."""

    relations: set[str]
    school_social_work: set[str]
    topics: dict[str, tuple[set[str], set[str]]]
    coverage: dict[tuple[str, str], int]
    metrics: dict[Hashable, dict[str, Any]]
    figures: dict[str, Any] = field(default_factory=dict)


def _snapshot(dataset: Dataset, day: dt.date) -> _Snapshot:
    h = metric_graph(build_graph(dataset, day))
    topics = {}
    for row in school_topics(dataset, day, topics=list(dataset.vocabulary.terms("topics")), h=h):
        topics[row["id"]] = (set(row["direct"]), set(row["direct"]) | set(row["two_steps"]))
    active = _active(dataset, day)
    return _Snapshot(
        relations={r.id for r in active},
        school_social_work={s for r in active if r.type == SCHOOL_SOCIAL_WORK and (s := _school_of(r, dataset))},
        topics=topics,
        coverage={(r["area"], r["topic"]): r["actors"] for r in coverage(dataset)},
        metrics={r["id"]: r for r in actor_metrics(h)},
        figures=network_figures(h),
    )


def _scenario(dataset: Dataset, remove: set[str], programme: str | None, end: dt.date) -> Dataset:
    """The data set without the removed actors, with the programme's relations ending on ``end``."""
    relations = []
    for relation in dataset.relations:
        if relation.source in remove or relation.target in remove:
            continue
        if programme and relation.funding and relation.funding.programme == programme:
            relation = replace(relation, until=min(relation.until or end, end))
        relations.append(relation)
    actors = {k: a for k, a in dataset.actors.items() if k not in remove}
    return replace(dataset, actors=actors, relations=tuple(relations))


def _school_changes(dataset: Dataset, before: _Snapshot, after: _Snapshot) -> list[dict[str, Any]]:
    rows = []
    for school in _schools(dataset):
        if school.id not in after.topics:
            continue
        loses = school.id in before.school_social_work and school.id not in after.school_social_work
        direct_before, reached_before = before.topics[school.id]
        direct_after, reached_after = after.topics[school.id]
        core = core_topics(dataset.vocabulary)
        no_longer_direct = [t for t in core if t in direct_before and t not in direct_after]
        lost = [t for t in dataset.vocabulary.terms("topics") if t in reached_before and t not in reached_after]
        if loses or no_longer_direct or lost:
            row = _school_row(dataset, school)
            row.update(loses_school_social_work=loses, core_no_longer_direct=no_longer_direct, topics_lost=lost)
            rows.append(row)
    return rows


def _metric_changes(before: _Snapshot, after: _Snapshot, top: int) -> list[dict[str, Any]]:
    rows = []
    for metric in ("degree", "betweenness", "closeness", "eigenvector"):
        for v, row in after.metrics.items():
            old, new = before.metrics[v][metric], row[metric]
            if old != new:
                rows.append({"id": v, "name": row["name"], "metric": metric, "before": old, "after": new})
    for row in rows:
        row["change"] = row["after"] - row["before"]
    return sorted(rows, key=lambda r: -abs(r["change"]))[:top]


def what_if(
    dataset: Dataset,
    as_of: dt.date,
    remove: Iterable[str] = (),
    programme: str | None = None,
    programme_end: dt.date | None = None,
    top: int = 15,
) -> dict[str, list[dict[str, Any]]]:
    """Compare the network with a scenario: actors removed and/or a funding programme ended.

    Parameters
    ----------
    dataset : Dataset
        A validated data set.
    as_of : datetime.date
        Day to compare on.
    remove : iterable of str, optional
        Actor ids to take out (with all their relations); default none.
    programme : str, optional
        Funding programme id (``funding.programme``): all its relations end on ``programme_end``.
    programme_end : datetime.date, optional
        Last day of the programme; default the day before ``as_of``. Both networks are compared on
        ``max(as_of, programme_end + 1 day)``, so losses that the data already foresees (an ``until``
        before that day) show in both and are not counted as caused by the scenario.
    top : int, optional
        How many of the largest metric changes to list (default 15).

    Returns
    -------
    dict
        ``relations`` (active before, gone after: ``id``, ``source``, ``target``, ``type``),
        ``schools`` (schools that lose school social work, a core topic through a direct partner, or
        any topic within two steps), ``coverage`` (district x topic cells with fewer offers),
        ``metrics`` (largest changes of degree, betweenness, closeness, eigenvector) and
        ``network`` (network-level figures before and after).

    Examples
    --------
    >>> from graph.data.model import Actor, Funding, Relation, Vocabulary
    >>> actors = {"s": Actor("s", "S", "schule"), "t": Actor("t", "T", "traeger")}
    >>> ds = Dataset(Vocabulary(), actors, (Relation("r", "t", "s", "schulsozialarbeit", funding=Funding("esf")),))
    >>> result = what_if(ds, dt.date(2026, 1, 1), programme="esf")
    >>> [r["id"] for r in result["relations"]], [(r["id"], r["loses_school_social_work"]) for r in result["schools"]]
    (['r'], [('s', True)])
    """
    end = programme_end or as_of - dt.timedelta(days=1)
    day = max(as_of, end + dt.timedelta(days=1)) if programme else as_of
    scenario = _scenario(dataset, set(remove), programme, end)
    before, after = _snapshot(dataset, day), _snapshot(scenario, day)
    lost = before.relations - after.relations
    gone = [r for r in dataset.relations if r.id in lost]
    return {
        "relations": [{"id": r.id, "source": r.source, "target": r.target, "type": r.type} for r in gone],
        "schools": _school_changes(dataset, before, after),
        "coverage": [
            {"area": area, "topic": topic, "before": n, "after": after.coverage[area, topic]}
            for (area, topic), n in before.coverage.items()
            if after.coverage[area, topic] < n
        ],
        "metrics": _metric_changes(before, after, top),
        "network": [
            {"figure": key, "before": value, "after": after.figures[key]} for key, value in before.figures.items()
        ],
    }
