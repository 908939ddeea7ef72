"""'Did you mean …' suggestions and ASCII slugs for German names."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

__all__ = ["closest", "did_you_mean", "slugify"]

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})


def slugify(text: str) -> str:
    """Turn a German name into an id slug.

    Examples
    --------
    >>> slugify("Südliche Neustadt"), slugify("Ammendorf/Beesen")
    ('suedliche-neustadt', 'ammendorf-beesen')
    """
    ascii_text = unicodedata.normalize("NFKD", text.translate(_UMLAUTS)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def closest(value: str, candidates: Iterable[str], aliases: dict[str, str] | None = None) -> str | None:
    """Return the candidate most like ``value``, or ``None`` when nothing is close.

    ``aliases`` maps other spellings (e.g. German labels) to candidate ids.

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
    if slug in pool and slug != value:
        return slug
    match = difflib.get_close_matches(value, pool, n=1, cutoff=0.6)
    if match:
        return match[0]
    match = difflib.get_close_matches(slug, pool, n=1, cutoff=0.6) if slug else []
    return match[0] if match else None


def did_you_mean(value: str, candidates: Iterable[str], aliases: dict[str, str] | None = None) -> str:
    """German hint fragment ``Meinten Sie 'x'?`` or ``""``.

    Examples
    --------
    >>> did_you_mean("kooperaton", ["kooperation", "mitglied"])
    "Meinten Sie 'kooperation'?"
    """
    match = closest(value, candidates, aliases)
    return f"Meinten Sie '{match}'?" if match else ""
