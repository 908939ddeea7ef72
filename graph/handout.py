"""Printable one-page "Handreichung": fitting offers with contacts for a school, a topic or a district.

The HTML is self-contained (inline CSS, no scripts, no fonts or images from elsewhere) and
carries a Content-Security-Policy that forbids any script or external request, as a second
line of defence behind escaping every data text with :func:`html.escape`. Print it from
any browser ("Drucken → Als PDF speichern" gives the PDF); no PDF library is used.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape
from typing import Any

from graph import clock
from graph.referral import CrisisService, CrisisStep, Offer, ReferralError, ReferralIndex, refer, refer_topics
from graph.suggest import did_you_mean

__all__ = ["Handout", "HandoutSection", "handout_data", "render_handout", "tel_uri"]

_CSS = """
@page { size: A4; margin: 10mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 7.4pt; line-height: 1.22;
       color: #111; margin: 0; }
main { max-width: 190mm; margin: 0 auto; }
@media screen { body { background: #ddd; } main { background: #fff; padding: 10mm; margin: 8mm auto;
                box-shadow: 0 0 4mm #999; } }
header { border-bottom: 0.5mm solid #1d4f91; margin-bottom: 2mm; }
h1 { font-size: 13pt; margin: 0 0 0.5mm; color: #1d4f91; }
.meta { margin: 0 0 1.5mm; color: #444; }
.note { border-left: 1mm solid #c77d00; padding-left: 2mm; margin: 0 0 2mm; }
.sections { columns: 2; column-gap: 5mm; }
h2 { font-size: 8.6pt; margin: 1.5mm 0 0.8mm; color: #1d4f91; break-after: avoid; }
article { break-inside: avoid; margin: 0 0 1.4mm; padding-left: 1.5mm; border-left: 0.4mm solid #bbb; }
h3 { font-size: 7.8pt; margin: 0; }
p { margin: 0; }
.kind, .path, .verified { color: #444; font-weight: normal; }
.demo { font-weight: normal; color: #c77d00; }
.crisis { border: 0.8mm solid #b00020; padding: 1.5mm 2.5mm; margin: 0 0 2.5mm; font-size: 10pt; }
.crisis h2 { color: #b00020; font-size: 11pt; margin: 0 0 1mm; }
.crisis li { margin: 0 0 0.6mm; }
.crisis ul { margin: 0 0 1mm; padding-left: 4mm; }
.crisis .phone { font-weight: bold; font-size: 11pt; }
a { color: inherit; text-decoration: none; }
footer { margin-top: 2mm; border-top: 0.3mm solid #bbb; padding-top: 1mm; color: #444; font-size: 6.8pt; }
"""
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'"


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
) -> Handout:
    """Collect the offers of a handout, grouped by topic.

    Parameters
    ----------
    index : ReferralIndex
        From :func:`graph.referral.build_referral_index`.
    fingerprint : str
        Data version shown on the page (:func:`graph.fingerprint.data_fingerprint`).
    school, topic, district : str, optional
        What the handout is for; a school sets district and ages, a topic narrows to that
        topic (and, lower ranked, offers on its parent topic). Without any: all topics, whole city.
    today : datetime.date, optional
        Date printed on the page and used for paths and freshness (default: :func:`graph.clock.today`).
    query : str, optional
        A handout for one case: the caller's words as in the search, the best ``limit`` offers
        (with ``school`` and ``district`` as filters). When the words name a crisis, the crisis
        services and steps head the page.
    limit : int
        Most offers of a handout for a query.

    Returns
    -------
    Handout

    Raises
    ------
    ReferralError
        For an unknown school, topic or district.

    Examples
    --------
    >>> from graph.model import Actor, Dataset, Term, Vocabulary
    >>> from graph.referral import build_referral_index
    >>> voc = Vocabulary({"topics": {"sucht": Term("sucht", "Sucht")}})
    >>> index = build_referral_index(Dataset(voc, {"b": Actor("b", "B", "beratung", topics=("sucht",))}, ()))
    >>> data = handout_data(index, "abc", topic="sucht", today=dt.date(2026, 1, 1))
    >>> data.title, [(s.label, [o.name for o in s.offers]) for s in data.sections]
    ('Unterstützungsangebote zum Thema Sucht', [('Sucht', ['B'])])
    """
    today = today or clock.today(index.dataset)
    if query is not None:
        return _query_handout(index, fingerprint, query, school, district, today, limit)
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
    return Handout(title, _scope(index, result.context), sections, message, today, fingerprint)


def _query_handout(
    index: ReferralIndex,
    fingerprint: str,
    query: str,
    school: str | None,
    district: str | None,
    today: dt.date,
    limit: int,
) -> Handout:
    result = refer(index, query, school=school, district=district, today=today)
    offers = result.offers[:limit]
    label = ", ".join(index.dataset.vocabulary.label("topics", t) for t in result.topics) or "Anliegen"
    sections = (HandoutSection("anliegen", label, offers),) if offers else ()
    message = result.message or ("" if offers else "Für dieses Anliegen ist kein Angebot eingetragen.")
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
    )


def tel_uri(phone: str) -> str:
    """``tel:`` URI of a German phone number as written in the data ("0800 111 0 111" -> "tel:08001110111").

    Examples
    --------
    >>> tel_uri("0345 221-6992"), tel_uri("116 111")
    ('tel:03452216992', 'tel:116111')
    """
    return "tel:" + "".join(c for c in phone if c.isdigit() or c == "+")


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
    if contact["email"]:
        lines.append(f'<a href="mailto:{escape(contact["email"])}">{escape(contact["email"])}</a>')
    web = contact["web"]
    if web and web.startswith(("https://", "http://")):
        shown = web.split("://", 1)[1].rstrip("/")
        lines.append(f'<a href="{escape(web)}">{escape(shown)}</a>')
    elif web:
        lines.append(escape(web))
    if contact["address"]:
        lines.append(escape(contact["address"]))
    return lines


def _path_html(index: ReferralIndex, offer: Offer) -> str:
    """Short form of the warm path for print: the actors in between, or "direkt"."""
    if offer.path is None:
        return ""
    between = [index.dataset.actors[a].name for a in offer.path[1:-1]]
    text = "Verbindung: " + (f"über {' → '.join(between)}" if between else "direkt")
    if offer.demo_path:
        text += " (erfundene Demo-Verbindung)"
    return f'<p class="path">{escape(text)}</p>'


def _offer_html(index: ReferralIndex, offer: Offer) -> str:
    vocabulary = index.dataset.vocabulary
    contact = offer.contact
    demo = ' <span class="demo">(Demo-Eintrag)</span>' if contact["demo"] else ""
    verified = dt.date.fromisoformat(contact["verified"]).strftime("%d.%m.%Y") if contact["verified"] else "nie"
    kind = escape(vocabulary.label("actor_kinds", offer.kind))
    rows = [f'<h3>{escape(offer.name)} <span class="kind">· {kind} · geprüft {verified}</span>{demo}</h3>']
    rows.append("<p>" + " · ".join(_contact_html(contact) or ["keine Kontaktangabe"]) + "</p>")
    if contact["access"]:
        rows.append(f"<p>Zugang: {escape(contact['access'])}</p>")
    rows.append(_path_html(index, offer))
    return "<article>" + "".join(rows) + "</article>"


def render_handout(index: ReferralIndex, handout: Handout) -> str:
    """Render a handout as a self-contained, printable A4 HTML page.

    Every text from the data passes :func:`html.escape`; web links are only made for
    ``http(s)://`` addresses.

    Examples
    --------
    >>> from graph.model import Actor, Dataset, Term, Vocabulary
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
    stand = handout.today.strftime("%d.%m.%Y")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="de"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        f"<title>{escape(handout.title)}</title><style>{_CSS}</style></head>"
        f"<body><main><header><h1>{escape(handout.title)}</h1>"
        f'<p class="meta">{escape(handout.scope)} · Stand: {stand} · Datenversion {escape(handout.fingerprint)}</p>'
        f'</header>{_crisis_html(handout)}{note}<div class="sections">{sections}</div>'
        "<footer>Netzwerkstelle „Schulerfolg für Halle“ · Angaben ohne Gewähr; bitte vor Weitergabe das "
        "Prüfdatum beachten. Einträge mit „Demo-Eintrag“ sind erfunden.</footer></main></body></html>\n"
    )
