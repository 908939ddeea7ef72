"""'Did you mean …' suggestions and ASCII slugs for German names."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Indel

__all__ = ["ascii_words", "closest", "did_you_mean", "slugify"]

_UMLAUTS = (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("Ä", "ae"), ("Ö", "oe"), ("Ü", "ue"))
_NEWLINE = 10
#: Bytes that are no lower-case ASCII letter or digit become spaces (newlines stay: they part texts in a batch).
_WORD_BYTES = bytes(
    c if c == _NEWLINE or (chr(c).isascii() and chr(c).isalnum() and not chr(c).isupper()) else 32 for c in range(256)
)
#: ``difflib``'s cutoff for a suggestion.
_CUTOFF = 0.6


def ascii_words(text: str) -> str:
    """The lower-case ASCII letters and digits of ``text``; every other character a space, newlines kept.

    The one rule behind :func:`slugify`; searches run it once over many names joined by newlines.

    Parameters
    ----------
    text : str

    Returns
    -------
    str
        As long as the text after ä → ae, ö → oe, ü → ue, ß → ss and accents dropped.

    Examples
    --------
    >>> ascii_words("Villa Jühling e.V.\\nAG § 78")
    'villa juehling e v \\nag  78'
    """
    # str.replace per umlaut, not str.translate: translate looks up every character in a dict, 30 times slower.
    for umlaut, spelled in _UMLAUTS:
        text = text.replace(umlaut, spelled)
    ascii_bytes = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").lower()
    return ascii_bytes.translate(_WORD_BYTES).decode()


def slugify(text: str) -> str:
    """Turn a German name into an id slug.

    Parameters
    ----------
    text : str

    Returns
    -------
    str
        Lower-case ASCII words joined by ``-`` (ä → ae, ß → ss, accents dropped).

    Examples
    --------
    >>> slugify("Südliche Neustadt"), slugify("Ammendorf/Beesen"), slugify(" – Äpfel & Öl! ")
    ('suedliche-neustadt', 'ammendorf-beesen', 'aepfel-oel')
    """
    return "-".join(ascii_words(text).split())


def _close_match(value: str, pool: list[str]) -> str | None:
    """``difflib.get_close_matches(value, pool, n=1)`` (or ``None``), with far fewer ``difflib`` ratios.

    rapidfuzz counts the letters in common in the best order (longest common subsequence), ``difflib`` the matches
    of its greedy blocks, never more: so rapidfuzz's ratio bounds ``difflib``'s from above. Candidates are tried
    highest bound first; once the bound falls under the best ratio found, no candidate left can win or tie.
    """
    if not pool:
        return None
    common = process.cdist([value], pool, scorer=Indel.similarity, dtype=np.int32)[0]  # twice the letters
    both = np.fromiter(map(len, pool), dtype=np.intp, count=len(pool)) + len(value)
    bound = np.divide(common, both, out=np.ones(len(pool)), where=both > 0)  # two empty texts: 1.0, as difflib
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(value)  # as get_close_matches: the candidate is the first sequence
    best: tuple[float, str] | None = None
    for i in np.argsort(-bound, kind="stable"):
        if bound[i] < _CUTOFF or (best is not None and bound[i] < best[0]):
            break
        matcher.set_seq1(pool[i])
        found = (matcher.ratio(), pool[i])
        if found[0] >= _CUTOFF and (best is None or found > best):  # equal ratios: the larger text, as difflib
            best = found
    return best[1] if best else None


def closest(value: str, candidates: Iterable[str], aliases: dict[str, str] | None = None) -> str | None:
    """Return the candidate most like ``value``, or ``None`` when nothing is close.

    ``aliases`` maps other spellings (e.g. German labels) to candidate ids.

    Parameters
    ----------
    value : str
        What was written.
    candidates : iterable of str
        What may be meant.
    aliases : dict of str to str, optional
        Other spellings of candidates.

    Returns
    -------
    str or None

    Examples
    --------
    >>> closest("gs-silberhoe", ["gs-silberhoehe", "gs-heideschule"])
    'gs-silberhoehe'
    >>> closest("Silberhöhe", ["silberhoehe"], {"Silberhöhe": "silberhoehe"})
    'silberhoehe'
    """
    pool = list(candidates)
    if aliases and value in aliases:
        return aliases[value]
    slug = slugify(value)
    if slug != value and slug in pool:
        return slug
    match = _close_match(value, pool)
    if match is None and slug:
        match = _close_match(slug, pool)
    return match


def did_you_mean(value: str, candidates: Iterable[str], aliases: dict[str, str] | None = None) -> str:
    """German hint fragment ``Meinten Sie 'x'?`` or ``""``.

    Parameters
    ----------
    value : str
        What was written.
    candidates : iterable of str
        What may be meant.
    aliases : dict of str to str, optional
        Other spellings of candidates.

    Returns
    -------
    str

    Examples
    --------
    >>> did_you_mean("kooperaton", ["kooperation", "mitglied"])
    "Meinten Sie 'kooperation'?"
    """
    match = closest(value, candidates, aliases)
    return f"Meinten Sie '{match}'?" if match else ""
