"""A resolved pathway as German text or Markdown, and the city-wide overview schools × stages."""

from __future__ import annotations

from typing import Any

from graph.data.pathways import ROLES
from graph.data.schoolyear import de_day
from graph.pathway.resolve import ResolvedStage, Responsible, SchoolPathway

__all__ = ["contact_text", "pathway_markdown", "pathway_overview", "pathway_text", "who_lines"]

_FAMILY = "Eltern (Sorgeberechtigte) der Schülerin oder des Schülers"


def contact_text(contact: dict[str, Any]) -> str:
    """Phone, e-mail and web of a contact card on one line, or „kein Kontakt eingetragen“.

    Parameters
    ----------
    contact : dict
        A contact card (:func:`graph.referral.contact_card`); ``phone``, ``email`` and ``web`` are read, empty or
        missing ones left out.

    Returns
    -------
    str
        ``Tel. …``, ``E-Mail …``, ``Web …`` joined by `` · ``, or ``kein Kontakt eingetragen``.

    Examples
    --------
    >>> contact_text({"phone": "030 23125 109", "email": "a@example.org", "web": None})
    'Tel. 030 23125 109 · E-Mail a@example.org'
    >>> contact_text({})
    'kein Kontakt eingetragen'
    """
    parts = [
        f"{label} {contact[key]}"
        for key, label in (("phone", "Tel."), ("email", "E-Mail"), ("web", "Web"))
        if contact.get(key)
    ]
    return " · ".join(parts) if parts else "kein Kontakt eingetragen"


def _person_line(person: Responsible) -> str:
    mark = " [erfunden]" if person.via.get("demo") else ""
    return f"{ROLES[person.role]}: {person.name}{mark} – {contact_text(person.contact)} ({person.via['text']})"


def who_lines(stage: ResolvedStage) -> list[str]:
    """German lines „Rolle: Name – Kontakt (warum)“ for a stage, the family and unfilled roles included.

    Invented (demo) actors are marked ``[erfunden]``.

    Parameters
    ----------
    stage : ResolvedStage
        The resolved stage; its roles are listed in the stage's order.

    Returns
    -------
    list of str
        One line per responsible actor, the family line for ``eltern``, ``<Rolle>: niemand eingetragen`` for a role
        without anybody.

    Examples
    --------
    >>> from graph.data.pathways import Stage
    >>> stage = ResolvedStage(1, Stage("s", "T", "A", ("eltern", "asd"), "q"), (), ("asd",), True, "x")
    >>> who_lines(stage)
    ['Eltern (Sorgeberechtigte) der Schülerin oder des Schülers', 'Allgemeiner Sozialer Dienst (ASD): niemand eingetragen']
    """
    lines = []
    for role in stage.stage.roles:
        if role == "eltern":
            lines.append(_FAMILY)
            continue
        people = [p for p in stage.responsible if p.role == role]
        lines += [_person_line(p) for p in people] or [f"{ROLES[role]}: niemand eingetragen"]
    return lines


def _date(result: SchoolPathway) -> str:
    return de_day(result.as_of)


def pathway_text(result: SchoolPathway) -> str:
    """The resolved pathway of one school as plain German text (``pathway --format text``).

    A heading with the day, the source, then per stage trigger, deadline, who and a gap; last the gaps.

    Parameters
    ----------
    result : SchoolPathway
        The pathway of one school (:func:`graph.pathway.school_pathway`).

    Returns
    -------
    str
        Lines without a trailing newline.

    Examples
    --------
    >>> import datetime as dt
    >>> from graph.data.model import Actor
    >>> from graph.data.pathways import Pathway, Stage
    >>> stage = Stage("s1", "Gespräch", "Fehlen", ("schule",), "https://example.org")
    >>> school = Actor("s", "Schule S", "schule")
    >>> person = Responsible("s", "Schule S", "schule", {}, {"text": "die Schule selbst"})
    >>> r = SchoolPathway(school, Pathway("p", "Kette", "Q", (stage,)), dt.date(2026, 1, 1),
    ...                   (ResolvedStage(1, stage, (person,), (), False, None),), {}, False)
    >>> print(pathway_text(r))
    Kette – Schule S (Stand 01.01.2026)
    Quelle: Q
    <BLANKLINE>
    1. Gespräch
       Auslöser: Fehlen
       Frist: keine Angabe in der Quelle
       Wer: Schule (Klassenleitung, Schulleitung): Schule S – kein Kontakt eingetragen (die Schule selbst)
    <BLANKLINE>
    Keine Lücken.
    """
    lines = [
        f"{result.pathway.label} – {result.school.name} (Stand {_date(result)})",
        f"Quelle: {result.pathway.source}",
    ]
    for stage in result.stages:
        s = stage.stage
        lines += ["", f"{stage.number}. {s.title}", f"   Auslöser: {s.trigger}"]
        lines.append(f"   Frist: {s.deadline or 'keine Angabe in der Quelle'}")
        lines += [f"   Wer: {line}" for line in who_lines(stage)]
        if stage.gap_text:
            lines.append(f"   LÜCKE: {stage.gap_text}")
    gaps = result.gaps
    lines += ["", f"Lücken: {len(gaps)} ({', '.join(gaps)})" if gaps else "Keine Lücken."]
    return "\n".join(lines)


