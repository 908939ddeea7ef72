"""Contact cards: what a caller needs to pass an offer on, as plain strings."""

from __future__ import annotations

from typing import Any

from graph.data.model import Actor
from graph.data.provenance import provenance


def contact_card(actor: Actor) -> dict[str, Any]:
    """The contact card of an actor: plain strings, ``None`` for what is missing.

    ``provenance`` is the German mark of :func:`graph.data.provenance.provenance_label` (invented or source),
    ``source_url`` the source's ``http(s)`` address when it has one.

    Parameters
    ----------
    actor : Actor
        The actor whose card is wanted.

    Returns
    -------
    dict of str to Any
        ``role``, ``phone``, ``email``, ``web``, ``address`` (street, postcode and city on one line),
        ``access``, ``verified`` (ISO date text), ``demo`` (bool), ``provenance`` (German mark, always set)
        and ``source_url``; every other value is None when missing.

    Examples
    --------
    >>> from graph.data.model import Address, Contact
    >>> card = contact_card(Actor("b", "B", "beratung", address=Address("Weg 1", "06132", "Halle (Saale)"),
    ...                           contact=Contact(phone="0345 1"), provenance="demo"))
    >>> card["address"], card["phone"], card["email"], card["demo"], card["provenance"]
    ('Weg 1, 06132 Halle (Saale)', '0345 1', None, True, 'Erfundener Demo-Eintrag')
    """
    origin = provenance(actor)
    contact = actor.contact
    address = actor.address
    place = " ".join(p for p in (address.postcode, address.city) if p) if address else ""
    line = ", ".join(p for p in ((address.street if address else None), place) if p)
    return {
        "role": contact.role if contact else None,
        "phone": contact.phone if contact else None,
        "email": contact.email if contact else None,
        "web": contact.web if contact else None,
        "address": line or None,
        "access": actor.access,
        "verified": actor.verified.isoformat() if actor.verified else None,
        "demo": actor.is_demo,
        "provenance": origin.label,
        "source_url": origin.url,
    }
