"""Handreichung: grouping by topic, printable self-contained HTML, escaping of hostile data."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import zlib
from dataclasses import replace
from pathlib import Path

import pytest

from graph import load_dataset
from graph.data.model import Contact
from graph.present.handout import handout_data, render_handout, tel_uri
from graph.present.handout_pdf import handout_inputs, handout_pdf
from graph.referral import ReferralError, ReferralIndex, build_referral_index
from tests.conftest import TESTS, TODAY

REFERRAL = TESTS / "data" / "referral"
VERSION = "0123456789abcdef"


@pytest.fixture(scope="module")
def index() -> ReferralIndex:
    dataset = load_dataset(REFERRAL, today=TODAY).dataset
    assert dataset is not None
    return build_referral_index(dataset)


def sections(
    index: ReferralIndex, school: str | None = None, topic: str | None = None, district: str | None = None
) -> list[tuple[str, list[str]]]:
    data = handout_data(index, VERSION, school=school, topic=topic, district=district, today=TODAY)
    return [(s.topic, [o.id for o in s.offers]) for s in data.sections]


def test_handout_for_school_groups_each_offer_once(index: ReferralIndex) -> None:
    data = handout_data(index, VERSION, school="gs-silberhoehe", today=TODAY)
    assert (data.title, data.scope, data.message) == (
        "Unterstützungsangebote für Grundschule Silberhöhe",
        "Stadtteil Silberhöhe · Alter 6–10 Jahre",
        "",
    )
    # Age 6–10 excludes Sucht (12–27), Medienscouts (12–16) and Jugendhilfe Y (14–25); district excludes the west.
    # The Familienberatung (phone, local, two warm hops) now ranks above the direct but phoneless Projekt Schulweg;
    # the Jugendamt (an authority without ``referable``) and the pilot project are no offers.
    assert sections(index, school="gs-silberhoehe") == [
        ("schulabsentismus", ["beratung-sued", "projekt-schulweg", "beratung-stadt"]),
        ("psychische-gesundheit", ["seelsorge"]),
    ]
    assert [o.score for o in data.sections[0].offers] == [0.955, 0.94, 0.714]
    assert (data.crisis, data.crisis_steps) == ((), ())


def test_handout_for_topic_puts_asked_topic_first(index: ReferralIndex) -> None:
    data = handout_data(index, VERSION, topic="schulangst", today=TODAY)
    assert (data.title, data.scope) == ("Unterstützungsangebote zum Thema Schulangst", "ganze Stadt")
    assert sections(index, topic="schulangst") == [
        ("schulabsentismus", ["beratung-sued", "projekt-schulweg"]),
        ("schulangst", ["beratung-stadt"]),
    ]


def test_handout_for_district(index: ReferralIndex) -> None:
    data = handout_data(index, VERSION, district="suedliche-neustadt", today=TODAY)
    assert data.title == "Unterstützungsangebote im Stadtteil Südliche Neustadt"
    assert sections(index, district="suedliche-neustadt") == [
        ("schulabsentismus", ["beratung-stadt"]),
        ("mobbing", ["mobbing-team"]),
        ("sucht", ["suchtberatung"]),
        ("familie", ["migrationsberatung"]),
        ("psychische-gesundheit", ["seelsorge"]),
        ("cybermobbing", ["medienscouts"]),
    ]


def test_handout_unknown_topic(index: ReferralIndex) -> None:
    with pytest.raises(ReferralError, match=r"^Thema 'sucht2' ist unbekannt\. Meinten Sie 'sucht'\?$"):
        handout_data(index, VERSION, topic="sucht2")


def test_render_handout_is_printable_and_self_contained(index: ReferralIndex) -> None:
    page = render_handout(index, handout_data(index, VERSION, school="gs-silberhoehe", today=TODAY))
    assert "@page { size: A4; margin: 14mm; }" in page
    # Text of at least 11 pt everywhere: every font-size in the stylesheet.
    sizes = [float(x) for x in re.findall(r"font-size: ([\d.]+)pt", page)]
    assert sizes and min(sizes) >= 11
    assert '<p class="meta">Stadtteil Silberhöhe · Alter 6–10 Jahre · Stand: 28.11.2026</p>' in page
    # No data version (a hash means nothing to a parent) and no internal lines such as warm paths.
    assert VERSION not in page and "Verbindung:" not in page
    assert page.count("<article>") == 4
    assert 'Tel. <a href="tel:03452000001">0345 200 00 01</a>' in page
    assert '<a href="mailto:info@familienberatung-sued.example.org">' in page
    assert "Zugang: Telefonisch Termin vereinbaren; offene Sprechstunde dienstags 14–16 Uhr" in page
    assert '<h3>Projekt Schulweg <span class="kind">· Projekt · geprüft 01.09.2026</span>' in page
    # Nothing is fetched: no scripts, stylesheets, images or fonts from anywhere; CSP forbids them anyway.
    assert re.findall(r"<script|<link|<img|src=|@import|url\(", page) == []
    assert "default-src 'none'" in page
    # No crisis words, no crisis block.
    assert '<section class="crisis">' not in page


CRISIS_BLOCK = (
    '<section class="crisis"><h2>Akute Krise – zuerst Hilfe holen</h2><ul>'
    '<li><strong>Notruf 110</strong>: <a class="phone" href="tel:110">110</a> · rund um die Uhr</li>'
    '<li><strong>Krisendienst Halle</strong>: <a class="phone" href="tel:03023125002">030 23125 002</a>'
    " · rund um die Uhr</li>"
    '<li><strong>Seelsorgetelefon</strong>: <a class="phone" href="tel:03023125001">030 23125 001</a>'
    " · Mo–Fr 9–17 Uhr</li></ul>"
    "<p><strong>Suizidgefahr:</strong> Nicht allein lassen, 112 anrufen.</p></section>"
)


def test_handout_from_a_crisis_query_puts_crisis_help_first(index: ReferralIndex) -> None:
    data = handout_data(index, VERSION, query="Er will nicht mehr leben", today=TODAY)
    assert (data.title, data.scope, data.message) == ("Hilfe und Ansprechpartner", "ganze Stadt", "")
    assert [s.id for s in data.crisis] == ["notruf", "krisendienst", "seelsorge"]
    assert [(s.kind, s.step) for s in data.crisis_steps] == [("suizid", "Nicht allein lassen, 112 anrufen.")]
    assert [(s.topic, s.label, [(o.id, o.score) for o in s.offers]) for s in data.sections] == [
        ("anliegen", "Psychische Gesundheit und Krisen", [("seelsorge", 0.75), ("beratung-stadt", 0.7)])
    ]
    page = render_handout(index, data)
    assert page.count(CRISIS_BLOCK) == 1
    # The crisis block comes right after the header, before every offer.
    assert page.index("</header>" + CRISIS_BLOCK) < page.index("<article>")
    assert page.count("<article>") == 2


def test_handout_from_an_ordinary_query(index: ReferralIndex) -> None:
    data = handout_data(index, VERSION, query="schwänzt", school="gs-silberhoehe", today=TODAY)
    assert (data.title, data.scope, data.message, data.crisis, data.crisis_steps) == (
        "Hilfe und Ansprechpartner – Grundschule Silberhöhe",
        "Stadtteil Silberhöhe · Alter 6–10 Jahre",
        "",
        (),
        (),
    )
    assert [(s.topic, s.label, [o.id for o in s.offers]) for s in data.sections] == [
        ("anliegen", "Schulabsentismus", ["beratung-sued", "projekt-schulweg", "beratung-stadt"])
    ]
    limited = handout_data(index, VERSION, query="Vater hat ein Messer", limit=1, today=TODAY)
    assert [[o.id for o in s.offers] for s in limited.sections] == [["beratung-sued"]]
    assert [(s.id, s.why) for s in limited.crisis] == [("notruf", "Hilfe bei: Akute Gewalt")]
    assert limited.crisis_steps == ()
    nothing = handout_data(index, VERSION, query="Kaffee", today=TODAY)
    assert (nothing.sections, nothing.crisis) == ((), ())
    assert nothing.message == (
        "Zu „Kaffee“ wurde kein Thema erkannt. "
        "Versuchen Sie ein Thema wie Schulabsentismus, Mobbing und Konflikte, Sucht, Familie und Erziehung."
    )


@pytest.mark.parametrize(
    ("phone", "uri"),
    [("0345 221-6992", "tel:03452216992"), ("116 111", "tel:116111"), ("+49 345 1", "tel:+493451"), ("110", "tel:110")],
)
def test_tel_uri(phone: str, uri: str) -> None:
    assert tel_uri(phone) == uri


def test_render_handout_escapes_hostile_data(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(REFERRAL, folder)
    actors = (folder / "actors.yaml").read_text(encoding="utf-8")
    actors = actors.replace("name: Suchtberatung Drobs", "name: \"<script>alert('x')</script> & Co\"")
    actors = actors.replace(
        "access: Offene Sprechstunde montags bis freitags", 'access: "<img src=x onerror=alert(2)>"'
    )
    (folder / "actors.yaml").write_text(actors, encoding="utf-8")
    dataset = load_dataset(folder, today=TODAY).dataset
    assert dataset is not None
    index = build_referral_index(dataset)
    page = render_handout(index, handout_data(index, "<b>v</b>", topic="sucht", today=TODAY))
    assert "<script>" not in page and "<img" not in page and "<b>v" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; Co" in page
    assert "Zugang: &lt;img src=x onerror=alert(2)&gt;" in page
    assert "&lt;b&gt;v" not in page  # the data version is not printed at all


def test_render_handout_links_only_web_addresses(index: ReferralIndex) -> None:
    # The validator rejects such a web address; the page must not rely on that.
    actor = index.dataset.actors["suchtberatung"]
    hostile = replace(actor, contact=replace(actor.contact or Contact(), web='javascript:alert(1)"><x'))
    dataset = replace(index.dataset, actors={**index.dataset.actors, "suchtberatung": hostile})
    hostile_index = build_referral_index(dataset)
    page = render_handout(hostile_index, handout_data(hostile_index, VERSION, topic="sucht", today=TODAY))
    assert 'href="javascript' not in page
    assert "javascript:alert(1)&quot;&gt;&lt;x" in page


def test_handout_links_only_plain_mail_addresses(index: ReferralIndex) -> None:
    # "a@b.de?subject=…&body=…" passes the data check (an @, no blank) but would prefill a mail: shown, not linked.
    actor = index.dataset.actors["suchtberatung"]
    tricky = "hilfe@drobs.example.org?subject=x&body=y"
    dataset = replace(
        index.dataset,
        actors={**index.dataset.actors, "suchtberatung": replace(actor, contact=replace(actor.contact, email=tricky))},
    )
    tricky_index = build_referral_index(dataset)
    data = handout_data(tricky_index, VERSION, topic="sucht", today=TODAY)
    page = render_handout(tricky_index, data)
    assert "mailto:hilfe@drobs" not in page
    assert "hilfe@drobs.example.org?subject=x&amp;body=y" in page
    # The PDF stores link targets as plain /URI entries (the plain address of the fixture is one of them).
    assert b"/URI(mailto:drobs@example.org)" in handout_pdf(
        index, handout_data(index, VERSION, topic="sucht", today=TODAY)
    )
    assert b"mailto:hilfe@drobs" not in handout_pdf(tricky_index, data)


def test_handout_holds_only_the_ticked_offers(index: ReferralIndex) -> None:
    query = "Er will nicht mehr leben"
    picked = handout_data(index, VERSION, query=query, today=TODAY, chosen=["beratung-stadt"])
    assert [[o.id for o in s.offers] for s in picked.sections] == [["beratung-stadt"]]
    none = handout_data(index, VERSION, query=query, today=TODAY, chosen=[])
    # Nothing ticked: no offer, a hint, and the crisis numbers all the same.
    assert (none.sections, none.message) == ((), "Es ist noch kein Angebot für die Handreichung angehakt.")
    assert [s.id for s in none.crisis] == ["notruf", "krisendienst", "seelsorge"]


def test_print_button_runs_only_its_own_script(index: ReferralIndex) -> None:
    data = handout_data(index, VERSION, query="schwänzt", today=TODAY)
    plain, preview = render_handout(index, data), render_handout(index, data, print_button=True)
    assert "<script" not in plain and "script-src" not in plain
    (script,) = re.findall(r"<script>(.*?)</script>", preview)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in preview
    assert '<button type="button" id="drucken" class="print noprint">Drucken</button>' in preview


def _pdf_streams(pdf: bytes) -> list[bytes]:
    found = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            found.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return found


def test_pdf_handout_is_a4_with_text_of_at_least_11_pt(index: ReferralIndex) -> None:
    data = handout_data(index, VERSION, query="Er will nicht mehr leben", today=TODAY, chosen=["seelsorge"])
    pdf = handout_pdf(index, data)
    assert pdf.startswith(b"%PDF-")
    assert re.findall(rb"/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]", pdf) == [(b"595.2756", b"841.8898")]  # A4
    sizes = [float(x) for stream in _pdf_streams(pdf) for x in re.findall(rb"/\S+ ([\d.]+) Tf", stream)]
    assert sizes and min(sizes) >= 11
    inputs = handout_inputs(index, data)
    assert [c["tel"] for c in inputs["crisis"]] == ["tel:110", "tel:03023125002", "tel:03023125001"]
    assert [[o["name"] for o in s["offers"]] for s in inputs["sections"]] == [["Seelsorgetelefon"]]
    assert b"tel:110" in pdf or any(b"tel:110" in stream for stream in _pdf_streams(pdf))


def test_pdf_sets_hostile_text_as_text(index: ReferralIndex) -> None:
    actor = index.dataset.actors["suchtberatung"]
    hostile = replace(actor, name='#import "x": * ]) #panic("boom") <script>')
    dataset = replace(index.dataset, actors={**index.dataset.actors, "suchtberatung": hostile})
    hostile_index = build_referral_index(dataset)
    data = handout_data(hostile_index, VERSION, topic="sucht", today=TODAY)
    assert handout_pdf(hostile_index, data).startswith(b"%PDF-")  # typeset, no Typst error from the name
