"""Rules for the planning fields: positions (``fte``) of school social work and BbA grants.

The planning views (:mod:`graph.planning`) count school social work per school year in full-time
equivalents and BbA grants per school and school year. What they rely on is checked here, line-precise:

- ``fte`` is greater than 0 and at most :data:`MAX_FTE`, and only on ``schulsozialarbeit`` (``invalid-fte``);
- a BbA grant (``foerderung`` with ``funding.programme: bba``) names an amount above 0 (``bba-amount``);
- it has a ``since`` and ends (``until``) in the school year it starts in (``bba-school-year``), so it belongs
  to exactly one school year;
- it belongs to exactly one school: its target is a school, or a project with a relation to exactly one
  school (``bba-school``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from graph.data.convert import Entry
from graph.data.problems import Problem
from graph.data.schoolyear import de_day, school_year_of

__all__ = [
    "BBA",
    "GRANT",
    "MAX_FTE",
    "PROJECT",
    "SCHOOL",
    "SCHOOL_SOCIAL_WORK",
    "check_bba_schools",
    "check_plan_fields",
    "grant_school_candidates",
    "is_bba_grant",
]

#: Most full-time equivalents one school social work relation may carry.
MAX_FTE = 3
#: Funding programme id of the bildungsbezogene Angebote.
BBA = "bba"
GRANT = "foerderung"
SCHOOL_SOCIAL_WORK = "schulsozialarbeit"
SCHOOL = "schule"
PROJECT = "projekt"


def _at(file: str, entry: Entry, path: str, code: str, message: str, hint: str) -> Problem:
    line, column = entry.where(path)
    return Problem(file, line, column, code, message, hint)


def is_bba_grant(values: Mapping[str, object]) -> bool:
    """True for a BbA grant: a ``foerderung`` whose ``funding.programme`` is ``bba``.

    Parameters
    ----------
    values : mapping
        The converted values of one relation entry.

    Returns
    -------
    bool

    Examples
    --------
    >>> is_bba_grant({"type": "foerderung", "funding": {"programme": "bba"}})
    True
    >>> is_bba_grant({"type": "kooperation", "funding": {"programme": "bba"}}), is_bba_grant({"type": "foerderung"})
    (False, False)
    """
    funding = values.get("funding")
    return values.get("type") == GRANT and isinstance(funding, dict) and funding.get("programme") == BBA


def _check_fte(file: str, entry: Entry) -> Iterator[Problem]:
    fte = entry.values.get("fte")
    if fte is None:
        return
    if entry.values.get("type") != SCHOOL_SOCIAL_WORK:
        yield _at(
            file,
            entry,
            "fte",
            "invalid-fte",
            "Ein Stellenumfang (fte) gehört nur an eine Beziehung der Art schulsozialarbeit.",
            "Löschen Sie fte oder prüfen Sie die Beziehungsart.",
        )
    elif not 0 < fte <= MAX_FTE:
        yield _at(
            file,
            entry,
            "fte",
            "invalid-fte",
            f"Der Stellenumfang fte ist {fte:g}; erlaubt ist mehr als 0 und höchstens {MAX_FTE} Vollzeitstellen.",
            "Schreiben Sie die Vollzeitäquivalente als Zahl mit Punkt, z. B. fte: 0.5 für eine halbe Stelle.",
        )


def _check_bba(file: str, entry: Entry) -> Iterator[Problem]:
    values = entry.values
    amount = values["funding"].get("amount")
    # An amount that is there but no number already has its wrong-type error; "keinen Betrag" would be false.
    unreadable = amount is None and "funding.amount" in entry.marks
    if not unreadable and (amount is None or amount <= 0):
        shown = "keinen Betrag" if amount is None else f"den Betrag {amount:g}"
        yield _at(
            file,
            entry,
            "funding.amount",
            "bba-amount",
            f"Die BbA-Förderung nennt {shown}; sie braucht einen Betrag größer als 0.",
            "Tragen Sie den bewilligten Betrag in Euro ein, z. B. funding: {programme: bba, amount: 1800}.",
        )
    since, until = values.get("since"), values.get("until")
    if since is None:
        yield _at(
            file,
            entry,
            "",
            "bba-school-year",
            "Die BbA-Förderung hat keinen Beginn (since); ohne ihn gehört sie zu keinem Schuljahr.",
            "Tragen Sie den Beginn der Förderung ein, z. B. since: 2026-09-01.",
        )
    elif until is not None and until >= since and school_year_of(until) != school_year_of(since):
        year = school_year_of(since)
        yield _at(
            file,
            entry,
            "until",
            "bba-school-year",
            f"Die BbA-Förderung beginnt im Schuljahr {year} und endet am {de_day(until)}, nach dessen "
            f"letztem Tag {de_day(year.end)}.",
            "Eine BbA-Förderung gilt für ein Schuljahr: kürzen Sie until oder tragen Sie für das nächste "
            "Schuljahr eine eigene Förderung ein.",
        )


def check_plan_fields(file: str, entry: Entry) -> Iterator[Problem]:
    """Rules of one relation on its own: ``fte`` in range, a BbA grant with amount and inside one school year.

    Parameters
    ----------
    file : str
        Path of ``relations.yaml`` as shown in problems.
    entry : graph.data.convert.Entry
        One converted relation.

    Yields
    ------
    Problem
        ``invalid-fte``, ``bba-amount`` or ``bba-school-year``, each at the value it concerns.

    Examples
    --------
    >>> import yaml
    >>> from graph.data.convert import Converter
    >>> from graph.data.schema import RELATION_FIELDS
    >>> text = "- {source: t, target: s, type: schulsozialarbeit, fte: 4}"
    >>> entry = Converter("r.yaml").entries(yaml.compose(text), RELATION_FIELDS)[0]
    >>> [(p.code, p.line, p.column) for p in check_plan_fields("r.yaml", entry)]
    [('invalid-fte', 1, 56)]
    """
    yield from _check_fte(file, entry)
    if is_bba_grant(entry.values):
        yield from _check_bba(file, entry)


def grant_school_candidates(target: str, kinds: Mapping[str, str], links: Iterable[tuple[str, str]]) -> list[str]:
    """The schools a grant to ``target`` belongs to: the target itself, or the schools linked to a project.

    Parameters
    ----------
    target : str
        The grant's target actor id.
    kinds : mapping of str to str
        Actor id to kind.
    links : iterable of (str, str)
        Both ends of every relation that is not a BbA grant (direction does not matter).

    Returns
    -------
    list of str
        ``[target]`` for a school; for a project the ids of the schools it has a relation with, sorted;
        empty otherwise.

    Examples
    --------
    >>> kinds = {"s": "schule", "p": "projekt", "t": "traeger", "s2": "schule"}
    >>> grant_school_candidates("s", kinds, []), grant_school_candidates("p", kinds, [("t", "p"), ("p", "s2")])
    (['s'], ['s2'])
    >>> grant_school_candidates("t", kinds, [("t", "s")])
    []
    """
    kind = kinds.get(target)
    if kind == SCHOOL:
        return [target]
    if kind != PROJECT:
        return []
    schools = {b if a == target else a for a, b in links if target in (a, b)}
    return sorted(s for s in schools if kinds.get(s) == SCHOOL)


def check_bba_schools(file: str, entries: list[Entry], kinds: Mapping[str, str]) -> Iterator[Problem]:
    """Every BbA grant belongs to exactly one school (``bba-school``, placed at ``target``).

    Parameters
    ----------
    file : str
        Path of ``relations.yaml`` as shown in problems.
    entries : list of Entry
        Every converted relation of the file.
    kinds : mapping of str to str
        Actor id to kind; grants to unknown actors are left to ``unknown-actor``.

    Yields
    ------
    Problem
        One ``bba-school`` error per grant whose target is no school and no project linked to exactly one school.

    Examples
    --------
    >>> import yaml
    >>> from graph.data.convert import Converter
    >>> from graph.data.schema import RELATION_FIELDS
    >>> text = "- {source: f, target: p, type: foerderung, since: 2026-09-01, funding: {programme: bba, amount: 500}}"
    >>> entries = Converter("r.yaml").entries(yaml.compose(text), RELATION_FIELDS)
    >>> [(p.code, p.column) for p in check_bba_schools("r.yaml", entries, {"f": "traeger", "p": "projekt"})]
    [('bba-school', 23)]
    """
    links = [(str(e.values.get("source")), str(e.values.get("target"))) for e in entries if not is_bba_grant(e.values)]
    for entry in entries:
        target = entry.values.get("target")
        if not is_bba_grant(entry.values) or target not in kinds:
            continue
        schools = grant_school_candidates(str(target), kinds, links)
        if len(schools) == 1:
            continue
        if kinds[str(target)] == PROJECT and schools:
            found = ", ".join(f"'{s}'" for s in schools)
            message = f"Das geförderte Projekt '{target}' ist mit mehreren Schulen verbunden ({found})."
        elif kinds[str(target)] == PROJECT:
            message = f"Das geförderte Projekt '{target}' ist mit keiner Schule verbunden."
        else:
            message = f"Die BbA-Förderung geht an '{target}', weder eine Schule noch ein Projekt an einer Schule."
        yield _at(
            file,
            entry,
            "target",
            "bba-school",
            message + " Eine BbA-Förderung zählt für genau eine Schule.",
            "Tragen Sie als target die Schule ein, oder verbinden Sie das Projekt mit genau einer Schule "
            "(z. B. kooperation zwischen Projekt und Schule).",
        )
