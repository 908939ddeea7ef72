"""Where an entry comes from: invented (demo), a cited source, or nothing; the German mark shown everywhere.

One rule for every place that shows an actor or a relation (map tooltip, profile, relation table, exports,
referral card, warm path, handout): call :func:`provenance` for the parts, or :func:`provenance_label` for
the one-line German mark.

The rule (data/README.md, „Regeln“):

- ``provenance: demo`` marks an invented entry („Erfundener Demo-Eintrag“, „Erfundene Demo-Beziehung“).
- Any other text is a source. Its first ``http(s)://`` address becomes a link whose text is the address in
  short (``villajuehling.de``, ``halle.de/…/schulabsentismus``); the rest of the text is a note in brackets.
- No provenance: an actor is „Ohne Quellenangabe“; a relation counts as invented as long as it names no
  source („Ohne Quelle – gilt als erfunden“).

Every text comes from pull requests: the link is only ever ``http`` or ``https`` and has every character
that could end a Markdown or HTML link target percent-encoded; callers still escape the texts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import quote, unquote, urlsplit

__all__ = [
    "DEMO",
    "LABEL_ACTOR_DEMO",
    "LABEL_ACTOR_NONE",
    "LABEL_RELATION_DEMO",
    "LABEL_RELATION_NONE",
    "Provenance",
    "is_demo",
    "provenance",
    "provenance_label",
]

#: The exact value that marks an invented entry.
DEMO = "demo"
LABEL_ACTOR_DEMO = "Erfundener Demo-Eintrag"
LABEL_RELATION_DEMO = "Erfundene Demo-Beziehung"
LABEL_ACTOR_NONE = "Ohne Quellenangabe"
LABEL_RELATION_NONE = "Ohne Quelle – gilt als erfunden"
SOURCE_PREFIX = "Quelle: "
#: Longest path segment shown in a link text before it is shortened with „…“.
SEGMENT_LIMIT = 40

_URL = re.compile(r"https?://[^\s<>\"'`()\[\]{}|\\^]+", re.IGNORECASE)
_TRAILING = ".,;:!?"
#: Characters kept as they are in a link; everything else (brackets, quotes, spaces, ``<>``) is percent-encoded.
_URL_SAFE = "/:?#@!$&*+,;=%~-._"


@dataclass(frozen=True)
class Provenance:
    """Where one actor or relation comes from.

    Attributes
    ----------
    status : {"demo", "source", "none"}
        Invented, cites a source, or says nothing.
    invented : bool
        True when the app must mark the entry as invented: ``demo``, or a relation without a source.
    label : str
        The German one-line mark: „Erfundener Demo-Eintrag“, „Quelle: villajuehling.de (Seite …)“, ….
    text : str
        The source as written (whitespace collapsed, full web address); empty unless ``source``.
    url : str or None
        The source's first ``http(s)`` address, safe as a link target; None when the source has none.
    link_text : str or None
        Short readable text for ``url`` (host without ``www.``, first and last path segment).
    note : str or None
        The rest of the source text, e.g. „Seite Schulsozialarbeit“.
    """

    status: Literal["demo", "source", "none"]
    invented: bool
    label: str
    text: str = ""
    url: str | None = None
    link_text: str | None = None
    note: str | None = None

    @property
    def sourced(self) -> bool:
        """True when the entry cites a source (with or without a web address)."""
        return self.status == "source"

    @property
    def full_label(self) -> str:
        """The label with the source as written, full web address included (for exports).

        Examples
        --------
        >>> provenance({"kind": "x", "provenance": "https://halle.de/a/b (Seite B)"}).full_label
        'Quelle: https://halle.de/a/b (Seite B)'
        """
        return SOURCE_PREFIX + self.text if self.sourced else self.label


def _field(entry: Any, name: str) -> Any:
    if isinstance(entry, Mapping):
        return entry.get(name)
    return getattr(entry, name, None)


def _is_relation(entry: Any) -> bool:
    """Relations have ``source``, ``target`` and ``type``; actors (records or graph nodes) have ``kind``."""
    return _field(entry, "kind") is None and _field(entry, "type") is not None and _field(entry, "target") is not None


def _safe_url(raw: str) -> str | None:
    parts = urlsplit(raw)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return quote(raw, safe=_URL_SAFE)


def _short_segment(segment: str) -> str:
    text = unquote(segment)
    return text if len(text) <= SEGMENT_LIMIT else text[: SEGMENT_LIMIT - 1] + "…"


def _link_text(url: str) -> str:
    """``https://www.halle.de/a/b/c.html?x=1`` → ``halle.de/…/c.html``."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    segments = [s for s in parts.path.split("/") if s]
    if not segments:
        return host
    if len(segments) == 1:
        return f"{host}/{_short_segment(segments[0])}"
    return f"{host}/…/{_short_segment(segments[-1])}"


