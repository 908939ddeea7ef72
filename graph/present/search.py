"""Find actors by name, tolerant of case, umlauts (ä/ae) and small typos."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import process
from rapidfuzz.distance import Indel

from graph.data.suggest import ascii_words, slugify

__all__ = ["find_actors", "match_score"]

#: Scores below this are not a match.
CUTOFF = 0.75
#: Score of a query that stands in a name, but inside a word („notruf“ in „Giftnotruf“): just below a match of
#: whole words, far above any typo.
INSIDE = 0.99
#: Stands before each text's words in the one word list of all texts; no letter, so its ratio is 0.
_MARK = "|"


def _texts_with(text: str, part: str) -> NDArray[np.intp]:
    """Numbers of the texts in which ``part`` stands; ``text`` holds them all, each after a :data:`_MARK`."""
    hits: list[int] = []
    at = text.find(part)
    while at >= 0:
        hits.append(at)
        next_text = text.find(_MARK, at)  # one hit a text is enough
        at = text.find(part, next_text) if next_text >= 0 else -1
    if not hits:
        return np.zeros(0, dtype=np.intp)
    marks = np.flatnonzero(np.frombuffer(text.encode("ascii"), dtype=np.uint8) == ord(_MARK))
    return np.searchsorted(marks, hits) - 1


def _word_ratios(query_words: list[str], words: list[str], lengths: NDArray[np.intp]) -> NDArray[np.float64]:
    """``ratio[i, j]``: 2·(letters in common, in order) / (both lengths) of query word ``i`` and word ``j``."""
    common = process.cdist(query_words, words, scorer=Indel.similarity, dtype=np.int32)  # twice the letters
    both = np.add.outer(np.array([len(w) for w in query_words]), lengths)
    return np.asarray(common / both, dtype=np.float64)


def _scores(query: str, texts: Sequence[str]) -> NDArray[np.float64]:
    """:func:`match_score` of ``query`` against every text.

    All texts are worked on as one string and one word list (in C: rapidfuzz, numpy, ``str`` methods); a loop
    in Python over every name or word would cost more than the whole search.
    """
    scores = np.zeros(len(texts))
    q = slugify(query)
    if not q or not texts:
        return scores
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1:  # a newline inside a name is no letter: a space slugs the same
        joined = "\n".join(text.replace("\n", " ") for text in texts)
    # One word list for all texts, each text's words after a mark of its own.
    words = ascii_words("\n" + joined).replace("\n", f" {_MARK} ").split()
    spaced = np.frombuffer(" ".join(words).encode("ascii"), dtype=np.uint8)
    ends = np.append(np.flatnonzero(spaced == ord(" ")), len(spaced))
    lengths = np.diff(ends, prepend=-1) - 1
    starts = np.flatnonzero(spaced[ends - lengths] == ord(_MARK))
    ratios = _word_ratios(q.split("-"), words, lengths)
    # best word of each text per query word (a mark has ratio 0), then the mean over the query words
    scores[:] = np.maximum.reduceat(ratios, starts, axis=1).sum(axis=0) / ratios.shape[0]
    # contained inside words (or with the hyphens left out): INSIDE; as whole words: 1.0, so „IB“ finds
    # „Internationaler Bund (IB)“ before „IGS Am Eibenhang“
    scores[_texts_with("-".join(words), q)] = INSIDE
    scores[_texts_with("".join(words), q.replace("-", ""))] = INSIDE
    scores[_texts_with("-" + "-".join(words) + "-", f"-{q}-")] = 1.0
    return scores


def match_score(query: str, name: str) -> float:
    """How well ``query`` matches ``name``, from 0 to 1.

    1.0 when the normalised query stands in the normalised name as whole words, :data:`INSIDE` when it stands
    in it inside a word (or with the hyphens left out); otherwise for each query word the best
    ratio against the name's words (twice the letters both share in the same order, divided by both lengths),
    averaged over the query words.

    Parameters
    ----------
    query : str
        What the user typed.
    name : str
        A name (or id).

    Returns
    -------
    float

    Examples
    --------
    >>> match_score("silberhöhe", "GS Silberhoehe"), match_score("SILBERHOEHE", "GS Silberhöhe")
    (1.0, 1.0)
    >>> round(match_score("Silberhöhr", "GS Silberhöhe"), 2)
    0.91
    >>> match_score("", "GS Silberhöhe")
    0.0
    """
    return float(_scores(query, [name])[0])


def find_actors(query: str, names: Mapping[str, str], limit: int = 10) -> list[str]:
    """Return the ids of the actors whose name (or id) matches ``query``, best match first.

    Each distinct word of all names is compared with the query once (rapidfuzz, in C), so a search over
    10,000 actors takes milliseconds on every rerun of the map.

    Parameters
    ----------
    query : str
        What the user typed.
    names : mapping of actor id to name
    limit : int
        At most this many ids.

    Returns
    -------
    list of str
        Actor ids with a score of at least :data:`CUTOFF`; equal scores by name, then id.

    Examples
    --------
    >>> names = {"gs-a": "Grundschule Silberhöhe", "tr": "Träger X", "bs": "Beratungsstelle Y"}
    >>> find_actors("trager", names), find_actors("traeger x", names), find_actors("grundschul silberhoe", names)
    (['tr'], ['tr'], ['gs-a'])
    >>> find_actors("zzz", names)
    []
    """
    ids, labels = list(names), list(names.values())
    both = _scores(query, labels + ids)
    best = np.maximum(both[: len(ids)], both[len(ids) :])
    scored = [(-float(best[i]), labels[i].casefold(), ids[i]) for i in np.flatnonzero(best >= CUTOFF)]
    return [actor_id for _, _, actor_id in sorted(scored)[:limit]]
