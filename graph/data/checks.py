"""Checks across entries and files: ids, references, vocabulary, relation rules, freshness."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from graph.data.convert import Entry
from graph.data.freshness import is_stale
from graph.data.model import AREA_LISTS, Actor, Relation, Vocabulary
from graph.data.problems import Problem
from graph.data.schema import AREA, Field
from graph.data.schoolyear import de_day
from graph.data.sourcerules import check_fictional_phone
from graph.data.suggest import did_you_mean

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


@dataclass
class CheckContext:
    """What the cross-checks need to know about the whole data set."""

    vocabulary: Vocabulary
    actor_kinds: dict[str, str]
    vocabulary_readable: bool = True
    actors_readable: bool = True
    _allowed: dict[str, set[str]] = field(default_factory=dict)

    def allowed(self, vocab: str) -> set[str]:
        """Ids allowed for a vocabulary reference, computed once per list (checks run per value).

        Parameters
        ----------
        vocab : str
            A field's ``vocab``: a vocabulary list name, or ``@area`` for the ids allowed in ``service_area``.

        Returns
        -------
        set of str
            The term ids of that list (empty when the vocabulary lacks it); for ``@area`` ``stadtweit``
            plus the ids of every area list. The cached set itself, so callers must not change it.
        """
        if vocab not in self._allowed:
            ids = self.vocabulary.area_ids() if vocab == AREA else set(self.vocabulary.terms(vocab))
            self._allowed[vocab] = ids
        return self._allowed[vocab]

    def open_list(self, f: Field) -> bool:
        """True when ``f`` takes free text because the vocabulary lacks its optional list.

        Parameters
        ----------
        f : Field
            A field with a ``vocab`` reference.

        Returns
        -------
        bool
            ``f.vocab_optional`` is set and the list ``f.vocab`` is missing or empty in the vocabulary.
        """
        return f.vocab_optional and not self.vocabulary.terms(str(f.vocab))


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


_Plan = tuple[tuple[Field, "_Plan | None"], ...]


@functools.lru_cache(maxsize=64)
def _plan(fields: tuple[Field, ...]) -> _Plan:
    """The fields of ``fields`` that hold references, nested groups with their own plan.

    Worked out once per field table, so checking an entry only visits reference fields. A pure
    function of an immutable table, so its cache may be shared; asked once per list of entries,
    not per entry, because hashing a table of fields costs more than checking an entry.
    """
    plan: list[tuple[Field, _Plan | None]] = []
    for f in fields:
        if f.fields:
            nested = _plan(f.fields)
            if nested:
                plan.append((f, nested))
        elif f.vocab:
            plan.append((f, None))
    return tuple(plan)


def _references(plan: _Plan, values: dict[str, object], prefix: str = "") -> Iterator[tuple[str, Field, object]]:
    """Yield ``(path, field, value)`` for every vocabulary or actor reference in an entry."""
    for f, nested in plan:
        value = values.get(f.name)
        if value is None:
            continue
        if nested is not None:
            if isinstance(value, dict):
                yield from _references(nested, value, prefix + f.name + ".")
        elif isinstance(value, tuple):
            yield from ((f"{prefix}{f.name}.{i}", f, v) for i, v in enumerate(value))
        else:
            yield prefix + f.name, f, value


def _unknown_term(file: str, entry: Entry, path: str, f: Field, value: str, ctx: CheckContext) -> Problem | None:
    vocab = ctx.vocabulary
    if f.vocab == "@actor":
        if value in ctx.actor_kinds or not ctx.actors_readable:
            return None
        return _problem(
            file,
            entry,
            path,
            "unknown-actor",
            f"'{f.name}' verweist auf '{value}', das es in actors.yaml nicht gibt.",
            did_you_mean(value, ctx.actor_kinds) or "Legen Sie den Akteur an oder korrigieren Sie die Kennung.",
        )
    if not ctx.vocabulary_readable:
        return None  # the vocabulary file itself is broken: its problem is reported once, not per use
    assert f.vocab is not None
    allowed = ctx.allowed(f.vocab)
    if value in allowed or ctx.open_list(f):
        return None
    if f.vocab == AREA:
        labels = {t.label: t.id for n in AREA_LISTS for t in vocab.terms(n).values()}
        list_name = ", ".join(AREA_LISTS) + " oder 'stadtweit'"
    else:
        labels = {t.label: t.id for t in vocab.terms(f.vocab).values()}
        # legal bases are also written as „SGB VIII § 13a“ or „§ 13a SGB VIII“
        labels |= {f"{t.law} {t.paragraph}": t.id for t in vocab.terms(f.vocab).values() if t.law and t.paragraph}
        labels |= {f"{t.paragraph} {t.law}": t.id for t in vocab.terms(f.vocab).values() if t.law and t.paragraph}
        list_name = f.vocab
    hint = (
        did_you_mean(value, allowed, labels)
        or f"Neue Begriffe werden in data/vocabulary.yaml unter '{list_name}' ergänzt."
    )
    return _problem(
        file, entry, path, "unknown-term", f"'{value}' ist kein Begriff der Liste {list_name} (Feld '{f.name}').", hint
    )


def _all_known(plan: _Plan, values: dict[str, Any], ctx: CheckContext) -> bool:
    """True when every reference in ``values`` names a known actor or term."""
    for f, nested in plan:
        value = values.get(f.name)
        if value is None:
            continue
        if nested is not None:
            if isinstance(value, dict) and not _all_known(nested, value, ctx):
                return False
            continue
        if ctx.open_list(f):
            continue
        known = ctx.actor_kinds if f.vocab == "@actor" else ctx.allowed(str(f.vocab))
        if isinstance(value, tuple):
            if not all(v in known for v in value):
                return False
        elif value not in known:
            return False
    return True


def check_vocab_refs(
    file: str, entries: Iterable[Entry], fields: tuple[Field, ...], ctx: CheckContext
) -> list[Problem]:
    """Report references to actors or vocabulary terms that do not exist, in every entry of one list.

    Parameters
    ----------
    file : str
        File name given to each problem.
    entries : iterable of Entry
        The converted entries of the list.
    fields : tuple of Field
        The field table of the list (e.g. :data:`graph.data.schema.RELATION_FIELDS`); only fields with a
        ``vocab`` and nested groups holding such fields are visited.
    ctx : CheckContext
        Vocabulary and actor ids to check against. Unknown actors are not reported when
        ``actors_readable`` is false, unknown terms not when ``vocabulary_readable`` is false; fields of an
        optional list the vocabulary lacks (:meth:`CheckContext.open_list`) take any value.

    Returns
    -------
    list of Problem
        One ``unknown-actor`` or ``unknown-term`` error per unknown value (each list item on its own),
        in entry order, with a "did you mean" hint when a close id or label exists.

    Examples
    --------
    >>> import yaml
    >>> from graph.data.model import Term
    >>> from graph.data.schema import RELATION_FIELDS
    >>> ctx = CheckContext(Vocabulary({"relation_types": {"kooperation": Term("kooperation", "Kooperation")}}),
    ...     {"a": "schule", "b": "traeger"})
    >>> ok = Entry({"source": "a", "target": "b", "type": "kooperation"}, {"": yaml.Mark("r", 0, 0, 0, "", 0)})
    >>> bad = Entry({"source": "a", "target": "c", "type": "kooperatoin"}, {"": yaml.Mark("r", 0, 4, 2, "", 0)})
    >>> [(p.line, p.code, p.hint) for p in check_vocab_refs("r.yaml", [ok, bad], RELATION_FIELDS, ctx)]
    [(5, 'unknown-actor', 'Legen Sie den Akteur an oder korrigieren Sie die Kennung.'), (5, 'unknown-term', "Meinten Sie 'kooperation'?")]
    """
    plan = _plan(fields)
    problems = []
    for entry in entries:
        if _all_known(plan, entry.values, ctx):  # almost every entry: no paths, no messages
            continue
        for path, f, value in _references(plan, entry.values):
            problem = _unknown_term(file, entry, path, f, str(value), ctx)
            if problem:
                problems.append(problem)
    return problems


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
