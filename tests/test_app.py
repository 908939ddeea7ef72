"""AppTest of every dashboard page on the bundled data, on the small network and on a broken data folder."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import BROKEN, REPO, VALID, run_page

PAGES = {
    "karte": "Netzwerkkarte",
    "akteure": "Akteure",
    "kennzahlen": "Kennzahlen",
    "luecken": "Lücken",
    "planung": "Planung",
    "vermittlung": "Vermittlung",
    "daten": "Daten",
    "fruehwarnsystem": "Frühwarnsystem",
}


def _iframes(at: AppTest) -> list[str]:
    return [e.proto.srcdoc for e in at.main.get("iframe")]


@pytest.mark.parametrize("data", [REPO / "data", VALID], ids=["bundled", "small"])
@pytest.mark.parametrize("page", list(PAGES))
def test_app_page_runs(page: str, data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page(page, data, monkeypatch)
    assert [t.value for t in at.title] == [PAGES[page]]
    assert not at.error


@pytest.mark.parametrize("page", list(PAGES))
def test_app_page_shows_report_on_broken_data(page: str, data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (data_copy / "relations.yaml").write_bytes((BROKEN / "unknown-actor" / "relations.yaml").read_bytes())
    at = run_page(page, data_copy, monkeypatch)
    assert len(at.error) == 1 and "Fehler" in at.error[0].value
    assert [s.value for s in at.subheader] == ["Prüfbericht", "Wer korrigiert was?"]
    report = at.dataframe[0].value
    errors = report[report["Stufe"] == "Fehler"]
    assert errors["Code"].tolist() == ["unknown-actor"]
    assert errors["Datei"].str.endswith("relations.yaml").all() and (errors["Zeile"] > 0).all()
    assert errors["Hinweis"].str.len().min() > 0
    assert not at.title and not _iframes(at)


def test_app_map_is_offline_html(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("karte", VALID, monkeypatch)
    (page,) = _iframes(at)
    assert "netzwerk-daten" in page and "https://cdn" not in page
    assert at.caption[0].value == "8 Akteure und 7 Beziehungen sichtbar."  # ssa-b-alt ended 2025-07-31


def test_app_map_reads_filters_from_url(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("karte", VALID, monkeypatch, kind="schule,zoo", actor="gs-a", ego="1")
    assert [w.value for w in at.warning] == ["Akteursart 'zoo' aus dem Link ist unbekannt und wurde ignoriert."]
    assert at.multiselect(key="k_kind").value == ["schule"]
    assert at.selectbox(key="k_actor").value == "gs-a"
    assert at.caption[0].value == "1 Akteure und 0 Beziehungen sichtbar."
    assert at.query_params["kind"] == "schule" and at.query_params["ego"] == "1"


def test_app_map_filter_widget_updates_url(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("karte", VALID, monkeypatch)
    at.multiselect(key="k_kind").set_value(["traeger"]).run()
    assert at.caption[0].value == "2 Akteure und 0 Beziehungen sichtbar."
    assert at.query_params["kind"] == "traeger"


def test_app_map_too_large_offers_ego_view_and_bezirk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("graph.present.mapview.FULL_MAP_LIMIT", 5)  # the small network's 8 actors count as "too many"
    at = run_page("karte", VALID, monkeypatch)
    assert not _iframes(at)
    assert at.warning[0].value.startswith("Die Karte hätte 8 Akteure. Ab 5 Akteuren reagiert die ganze Karte")
    at.selectbox(key="k_guard_actor").set_value("gs-a")
    at.button[0].click().run()  # "Umfeld dieses Akteurs zeigen"
    assert at.selectbox(key="k_actor").value == "gs-a" and at.checkbox(key="k_ego").value is True
    assert len(_iframes(at)) == 1 and not at.warning
    assert at.query_params["ego"] == "1"


def test_app_map_too_large_bezirk_and_full_map_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("graph.present.mapview.FULL_MAP_LIMIT", 5)
    at = run_page("karte", VALID, monkeypatch)
    assert at.selectbox(key="k_guard_bezirk").options == ["Süd", "West"]  # only Stadtbezirke in the view
    at.button[1].click().run()  # "Nur diesen Stadtbezirk zeigen"
    assert at.multiselect(key="k_bezirk").value == ["sued"] and at.query_params["bezirk"] == "sued"
    assert at.caption[0].value == "2 Akteure und 1 Beziehungen sichtbar." and len(_iframes(at)) == 1
    at.multiselect(key="k_bezirk").set_value([]).run()
    assert not _iframes(at)
    at.button[2].click().run()  # "Ganze Karte trotzdem zeichnen"
    (page,) = _iframes(at)
    assert "netzwerk-daten" in page and not at.warning
    assert at.caption[1].value.startswith("Ganze Karte auf Wunsch gezeichnet (8 Akteure)")


def test_app_search_selects_actor(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("karte", VALID, monkeypatch)
    at.text_input(key="k_search").input("beratungstele").run()
    assert at.selectbox(key="k_actor").value == "beratung-y"
    assert at.query_params["actor"] == "beratung-y"


def test_app_profile_from_url(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("akteure", VALID, monkeypatch, actor="beratung-y")
    assert [h.value for h in at.header] == ["Beratungsstelle Y"]
    assert "Die Angaben wurden seit mehr als 12 Monaten nicht geprüft" in at.warning[0].value
    assert any("erfundenes Beispiel" in c.value for c in at.caption)  # under the badge „Erfundener Demo-Eintrag“
    text = " ".join(m.value for m in at.markdown)
    assert "**Themen:** Schulabsentismus, Familie" in text and "**Gehört zu:** Träger X" in text
    assert len(_iframes(at)) == 1
    assert [s.value for s in at.subheader] == ["Angaben", "Kontakt", "Stellung im Netzwerk", "Umfeld", "Beziehungen"]


def test_app_profile_relations_say_strength_in_words(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("akteure", VALID, monkeypatch, actor="traeger-x")
    frames = [df for df in at.dataframe if "Stärke" in df.value.columns]
    strengths = {value for df in frames for value in df.value["Stärke"]}
    assert {"vertraglich", "regelmäßig"} <= strengths <= {"gelegentlich", "regelmäßig", "vertraglich", ""}
    config = json.loads(frames[0].proto.columns)
    assert config["Stärke"]["help"].startswith("gelegentlich, regelmäßig oder vertraglich")


def test_app_profile_escapes_markdown(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("akteure", REPO / "tests" / "data" / "xss", monkeypatch, actor="xss-link")
    assert at.header[0].value.startswith(r"Beratung \[klick\]\(javascript\:alert\(1\)\)")
    assert any(r'**Bemerkungen:** \<a href="\#"\>x\</a\>' in m.value for m in at.markdown)


def _frame_with(at: AppTest, column: str) -> Any:
    """The first rendered table that has ``column``."""
    return next(df.value for df in at.dataframe if column in df.value.columns)


def _text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_app_metrics_table_sorted_by_betweenness(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("kennzahlen", REPO / "data", monkeypatch)
    table = _frame_with(at, "Brückenakteur")
    assert table["Name"].iloc[0] == "Brückenwerk Jugendhilfe gGmbH"
    assert table["Name"].iloc[1] == "HALLIANZ für Vielfalt"
    assert len(table) == 90 and table["Profil"].iloc[0] == "akteure?actor=brueckenwerk-jugendhilfe"
    assert [m.label for m in at.metric][:2] == ["Akteure", "Beziehungen"] and at.metric[0].value == "90"
    assert "Nach Art des Akteurs" in _frame_with(at, "Nach Art des Akteurs").columns
    assert _frame_with(at, "Nach Stadtbezirk")["Nach Stadtbezirk"].tolist()[-1] == "ohne Stadtbezirk"
    # Decimals in the browser's number format (a comma in German), three places, still sortable numbers.
    config = json.loads(next(df for df in at.dataframe if "Brückenakteur" in df.value.columns).proto.columns)
    assert config["Brückenakteur"]["type_config"] == {"type": "number", "format": "localized", "step": 0.001}
    assert config["Direkte Partner"]["type_config"]["format"] == "%d"
    # Rounded before the grid cuts off after three decimals: 3 of 89 possible partners is 0,034, not 0,033.
    three = table[table["Direkte Partner"] == 3]["Vernetzungsgrad"]
    assert len(three) > 0 and set(three) == {0.034}


def test_app_actor_list_shows_no_none(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("akteure", REPO / "data", monkeypatch)
    verified = _frame_with(at, "Geprüft am")["Geprüft am"]
    assert verified.isna().sum() == 0 and "" in set(verified)
    assert verified[verified != ""].str.fullmatch(r"\d\d\.\d\d\.\d{4}").all()


def test_app_metrics_options_change_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("kennzahlen", REPO / "data", monkeypatch)
    types = ["schulsozialarbeit", "kooperation", "foerderung", "verweist", "traegerschaft"]  # without mitglied
    at.button_group(key="km_types").set_value(types).run()
    assert not at.exception
    # without memberships the HALLIANZ no longer bridges; the invented counselling centre moves up
    assert _frame_with(at, "Brückenakteur")["Name"].tolist()[:2] == [
        "Brückenwerk Jugendhilfe gGmbH",
        "Jugendberatung „Lerchenfeld“",
    ]
    at.selectbox(key="km_metric").set_value("neighbours").run()
    table = _frame_with(at, "Direkte Partner")
    assert table["Direkte Partner"].is_monotonic_decreasing
    at.toggle(key="km_weighted").set_value(True).run()
    assert not at.exception
    at.button_group(key="km_types").set_value([]).run()
    assert at.warning[0].value == "Bitte mindestens eine Beziehungsart wählen."


def test_app_map_size_by_metric_from_url(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("karte", REPO / "data", monkeypatch, size="betweenness")
    assert at.selectbox(key="k_size").value == "betweenness"
    (page,) = _iframes(at)
    at.selectbox(key="k_size").set_value("none").run()
    assert at.query_params["size"] == "none"
    assert _iframes(at) != [page]
    at.selectbox(key="k_size").set_value("closeness").run()
    assert at.query_params["size"] == "closeness"
    at.selectbox(key="k_size").set_value("relations").run()
    assert "size" not in at.query_params


def test_app_gaps_lists_schools_without_school_social_work(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("luecken", REPO / "data", monkeypatch)
    without = _frame_with(at, "Schulsozialarbeit endete am")
    row = without[without["Name"] == "Grundschule Am Ebereschenweg"]
    assert row["Schulsozialarbeit endete am"].tolist() == ["31.07.2025"]
    assert row["Profil"].tolist() == ["akteure?actor=gs-am-ebereschenweg"]
    ending = _frame_with(at, "Endet am")
    assert "31.07.2028" in ending["Endet am"].tolist()  # the slider starts at the end of the ESF+ period
    assert at.slider(key="gl_months").value >= 1
    titles = [s.value for s in at.subheader]
    assert "Isolierte Akteure (3)" in titles and "Unverzichtbare Brückenakteure (10)" in titles
    isolated = _frame_with(at, "Art")
    assert "Lernwerkstatt Sanddorn" in isolated["Name"].tolist()
    cut = _frame_with(at, "Abgeschnitten wären")
    assert cut["Name"].iloc[0] == "HALLIANZ für Vielfalt"
    ahornhof = cut[cut["Name"] == "Ahornhof e.V."]["Abgeschnitten wären"].tolist()
    assert ahornhof == ["Mädchentreff Ahornhof, Elterncafé Ahornhof"]
    assert any("Was tun?" in c.value for c in at.caption)


def test_app_gaps_ending_window_follows_slider(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("luecken", REPO / "data", monkeypatch)
    at.date_input(key="gl_as_of").set_value(dt.date(2026, 11, 28)).run()
    at.slider(key="gl_months").set_value(6).run()
    ending = _frame_with(at, "Endet am")
    assert ending["Name"].tolist() == ["Grundschule Am Kirschgarten"]


def test_app_gaps_what_if_programme_end(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("luecken", REPO / "data", monkeypatch)
    assert any(i.value.startswith("Akteure und/oder ein Förderprogramm") for i in at.info)
    at.selectbox(key="gl_programme").set_value("esf-plus-schulsozialarbeit").run()
    assert not at.exception
    schools = _frame_with(at, "Verliert Schulsozialarbeit")
    assert "Grundschule Am Mohnfeld" in schools["Name"].tolist()
    at.multiselect(key="gl_remove").set_value(["villa-juehling"]).run()
    relations = _frame_with(at, "Art der Beziehung")
    assert "Villa Jühling e.V." in set(relations["Von"]) | set(relations["An"])
    # Values before and after in German form (decimal comma, three places), never "0.2885".
    changes = _frame_with(at, "Änderung")
    cells = [str(v) for column in ("Vorher", "Nachher", "Änderung") for v in changes[column]]
    assert cells and all(re.fullmatch(r"-?\d+,\d{3}", c) for c in cells), cells


def test_app_referral_shows_top_offer_with_contact(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("vermittlung", REPO / "data", monkeypatch)
    at.selectbox(key="v_school").set_value("gs-am-ebereschenweg").run()
    at.text_input(key="v_query").input("schwänzt").run()
    assert not at.exception
    text = _text(at)
    assert "#### 1. Jugendhilfe Lindenhof e\\.V\\." in text
    assert "**Telefon:** [030 23125 101](tel:03023125101)" in text
    assert "**Bekannt über:** Grundschule Am Ebereschenweg → verweist an" in text
    # The path is drawn from its steps, never repeated among the reasons; the scope from the school's settings.
    reasons = [line for line in text.splitlines() if line.startswith("**Warum:**")]
    assert reasons and not any("Verbindung:" in line for line in reasons)
    assert (
        "Eingegrenzt auf: Grundschule Am Ebereschenweg \\(Stadtteil Trotha · Grundschule \\(Primarstufe\\) · "
        "Alter 6–10 Jahre\\)"
    ) in [c.value for c in at.caption]
    assert "**Erkannt:** ‚schwänzt‘ → Schulabsentismus" in text
    assert "Akute Krise" not in text


def test_app_referral_explains_no_topic(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("vermittlung", REPO / "data", monkeypatch)
    at.text_input(key="v_query").input("xyzzy").run()
    assert "wurde kein Thema erkannt" in at.warning[0].value


def test_app_referral_school_shows_what_it_sets_and_counts_in_german(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("vermittlung", REPO / "data", monkeypatch)
    at.selectbox(key="v_school").set_value("gs-am-ebereschenweg").run()
    scope = "Gilt für die Suche\\: Stadtteil Trotha · Grundschule \\(Primarstufe\\) · Alter 6–10 Jahre"
    assert scope in [c.value for c in at.main.caption]
    at.text_input(key="v_query").input("hochbegabt").run()
    assert "1 passendes Angebot." in [m.value for m in at.markdown]
    at.text_input(key="v_query").input("vater trinkt").run()
    assert "3 passende Angebote." in [m.value for m in at.markdown]


def test_app_referral_widening_drops_a_filter(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("vermittlung", REPO / "data", monkeypatch)
    at.selectbox(key="v_school").set_value("gs-am-ebereschenweg").run()
    at.selectbox(key="v_language").set_value("uk").run()
    at.text_input(key="v_query").input("schwänzt").run()
    assert at.warning[0].value.startswith("Kein Angebot erfüllt alle Filter")
    at.button(key="widen_language").click().run()
    assert at.selectbox(key="v_language").value == ""
    assert "#### 1. Jugendhilfe Lindenhof e\\.V\\." in _text(at)


def test_app_referral_handout_rendered(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("vermittlung", REPO / "data", monkeypatch)
    assert not _iframes(at)  # the handout of the search waits for a need
    at.segmented_control(key="h_kind").set_value("school").run()
    (page,) = _iframes(at)
    assert "Unterstützungsangebote für" in page and "Content-Security-Policy" in page
    at.segmented_control(key="h_kind").set_value("topic").run()
    at.selectbox(key="h_topic").set_value("sucht").run()
    (page,) = _iframes(at)
    assert "Unterstützungsangebote zum Thema Sucht" in page


def test_app_referral_handout_follows_the_search_school(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("vermittlung", REPO / "data", monkeypatch)
    at.segmented_control(key="h_kind").set_value("school").run()
    at.selectbox(key="v_school").set_value("gs-am-ebereschenweg").run()
    (page,) = _iframes(at)
    assert "Unterstützungsangebote für Grundschule Am Ebereschenweg" in page
    # Another school chosen in the handout tab stays until the search school changes again.
    at.selectbox(key="h_school_for_gs-am-ebereschenweg").set_value("salzmann-schule").run()
    assert "Unterstützungsangebote für Salzmann-Schule" in _iframes(at)[0]
    at.text_input(key="v_query").input("schwänzt").run()
    assert "Unterstützungsangebote für Salzmann-Schule" in _iframes(at)[0]
    at.selectbox(key="v_school").set_value("gs-am-tulpenbeet").run()
    assert "Unterstützungsangebote für Grundschule Am Tulpenbeet" in _iframes(at)[0]


def test_app_profile_metrics_in_words(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("akteure", REPO / "data", monkeypatch, actor="villa-juehling")
    text = _text(at)
    assert "Verbindet **5** Partner direkt (Rang 11 von 90)" in text
    assert "**Brückenakteur:** Rang 11 von 90" in text
    assert "**Kernzugehörigkeit:** Stufe 1 von 3 (1: eher am Rand; 3: im dicht vernetzten Kern des Netzes)." in text
    assert "Stellung im Netzwerk" in [s.value for s in at.subheader]
    # The id is for whoever edits the data: not among the attributes, but in the technical line at the end.
    assert "**Kennung:**" not in text
    assert at.main.caption[-1].value == "Technische Angaben: Kennung villa\\-juehling · actors.yaml, Zeile 149"


def test_app_profile_metrics_isolated(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("akteure", REPO / "data", monkeypatch, actor="lernwerkstatt-sanddorn")
    assert "keine Beziehung im Netzwerk" in _text(at)


def test_app_map_loads_vis_network_from_the_app_only_when_it_serves_it(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("karte", REPO / "data", monkeypatch)
    (page,) = _iframes(at)
    assert '<script src="./app/static/vis-network-9.1.2.min.js"></script>' in page
    monkeypatch.setattr("views.common._VIS_SCRIPT_FILE", REPO / "static" / "missing.js")
    at = run_page("karte", VALID, monkeypatch)  # other data: the map is not served from the cache
    (page,) = _iframes(at)
    assert "./app/static/" not in page and "vis.Network" in page and len(page) > 400_000


def _sidebar_captions(at: AppTest) -> list[str]:
    return [c.value for c in at.sidebar.caption]


def test_app_sidebar_names_the_reference_date(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("karte", VALID, monkeypatch)
    assert "Demo-Stand: 28.11.2026 (Stichtag der Daten)" in _sidebar_captions(at)
    assert at.date_input(key="k_as_of").value == dt.date(2026, 11, 28)


def test_app_sidebar_names_the_environment_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETZWERKKARTE_TODAY", "2027-07-01")
    at = run_page("kennzahlen", VALID, monkeypatch)
    assert "Stichtag: 01.07.2027 (gesetzt über NETZWERKKARTE_TODAY)" in _sidebar_captions(at)
    assert at.date_input(key="km_as_of").value == dt.date(2027, 7, 1)


def test_app_sidebar_silent_on_the_real_date(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from graph.data import clock

    (data_copy / "meta.yaml").unlink()
    monkeypatch.setattr(clock, "system_date", lambda: dt.date(2026, 12, 24))
    at = run_page("karte", data_copy, monkeypatch)
    assert not [c for c in _sidebar_captions(at) if c.startswith("Stichtag")]
    assert at.date_input(key="k_as_of").value == dt.date(2026, 12, 24)


def test_app_invalid_clock_override_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETZWERKKARTE_TODAY", "morgen")
    at = run_page("daten", VALID, monkeypatch)
    assert [e.value for e in at.error] == [
        "Die Umgebungsvariable NETZWERKKARTE_TODAY enthält 'morgen', das ist kein gültiges Datum. "
        "Schreiben Sie das Datum als JJJJ-MM-TT (z. B. NETZWERKKARTE_TODAY=2026-11-28) oder entfernen Sie die Variable."
    ]
