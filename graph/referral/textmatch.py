"""Matching what people say against vocabulary phrases: word forms, compounds, typos, context.

A vocabulary phrase (a label or a synonym) matches when **every** one of its words is found
in the query, close together (within :data:`SPAN_SLACK` extra words, in any order, since German
word order moves verbs: "will sich umbringen", "umbringen will er sich"). Articles,
prepositions and conjunctions are left out on both sides (:data:`STOPWORDS`); words such as
"nicht", "sich" or "mehr" count, so "will nicht mehr leben" needs all of them.

How a query word finds a vocabulary word, best first (the number is the match quality):

========== ===== ==========================================================================
exact      1.0   same lemma or light stem: "schwänzt", "geschwänzt", "Schwaenzen" -> ``schwaenz``;
                 the lemma comes from simplemma ("geschlagen" -> "schlagen", "Mütter" -> "Mutter")
typo       0.8   one edit (insert, delete, substitute, swap) for words of 4+ letters,
           0.7   two edits for words of 8+ letters: "Mobing" -> "Mobbing" (rapidfuzz, OSA distance);
                 only for words the German lexicon does not know: "braucht" is no typo of "raucht"
compound   0.6   a vocabulary word of 5+ letters starting or ending a longer word:
                 "Angst" in "Zukunftsangst", "Drogen" in "Drogenprobleme"
========== ===== ==========================================================================

Typos and compounds are only looked for when a word has no exact match. A phrase scores the mean
quality of its words. Three rules keep everyday words from firing:

- **Longer evidence wins.** A match whose query words are all used by a longer match of another
  owner, or by an equally long one of better quality, is dropped: "Klinikaufenthalt" is
  psychische Gesundheit (exact synonym), not Migration (compound on "Aufenthalt"); "Übergang
  Kita – Grundschule" is not "Übergang Schule" (compound on "Grundschule").
- **Negative context** (``not_near`` of a term): a match is dropped when a listed word stands
  directly before or after it in the same clause: "fehlt" is absenteeism, "Es fehlt Geld" and
  "Vater fehlt" are not. Punctuation ends a clause.
- Descriptions are never matched: only labels and synonyms, which are written for it.

The index is built once and never changes afterwards, so one index can serve many sessions.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA

from graph.data.model import Term
from graph.referral.words import STOPWORDS, edit_distance, is_german_word, lemma_keys, normalize, stem, tokens

__all__ = [
    "MATCH_THRESHOLD",
    "QUALITY",
    "SPAN_SLACK",
    "STOPWORDS",
    "Entry",
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
#: How many extra query words may stand between the words of one phrase.
SPAN_SLACK = 3
#: Match qualities, see the module docstring.
QUALITY = {"exact": 1.0, "typo1": 0.8, "typo2": 0.7, "compound": 0.6}

# Words of the original text (letters incl. umlauts, digits) and clause punctuation.
# An ordinal ("10. Klasse") is a word, not the end of a sentence; dashes and slashes join ("Schule–Beruf").
_RAW = re.compile(r"\d+\.(?=\s)|[^\W_]+|[.,;:!?()\[\]]", re.UNICODE)
_PUNCT = frozenset(".,;:!?()[]")
_MIN_TYPO = 4
_MIN_TYPO2 = 8
_MIN_COMPOUND = 5
_MIN_REST = 3
# A clause break puts more distance between the words on either side than a phrase may span.
_CLAUSE_GAP = SPAN_SLACK + 1


@dataclass(frozen=True)
class _Word:
    text: str  # lower case, umlauts kept (what the lemmatiser reads)
    folded: str  # normalised, no spaces
    position: int  # clause breaks add distance
    typed: str = ""  # as typed, for explanations
    start: int = 0  # offsets in the text, for quoting the stretch a phrase matched
    end: int = 0


def _words(text: str) -> list[_Word]:
    """Content words of ``text`` with positions; punctuation widens the gap between clauses."""
    found: list[_Word] = []
    position = 0
    for found_raw in _RAW.finditer(text):
        raw = found_raw.group()
        if raw in _PUNCT:
            position += _CLAUSE_GAP
            continue
        folded = normalize(raw).replace(" ", "")
        if not folded or folded in STOPWORDS:
            continue
        found.append(_Word(raw.lower(), folded, position, raw, found_raw.start(), found_raw.end()))
        position += 1
    return found


def _max_edits(word: str) -> int:
    return 2 if len(word) >= _MIN_TYPO2 else 1 if len(word) >= _MIN_TYPO else 0


#: One phrase for :meth:`TextIndex.build`: owner, text, ``not_near`` words and the owners it keeps (see there).
Entry = tuple[str, str, tuple[str, ...], tuple[str, ...]]


def term_entries(terms: Mapping[str, Term], prefix: str = "") -> list[Entry]:
    """Phrases of vocabulary terms as ``(owner, text, not_near, keeps)`` for :meth:`TextIndex.build`.

    The label and every synonym is one phrase; descriptions are not matched. ``keeps`` are the
    term's ``topics``: a phrase of this term does not swallow their matches (``prefix`` is put
    before the owner id only).

    Parameters
    ----------
    terms : mapping of str to Term
        Vocabulary terms by id (e.g. ``vocabulary.terms("topics")``).
    prefix : str, optional
        Put before every owner id (e.g. ``"krise:"``); not before the ids in ``keeps``. Default ``""``.

    Returns
    -------
    list of Entry
        One ``(prefix + id, text, not_near, topics)`` tuple per label and synonym, terms in mapping order.

    Examples
    --------
    >>> term_entries({"familie": Term("familie", "Familie und Erziehung", synonyms=("Pubertät",), not_near=("Geld",))})
    [('familie', 'Familie und Erziehung', ('Geld',), ()), ('familie', 'Pubertät', ('Geld',), ())]
    """
    return [
        (prefix + term.id, text, term.not_near, term.topics)
        for term in terms.values()
        for text in (term.label, *term.synonyms)
    ]


@dataclass(frozen=True)
class Match:
    """One owner found for a query: its id, score (0–1), the phrase that matched and the query words it used."""

    owner: str
    score: float
    phrase: str
    words: tuple[str, ...] = ()
    #: The stretch of the query from the first to the last matched word, as typed ("Umgang mit dem Handy").
    text: str = ""


@dataclass(frozen=True)
class _Phrase:
    owner: str
    text: str
    keys: tuple[frozenset[str], ...]
    not_near: frozenset[str]
    keeps: frozenset[str] = frozenset()


@dataclass(frozen=True)
class _Hit:
    phrase: _Phrase
    positions: frozenset[int]
    score: float


@dataclass(frozen=True)
class TextIndex:
    """Prebuilt, read-only lookup over the phrases of a vocabulary; build once, query often.

    Examples
    --------
    >>> index = TextIndex.build([("sucht", "trinkt", (), ()), ("mobbing", "Mobbing", (), ())])
    >>> index.match("Vater trinkt"), [m.owner for m in index.match("gemobbt")]
    ([Match(owner='sucht', score=1.0, phrase='trinkt', words=('trinkt',), text='trinkt')], ['mobbing'])
    """

    phrases: tuple[_Phrase, ...]
    by_key: dict[str, tuple[int, ...]] = field(repr=False)
    forms: dict[str, frozenset[str]] = field(repr=False)
    singles: tuple[tuple[str, frozenset[str]], ...] = field(repr=False)

    @classmethod
    def build(cls, entries: Iterable[Entry]) -> TextIndex:
        """Index ``(owner, text, not_near, keeps)`` entries (see :func:`term_entries`).

        A match of an owner in ``keeps`` stays even when this phrase covers its words: "Vater trinkt"
        (Kinder suchtkranker Eltern, keeps Sucht) does not swallow "trinkt" (Sucht).

        Parameters
        ----------
        entries : iterable of Entry
            ``(owner, text, not_near, keeps)`` tuples; an entry whose text has no content word is skipped.

        Returns
        -------
        TextIndex
            The read-only index over all phrases.
        """
        phrases: list[_Phrase] = []
        forms: dict[str, set[str]] = defaultdict(set)
        single_forms: set[str] = set()
        for owner, text, not_near, keeps in entries:
            words = _words(text)
            if not words:
                continue
            for word in words:
                forms[word.folded] |= lemma_keys(word.typed)
            single_forms.update(w.folded for w in words)
            avoid = frozenset(k for w in not_near for word in _words(w) for k in lemma_keys(word.typed))
            phrases.append(_Phrase(owner, text, tuple(lemma_keys(w.typed) for w in words), avoid, frozenset(keeps)))
        by_key: dict[str, list[int]] = defaultdict(list)
        for i, phrase in enumerate(phrases):
            for key in set().union(*phrase.keys):
                by_key[key].append(i)
        singles = tuple((w, frozenset(forms[w])) for w in sorted(single_forms) if len(w) >= _MIN_COMPOUND)
        return cls(
            tuple(phrases),
            {k: tuple(v) for k, v in by_key.items()},
            {k: frozenset(v) for k, v in forms.items()},
            singles,
        )

    def _typos(self, word: _Word) -> dict[str, float]:
        limit = _max_edits(word.folded)
        found: dict[str, float] = {}
        if not limit or is_german_word(word.typed):
            return found
        for form, distance, _ in process.extract(
            word.folded, list(self.forms), scorer=OSA.distance, score_cutoff=limit, limit=None
        ):
            if 0 < distance <= min(limit, _max_edits(form)):
                quality = QUALITY["typo1"] if distance == 1 else QUALITY["typo2"]
                for key in self.forms[form]:
                    found[key] = max(found.get(key, 0.0), quality)
        return found

    def _compounds(self, word: _Word) -> dict[str, float]:
        found: dict[str, float] = {}
        for form, keys in self.singles:
            rest = len(word.folded) - len(form)
            if rest >= _MIN_REST and (word.folded.startswith(form) or stem(word.folded).endswith(stem(form))):
                for key in keys:
                    found[key] = QUALITY["compound"]
        return found

    def word_matches(self, word: str) -> dict[str, float]:
        """Index keys one query word reaches, with their match quality.

        A word found exactly is taken as it is: typos and compound parts are only looked
        for when it is not, so "Angst" does not also find "Schulangst".

        Parameters
        ----------
        word : str
            A query word as typed; only its first content word is looked at.

        Returns
        -------
        dict of str to float
            Index key -> quality (:data:`QUALITY`); empty when ``word`` holds no content word or reaches no key.

        Examples
        --------
        >>> index = TextIndex.build([("t", "Schulangst", (), ()), ("u", "Angst", (), ())])
        >>> index.word_matches("schulangsd"), index.word_matches("Angst"), index.word_matches("Zukunftsangst")
        ({'schulangst': 0.8}, {'angst': 1.0}, {'angst': 0.6})
        """
        found_words = _words(word)
        if not found_words:
            return {}
        return self._reach(found_words[0])

    def _reach(self, word: _Word) -> dict[str, float]:
        exact = {key: QUALITY["exact"] for key in lemma_keys(word.typed) if key in self.by_key}
        if exact:
            return exact
        found = self._compounds(word)
        for key, quality in self._typos(word).items():
            found[key] = max(found.get(key, 0.0), quality)
        return found

    def match(self, query: str, threshold: float = MATCH_THRESHOLD) -> list[Match]:
        """Owners whose phrases the query matches, best first (ties: longer phrase, then owner id).

        Parameters
        ----------
        query : str
            Free text, e.g. "schwänzt seit Wochen".
        threshold : float
            Minimum score of a reported owner.

        Returns
        -------
        list of Match
            Score rounded to three decimals, the best phrase per owner and the query words it used.

        Examples
        --------
        >>> index = TextIndex.build(term_entries({
        ...     "m": Term("m", "Mobbing"), "s": Term("s", "Schulabsentismus", synonyms=("fehlt",), not_near=("Geld",)),
        ...     "a": Term("a", "Armut", synonyms=("fehlt Geld",))}))
        >>> [(m.owner, m.score, m.phrase, m.words) for m in index.match("Mobing")]
        [('m', 0.8, 'Mobbing', ('Mobing',))]
        >>> [m.owner for m in index.match("Er fehlt seit Montag")], [m.owner for m in index.match("Es fehlt Geld")]
        (['s'], ['a'])
        """
        return _best(self._hits(query, threshold), _words(query), query)

    def _hits(self, query: str, threshold: float) -> list[_Hit]:
        words = _words(query)
        reached: list[dict[str, float]] = [self._reach(w) for w in words]
        candidates = sorted({i for r in reached for key in r for i in self.by_key.get(key, ())})
        hits = []
        for i in candidates:
            hit = _place(self.phrases[i], words, reached)
            if hit is not None and hit.score >= threshold and not _vetoed(hit, words):
                hits.append(hit)
        return _drop_covered(hits)


def _place(phrase: _Phrase, words: list[_Word], reached: list[dict[str, float]]) -> _Hit | None:
    """The tightest placement of all phrase words among the query words, or None when one is missing."""
    options: list[list[tuple[int, float]]] = []
    for keys in phrase.keys:
        found = [
            (w.position, max(r[k] for k in keys if k in r))
            for w, r in zip(words, reached, strict=True)
            if keys & r.keys()
        ]
        if not found:
            return None
        options.append(found)
    best: _Hit | None = None
    for anchor, _ in options[0]:
        chosen = [min(opts, key=lambda o: (abs(o[0] - anchor), -o[1])) for opts in options]
        positions = [p for p, _ in chosen]
        if len(set(positions)) < len(set(phrase.keys)):
            continue
        if max(positions) - min(positions) > len(phrase.keys) - 1 + SPAN_SLACK:
            continue
        score = round(sum(q for _, q in chosen) / len(chosen), 3)
        if best is None or score > best.score:
            best = _Hit(phrase, frozenset(positions), score)
    return best


def _vetoed(hit: _Hit, words: list[_Word]) -> bool:
    """True when a ``not_near`` word stands inside the hit's span or directly before or after it (same clause)."""
    if not hit.phrase.not_near:
        return False
    low, high = min(hit.positions) - 1, max(hit.positions) + 1
    return any(low <= w.position <= high and lemma_keys(w.typed) & hit.phrase.not_near for w in words)


