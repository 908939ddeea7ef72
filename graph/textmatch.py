"""German-tolerant matching of free text against vocabulary phrases (labels, synonyms, descriptions).

How a query token finds a vocabulary token, best first (the number is the match quality):

========== ===== ==========================================================================
exact      1.0   same light stem: "schwänzt", "schwänzen", "Schwaenzen" -> ``schwaenz``
participle 0.9   ``ge…t`` stripped: "geschwänzt" -> ``schwaenz``, "gemobbt" -> ``mobb``
typo       0.8   one edit (insert, delete, substitute, swap) for tokens of 5+ letters,
           0.7   two edits for tokens of 8+ letters: "Mobing" -> "mobbing"
compound   0.6   a stem inside a compound: "Chat" in "Klassenchat", "Angst" in "Schulangst"
========== ===== ==========================================================================

A phrase scores ``weight * coverage``: coverage is the share of its tokens the query matched,
each token weighted by its inverse document frequency over owners (so "Schule", which
occurs in many topics, counts little and "schwänzt" counts fully) and by match quality.
Labels and synonyms have weight 1.0; each word of a description is its own phrase with
weight :data:`DESCRIPTION_WEIGHT` scaled by the word's rarity, so only distinctive
description words can reach :data:`MATCH_THRESHOLD`, and only by an exact match.
An owner (a topic id) scores the best of its phrases.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from graph.model import Term

__all__ = [
    "DESCRIPTION_WEIGHT",
    "MATCH_THRESHOLD",
    "PARTIAL_FACTOR",
    "STOPWORDS",
    "Match",
    "TextIndex",
    "edit_distance",
    "normalize",
    "stem",
    "term_entries",
    "tokens",
]

#: Owners scoring below this are not reported as matches.
MATCH_THRESHOLD = 0.45
#: Weight of a single description word (times its rarity); labels and synonyms weigh 1.0.
DESCRIPTION_WEIGHT = 0.5
#: Factor for a multi-word phrase of which the query reached only some words.
PARTIAL_FACTOR = 0.85
#: Match qualities, see the module docstring.
QUALITY = {"exact": 1.0, "participle": 0.9, "typo1": 0.8, "typo2": 0.7, "compound": 0.6}

#: Function words that never carry a need (normalised spelling).
_STOPWORD_TEXT = """
der die das den dem des ein eine einer eines einem einen und oder aber in im ins an am auf aus bei mit
nach seit von vom vor zu zum zur fuer ueber unter um bis nicht kein keine keinen keiner ist sind war
hat haben wird werden sich er sie es ich wir ihr man mein meine sein seine ihre ihren unser unsere schon
noch sehr auch wie was wenn dass als oft mal immer dann denn weil so the
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_WORD = re.compile(r"[a-z0-9]+")
# Inflection endings, longest first; at most two are removed and a stem keeps 4+ letters.
_SUFFIXES = ("innen", "ing", "ern", "em", "en", "er", "es", "e", "n", "s", "t")
_MIN_STEM = 4
_MIN_TYPO = 5
_MIN_TYPO2 = 8


def normalize(text: str) -> str:
    """Lower-case ASCII words separated by single spaces; umlauts become ae/oe/ue/ss.

    Examples
    --------
    >>> normalize("Schüler:innen – Straße, Mobbing!")
    'schueler innen strasse mobbing'
    """
    folded = unicodedata.normalize("NFKD", text.lower().translate(_UMLAUTS)).encode("ascii", "ignore").decode()
    return " ".join(_WORD.findall(folded))


def tokens(text: str) -> list[str]:
    """Normalised words of ``text`` without :data:`STOPWORDS`.

    Examples
    --------
    >>> tokens("Kommt nicht zur Schule")
    ['kommt', 'schule']
    """
    return [word for word in normalize(text).split() if word not in STOPWORDS]


