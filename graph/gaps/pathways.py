"""Schools with gaps in the intervention pathway: stages whose roles resolve to nobody at that school."""

from __future__ import annotations

import datetime as dt
from typing import Any

from graph.data.model import Dataset
from graph.pathway import schools_pathways

__all__ = ["pathway_gaps", "pathway_gaps_summary"]


def pathway_gaps(dataset: Dataset, as_of: dt.date) -> list[dict[str, Any]]:
    """Schools whose first pathway (``pathways.yaml``) has a stage with nobody on ``as_of``.

    Parameters
    ----------
    dataset : Dataset
        A validated data set; without ``pathways.yaml`` there is nothing to check and the list is empty.
    as_of : datetime.date
        Only relations active on that day count.

    Returns
    -------
    list of dict
        One row per school with a gap, in file order: ``id``, ``name``, ``district``, ``stadtbezirk``,
        ``pathway`` (id), ``gap_count``, ``gaps`` (stage ids) and ``gap_texts`` (German, one per stage).

    Examples
    --------
    >>> from graph.data.model import Actor, Vocabulary
    >>> from graph.data.pathways import Pathway, PathwaySet, Stage
    >>> stage = Stage("gespraech", "Gespräch", "Fehlen", ("schulsozialarbeit",), "https://example.org")
    >>> ps = PathwaySet({"p": Pathway("p", "P", "https://example.org", (stage,))})
    >>> ds = Dataset(Vocabulary(), {"s": Actor("s", "S", "schule")}, (), pathways=ps)
    >>> [(r["id"], r["gaps"]) for r in pathway_gaps(ds, dt.date(2026, 1, 1))]
    [('s', ['gespraech'])]
    """
    if dataset.pathways is None or not dataset.pathways.pathways:
        return []
    rows = []
    for result in schools_pathways(dataset, as_of):
        if not result.gaps:
            continue
        school = result.school
        rows.append(
            {
                "id": school.id,
                "name": school.name,
                "district": school.district,
                "stadtbezirk": dataset.vocabulary.stadtbezirk_of(school.district, school.stadtteil),
                "pathway": result.pathway.id,
                "gap_count": len(result.gaps),
                "gaps": list(result.gaps),
                "gap_texts": [s.gap_text for s in result.stages if s.gap_text],
            }
        )
    return rows


def pathway_gaps_summary(rows: list[dict[str, Any]], schools: int, has_pathway: bool) -> str:
    """The first sentence of the analysis: how many schools have a stage with nobody.

    Parameters
    ----------
    rows : list of dict
        The rows of :func:`pathway_gaps`; only ``gap_count`` is read.
    schools : int
        How many schools the data set has.
    has_pathway : bool
        Whether the data set has a pathway; without one the sentence says so.

    Returns
    -------
    str
        One German sentence.

    Examples
    --------
    >>> pathway_gaps_summary([], 3, True)
    'An allen 3 Schulen ist jede Stufe der Interventionskette besetzt.'
    >>> pathway_gaps_summary([{"gap_count": 2}], 3, True)
    '1 von 3 Schulen hat Stufen ohne Zuständige in der Interventionskette (zusammen 2 Stufen).'
    >>> pathway_gaps_summary([], 3, False)
    'Im Datenordner steht keine Interventionskette (pathways.yaml).'
    """
    if not has_pathway:
        return "Im Datenordner steht keine Interventionskette (pathways.yaml)."
    if not rows:
        return f"An allen {schools} Schulen ist jede Stufe der Interventionskette besetzt."
    n = len(rows)
    stages = sum(r["gap_count"] for r in rows)
    verb = "hat" if n == 1 else "haben"
    return (
        f"{n} von {schools} Schulen {verb} Stufen ohne Zuständige in der Interventionskette "
        f"(zusammen {stages} {'Stufe' if stages == 1 else 'Stufen'})."
    )
