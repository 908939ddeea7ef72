"""The pathway of one school as an A4 PDF for the staff room: the flow of stages and the school's contact list.

Typeset offline by Typst like the handout (:mod:`graph.present.handout_pdf`): the layout lives in
``graph/present/pathway.typ``, every text of the data reaches it as a JSON string through ``sys.inputs`` and is
set as plain text. System fonts are ignored, so the PDF looks the same on every machine; fonts are embedded.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typst

from graph.data.pathways import ROLES
from graph.pathway import Responsible, SchoolPathway
from graph.present.formats import de_date
from graph.present.handout import mailto_uri, tel_uri

__all__ = ["TEMPLATE", "pathway_inputs", "pathway_pdf"]

#: The Typst layout of the PDF.
TEMPLATE = Path(__file__).with_name("pathway.typ")
_SENDER = "Netzwerkstelle „Schulerfolg für Halle“"
#: What a stage says for the roles the school and the family fill themselves (their contact is in the heading).
_OWN = {"schule": "diese Schule", "eltern": "die Familie der Schülerin oder des Schülers"}


def _person(person: Responsible) -> dict[str, Any]:
    contact = person.contact
    phone, email, web = contact.get("phone") or "", contact.get("email") or "", contact.get("web") or ""
    shown_web = web.split("://", 1)[1].rstrip("/") if web.startswith(("https://", "http://")) else ""
    return {
        "name": person.name,
        "demo": bool(person.via.get("demo") or contact.get("demo")),
        "phone": phone,
        "tel": tel_uri(phone) if phone else "",
        "email": email,
        "mailto": (mailto_uri(email) or "") if email else "",
        "web": web if shown_web else "",
        "web_shown": shown_web,
        "via": f"{person.via['text']} · {person.via['provenance']}",
    }


def _who(result: SchoolPathway, roles: tuple[str, ...]) -> list[dict[str, Any]]:
    rows = []
    for role in roles:
        people = [] if role in _OWN else [_person(p) for p in result.contacts.get(role, ())]
        rows.append({"role": ROLES[role], "people": people, "empty": _OWN.get(role, "niemand eingetragen")})
    return rows


def pathway_inputs(result: SchoolPathway) -> dict[str, Any]:
    """The plain data the Typst layout reads (strings, numbers, booleans and lists only).

    Parameters
    ----------
    result : SchoolPathway
        From :func:`graph.pathway.school_pathway`.

    Returns
    -------
    dict of str to object
        ``title``, ``school``, ``school_contact`` (the school's own contact fields), ``label``, ``source``, ``date`` (``TT.MM.JJJJ``), ``sender``, ``gaps`` (count),
        ``gap_line``, ``stages`` (number, title, trigger, deadline, documents, who, gap) and ``contacts``
        (role label and people with contact fields and why they are named).

    Examples
    --------
    >>> import datetime as dt
    >>> from graph.data.model import Actor
    >>> from graph.data.pathways import Pathway
    >>> r = SchoolPathway(Actor("s", "Schule S", "schule"), Pathway("p", "Kette", "Q", ()), dt.date(2026, 11, 28),
    ...                   (), {}, False)
    >>> data = pathway_inputs(r)
    >>> data["school"], data["date"], data["stages"], data["gap_line"]
    ('Schule S', '28.11.2026', [], '')
    """
    stages = [
        {
            "number": s.number,
            "title": s.stage.title,
            "trigger": s.stage.trigger,
            "deadline": s.stage.deadline or "keine Angabe in der Quelle",
            "documents": "; ".join(s.stage.documents),
            "who": _who(result, s.stage.roles),
            "gap": s.gap_text or "",
        }
        for s in result.stages
    ]
    contacts = [
        {"role": ROLES[role], "people": [_person(p) for p in people]}
        for role, people in result.contacts.items()
        if people and role != "schule"
    ]
    gaps = len(result.gaps)
    gap_line = ""
    if gaps:
        titles = ", ".join(f"{s.number}. {s.stage.title}" for s in result.stages if s.missing)
        gap_line = f"{gaps} {'Stufe hat' if gaps == 1 else 'Stufen haben'} an dieser Schule niemanden: {titles}"
    own = [_person(p) for p in result.contacts.get("schule", ())]
    return {
        "title": "Interventionskette Schulabsentismus",
        "school": result.school.name,
        "school_contact": own[0] if own else None,
        "label": result.pathway.label,
        "source": result.pathway.source,
        "date": de_date(result.as_of),
        "sender": _SENDER,
        "gaps": gaps,
        "gap_line": gap_line,
        "stages": stages,
        "contacts": contacts,
    }


def pathway_pdf(result: SchoolPathway) -> bytes:
    """Typeset the pathway of one school as an A4 PDF (offline, fonts embedded, text selectable).

    Parameters
    ----------
    result : SchoolPathway
        From :func:`graph.pathway.school_pathway`.

    Returns
    -------
    bytes
        The PDF file.

    Examples
    --------
    >>> import datetime as dt
    >>> from graph.data.model import Actor
    >>> from graph.data.pathways import Pathway
    >>> r = SchoolPathway(Actor("s", "S", "schule"), Pathway("p", "K", "Q", ()), dt.date(2026, 11, 28), (), {}, False)
    >>> pathway_pdf(r)[:5]
    b'%PDF-'
    """
    data = json.dumps(pathway_inputs(result), ensure_ascii=False)
    return bytes(typst.compile(TEMPLATE.read_bytes(), sys_inputs={"data": data}, ignore_system_fonts=True))
