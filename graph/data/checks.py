"""Checks across entries and files: ids, actor and relation rules, freshness.

References to actors and vocabulary terms are checked in :mod:`graph.data.vocabrefs` (re-exported here).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from graph.data.convert import Entry
from graph.data.freshness import is_stale
from graph.data.model import Actor, Relation, Vocabulary
from graph.data.problems import Problem
from graph.data.schoolyear import de_day
from graph.data.sourcerules import check_fictional_phone
from graph.data.suggest import did_you_mean
from graph.data.vocabrefs import CheckContext, check_vocab_refs

__all__ = [
    "CheckContext",
    "check_actor",
    "check_duplicate_ids",
    "check_relation",
    "check_relation_ends",
    "check_vocab_refs",
    "freshness",
    "relation_key",
]


def _problem(file: str, entry: Entry, path: str, code: str, message: str, hint: str = "") -> Problem:
    line, column = entry.where(path)
    return Problem(file, line, column, code, message, hint)


def check_duplicate_ids(file: str, entries: list[Entry], what: str) -> Iterator[Problem]:
    """Report every id used a second time in one list.

    Parameters
    ----------
    file : str
        File name given to each problem.
    entries : list of Entry
        The converted entries of the list; entries without ``id`` are skipped.
    what : str
        German noun for one entry, used in the message (e.g. ``Akteur``).

    Yields
    ------
    Problem
        One ``duplicate-id`` error per repeated id, at the repeat's ``id``; the message names the line of
        the first use.

    Examples
    --------
    >>> import yaml
    >>> mark = yaml.Mark("a", 0, 2, 0, "", 0)
    >>> entries = [Entry({"id": "x"}, {"": mark}), Entry({"id": "y"}, {"": mark}), Entry({"id": "x"}, {"": mark})]
    >>> [(p.code, p.line) for p in check_duplicate_ids("a.yaml", entries, "Akteur")]
    [('duplicate-id', 3)]
    """
    first: dict[str, int] = {}
    for entry in entries:
        entry_id = entry.values.get("id")
        if entry_id is None:
            continue
        if entry_id in first:
            yield _problem(
                file,
                entry,
                "id",
                "duplicate-id",
                f"Die Kennung '{entry_id}' ist schon vergeben ({what} in Zeile {first[entry_id]}).",
                "Jede Kennung darf nur einmal vorkommen: wählen Sie eine andere oder führen Sie die Einträge zusammen.",
            )
        else:
            first[entry_id] = entry.where("id")[0]


def check_actor(file: str, entry: Entry, ctx: CheckContext) -> Iterator[Problem]:
    """Rules for one actor beyond field types.

    Checks that a school's ``subtype`` is in ``school_types`` (only when the vocabulary was readable),
    that ``age_min`` is not above ``age_max``, that ``address.postcode`` has five digits, that
    ``contact.email`` looks like an e-mail address and ``contact.web`` starts with ``http(s)://``,
    and applies :func:`graph.data.sourcerules.check_fictional_phone`.

    Parameters
    ----------
    file : str
        File name given to each problem.
    entry : Entry
        One converted actor entry.
    ctx : CheckContext
        Supplies the ``school_types`` list and whether the vocabulary was readable.

    Yields
    ------
    Problem
        ``unknown-term`` and ``invalid-value`` errors, and the warnings of ``check_fictional_phone``.

    Examples
    --------
    >>> import yaml
    >>> values = {"kind": "traeger", "target_groups": {"age_min": 12, "age_max": 6}, "contact": {"web": "x.de"}}
    >>> entry = Entry(values, {"": yaml.Mark("a", 0, 0, 0, "", 0)})
    >>> [p.message for p in check_actor("a.yaml", entry, CheckContext(Vocabulary(), {}))]
    ['Das Höchstalter 6 liegt unter dem Mindestalter 12.', "'x.de' ist keine Webadresse."]
    """
    values = entry.values
    subtype = values.get("subtype")
    school_types = ctx.vocabulary.terms("school_types")
    if (
        values.get("kind") == "schule"
        and subtype is not None
        and ctx.vocabulary_readable
        and subtype not in school_types
    ):
        labels = {t.label: t.id for t in school_types.values()}
        yield _problem(
            file,
            entry,
            "subtype",
            "unknown-term",
            f"'{subtype}' ist keine Schulform der Liste school_types.",
            did_you_mean(subtype, school_types, labels) or "Schulformen stehen in data/vocabulary.yaml.",
        )
    groups = values.get("target_groups", {})
    if groups.get("age_min", 0) > groups.get("age_max", 99):
        yield _problem(
            file,
            entry,
            "target_groups.age_max",
            "invalid-value",
            f"Das Höchstalter {groups['age_max']} liegt unter dem Mindestalter {groups['age_min']}.",
            "Vertauschen Sie die beiden Werte.",
        )
    yield from _check_contact(file, entry)
    yield from check_fictional_phone(file, entry)


def _check_contact(file: str, entry: Entry) -> Iterator[Problem]:
    postcode = entry.values.get("address", {}).get("postcode")
    if postcode is not None and not (len(postcode) == 5 and postcode.isdigit()):
        yield _problem(
            file,
            entry,
            "address.postcode",
            "invalid-value",
            f"Die Postleitzahl '{postcode}' hat nicht fünf Ziffern.",
            'Schreiben Sie z. B. postcode: "06114".',
        )
    contact = entry.values.get("contact", {})
    email = contact.get("email")
    if email is not None and ("@" not in email or " " in email.strip()):
        yield _problem(
            file,
            entry,
            "contact.email",
            "invalid-value",
            f"'{email}' ist keine E-Mail-Adresse.",
            "Schreiben Sie sie in der Form name@beispiel.de.",
        )
    web = contact.get("web")
    if web is not None and not web.startswith(("https://", "http://")):
        yield _problem(
            file,
            entry,
            "contact.web",
            "invalid-value",
            f"'{web}' ist keine Webadresse.",
            f"Schreiben Sie sie mit https://, z. B. https://{web}.",
        )


def check_relation(file: str, entry: Entry) -> Iterator[Problem]:
    """Rules for one relation on its own: not a self-relation, dates in order.

    Parameters
    ----------
    file : str
        File name given to each problem.
    entry : Entry
        One converted relation entry.

    Yields
    ------
    Problem
        A ``self-relation`` error when ``source`` equals ``target``, a ``date-order`` error when
        ``until`` lies before ``since``.

    Examples
    --------
    >>> import yaml
    >>> values = {"source": "a", "target": "a", "since": dt.date(2025, 1, 1), "until": dt.date(2024, 1, 1)}
    >>> [p.code for p in check_relation("r.yaml", Entry(values, {"": yaml.Mark("r", 0, 0, 0, "", 0)}))]
    ['self-relation', 'date-order']
    """
    values = entry.values
    source, target = values.get("source"), values.get("target")
    if source is not None and source == target:
        yield _problem(
            file,
            entry,
            "target",
            "self-relation",
            f"Die Beziehung verbindet '{source}' mit sich selbst.",
            "Prüfen Sie source und target.",
        )
    since, until = values.get("since"), values.get("until")
    if since and until and until < since:
        yield _problem(
            file,
            entry,
            "until",
            "date-order",
            f"Das Ende {de_day(until)} liegt vor dem Beginn {de_day(since)}.",
            "Prüfen Sie since und until; vielleicht sind sie vertauscht.",
        )


def check_relation_ends(file: str, entry: Entry, ctx: CheckContext) -> Iterator[Problem]:
    """The actor kinds at both ends must be ones the relation type allows.

    Parameters
    ----------
    file : str
        File name given to each problem.
    entry : Entry
        One converted relation entry.
    ctx : CheckContext
        Supplies the relation types and the kind of every actor.

    Yields
    ------
    Problem
        A ``kind-mismatch`` error per end whose actor kind the type's ``source_kinds`` or
        ``target_kinds`` does not list. Nothing for an unknown type, an unknown actor, or a type
        without kind restrictions.

    Examples
    --------
    >>> import yaml
    >>> from graph.data.model import Term
    >>> ssa = Term("schulsozialarbeit", "Schulsozialarbeit", source_kinds=("traeger",), target_kinds=("schule",))
    >>> ctx = CheckContext(Vocabulary({"relation_types": {"schulsozialarbeit": ssa}}), {"a": "schule", "b": "schule"})
    >>> entry = Entry({"source": "a", "target": "b", "type": "schulsozialarbeit"}, {"": yaml.Mark("r", 0, 0, 0, "", 0)})
    >>> [(p.code, p.message) for p in check_relation_ends("r.yaml", entry, ctx)]
    [('kind-mismatch', "'Schulsozialarbeit' erlaubt als source nur traeger, aber 'a' ist schule.")]
    """
    values = entry.values
    rel_type = ctx.vocabulary.terms("relation_types").get(str(values.get("type")))
    if rel_type is None:
        return
    for end, allowed_field in (("source", rel_type.source_kinds), ("target", rel_type.target_kinds)):
        actor_kind = ctx.actor_kinds.get(str(values.get(end)))
        if actor_kind is not None and allowed_field and actor_kind not in allowed_field:
            allowed = ", ".join(allowed_field)
            yield _problem(
                file,
                entry,
                end,
                "kind-mismatch",
                f"'{rel_type.label}' erlaubt als {end} nur {allowed}, "
                f"aber '{values[end]}' ist {ctx.vocabulary.label('actor_kinds', actor_kind)}.",
                "Prüfen Sie die Richtung der Beziehung oder wählen Sie eine andere Beziehungsart.",
            )


def relation_key(relation: Relation, vocabulary: Vocabulary) -> tuple[object, ...]:
    """Identity of a relation for duplicate detection; undirected types ignore direction.

    Parameters
    ----------
    relation : Relation
        The relation.
    vocabulary : Vocabulary
        Supplies ``relation_types``; a type missing there counts as directed.

    Returns
    -------
    tuple
        ``(source, target, type, since, until)``, with source and target sorted for undirected types.

    Examples
    --------
    >>> from graph.data.model import Term
    >>> vocabulary = Vocabulary({"relation_types": {"kooperation": Term("kooperation", "Kooperation")}})
    >>> relation_key(Relation("r1", "b", "a", "kooperation"), vocabulary)
    ('a', 'b', 'kooperation', None, None)
    """
    rel_type = vocabulary.terms("relation_types").get(relation.type)
    ends: tuple[str, ...] = (relation.source, relation.target)
    if rel_type is not None and not rel_type.directed:
        ends = tuple(sorted(ends))
    return (*ends, relation.type, relation.since, relation.until)


def freshness(file: str, entry: Entry, today: dt.date, record: Actor | Relation) -> Iterator[Problem]:
    """Warnings: not verified for a year, relation ended, actor without contact.

    Parameters
    ----------
    file : str
        File name given to each problem.
    entry : Entry
        The converted entry, for line and column.
    today : datetime.date
        The reference day.
    record : Actor or Relation
        The model record built from ``entry``.

    Yields
    ------
    Problem
        Warnings (level ``warning``): ``stale-entry`` when :func:`graph.data.freshness.is_stale`,
        ``relation-ended`` for a relation whose ``until`` lies before ``today``, ``missing-contact`` for an
        actor without contact or with an empty one.

    Examples
    --------
    >>> import yaml
    >>> entry = Entry({}, {"": yaml.Mark("r", 0, 0, 0, "", 0)})
    >>> ended = Relation("r", "a", "b", "kooperation", until=dt.date(2025, 1, 1), verified=dt.date(2024, 1, 1))
    >>> [(p.code, p.level) for p in freshness("r.yaml", entry, dt.date(2026, 1, 1), ended)]
    [('stale-entry', 'warning'), ('relation-ended', 'warning')]
    >>> [p.code for p in freshness("a.yaml", entry, dt.date(2026, 1, 1), Actor("a", "A", "schule"))]
    ['missing-contact']
    """

    def warn(path: str, code: str, message: str, hint: str) -> Problem:
        line, column = entry.where(path)
        return Problem(file, line, column, code, message, hint, "warning")

    if record.verified is not None and is_stale(record.verified, today):
        yield warn(
            "verified",
            "stale-entry",
            f"Zuletzt geprüft am {de_day(record.verified)}, vor mehr als 12 Monaten.",
            "Prüfen Sie die Angaben und setzen Sie verified auf das heutige Datum.",
        )
    if isinstance(record, Relation) and record.until is not None and record.until < today:
        yield warn(
            "until",
            "relation-ended",
            f"Die Beziehung ist seit {de_day(record.until)} beendet.",
            "Bleibt sie als Geschichte stehen, ist nichts zu tun; sonst until anpassen.",
        )
    if isinstance(record, Actor) and (record.contact is None or record.contact.is_empty()):
        yield warn(
            "",
            "missing-contact",
            f"'{record.name}' hat keine Kontaktangabe (Telefon, E-Mail oder Web).",
            "Ergänzen Sie contact mit einer dienstlichen Telefonnummer, E-Mail oder Webseite.",
        )
