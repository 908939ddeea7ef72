"""An actor's place in the network for its profile: ranks among all actors, core, group size; and metric order.

Plain data only; the page Akteure puts it into German sentences.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "PROFILE_RANKS",
    "ActorStanding",
    "Rank",
    "actor_standing",
    "competition_rank",
    "ranked_rows",
]

#: The metrics whose rank the profile states, in this order.
PROFILE_RANKS = ("neighbours", "betweenness", "closeness", "eigenvector")


@dataclass(frozen=True)
class Rank:
    """An actor's value of one metric and its rank among ``total`` actors (1 = highest, ties share a rank)."""

    value: float
    rank: int
    total: int


@dataclass(frozen=True)
class ActorStanding:
    """What the profile says about an actor's place in the network (see :func:`actor_standing`)."""

    ranks: dict[str, Rank]
    reach2: int
    core: int
    top_core: int
    community: int
    community_size: int

    @property
    def bridge(self) -> bool:
        """True when the actor lies on a shortest path between two others (betweenness above 0)."""
        return self.ranks["betweenness"].value > 0


def competition_rank(rows: Iterable[dict[str, Any]], metric: str, value: float) -> int:
    """Rank of ``value`` among the rows' values of ``metric``: 1 + the number of higher values (``None`` skipped).

    Parameters
    ----------
    rows : iterable of dict
        Rows that each have the key ``metric`` (value a number or ``None``).
    metric : str
        The key to compare.
    value : float
        The value to rank; it need not occur in the rows.

    Returns
    -------
    int
        The competition rank ("1224" ranking): equal values share a rank, the next rank skips.

    Examples
    --------
    >>> rows = [{"m": 0.5}, {"m": 0.9}, {"m": 0.5}, {"m": None}]
    >>> competition_rank(rows, "m", 0.9), competition_rank(rows, "m", 0.5), competition_rank(rows, "m", 0.1)
    (1, 2, 4)
    """
    return 1 + sum(1 for r in rows if r[metric] is not None and r[metric] > value)


def actor_standing(rows: Sequence[dict[str, Any]], actor: str) -> ActorStanding | None:
    """The place of ``actor`` among the rows of :func:`graph.metrics.actor_metrics`.

    Parameters
    ----------
    rows : sequence of dict
        Rows of :func:`graph.metrics.actor_metrics` for one day (every actor of the network).
    actor : str
        The actor's id.

    Returns
    -------
    ActorStanding or None
        Ranks of :data:`PROFILE_RANKS` among all rows, reach in two steps, its k-core and the
        densest core of the network, its group (Louvain) and how many actors the group has;
        ``None`` when the actor is not in the rows or has no relation that day.

    Examples
    --------
    >>> import networkx as nx
    >>> from graph.metrics import actor_metrics, metric_graph
    >>> rows = actor_metrics(metric_graph(nx.path_graph(3)))
    >>> s = actor_standing(rows, 1)
    >>> s.ranks["neighbours"], s.bridge, s.core, s.top_core, s.community_size
    (Rank(value=2, rank=1, total=3), True, 1, 1, 3)
    >>> actor_standing(rows, 0).ranks["betweenness"].rank, actor_standing(rows, 0).bridge
    (2, False)
    >>> actor_standing(rows, 9) is None
    True
    """
    row = next((r for r in rows if r["id"] == actor), None)
    if row is None or row["neighbours"] == 0:
        return None
    total = len(rows)
    ranks = {m: Rank(row[m], competition_rank(rows, m, row[m]), total) for m in PROFILE_RANKS}
    return ActorStanding(
        ranks=ranks,
        reach2=row["reach2"],
        core=row["core"],
        top_core=max(r["core"] for r in rows),
        community=row["community"],
        community_size=sum(1 for r in rows if r["community"] == row["community"]),
    )


def ranked_rows(rows: Iterable[dict[str, Any]], metric: str) -> list[dict[str, Any]]:
    """Rows of :func:`graph.metrics.actor_metrics`, highest ``metric`` first, ties by name; no value last.

    Parameters
    ----------
    rows : iterable of dict
        Rows with ``name`` and the key ``metric``.
    metric : str
        The key to sort by; rows where it is ``None`` come last, among themselves by name.

    Returns
    -------
    list of dict
        A new list of the same rows. Names compare without case (``casefold``).

    Examples
    --------
    >>> rows = [{"name": "b", "m": 1.0}, {"name": "C", "m": None}, {"name": "B", "m": None}, {"name": "a", "m": 1.0}]
    >>> [r["name"] for r in ranked_rows(rows, "m")]
    ['a', 'b', 'B', 'C']
    """
    valued = [r for r in rows if r[metric] is not None]
    missing = [r for r in rows if r[metric] is None]
    # Names compare by casefold(), as everywhere else names are sorted (viewfilter.by_name, metric_summary).
    return sorted(valued, key=lambda r: (-r[metric], r["name"].casefold())) + sorted(
        missing, key=lambda r: r["name"].casefold()
    )