def _md(text: str) -> str:
    """Escape the characters Markdown would read as markup in a table cell or line."""
    for char in "\\`*_[]<>|#":
        text = text.replace(char, "\\" + char)
    return text


def pathway_markdown(result: SchoolPathway) -> str:
    """The resolved pathway as Markdown (``pathway --format markdown``): a heading, one section per stage.

    Every text from the data is escaped, so a name with ``*`` or ``|`` stays text.

    Parameters
    ----------
    result : SchoolPathway
        The pathway of one school (:func:`graph.pathway.school_pathway`).

    Returns
    -------
    str
        Markdown without a trailing newline; the last line counts the gaps.

    Examples
    --------
    >>> import datetime as dt
    >>> from graph.data.model import Actor
    >>> from graph.data.pathways import Pathway, Stage
    >>> stage = Stage("s1", "Gespräch", "Fehlen", ("asd",), "Q")
    >>> r = SchoolPathway(Actor("s", "S*", "schule"), Pathway("p", "Kette", "Q", (stage,)), dt.date(2026, 1, 1),
    ...                   (ResolvedStage(1, stage, (), ("asd",), True, "Lücke"),), {}, False)
    >>> print(pathway_markdown(r).splitlines()[0])
    # Kette – S\\*
    """
    lines = [f"# {_md(result.pathway.label)} – {_md(result.school.name)}", ""]
    lines += [f"Stand {_date(result)} · Quelle: {_md(result.pathway.source)}", ""]
    for stage in result.stages:
        s = stage.stage
        lines += [f"## {stage.number}. {_md(s.title)}", "", f"- **Auslöser:** {_md(s.trigger)}"]
        lines.append(f"- **Frist:** {_md(s.deadline or 'keine Angabe in der Quelle')}")
        if s.actions:
            lines.append(f"- **Was geschieht:** {_md(s.actions)}")
        if s.documents:
            lines.append(f"- **Unterlagen:** {_md('; '.join(s.documents))}")
        lines += [f"- **Wer:** {_md(line)}" for line in who_lines(stage)]
        if stage.gap_text:
            lines.append(f"- **Lücke:** {_md(stage.gap_text)}")
        lines += [f"- Quelle: {_md(s.source)}", ""]
    gaps = result.gaps
    lines.append(f"**Lücken:** {len(gaps)} ({', '.join(gaps)})" if gaps else "**Keine Lücken.**")
    return "\n".join(lines)


def pathway_overview(results: list[SchoolPathway]) -> list[dict[str, Any]]:
    """City-wide table: one row per school with ``covered``/``gap`` per stage and its number of gaps.

    A stage that needs only the school and the family counts as ``covered``. Schools with the most gaps come
    first (where help is missing most), then by name.

    Parameters
    ----------
    results : list of SchoolPathway
        The pathways of the schools, all of the same pathway (:func:`graph.pathway.schools_pathways`).

    Returns
    -------
    list of dict
        ``id``, ``name``, ``pilot``, ``gaps`` (count), ``gap_stages`` (ids) and one key per stage id
        with ``"covered"``, ``"partial"`` (some network roles without anybody) or ``"gap"``; most gaps first.

    Examples
    --------
    >>> pathway_overview([])
    []
    """
    rows = []
    for result in results:
        row: dict[str, Any] = {
            "id": result.school.id,
            "name": result.school.name,
            "pilot": result.pilot,
            "gaps": len(result.gaps),
            "gap_stages": list(result.gaps),
        }
        for stage in result.stages:
            row[stage.stage.id] = "gap" if stage.missing else "partial" if stage.unresolved else "covered"
        rows.append(row)
    return sorted(rows, key=lambda r: (-r["gaps"], r["name"]))
