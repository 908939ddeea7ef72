"""Find actors by name, tolerant of case, umlauts (ä/ae) and small typos."""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from graph.data.suggest import slugify

__all__ = ["find_actors", "match_score"]

#: Scores below this are not a match.
CUTOFF = 0.75


def _words(slug: str) -> list[str]:
    return [w for w in slug.split("-") if w]


def match_score(query: str, name: str) -> float:
    """How well ``query`` matches ``name``, from 0 to 1.

    1.0 when the normalised query is contained in the normalised name; otherwise the best
    ``difflib`` ratio of each query word against the name's words (averaged over the query words).

    Examples
    --------
    >>> match_score("silberhöhe", "GS Silberhoehe"), match_score("SILBERHOEHE", "GS Silberhöhe")
    (1.0, 1.0)
    >>> round(match_score("Silberhöhr", "GS Silberhöhe"), 2)
    0.91
    >>> match_score("", "GS Silberhöhe")
    0.0
    """
    q, n = slugify(query), slugify(name)
    if not q:
        return 0.0
    if q in n or q.replace("-", "") in n.replace("-", ""):
        return 1.0
    name_words = _words(n)
    if not name_words:
        return 0.0
    best = [max(difflib.SequenceMatcher(None, w, nw).ratio() for nw in name_words) for w in _words(q)]
    return sum(best) / len(best)


def find_actors(query: str, names: Mapping[str, str], limit: int = 10) -> list[str]:
    """Return the ids of the actors whose name (or id) matches ``query``, best match first.

    Parameters
    ----------
    query : str
        What the user typed.
    names : mapping of actor id to name
    limit : int
        At most this many ids.

    Examples
    --------
    >>> names = {"gs-a": "Grundschule Silberhöhe", "tr": "Träger X", "bs": "Beratungsstelle Y"}
    >>> find_actors("trager", names), find_actors("traeger x", names), find_actors("grundschul silberhoe", names)
    (['tr'], ['tr'], ['gs-a'])
    >>> find_actors("zzz", names)
    []
    """
    scored = []
    for actor_id, name in names.items():
        score = max(match_score(query, name), match_score(query, actor_id))
        if score >= CUTOFF:
            scored.append((-score, name.casefold(), actor_id))
    return [actor_id for _, _, actor_id in sorted(scored)[:limit]]