def _note(text: str, url: str) -> str | None:
    rest = " ".join(text.replace(url, " ").split())
    rest = rest.strip(" –-:;,")
    if rest.startswith("(") and rest.endswith(")") and rest.count("(") == 1:
        rest = rest[1:-1].strip()
    return rest or None


def _source(value: str) -> Provenance:
    text = " ".join(value.split())
    match = _URL.search(text)
    raw = match.group(0).rstrip(_TRAILING) if match else None
    url = _safe_url(raw) if raw else None
    if raw is None or url is None:
        return Provenance("source", False, SOURCE_PREFIX + text, text)
    link_text, note = _link_text(raw), _note(text, raw)
    shown = f"{link_text} ({note})" if note else link_text
    return Provenance("source", False, SOURCE_PREFIX + shown, text, url, link_text, note)


def is_demo(value: object) -> bool:
    """Whether a ``provenance`` value marks an invented entry: the word ``demo``, surrounding blanks ignored.

    The one rule for "invented" that the source checks, the labels and every page share.

    Parameters
    ----------
    value : object
        The raw ``provenance`` value of an actor or relation (text, None or anything YAML produced).

    Returns
    -------
    bool
        True for ``"demo"`` and ``" demo "``, False for sources, blanks, None and non-text.

    Examples
    --------
    >>> is_demo("demo"), is_demo(" demo "), is_demo("https://halle.de"), is_demo(None)
    (True, True, False, False)
    """
    return isinstance(value, str) and value.strip() == DEMO


def provenance(entry: Any, relation: bool | None = None) -> Provenance:
    """Where ``entry`` comes from, with its German mark.

    Parameters
    ----------
    entry : Actor, Relation or mapping
        An actor or relation record, or the attributes of a graph node or edge (:func:`graph.build_graph`).
        Relations are told apart by ``type`` and ``target`` without ``kind``.
    relation : bool, optional
        Say whether ``entry`` is a relation instead of guessing it from the fields (edge attributes of a
        hand-built graph may lack ``type``).

    Returns
    -------
    Provenance
        Status, whether it counts as invented, the German label and the source's link parts.

    Examples
    --------
    >>> from graph.data.model import Actor, Relation
    >>> provenance(Actor("a", "A", "schule", provenance="demo")).label
    'Erfundener Demo-Eintrag'
    >>> p = provenance({"kind": "traeger", "provenance": "https://www.villajuehling.de (Seite Schulsozialarbeit)"})
    >>> p.label, p.url, p.link_text, p.note
    ('Quelle: villajuehling.de (Seite Schulsozialarbeit)', 'https://www.villajuehling.de', 'villajuehling.de', 'Seite Schulsozialarbeit')
    >>> provenance({"kind": "amt", "provenance": "halle.de (Jugendhilfeausschuss)"}).label
    'Quelle: halle.de (Jugendhilfeausschuss)'
    >>> r = provenance(Relation("r", "a", "b", "kooperation"))
    >>> r.invented, r.label
    (True, 'Ohne Quelle – gilt als erfunden')
    """
    value = _field(entry, "provenance")
    relation = _is_relation(entry) if relation is None else relation
    if is_demo(value):
        return Provenance("demo", True, LABEL_RELATION_DEMO if relation else LABEL_ACTOR_DEMO)
    if not isinstance(value, str) or not value.strip():
        return Provenance("none", relation, LABEL_RELATION_NONE if relation else LABEL_ACTOR_NONE)
    return _source(value)


def provenance_label(entry: Any, relation: bool | None = None) -> str:
    """The German one-line mark of where ``entry`` comes from (see :func:`provenance` for the rule).

    Use it wherever an actor or relation is shown as plain text: tooltips, table cells, cards, handouts.
    ``relation`` as in :func:`provenance`.

    Parameters
    ----------
    entry : Actor, Relation or mapping
        An actor or relation record, or the attributes of a graph node or edge.
    relation : bool, optional
        Whether ``entry`` is a relation; guessed from its fields when None (see :func:`provenance`).

    Returns
    -------
    str
        The :attr:`Provenance.label`, e.g. „Erfundener Demo-Eintrag“ or „Quelle: halle.de/…/schulabsentismus“.

    Examples
    --------
    >>> provenance_label({"source": "a", "target": "b", "type": "kooperation", "provenance": "demo"})
    'Erfundene Demo-Beziehung'
    >>> provenance_label({"kind": "schule", "provenance": "https://halle.de/leben-in-halle/bildung/schulabsentismus"})
    'Quelle: halle.de/…/schulabsentismus'
    >>> provenance_label({"kind": "schule"})
    'Ohne Quellenangabe'
    """
    return provenance(entry, relation).label
