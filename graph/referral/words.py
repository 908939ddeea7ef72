"""German words of a query as the matcher compares them: normalised spelling, stop words, light stem, lemma.

Every function here is pure: the same word always gives the same result, so the two caches
(:func:`lemma_keys`, :func:`is_german_word`) are safe to share between sessions. How phrases are found from
these words is :mod:`graph.referral.textmatch`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import OSA
from simplemma import is_known, lemmatize

__all__ = ["STOPWORDS", "edit_distance", "is_german_word", "lemma_keys", "normalize", "stem", "tokens"]

#: Function words that never carry a need (normalised spelling): articles, prepositions, conjunctions.
_STOPWORD_TEXT = """
der die das den dem des ein eine einer eines einem einen und oder aber in im ins an am auf aus bei beim mit
nach seit von vom vor zu zum zur fuer ueber unter bis durch gegen ohne als wie dass the
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_WORD = re.compile(r"[a-z0-9]+")
# Inflection endings, longest first; at most two are removed and a stem keeps 4+ letters.
# No "t": verb forms come from the lemma, and stripping it would make the noun "Sucht" the stem of "suchen".
_SUFFIXES = ("innen", "ing", "ern", "em", "en", "er", "es", "e", "n", "s")
_MIN_STEM = 4
# Reflexive and personal object pronouns say the same thing in a need: "bringe mich um" = "bringt sich um".
_REFLEXIVE = frozenset({"mich", "dich", "sich", "uns", "euch"})


def normalize(text: str) -> str:
    """Lower-case ASCII words separated by single spaces; umlauts become ae/oe/ue/ss.

    Parameters
    ----------
    text : str
        Any text as typed.

    Returns
    -------
    str
        The runs of ``a-z0-9`` after lower-casing, umlaut folding and dropping other accents (NFKD, non-ASCII
        removed), joined by single spaces; punctuation separates words and is dropped.

    Examples
    --------
    >>> normalize("Schüler:innen – Straße, Mobbing!")
    'schueler innen strasse mobbing'
    """
    folded = unicodedata.normalize("NFKD", text.lower().translate(_UMLAUTS)).encode("ascii", "ignore").decode()
    return " ".join(_WORD.findall(folded))


def tokens(text: str) -> list[str]:
    """Normalised words of ``text`` without :data:`STOPWORDS`.

    Parameters
    ----------
    text : str
        Any text as typed.

    Returns
    -------
    list of str
        The words of :func:`normalize` in order, stop words left out.

    Examples
    --------
    >>> tokens("Kommt nicht zur Schule")
    ['kommt', 'nicht', 'schule']
    """
    return [word for word in normalize(text).split() if word not in STOPWORDS]


def stem(word: str) -> str:
    """Light German stem of a normalised word: up to two inflection endings removed.

    Not a linguistic stemmer: it only has to map the word forms of one need onto the
    same string, on both the vocabulary side and the query side.

    Parameters
    ----------
    word : str
        One word, already normalised (:func:`normalize`: lower case, ASCII).

    Returns
    -------
    str
        The word with at most two endings of ``_SUFFIXES`` removed, longest first, each only while 4 or more
        letters remain; unchanged when none applies.

    Examples
    --------
    >>> [stem(w) for w in ("schwaenzt", "schwaenzen", "mobbing", "kinder", "angst")]
    ['schwaenzt', 'schwaenz', 'mobb', 'kind', 'angst']
    """
    for _ in range(2):
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
                word = word[: -len(suffix)]
                break
        else:
            break
    return word


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance of ``a`` and ``b``, or ``limit + 1`` once it exceeds ``limit``.

    Parameters
    ----------
    a : str
        The first word.
    b : str
        The second word.
    limit : int
        Largest distance of interest (edits: insert, delete, substitute, swap of neighbours).

    Returns
    -------
    int
        The distance when it is at most ``limit``, else ``limit + 1``.

    Examples
    --------
    >>> edit_distance("mobing", "mobbing", 2), edit_distance("mobbnig", "mobbing", 2), edit_distance("abc", "xyz", 1)
    (1, 1, 2)
    """
    return int(OSA.distance(a, b, score_cutoff=limit))


@lru_cache(maxsize=65536)
def lemma_keys(word: str) -> frozenset[str]:
    """Comparison key of one word as typed: the light stem of its lemma.

    Case is kept for the lemmatiser: „Sucht“ is the noun, „sucht“ a form of „suchen“.
    A pure function of its argument, so the cache is safe to share between sessions.

    Parameters
    ----------
    word : str
        One word as typed (case and umlauts kept).

    Returns
    -------
    frozenset of str
        One key: ``sich`` for a reflexive or object pronoun, else :func:`stem` of the normalised lemma.

    Examples
    --------
    >>> lemma_keys("geschwänzt") == lemma_keys("schwänzen"), lemma_keys("mich")
    (True, frozenset({'sich'}))
    """
    folded = normalize(word).replace(" ", "")
    if folded in _REFLEXIVE:
        return frozenset({"sich"})
    # Only the lemma's stem: an inflected form is read as its lemma, so the verb form "sucht" (suchen)
    # never meets the noun "Sucht", while "schwänzt", "geschwänzt" and "schwänzen" all meet.
    lemma = normalize(lemmatize(word, lang="de")).replace(" ", "") or folded
    return frozenset({stem(lemma)})


@lru_cache(maxsize=65536)
def is_german_word(word: str) -> bool:
    """True for a real German word (simplemma's lexicon): such a word is meant as typed, never a typo.

    Parameters
    ----------
    word : str
        One word as typed.

    Returns
    -------
    bool
        Whether simplemma's German lexicon knows the word.

    Examples
    --------
    >>> is_german_word("braucht"), is_german_word("Mobing")
    (True, False)
    """
    return bool(is_known(word, lang="de"))