def stem(word: str) -> str:
    """Light German stem of a normalised word: up to two inflection endings removed.

    Not a linguistic stemmer: it only has to map the word forms of one need onto the
    same string, on both the vocabulary side and the query side.

    Examples
    --------
    >>> [stem(w) for w in ("schwaenzt", "schwaenzen", "mobbing", "kinder", "angst")]
    ['schwaenz', 'schwaenz', 'mobb', 'kind', 'angs']
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

    Examples
    --------
    >>> edit_distance("mobing", "mobbing", 2), edit_distance("mobbnig", "mobbing", 2), edit_distance("abc", "xyz", 1)
    (1, 1, 2)
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, row = row, current
    return min(row[-1], limit + 1)


def _deletes(word: str, depth: int) -> set[str]:
    """Every string reachable from ``word`` by removing up to ``depth`` letters."""
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def _part_of(part: str, word: str) -> bool:
    """True when ``part`` starts ``word`` or ends it (allowing a short inflection ending)."""
    return word.startswith(part) or part in word[-(len(part) + 3) :]


def _max_edits(word: str) -> int:
    return 2 if len(word) >= _MIN_TYPO2 else 1 if len(word) >= _MIN_TYPO else 0


def term_entries(terms: Mapping[str, Term]) -> list[tuple[str, str, float, bool]]:
    """Phrases of vocabulary terms as ``(owner, text, weight, per_word)`` for :meth:`TextIndex.build`.

    Labels and synonyms are split at "und", commas, slashes and dashes, so that
    "Familie und Erziehung" is found by "Familie" alone. Descriptions are indexed word by word.

    Examples
    --------
    >>> term_entries({"familie": Term("familie", "Familie und Erziehung", synonyms=("Pubertät",))})
    [('familie', 'Familie', 1.0, False), ('familie', 'Erziehung', 1.0, False), ('familie', 'Pubertät', 1.0, False)]
    """
    entries: list[tuple[str, str, float, bool]] = []
    for term in terms.values():
        for text in (term.label, *term.synonyms):
            for part in re.split(r"\s+und\s+|[,/–—]|\s-\s", text):
                if part.strip():
                    entries.append((term.id, part.strip(), 1.0, False))
        if term.description:
            entries.append((term.id, term.description, DESCRIPTION_WEIGHT, True))
    return entries


@dataclass(frozen=True)
class Match:
    """One owner found for a query: its id, score (0–1) and the phrase that matched best."""

    owner: str
    score: float
    phrase: str


@dataclass(frozen=True)
class _Phrase:
    owner: str
    text: str
    weight: float
    stems: tuple[str, ...]


@dataclass
class TextIndex:
    """Prebuilt lookup structures over the phrases of a vocabulary; build once, query often.

    Examples
    --------
    >>> index = TextIndex.build([("sucht", "trinkt", 1.0, False), ("mobbing", "Mobbing", 1.0, False)])
    >>> index.match("Vater trinkt"), [m.owner for m in index.match("gemobbt")]
    ([Match(owner='sucht', score=1.0, phrase='trinkt')], ['mobbing'])
    """

    phrases: list[_Phrase]
    by_stem: dict[str, list[int]]
    idf: dict[str, float]
    forms: dict[str, str]
    deletes: dict[str, set[str]]
    _memo: dict[str, dict[str, float]] = field(default_factory=dict)

    @classmethod
    def build(cls, entries: Iterable[tuple[str, str, float, bool]]) -> TextIndex:
        """Index ``(owner, text, weight, per_word)`` entries (see :func:`term_entries`)."""
        raw: list[tuple[str, str, float, tuple[str, ...]]] = []
        forms: dict[str, str] = {}
        for owner, text, weight, per_word in entries:
            words = tokens(text)
            for word in words:
                forms[word] = stem(word)
            groups = [[w] for w in words if len(w) >= _MIN_TYPO] if per_word else [words]
            raw.extend((owner, g[0] if per_word else text, weight, tuple(stem(w) for w in g)) for g in groups if g)
        owners_of: dict[str, set[str]] = defaultdict(set)
        for owner, _, _, stems in raw:
            for s in stems:
                owners_of[s].add(owner)
        total = len({r[0] for r in raw}) or 1
        idf = {s: math.log(1 + total / len(o)) for s, o in owners_of.items()}
        top = max(idf.values(), default=1.0)
        phrases = []
        for owner, text, weight, stems in raw:
            # A description word counts by its rarity: common words cannot reach the threshold.
            scaled = weight * idf[stems[0]] / top if len(stems) == 1 and weight < 1.0 else weight
            phrases.append(_Phrase(owner, text, scaled, stems))
        by_stem: dict[str, list[int]] = defaultdict(list)
        for i, phrase in enumerate(phrases):
            for s in set(phrase.stems):
                by_stem[s].append(i)
        deletes: dict[str, set[str]] = defaultdict(set)
        for form in forms:
            for variant in _deletes(form, _max_edits(form)):
                deletes[variant].add(form)
        return cls(phrases, dict(by_stem), idf, forms, dict(deletes))

    def _typos(self, word: str) -> dict[str, float]:
        limit = _max_edits(word)
        found: dict[str, float] = {}
        if not limit:
            return found
        candidates = set().union(*(self.deletes.get(v, set()) for v in _deletes(word, limit)))
        for form in candidates:
            distance = edit_distance(word, form, limit)
            if 0 < distance <= min(limit, _max_edits(form)):
                quality = QUALITY["typo1"] if distance == 1 else QUALITY["typo2"]
                target = self.forms[form]
                found[target] = max(found.get(target, 0.0), quality)
        return found

    def _compounds(self, word: str, word_stem: str) -> dict[str, float]:
        found: dict[str, float] = {}
        for form, form_stem in self.forms.items():
            inside = len(word_stem) >= _MIN_STEM and len(form) > len(word_stem) + 2 and _part_of(word_stem, form)
            contains = len(form_stem) >= _MIN_STEM and len(word) > len(form_stem) + 2 and _part_of(form_stem, word)
            if inside or contains:
                found[form_stem] = QUALITY["compound"]
        return found

    def token_matches(self, word: str) -> dict[str, float]:
        """Index stems a normalised query word reaches, with their match quality (memoised).

        A word found exactly (or as a participle) is taken as it is: typos and compound
        parts are only looked for when it is not, so "Angst" does not also find "Schulangst".

        Examples
        --------
        >>> index = TextIndex.build([("t", "Schulangst", 1.0, False), ("u", "Angst", 1.0, False)])
        >>> index.token_matches("schulangsd"), index.token_matches("angst"), index.token_matches("angstzustand")
        ({'angs': 0.6, 'schulang': 0.8}, {'angs': 1.0}, {'angs': 0.6})
        """
        if word in self._memo:
            return self._memo[word]
        word_stem = stem(word)
        found: dict[str, float] = {}
        if word_stem in self.by_stem:
            found[word_stem] = QUALITY["exact"]
        elif word.startswith("ge") and len(word) >= 6 and stem(word[2:]) in self.by_stem:
            found[stem(word[2:])] = QUALITY["participle"]
        else:
            found = self._compounds(word, word_stem)
            for target, quality in self._typos(word).items():
                found[target] = max(found.get(target, 0.0), quality)
        if len(self._memo) > 10_000:
            self._memo.clear()
        self._memo[word] = found
        return found

    def match(self, query: str, threshold: float = MATCH_THRESHOLD) -> list[Match]:
        """Owners whose phrases the query matches, best first (ties by owner id).

        Parameters
        ----------
        query : str
            Free text, e.g. "schwänzt seit Wochen".
        threshold : float
            Minimum score of a reported owner.

        Returns
        -------
        list of Match
            Score rounded to three decimals and the best-matching phrase per owner.

        Examples
        --------
        >>> index = TextIndex.build(term_entries({"m": Term("m", "Mobbing", synonyms=("im Klassenchat fertiggemacht",))}))
        >>> [(m.owner, m.score, m.phrase) for m in index.match("Mobing")]
        [('m', 0.8, 'Mobbing')]
        >>> [m.score for m in index.match("Klassenchat")], [m.score for m in index.match("Klassenchat", threshold=0.4)]
        ([], [0.425])
        """
        reached: dict[str, float] = {}
        for word in tokens(query):
            for target, quality in self.token_matches(word).items():
                reached[target] = max(reached.get(target, 0.0), quality)
        best: dict[str, Match] = {}
        for i in sorted({i for s in reached for i in self.by_stem[s]}):
            phrase = self.phrases[i]
            weights = [self.idf[s] for s in phrase.stems]
            coverage = sum(w * reached.get(s, 0.0) for w, s in zip(weights, phrase.stems, strict=True)) / sum(weights)
            partial = PARTIAL_FACTOR if any(s not in reached for s in phrase.stems) else 1.0
            score = round(phrase.weight * coverage * partial, 3)
            if score >= threshold and score > (best[phrase.owner].score if phrase.owner in best else 0.0):
                best[phrase.owner] = Match(phrase.owner, score, phrase.text)
        return sorted(best.values(), key=lambda m: (-m.score, m.owner))
