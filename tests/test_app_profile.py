"""AppTest of the actor profile: demo mark, source link, relation origin and the correction buttons."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.workflow.correction import ENV_BRANCH, ENV_DATA_PATH, ENV_EMAIL, ENV_FORGE, ENV_REPO
from tests.conftest import REPO, VALID, run_page
from views import texts as t

SOURCE = "https://www.villajuehling.de/schulsozialarbeit (Seite Schulsozialarbeit)"


@pytest.fixture(autouse=True)
def unconfigured(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts without correction settings, whatever the shell running the tests has set."""
    for name in (ENV_REPO, ENV_BRANCH, ENV_DATA_PATH, ENV_FORGE, ENV_EMAIL):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def sourced(data_copy: Path) -> Path:
    """The reference network with a web source on ``traeger-x`` (line 17 of actors.yaml), nothing invented."""
    actors = data_copy / "actors.yaml"
    text = actors.read_text(encoding="utf-8")
    anchor = "  contact: {web: https://traeger-x.example.org}\n"
    assert anchor in text
    text = text.replace(anchor, anchor + f'  provenance: "{SOURCE}"\n')
    # A sourced actor may not keep ties to an invented one (demo-relation-real-actor): Beratungsstelle Y,
    # its partner in the fixture, loses its demo mark here.
    invented = "  parent: traeger-x\n  provenance: demo\n"
    assert invented in text
    actors.write_text(text.replace(invented, "  parent: traeger-x\n"), encoding="utf-8")
    return data_copy


def _buttons(at: AppTest) -> dict[str, tuple[str, bool]]:
    """Link buttons by label: (url, disabled)."""
    return {b.proto.label: (b.proto.url, b.proto.disabled) for b in at.get("link_button")}


def _texts(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown] + [c.value for c in at.caption]


def test_profile_of_demo_actor_has_badge_and_github_links(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_REPO, "https://github.com/ORG/REPO")
    at = run_page("akteure", VALID, monkeypatch, actor="beratung-y")
    texts = _texts(at)
    assert ":orange-badge[:material/science: Erfundener Demo-Eintrag]" in texts
    assert t.PROFILE_DEMO in texts
    buttons = _buttons(at)
    assert buttons[t.CORRECTION_EDIT] == ("https://github.com/ORG/REPO/edit/main/data/actors.yaml#L22", False)
    report, disabled = buttons[t.CORRECTION_REPORT]
    assert not disabled
    assert report == (
        "https://github.com/ORG/REPO/issues/new?title=Korrektur%3A%20Beratungsstelle%20Y%20%28beratung-y%29"
        "&body=Eintrag%3A%20Beratungsstelle%20Y%0AKennung%3A%20beratung-y%0ADatei%3A%20data%2Factors.yaml%2C%20"
        "Zeile%2022%0AAnsehen%3A%20https%3A%2F%2Fgithub.com%2FORG%2FREPO%2Fblob%2Fmain%2Fdata%2Factors.yaml%23L22"
        "%0A%0AWas%20ist%20falsch%3F%0A%0A%0AWas%20ist%20richtig%3F%20%28bitte%20mit%20Quelle%2C%20z.%20B.%20Link"
        "%20auf%20die%20Seite%20der%20Organisation%29%0A"
    )
    assert not any("noch nicht eingerichtet" in text for text in texts)


