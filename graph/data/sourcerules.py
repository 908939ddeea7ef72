"""Rules that keep invented and sourced entries apart: sources of relations, fictional phone numbers.

The bundled data mixes real organisations (each cites a public source in ``provenance``) with invented
ones (``provenance: demo``). Two rules stop the invented part from passing as fact:

- A relation between two real organisations must itself cite a source (``relation-unsourced``): that two
  organisations exist is public, that they work together usually is not.
- An invented relation (``provenance: demo``) may only connect invented actors (``demo-relation-real-actor``),
  otherwise the map and the referral would show an invented tie of a real organisation. A relation that
  touches an invented actor is invented, whatever its own ``provenance`` says, so it may not touch a
  sourced one.

A third rule is a warning: an invented actor's phone number must come from the ranges the Bundesnetzagentur
keeps free for film, television and examples (Mitteilung 148/2021), so that nobody dials a real line
(``phone-not-fictional``). No such range exists for Halle (0345); „0345 555 …“ can be a real number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from graph.data.convert import Entry
from graph.data.model import Actor
from graph.data.problems import Problem
from graph.data.provenance import is_demo

__all__ = [
    "FICTIONAL_PHONE_RANGES",
    "check_fictional_phone",
    "check_relation_sources",
    "is_fictional_phone",
    "is_sourced",
    "normalise_phone",
]

#: Blocks of 1,000 numbers reserved for fiction (Bundesnetzagentur, Mitteilung 148/2021), as written.
FICTIONAL_PHONE_RANGES = (
    "030 23125 000–999",
    "069 90009 000–999",
    "040 66969 000–999",
    "0221 4710 000–999",
    "089 99998 000–999",
)
_FICTIONAL = re.compile(r"^(?:03023125|06990009|04066969|02214710|08999998)\d{3}$")
_SEPARATORS = re.compile(r"[\s\-/().]")


def normalise_phone(phone: str) -> str:
    """The digits of a German phone number with the national ``0`` prefix.

    Spaces, dashes, slashes, dots and brackets go; ``+49`` or ``0049`` become ``0``.

    Parameters
    ----------
    phone : str
        A phone number as written in the data, e.g. ``"0345 555 01 23"`` or ``"+49 (30) 23125-123"``.

    Returns
    -------
    str
        The number without separators; other characters (letters, ``+`` of other countries) stay as written.

    Examples
    --------
    >>> normalise_phone("+49 (30) 23125-123"), normalise_phone("0049 221/4710 000")
    ('03023125123', '02214710000')
    """
    digits = _SEPARATORS.sub("", phone)
    for prefix in ("+49", "0049"):
        if digits.startswith(prefix):
            rest = digits[len(prefix) :]
            return rest if rest.startswith("0") else "0" + rest
    return digits


def is_fictional_phone(phone: str) -> bool:
    """True when ``phone`` lies in one of :data:`FICTIONAL_PHONE_RANGES`.

    Parameters
    ----------
    phone : str
        A phone number in any writing :func:`normalise_phone` understands.

    Returns
    -------
    bool
        True when the normalised number is one of the 5 × 1,000 numbers kept free for fiction.

    Examples
    --------
    >>> is_fictional_phone("030 23125 101"), is_fictional_phone("0345 555 01 23")
    (True, False)
    >>> is_fictional_phone("089 99998 1000")
    False
    """
    return bool(_FICTIONAL.match(normalise_phone(phone)))


def is_sourced(provenance: object) -> bool:
    """True when ``provenance`` cites a source: any text other than ``demo``.

    Parameters
    ----------
    provenance : object
        The ``provenance`` value of an actor or relation (normally str or None).

    Returns
    -------
    bool
        False for None, non-text, blank text and exactly ``demo`` (after stripping whitespace).

    Examples
    --------
    >>> is_sourced("https://halle.de"), is_sourced("demo"), is_sourced(None), is_sourced("  ")
    (True, False, False, False)
    """
    return isinstance(provenance, str) and bool(provenance.strip()) and not is_demo(provenance)


def _where(file: str, entry: Entry, path: str) -> tuple[str, int, int]:
    line, column = entry.where(path)
    return file, line, column


def check_relation_sources(file: str, entry: Entry, actors: Mapping[str, Actor]) -> Iterator[Problem]:
    """Report relations that would show an invented tie of a real organisation as a fact.

    Parameters
    ----------
    file : str
        Path of ``relations.yaml`` as shown in problems.
    entry : graph.data.convert.Entry
        One converted relation.
    actors : mapping of str to Actor
        The actors read from ``actors.yaml``; unknown ends are left to ``unknown-actor``.

    Yields
    ------
    Problem
        ``relation-unsourced`` when both ends are real (sourced) and the relation names no source;
        ``demo-relation-real-actor`` when an invented relation touches an actor that is not invented, or
        when any relation connects an invented actor with a real (sourced) one.

    Examples
    --------
    >>> from graph.data.convert import Converter
    >>> from graph.data.schema import RELATION_FIELDS
    >>> from graph.data.yamlread import read_yaml
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "relations.yaml"
    >>> _ = path.write_text("- {source: a, target: b, type: kooperation, provenance: demo}", encoding="utf-8")
    >>> entry = Converter("r.yaml").entries(read_yaml(path, "r.yaml").node, RELATION_FIELDS, "Beziehung")[0]
    >>> actors = {"a": Actor("a", "A", "schule", provenance="demo"), "b": Actor("b", "B", "traeger", provenance="x")}
    >>> [(p.code, p.line, p.column) for p in check_relation_sources("r.yaml", entry, actors)]
    [('demo-relation-real-actor', 1, 23)]
    """
    values = entry.values
    ends = [(end, actors.get(str(values.get(end)))) for end in ("source", "target")]
    known = [(end, actor) for end, actor in ends if actor is not None]
    provenance = values.get("provenance")
    if len(known) == 2 and all(is_sourced(actor.provenance) for _, actor in known) and not is_sourced(provenance):
        names = " und ".join(f"'{actor.id}'" for _, actor in known)
        yield Problem(
            *_where(file, entry, "provenance" if provenance is not None else ""),
            "relation-unsourced",
            f"Die Beziehung verbindet zwei reale Organisationen ({names}), nennt aber keine Quelle.",
            "Tragen Sie in provenance die öffentliche Quelle (Webadresse) ein, die diese Verbindung belegt, "
            "oder löschen Sie die Beziehung.",
        )
        return
    if is_demo(provenance):
        for end, actor in known:
            if not is_demo(actor.provenance):
                yield Problem(
                    *_where(file, entry, end),
                    "demo-relation-real-actor",
                    f"Die erfundene Beziehung (provenance: demo) verbindet '{actor.id}', einen nicht erfundenen "
                    "Akteur; erfundene Beziehungen dürfen nur erfundene Akteure verbinden.",
                    "Verbinden Sie erfundene Akteure (provenance: demo) miteinander oder tragen Sie in provenance "
                    "die öffentliche Quelle ein, die diese Verbindung belegt.",
                )
        return
    # A tie to an invented actor is invented whatever the relation itself says: no source can state it, so a
    # real (sourced) organisation on the other end would carry an invented fact.
    invented = [actor for _, actor in known if is_demo(actor.provenance)]
    if not invented:
        return
    for end, actor in known:
        if is_sourced(actor.provenance):
            yield Problem(
                *_where(file, entry, end),
                "demo-relation-real-actor",
                f"Die Beziehung verbindet den erfundenen Akteur '{invented[0].id}' mit '{actor.id}', einer realen "
                "Organisation mit Quelle; eine Beziehung zu einem erfundenen Akteur ist selbst erfunden und darf nur "
                "erfundene Akteure verbinden.",
                "Verbinden Sie den erfundenen Akteur nur mit erfundenen Akteuren (provenance: demo an Akteuren "
                "und Beziehung) oder ersetzen Sie ihn durch die reale Organisation mit ihrer Quelle.",
            )


def check_fictional_phone(file: str, entry: Entry) -> Iterator[Problem]:
    """Warn when an invented actor (``provenance: demo``) has a phone number outside the fictional ranges.

    Parameters
    ----------
    file : str
        Path of ``actors.yaml`` as shown in problems.
    entry : graph.data.convert.Entry
        One converted actor.

    Yields
    ------
    Problem
        At most one ``phone-not-fictional`` warning, placed at ``contact.phone``; nothing for an actor that
        is not invented or has no phone.

    Examples
    --------
    >>> from graph.data.convert import Converter
    >>> from graph.data.schema import ACTOR_FIELDS
    >>> from graph.data.yamlread import read_yaml
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "actors.yaml"
    >>> text = '- {id: a, name: A, kind: schule, provenance: demo, contact: {phone: "0345 555 01 23"}}'
    >>> _ = path.write_text(text, encoding="utf-8")
    >>> entry = Converter("a.yaml").entries(read_yaml(path, "a.yaml").node, ACTOR_FIELDS, "Akteur")[0]
    >>> [(p.code, p.level, p.column) for p in check_fictional_phone("a.yaml", entry)]
    [('phone-not-fictional', 'warning', 69)]
    """
    phone = entry.values.get("contact", {}).get("phone")
    if not is_demo(entry.values.get("provenance")) or not phone or is_fictional_phone(phone):
        return
    yield Problem(
        *_where(file, entry, "contact.phone"),
        "phone-not-fictional",
        f"Die Telefonnummer '{phone}' eines erfundenen Eintrags liegt in keinem Nummernbereich, der für "
        "Filme und Beispiele frei gehalten wird; sie kann einem echten Anschluss gehören.",
        "Nehmen Sie eine Nummer aus " + ", ".join(FICTIONAL_PHONE_RANGES[:-1]) + f" oder {FICTIONAL_PHONE_RANGES[-1]}"
        " (Bundesnetzagentur, Mitteilung 148/2021) oder lassen Sie phone weg.",
        "warning",
    )
