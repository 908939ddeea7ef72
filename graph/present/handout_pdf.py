"""The handout as a PDF, typeset offline by Typst (the ``typst`` package carries the compiler and its fonts).

The layout lives in ``graph/present/handout.typ``; every text of the data reaches it as a JSON string through
``sys.inputs`` and is set as plain text, so nothing from a pull request is ever read as Typst markup.
System fonts are ignored, so the PDF looks the same on every machine. Body text is 11 pt.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typst

from graph.present.formats import de_date
from graph.present.handout import Handout, mailto_uri, tel_uri
from graph.referral import Offer, ReferralIndex

__all__ = ["TEMPLATE", "handout_inputs", "handout_pdf"]

#: The Typst layout of the PDF.
TEMPLATE = Path(__file__).with_name("handout.typ")


def _web(url: str | None) -> tuple[str, str]:
    if url and url.startswith(("https://", "http://")):
        return url, url.split("://", 1)[1].rstrip("/")
    return "", ""


def _offer(index: ReferralIndex, offer: Offer) -> dict[str, Any]:
    contact = offer.contact
    web, web_shown = _web(contact["web"])
    phone = contact["phone"] or ""
    return {
        "name": offer.name,
        "kind": index.dataset.vocabulary.label("actor_kinds", offer.kind),
        "demo": bool(contact["demo"]),
        "phone": phone,
        "tel": tel_uri(phone) if phone else "",
        "email": contact["email"] or "",
        "mailto": mailto_uri(contact["email"]) or "" if contact["email"] else "",
        "web": web,
        "web_shown": web_shown,
        "address": contact["address"] or "",
        "access": contact["access"] or "",
    }


def handout_inputs(index: ReferralIndex, handout: Handout) -> dict[str, Any]:
    """The plain data the Typst layout reads (strings, booleans and lists only).

    Parameters
    ----------
    index : ReferralIndex
        The index the handout was made from (for the German labels of actor kinds).
    handout : Handout
        From :func:`graph.present.handout.handout_data`.

    Returns
    -------
    dict of str to object
        ``title``, ``scope``, ``date`` (``TT.MM.JJJJ``), ``sender``, ``message``, ``crisis`` (name, phone, tel,
        hours), ``steps`` (label, step) and ``sections`` (label and offers with name, kind, demo, contact fields).

    Examples
    --------
    >>> import datetime as dt
    >>> from graph.data.model import Dataset, Vocabulary
    >>> from graph.referral import build_referral_index
    >>> index = build_referral_index(Dataset(Vocabulary(), {}, ()))
    >>> data = handout_inputs(index, Handout("Titel", "ganze Stadt", (), "", dt.date(2026, 11, 28), "abc"))
    >>> data["title"], data["date"], data["sections"], data["crisis"]
    ('Titel', '28.11.2026', [], [])
    """
    return {
        "title": handout.title,
        "scope": handout.scope,
        "date": de_date(handout.today),
        "sender": handout.sender or "Netzwerkstelle „Schulerfolg für Halle“",
        "message": handout.message,
        "crisis": [
            {
                "name": s.name,
                "phone": s.phone or "",
                "tel": tel_uri(s.phone) if s.phone else "",
                "hours": s.hours or "",
            }
            for s in handout.crisis
        ],
        "steps": [{"label": s.label, "step": s.step} for s in handout.crisis_steps],
        "sections": [{"label": s.label, "offers": [_offer(index, o) for o in s.offers]} for s in handout.sections],
    }


def handout_pdf(index: ReferralIndex, handout: Handout) -> bytes:
    """Typeset ``handout`` as an A4 PDF (offline, fonts embedded, text selectable).

    Parameters
    ----------
    index : ReferralIndex
        The index the handout was made from (for German labels).
    handout : Handout
        From :func:`graph.present.handout.handout_data`.

    Returns
    -------
    bytes
        The PDF file.

    Examples
    --------
    >>> import datetime as dt
    >>> from graph.data.model import Dataset, Vocabulary
    >>> from graph.referral import build_referral_index
    >>> index = build_referral_index(Dataset(Vocabulary(), {}, ()))
    >>> handout_pdf(index, Handout("Titel", "ganze Stadt", (), "", dt.date(2026, 11, 28), "abc"))[:5]
    b'%PDF-'
    """
    data = json.dumps(handout_inputs(index, handout), ensure_ascii=False)
    return bytes(typst.compile(TEMPLATE.read_bytes(), sys_inputs={"data": data}, ignore_system_fonts=True))
