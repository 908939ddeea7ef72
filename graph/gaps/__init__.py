"""Gap analysis: where support is missing, as tables with actor ids and German explanations.

One module per concern; import from here, the split is not part of the API:

- :mod:`graph.gaps.info`: ``GAP_INFO`` (German texts) and what the analyses share,
- :mod:`graph.gaps.coverage`: topic coverage by area,
- :mod:`graph.gaps.schools`: school social work and core topics per school,
- :mod:`graph.gaps.structure`: isolated actors, single partners, articulation points, bridges,
- :mod:`graph.gaps.upkeep`: committees, stale entries, ended relations, missing contacts,
- :mod:`graph.gaps.whatif`: the what-if scenario,
- :mod:`graph.gaps.summary`: one German sentence per analysis with its finding.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from graph.data.build import build_graph
from graph.data.model import Dataset
from graph.gaps.coverage import AREA_LEVELS, coverage, coverage_shown, served_districts
from graph.gaps.info import ACTOR_FIELDS, GAP_INFO, TOPIC_FIELDS, VOCABULARY_FIELDS, GapInfo
from graph.gaps.info import COMMITTEE as COMMITTEE
from graph.gaps.info import MEMBERSHIP as MEMBERSHIP
from graph.gaps.info import NOT_OFFERING as NOT_OFFERING
from graph.gaps.info import SCHOOL as SCHOOL
from graph.gaps.info import SCHOOL_SOCIAL_WORK as SCHOOL_SOCIAL_WORK
from graph.gaps.schools import (
    DEFAULT_MONTHS,
    MAX_MONTHS,
    URGENT_MONTHS,
    core_topics,
    default_ending_months,
    ending_horizon,
    ending_is_urgent,
    lacking_direct_topics,
    school_social_work_ending,
    school_topics,
    schools_without_school_social_work,
    sorted_by_missing,
)
from graph.gaps.structure import articulation_points, bridges, isolated, single_relation
from graph.gaps.summary import SummaryContext, gap_summary, what_if_summary
from graph.gaps.upkeep import committees, ended_relations, stale, without_contact
from graph.gaps.whatif import what_if
from graph.metrics import metric_graph

__all__ = [
    "ACTOR_FIELDS",
    "AREA_LEVELS",
    "DEFAULT_MONTHS",
    "GAP_INFO",
    "MAX_MONTHS",
    "TOPIC_FIELDS",
    "URGENT_MONTHS",
    "VOCABULARY_FIELDS",
    "GapInfo",
    "SummaryContext",
    "articulation_points",
    "bridges",
    "committees",
    "core_topics",
    "coverage",
    "coverage_shown",
    "default_ending_months",
    "ended_relations",
    "ending_horizon",
    "ending_is_urgent",
    "gap_report",
    "gap_summary",
    "isolated",
    "lacking_direct_topics",
    "school_social_work_ending",
    "school_topics",
    "schools_without_school_social_work",
    "served_districts",
    "single_relation",
    "sorted_by_missing",
    "stale",
    "what_if",
    "what_if_summary",
    "without_contact",
]


def gap_report(
    dataset: Dataset, as_of: dt.date, months: int = DEFAULT_MONTHS, level: str = "districts"
) -> dict[str, Any]:
    """Every analysis of :data:`GAP_INFO` except ``what_if``, keyed by its id, on one day.

    The metric graph (all relation types, unweighted) is built once and shared by the
    structural analyses and ``school_topics``.

    Parameters
    ----------
    dataset : Dataset
        A validated data set.
    as_of : datetime.date
        The day of the analysis: only relations active on that day count; ``stale`` and
        ``ended_relations`` measure from it.
    months : int, optional
        Horizon of ``school_social_work_ending`` in months (default 12).
    level : str, optional
        Area level of ``coverage``: ``districts`` (default), ``stadtbezirke`` or ``sozialraeume``.

    Returns
    -------
    dict of str to list of dict
        The rows of ``coverage``, ``schools_without_school_social_work``, ``school_social_work_ending``,
        ``school_topics``, ``isolated``, ``single_relation``, ``articulation_points``, ``bridges``,
        ``committees``, ``stale``, ``ended_relations`` and ``without_contact``.

    Raises
    ------
    ValueError
        When ``level`` is not one of :data:`AREA_LEVELS`.

    Examples
    --------
    >>> from graph.data.model import Actor, Vocabulary
    >>> ds = Dataset(Vocabulary(), {"s": Actor("s", "S", "schule")}, ())
    >>> report = gap_report(ds, dt.date(2026, 1, 1))
    >>> [r["id"] for r in report["isolated"]], [r["id"] for r in report["schools_without_school_social_work"]]
    (['s'], ['s'])
    """
    h = metric_graph(build_graph(dataset, as_of))
    return {
        "coverage": coverage(dataset, level),
        "schools_without_school_social_work": schools_without_school_social_work(dataset, as_of),
        "school_social_work_ending": school_social_work_ending(dataset, as_of, months),
        "school_topics": school_topics(dataset, as_of, h=h),
        "isolated": isolated(h),
        "single_relation": single_relation(h),
        "articulation_points": articulation_points(h),
        "bridges": bridges(h),
        "committees": committees(dataset, as_of),
        "stale": stale(dataset, as_of),
        "ended_relations": ended_relations(dataset, as_of),
        "without_contact": without_contact(dataset),
    }