def test_profile_relation_tables_say_where_each_relation_comes_from(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("akteure", VALID, monkeypatch, actor="beratung-y")
    tables = [d.value for d in at.dataframe]
    assert tables and all(list(table.columns) == [t.COL_PROFILE, *t.PROFILE_RELATION_COLUMNS] for table in tables)
    # The reference network's relations name no source: by the rule they count as invented.
    assert {h for table in tables for h in table["Herkunft"]} == {"Ohne Quelle – gilt als erfunden"}


def test_profile_relation_table_cells_are_german_text(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("akteure", VALID, monkeypatch, actor="traeger-x")
    rows = {tuple(row) for d in at.dataframe for row in d.value.values.tolist()}
    # The first column opens the partner's profile.
    partner = ("akteure?actor=gs-a", "Träger X", "Grundschule A", "Ohne Quelle – gilt als erfunden", "01.08.2024")
    assert (*partner, "31.07.2028", "", "vertraglich") in rows
    assert (
        "akteure?actor=sek-b",
        "Träger X",
        "Sekundarschule B",
        "Ohne Quelle – gilt als erfunden",
        "01.08.2020",
        "31.07.2025",
        "",
        "",
    ) in rows


def test_profile_of_sourced_actor_links_the_source_and_gitlab(sourced: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_REPO, "https://gitlab.example/stadt/netzwerk-daten")
    monkeypatch.setenv(ENV_BRANCH, "pflege")
    at = run_page("akteure", sourced, monkeypatch, actor="traeger-x")
    texts = _texts(at)
    assert not any("badge[" in text for text in texts)
    assert not any("**Quelle:**" in text for text in texts)  # not repeated as a raw field below
    source = r"Quelle\: villajuehling\.de/schulsozialarbeit \(Seite Schulsozialarbeit\)"
    assert _buttons(at)[source] == ("https://www.villajuehling.de/schulsozialarbeit", False)
    buttons = _buttons(at)
    assert buttons[t.CORRECTION_EDIT] == (
        "https://gitlab.example/stadt/netzwerk-daten/-/edit/pflege/data/actors.yaml#L17",
        False,
    )
    assert buttons[t.CORRECTION_REPORT][0].startswith(
        "https://gitlab.example/stadt/netzwerk-daten/-/issues/new?issue[title]=Korrektur%3A%20Tr%C3%A4ger%20X%20"
        "%28traeger-x%29&issue[description]=Eintrag%3A%20Tr%C3%A4ger%20X%0A"
    )


def test_profile_without_settings_disables_buttons_and_says_how(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("akteure", VALID, monkeypatch, actor="gs-a")
    assert _buttons(at) == {t.CORRECTION_EDIT: ("", True), t.CORRECTION_REPORT: ("", True)}
    setup = (
        "„Eintrag bearbeiten“ und „Fehler melden“ sind noch nicht eingerichtet. Dafür beim Start der App "
        "`NETZWERKKARTE_REPO_URL` setzen (Adresse des Daten-Repositorys, z. B. `https://github.com/ORG/REPO`; "
        "Zweig: `NETZWERKKARTE_REPO_BRANCH`, Standard `main`) – oder nur `NETZWERKKARTE_FEEDBACK_EMAIL` für "
        "Meldungen per E-Mail. Anleitung: docs/betrieb.md, „Korrekturen“."
    )
    texts = _texts(at)
    assert setup in texts
    # gs-a names no source: a grey mark, not the demo badge.
    assert ":gray-badge[:material/help: Ohne Quellenangabe]" in texts


def test_profile_with_mail_only_reports_by_mail(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_EMAIL, "netzwerk@halle.example")
    at = run_page("akteure", VALID, monkeypatch, actor="gs-a")
    buttons = _buttons(at)
    assert buttons[t.CORRECTION_EDIT] == ("", True)
    assert buttons[t.CORRECTION_REPORT] == (
        "mailto:netzwerk@halle.example?subject=Korrektur%3A%20Grundschule%20A%20%28gs-a%29&body=Eintrag%3A%20"
        "Grundschule%20A%0D%0AKennung%3A%20gs-a%0D%0ADatei%3A%20data%2Factors.yaml%2C%20Zeile%202%0D%0A%0D%0A"
        "Was%20ist%20falsch%3F%0D%0A%0D%0A%0D%0AWas%20ist%20richtig%3F%20%28bitte%20mit%20Quelle%2C%20z.%20B.%20"
        "Link%20auf%20die%20Seite%20der%20Organisation%29%0D%0A",
        False,
    )
    assert t.CORRECTION_EDIT_SETUP.format(repo=ENV_REPO) in _texts(at)


def test_profile_names_a_setting_it_cannot_use(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_REPO, "https://git.halle.example/team/netz")
    at = run_page("akteure", VALID, monkeypatch, actor="gs-a")
    assert _buttons(at)[t.CORRECTION_EDIT] == ("", True)
    assert any("NETZWERKKARTE\\_FORGE=github\\|gitlab\\|gitea" in text for text in _texts(at))


def test_profile_attributes_read_as_german_text(monkeypatch: pytest.MonkeyPatch) -> None:
    school = "\n".join(m.value for m in run_page("akteure", VALID, monkeypatch, actor="gs-a").markdown)
    assert "**Unterart / Schulform:** Grundschule" in school
    assert "**Anschrift:** Weg 1, 06132 Halle \\(Saale\\)" in school
    offer = "\n".join(m.value for m in run_page("akteure", VALID, monkeypatch, actor="beratung-y").markdown)
    assert "**Zielgruppen:** Schüler\\:innen, Eltern · 6–18 Jahre" in offer
    assert "audiences" not in offer and "age\\_min" not in offer


def test_profile_contact_phone_and_mail_are_links(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("akteure", REPO / "data", monkeypatch, actor="jugendhilfe-lindenhof")
    contact = next(m.value for m in at.markdown if m.value.startswith("Stelle:"))
    assert contact.splitlines() == [
        "Stelle: Geschäftsstelle  ",
        "Telefon: [030 23125 101](tel:03023125101)  ",
        "E-Mail: [kontakt@jugendhilfe\\-lindenhof\\.example\\.org](mailto:kontakt@jugendhilfe-lindenhof.example.org)  ",
        "Web: https\\://jugendhilfe\\-lindenhof\\.example\\.org",
    ]


def test_actor_list_links_every_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("akteure", VALID, monkeypatch)
    (table,) = [d.value for d in at.dataframe]
    assert table.columns[0] == t.COL_PROFILE
    assert all(link == f"akteure?actor={key}" for link, key in zip(table[t.COL_PROFILE], table.index, strict=True))
