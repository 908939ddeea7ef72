"""Printable "Handreichung": offers with contacts for one case (the ticked offers of a search, with crisis
numbers when it was a crisis), a school, a topic or a district.

The HTML is self-contained (inline CSS, no fonts or images from elsewhere, text at least 11 pt) and
carries a Content-Security-Policy that forbids any external request and every script but the print
button's, as a second line of defence behind escaping every data text with :func:`html.escape`.
:mod:`graph.present.handout_pdf` typesets the same :class:`Handout` as a PDF.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from graph.data import clock
from graph.data.suggest import did_you_mean
from graph.present import formats
from graph.referral import CrisisService, CrisisStep, Offer, ReferralError, ReferralIndex, refer, refer_topics

__all__ = [
    "PRINT_SCRIPT",
    "SENDER",
    "Handout",
    "HandoutSection",
    "handout_data",
    "mailto_uri",
    "render_handout",
    "tel_uri",
]

_CSS = """
@page { size: A4; margin: 14mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.3;
       color: #111; margin: 0; }
main { max-width: 182mm; margin: 0 auto; }
@media screen { body { background: #ddd; } main { background: #fff; padding: 12mm; margin: 8mm auto;
                box-shadow: 0 0 4mm #999; } }
@media print { .noprint { display: none; } }
header { border-bottom: 0.5mm solid #1d4f91; margin-bottom: 3mm; }
h1 { font-size: 16pt; margin: 0 0 1mm; color: #1d4f91; }
.meta { margin: 0 0 2mm; color: #333; }
.note { border-left: 1mm solid #c77d00; padding-left: 2mm; margin: 0 0 3mm; }
h2 { font-size: 13pt; margin: 3mm 0 1.5mm; color: #1d4f91; break-after: avoid; }
article { break-inside: avoid; margin: 0 0 3mm; padding-left: 2mm; border-left: 0.6mm solid #bbb; }
h3 { font-size: 12pt; margin: 0; }
p { margin: 0; }
.kind, .verified { color: #333; font-weight: normal; }
.demo { font-weight: normal; color: #8a4b00; }
.crisis { border: 0.8mm solid #b00020; padding: 2mm 3mm; margin: 0 0 4mm; }
.crisis h2 { color: #b00020; margin: 0 0 1.5mm; }
.crisis li { margin: 0 0 1mm; }
.crisis ul { margin: 0 0 1.5mm; padding-left: 5mm; }
.crisis .phone { font-weight: bold; font-size: 13pt; }
a { color: inherit; }
footer { margin-top: 4mm; border-top: 0.3mm solid #bbb; padding-top: 1.5mm; color: #333; font-size: 11pt; }
.print { font: inherit; padding: 2mm 5mm; margin: 0 0 4mm; cursor: pointer; }
"""
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'"
PRINT_SCRIPT = 'document.getElementById("drucken").addEventListener("click", () => window.print());'
#: CSP source of the one script a preview may run (the print button's), by its SHA-256.
_PRINT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(PRINT_SCRIPT.encode()).digest()).decode()
_PRINT_BUTTON = (
    f'<button type="button" id="drucken" class="print noprint">Drucken</button><script>{PRINT_SCRIPT}</script>'
)


@dataclass(frozen=True)
class HandoutSection:
    """Offers listed under one topic (each offer appears once, under its first topic in vocabulary order)."""

    topic: str
    label: str
    offers: tuple[Offer, ...]


@dataclass(frozen=True)
class Handout:
    """Everything the printed page shows."""

    title: str
    scope: str
    sections: tuple[HandoutSection, ...]
    message: str
    today: dt.date
    fingerprint: str
    #: Crisis services and steps, printed above everything when the handout comes from a crisis query.
    crisis: tuple[CrisisService, ...] = ()
    crisis_steps: tuple[CrisisStep, ...] = ()
    #: Who hands it out: the Netzwerkstelle's name, address and mailbox from the data (:data:`SENDER`).
    sender: str = ""


#: The actor that signs every handout (name, address, e-mail come from the data, never from code).
SENDER = "netzwerkstelle-schulerfolg"
_SENDER_FALLBACK = "Netzwerkstelle „Schulerfolg für Halle“"


def _sender(index: ReferralIndex) -> str:
    """„Netzwerkstelle …, Straße, PLZ Ort, E-Mail“ from the sender actor, or its name alone when it is missing.

    Examples
    --------
    >>> from graph.data.model import Actor, Address, Contact, Dataset, Vocabulary
    >>> from graph.referral import build_referral_index
    >>> nw = Actor(SENDER, "Netzwerkstelle", "behoerde", address=Address("Weg 1", "06114", "Halle (Saale)"),
    ...            contact=Contact(email="nw@example.org"))
    >>> _sender(build_referral_index(Dataset(Vocabulary(), {SENDER: nw}, ())))
    'Netzwerkstelle · Weg 1, 06114 Halle (Saale) · nw@example.org'
    """
    actor = index.dataset.actors.get(SENDER)
    if actor is None:
        return _SENDER_FALLBACK
    parts = [actor.name]
    if actor.address is not None:
        parts.append(formats.address_line(actor.address.street, actor.address.postcode, actor.address.city))
    if actor.contact is not None and actor.contact.email:
        parts.append(actor.contact.email)
    return " · ".join(p for p in parts if p)


def _topic_ids(index: ReferralIndex, topic: str | None) -> list[str]:
    topics = index.dataset.vocabulary.terms("topics")
    if topic is None:
        return list(topics)
    if topic not in topics:
        hint = did_you_mean(topic, topics, {t.label: t.id for t in topics.values()})
        raise ReferralError(f"Thema '{topic}' ist unbekannt. {hint}".strip())
    return [topic]


def _title(index: ReferralIndex, school: str | None, topic: str | None, district: str | None) -> str:
    vocabulary = index.dataset.vocabulary
    if school:
        return f"Unterstützungsangebote für {index.dataset.actors[school].name}"
    if topic:
        return f"Unterstützungsangebote zum Thema {vocabulary.label('topics', topic)}"
    if district:
        return f"Unterstützungsangebote im Stadtteil {vocabulary.label('districts', district)}"
    return "Unterstützungsangebote in Halle (Saale)"


def _scope(index: ReferralIndex, context: dict[str, Any]) -> str:
    vocabulary = index.dataset.vocabulary
    parts = []
    if context["district"]:
        parts.append(f"Stadtteil {vocabulary.label('districts', context['district'])}")
    if context["ages"]:
        low, high = context["ages"]
        parts.append(f"Alter {low}–{high} Jahre")
    return " · ".join(parts) or "ganze Stadt"


def handout_data(
    index: ReferralIndex,
    fingerprint: str,
    school: str | None = None,
    topic: str | None = None,
    district: str | None = None,
    today: dt.date | None = None,
    query: str | None = None,
    limit: int = 8,
    chosen: Sequence[str] | None = None,
) -> Handout:
    """Collect the offers of a handout, grouped by topic.

    Parameters
    ----------
    index : ReferralIndex
        From :func:`graph.referral.build_referral_index`.
    fingerprint : str
        Data version shown on the page (:func:`graph.data.fingerprint.data_fingerprint`).
    school : str, optional
        Id of the school the handout is for; it sets district and ages and names the school in the title.
        Without school, topic and district: all topics, whole city.
    topic : str, optional
        Topic id; narrows to that topic (and, lower ranked, offers on its parent topic), which heads its
        own section. Ignored with ``query``.
    district : str, optional
        District id (Stadtviertel) to filter by; it takes the place of the school's own district.
    today : datetime.date, optional
        Date printed on the page and used for paths and freshness (default: :func:`graph.data.clock.today`).
    query : str, optional
        A handout for one case: the caller's words as in the search, the best ``limit`` offers
        (with ``school`` and ``district`` as filters). When the words name a crisis, the crisis
        services and steps head the page.
    limit : int
        Most offers of a handout for a query.
    chosen : sequence of str, optional
        With ``query``: the ids of the offers the staff member ticked; only those are printed (in ranking
        order), and no offer at all when the sequence is empty. ``None`` takes the best ``limit``.

    Returns
    -------
    Handout
        Title, scope, the sections of offers, a German message (e.g. when nothing is listed), the day,
        the data version, the crisis services and steps (query only) and the sender.

    Raises
    ------
    ReferralError
        For an unknown school, topic or district.

    Examples
    --------
    >>> from graph.data.model import Actor, Dataset, Term, Vocabulary
    >>> from graph.referral import build_referral_index
    >>> voc = Vocabulary({"topics": {"sucht": Term("sucht", "Sucht")}})
    >>> index = build_referral_index(Dataset(voc, {"b": Actor("b", "B", "beratung", topics=("sucht",))}, ()))
    >>> data = handout_data(index, "abc", topic="sucht", today=dt.date(2026, 1, 1))
    >>> data.title, [(s.label, [o.name for o in s.offers]) for s in data.sections]
    ('Unterstützungsangebote zum Thema Sucht', [('Sucht', ['B'])])
    """
    today = today or clock.today(index.dataset)
    if query is not None:
        return _query_handout(index, fingerprint, query, school, district, today, limit, chosen)
    topic_ids = _topic_ids(index, topic)
    result = refer_topics(index, dict.fromkeys(topic_ids, 1.0), school=school, district=district, today=today)
    order = list(index.dataset.vocabulary.terms("topics"))
    grouped: dict[str, list[Offer]] = {}
    for offer in result.offers:
        # The asked topic heads its own section even when the offer also has an earlier one.
        first = min(offer.topics, key=lambda t: (topic is not None and t != topic, order.index(t)))
        grouped.setdefault(first, []).append(offer)
    sections = tuple(
        HandoutSection(t, index.dataset.vocabulary.label("topics", t), tuple(grouped[t])) for t in order if t in grouped
    )
    title = _title(index, school, topic, result.context["district"] if not school else None)
    message = result.message or ("" if sections else "Für diese Auswahl ist kein Angebot eingetragen.")
    return Handout(title, _scope(index, result.context), sections, message, today, fingerprint, sender=_sender(index))


def _query_handout(
    index: ReferralIndex,
    fingerprint: str,
    query: str,
    school: str | None,
    district: str | None,
    today: dt.date,
    limit: int,
    chosen: Sequence[str] | None,
) -> Handout:
    result = refer(index, query, school=school, district=district, today=today)
    if chosen is None:
        offers = result.offers[:limit]
        message = result.message or ("" if offers else "Für dieses Anliegen ist kein Angebot eingetragen.")
    else:
        picked = set(chosen)
        offers = tuple(o for o in result.offers if o.id in picked)
        message = "" if offers else "Es ist noch kein Angebot für die Handreichung angehakt."
    label = ", ".join(index.dataset.vocabulary.label("topics", t) for t in result.topics) or "Anliegen"
    sections = (HandoutSection("anliegen", label, offers),) if offers else ()
    title = "Hilfe und Ansprechpartner" + (f" – {index.dataset.actors[school].name}" if school else "")
    return Handout(
        title,
        _scope(index, result.context),
        sections,
        message,
        today,
        fingerprint,
        result.crisis,
        result.crisis_steps,
        _sender(index),
    )


def tel_uri(phone: str) -> str:
    """``tel:`` URI of a German phone number as written in the data ("0800 111 0 111" -> "tel:08001110111").

    Parameters
    ----------
    phone : str
        The number as written in the data, with spaces, dashes or slashes.

    Returns
    -------
    str
        ``tel:`` followed by the digits and ``+`` signs of ``phone``, in order.

    Examples
    --------
    >>> tel_uri("0345 221-6992"), tel_uri("116 111")
    ('tel:03452216992', 'tel:116111')
    """
    return "tel:" + "".join(c for c in phone if c.isdigit() or c == "+")


_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")


def mailto_uri(email: str) -> str | None:
    """``mailto:`` URI of a plain e-mail address, or None for anything else (no header tricks, no markup).

    Parameters
    ----------
    email : str
        The address as written in the data.

    Returns
    -------
    str or None
        ``mailto:`` plus the address when it is one plain address (letters, digits, ``._%+-``, a domain
        with a top-level part of at least 2 letters); None otherwise.

    Examples
    --------
    >>> mailto_uri("netzwerk-schulerfolg@halle.de"), mailto_uri("a@b.de?subject=x"), mailto_uri("x](javascript:1)")
    ('mailto:netzwerk-schulerfolg@halle.de', None, None)
    """
    return f"mailto:{email}" if _EMAIL.match(email) else None


def _crisis_html(handout: Handout) -> str:
    if not handout.crisis:
        return ""
    items = []
    for service in handout.crisis:
        phone = (
            f'<a class="phone" href="{escape(tel_uri(service.phone))}">{escape(service.phone)}</a>'
            if service.phone
            else "ohne Telefonnummer"
        )
        hours = f" · {escape(service.hours)}" if service.hours else ""
        items.append(f"<li><strong>{escape(service.name)}</strong>: {phone}{hours}</li>")
    steps = "".join(f"<p><strong>{escape(s.label)}:</strong> {escape(s.step)}</p>" for s in handout.crisis_steps)
    return (
        f'<section class="crisis"><h2>Akute Krise – zuerst Hilfe holen</h2><ul>{"".join(items)}</ul>{steps}</section>'
    )


def _contact_html(contact: dict[str, Any]) -> list[str]:
    lines = []
    if contact["phone"]:
        lines.append(f'Tel. <a href="{escape(tel_uri(contact["phone"]))}">{escape(contact["phone"])}</a>')
    email = contact["email"]
    if email:
        # An address with "?subject=…&body=…" would pass the data check and prefill someone's mail: link plain ones only.
        link = mailto_uri(email)
        lines.append(f'<a href="{escape(link)}">{escape(email)}</a>' if link else escape(email))
    web = contact["web"]
    if web and web.startswith(("https://", "http://")):
        shown = web.split("://", 1)[1].rstrip("/")
        lines.append(f'<a href="{escape(web)}">{escape(shown)}</a>')
    elif web:
        lines.append(escape(web))
    if contact["address"]:
        lines.append(escape(contact["address"]))
    return lines


def _offer_html(index: ReferralIndex, offer: Offer) -> str:
    vocabulary = index.dataset.vocabulary
    contact = offer.contact
    demo = ' <span class="demo">(Demo-Eintrag)</span>' if contact["demo"] else ""
    verified = formats.de_date(dt.date.fromisoformat(contact["verified"])) if contact["verified"] else "nie"
    kind = escape(vocabulary.label("actor_kinds", offer.kind))
    rows = [f'<h3>{escape(offer.name)} <span class="kind">· {kind} · geprüft {verified}</span>{demo}</h3>']
    rows.append("<p>" + " · ".join(_contact_html(contact) or ["keine Kontaktangabe"]) + "</p>")
    if contact["access"]:
        rows.append(f"<p>Zugang: {escape(contact['access'])}</p>")
    return "<article>" + "".join(rows) + "</article>"


def render_handout(index: ReferralIndex, handout: Handout, print_button: bool = False) -> str:
    """Render a handout as a self-contained, printable A4 HTML page (text at least 11 pt).

    Every text from the data passes :func:`html.escape`; web links are only made for
    ``http(s)://`` addresses. No internal lines (warm paths, notes) and no data version are printed;
    the footer names the date and the sender. ``print_button`` adds a „Drucken“ button for the
    on-screen preview: its one script is allowed by its hash in the Content-Security-Policy, so no
    other script (from hostile data) can run.

    Parameters
    ----------
    index : ReferralIndex
        The index the handout was made from (for the German labels of actor kinds).
    handout : Handout
        From :func:`handout_data`.
    print_button : bool
        Add the „Drucken“ button and allow its script (default off: no script at all).

    Returns
    -------
    str
        The HTML document, ending with a newline.

    Examples
    --------
    >>> from graph.data.model import Actor, Dataset, Term, Vocabulary
    >>> from graph.referral import build_referral_index
    >>> voc = Vocabulary({"topics": {"sucht": Term("sucht", "Sucht")}})
    >>> actors = {"b": Actor("b", "<script>alert(1)</script>", "beratung", topics=("sucht",))}
    >>> index = build_referral_index(Dataset(voc, actors, ()))
    >>> page = render_handout(index, handout_data(index, "abc", today=dt.date(2026, 1, 1)))
    >>> "<script>" in page, "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    (False, True)
    """
    sections = "".join(
        f"<section><h2>{escape(s.label)}</h2>{''.join(_offer_html(index, o) for o in s.offers)}</section>"
        for s in handout.sections
    )
    note = f'<p class="note">{escape(handout.message)}</p>' if handout.message else ""
    stand = formats.de_date(handout.today)
    csp = _CSP + (f"; script-src '{_PRINT_HASH}'" if print_button else "")
    button = _PRINT_BUTTON if print_button else ""
    sender = escape(handout.sender or _SENDER_FALLBACK)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="de"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        f"<title>{escape(handout.title)}</title><style>{_CSS}</style></head>"
        f"<body><main>{button}<header><h1>{escape(handout.title)}</h1>"
        f'<p class="meta">{escape(handout.scope)} · Stand: {stand}</p>'
        f"</header>{_crisis_html(handout)}{note}{sections}"
        f"<footer>{sender} · Stand: {stand} · Angaben ohne Gewähr; bitte vor Weitergabe das "
        "Prüfdatum beachten. Einträge mit „Demo-Eintrag“ sind erfunden.</footer></main></body></html>\n"
    )