def _drop_covered(hits: list[_Hit]) -> list[_Hit]:
    """Drop hits whose query words a longer hit of another owner uses, or an equal one of better quality."""
    kept = []
    for hit in hits:
        covered = any(
            other.phrase.owner != hit.phrase.owner
            and hit.phrase.owner not in other.phrase.keeps
            and hit.positions <= other.positions
            and (len(other.positions) > len(hit.positions) or other.score > hit.score)
            for other in hits
        )
        if not covered:
            kept.append(hit)
    return kept


def _best(hits: list[_Hit], words: list[_Word], query: str) -> list[Match]:
    by_position = {w.position: w for w in words}
    best: dict[str, tuple[_Hit, int]] = {}
    for hit in hits:
        rank = (hit.score, len(hit.positions))
        current = best.get(hit.phrase.owner)
        if current is None or rank > (current[0].score, current[1]):
            best[hit.phrase.owner] = (hit, len(hit.positions))
    matches = []
    for owner, (hit, _) in best.items():
        used = [by_position[p] for p in sorted(hit.positions)]
        stretch = query[used[0].start : used[-1].end]
        matches.append(Match(owner, hit.score, hit.phrase.text, tuple(w.typed for w in used), stretch))
    return sorted(matches, key=lambda m: (-m.score, -len(m.words), m.owner))
