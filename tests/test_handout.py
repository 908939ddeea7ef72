"""Handreichung: grouping by topic, printable self-contained HTML, escaping of hostile data."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from graph import load_dataset
from graph.handout import handout_data, render_handout
from graph.model import Contact
from graph.referral import ReferralError, ReferralIndex, build_referral_index
from tests.conftest import TESTS, TODAY

REFERRAL = TESTS / "data" / "referral"
VERSION = "0123456789abcdef"


@pytest.fixture(scope="module")
def index() -> ReferralIndex:
    dataset = load_dataset(REFERRAL, today=TODAY).dataset
    assert dataset is not None
    return build_referral_index(dataset)


def sections(index: ReferralIndex, **options: str) -> list[tuple[str, list[str]]]:
    data = handout_data(index, VERSION, today=TODAY, **options)
    return [(s.topic, [o.id for o in s.offers]) for s in data.sections]


def test_handout_for_school_groups_each_offer_once(index: ReferralIndex) -> None:
    data = handout_data(index, VERSION, school="gs-silberhoehe", today=TODAY)
    assert (data.title, data.scope, data.message) == (
        "Unterstützungsangebote für Grundschule Silberhöhe",
        "Stadtteil Silberhöhe · Alter 6–10 Jahre",
        "",
    )
    # Age 6–10 excludes Sucht (12–27), Medienscouts (12–16) and Jugendhilfe Y (14–25); district excludes the west.
    assert sections(index, school="gs-silberhoehe") == [
        ("schulabsentismus", ["projekt-schulweg", "beratung-sued", "beratung-stadt"]),
        ("familie", ["jugendamt"]),
    ]


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
        ("familie", ["migrationsberatung", "jugendamt"]),
        ("cybermobbing", ["medienscouts"]),
    ]


def test_handout_unknown_topic(index: ReferralIndex) -> None:
    with pytest.raises(ReferralError, match=r"^Thema 'sucht2' ist unbekannt\. Meinten Sie 'sucht'\?$"):
        handout_data(index, VERSION, topic="sucht2")


def test_render_handout_is_printable_and_self_contained(index: ReferralIndex) -> None:
    page = render_handout(index, handout_data(index, VERSION, school="gs-silberhoehe", today=TODAY))
    assert "@page { size: A4; margin: 10mm; }" in page
    assert "Stadtteil Silberhöhe · Alter 6–10 Jahre · Stand: 28.11.2026 · Datenversion 0123456789abcdef" in page
    assert page.count("<article>") == 4
    assert "Tel. 0345 200 00 01" in page
    assert '<a href="mailto:info@familienberatung-sued.example.org">' in page
    assert "Zugang: Telefonisch Termin vereinbaren; offene Sprechstunde dienstags 14–16 Uhr" in page
    assert '<h3>Projekt Schulweg <span class="kind">· Projekt · geprüft 01.09.2026</span>' in page
    assert "Verbindung: direkt" in page
    assert "Verbindung: über Träger X → Familienberatung Süd → Jugendamt Halle → AG § 78 Jugendhilfe-Schule" in page
    # Nothing is fetched: no scripts, stylesheets, images or fonts from anywhere; CSP forbids them anyway.
    assert re.findall(r"<script|<link|<img|src=|@import|url\(", page) == []
    assert "default-src 'none'" in page


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
    assert "Datenversion &lt;b&gt;v&lt;/b&gt;" in page


def test_render_handout_links_only_web_addresses(index: ReferralIndex) -> None:
    # The validator rejects such a web address; the page must not rely on that.
    actor = index.dataset.actors["suchtberatung"]
    hostile = replace(actor, contact=replace(actor.contact or Contact(), web='javascript:alert(1)"><x'))
    dataset = replace(index.dataset, actors={**index.dataset.actors, "suchtberatung": hostile})
    hostile_index = build_referral_index(dataset)
    page = render_handout(hostile_index, handout_data(hostile_index, VERSION, topic="sucht", today=TODAY))
    assert 'href="javascript' not in page
    assert "javascript:alert(1)&quot;&gt;&lt;x" in page
