"""AppTest of every dashboard page on the bundled data, on the small network and on a broken data folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import BROKEN, REPO, VALID

APP = str(REPO / "app.py")
PAGES = {
    "karte": "Netzwerkkarte",
    "akteure": "Akteure",
    "kennzahlen": "Kennzahlen",
    "luecken": "Lücken",
    "vermittlung": "Vermittlung",
    "daten": "Daten",
}
TIMEOUT = 60


def _run(page: str, data: Path, monkeypatch: pytest.MonkeyPatch, **params: str) -> AppTest:
    monkeypatch.setenv("NETZWERKKARTE_DATA", str(data))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != "karte":
        at.switch_page(f"views/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _iframes(at: AppTest) -> list[str]:
    return [e.proto.srcdoc for e in at.main.get("iframe")]


@pytest.mark.parametrize("data", [REPO / "data", VALID], ids=["bundled", "small"])
@pytest.mark.parametrize("page", list(PAGES))
def test_app_page_runs(page: str, data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _run(page, data, monkeypatch)
    assert [t.value for t in at.title] == [PAGES[page]]
    assert not at.error


@pytest.mark.parametrize("page", list(PAGES))
def test_app_page_shows_report_on_broken_data(page: str, data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (data_copy / "relations.yaml").write_bytes((BROKEN / "unknown-actor" / "relations.yaml").read_bytes())
    at = _run(page, data_copy, monkeypatch)
    assert len(at.error) == 1 and "Fehler" in at.error[0].value
    assert [s.value for s in at.subheader] == ["Prüfbericht"]
    report = at.dataframe[0].value
    errors = report[report["Stufe"] == "Fehler"]
    assert errors["Code"].tolist() == ["unknown-actor"]
    assert errors["Datei"].str.endswith("relations.yaml").all() and (errors["Zeile"] > 0).all()
    assert errors["Hinweis"].str.len().min() > 0
    assert not at.title and not _iframes(at)


def test_app_map_is_offline_html(monkeypatch: pytest.MonkeyPatch) -> None:
    at = _run("karte", VALID, monkeypatch)
    (page,) = _iframes(at)
    assert "netzwerk-daten" in page and "https://cdn" not in page
    assert at.caption[0].value == "8 Akteure und 7 Beziehungen sichtbar."  # ssa-b-alt ended 2025-07-31


def test_app_map_reads_filters_from_url(monkeypatch: pytest.MonkeyPatch) -> None:
    at = _run("karte", VALID, monkeypatch, kind="schule,zoo", actor="gs-a", ego="1")
    assert [w.value for w in at.warning] == ["Akteursart 'zoo' aus dem Link ist unbekannt und wurde ignoriert."]
    assert at.multiselect(key="k_kind").value == ["schule"]
    assert at.selectbox(key="k_actor").value == "gs-a"
    assert at.caption[0].value == "1 Akteure und 0 Beziehungen sichtbar."
    assert at.query_params["kind"] == "schule" and at.query_params["ego"] == "1"


def test_app_map_filter_widget_updates_url(monkeypatch: pytest.MonkeyPatch) -> None:
    at = _run("karte", VALID, monkeypatch)
    at.multiselect(key="k_kind").set_value(["traeger"]).run()
    assert at.caption[0].value == "2 Akteure und 0 Beziehungen sichtbar."
    assert at.query_params["kind"] == "traeger"


def test_app_search_selects_actor(monkeypatch: pytest.MonkeyPatch) -> None:
    at = _run("karte", VALID, monkeypatch)
    at.text_input(key="k_search").input("beratungstele").run()
    assert at.selectbox(key="k_actor").value == "beratung-y"
    assert at.query_params["actor"] == "beratung-y"


def test_app_profile_from_url(monkeypatch: pytest.MonkeyPatch) -> None:
    at = _run("akteure", VALID, monkeypatch, actor="beratung-y")
    assert [h.value for h in at.header] == ["Beratungsstelle Y"]
    assert "Die Angaben wurden seit mehr als 12 Monaten nicht geprüft" in at.warning[0].value
    assert "erfunden" in at.info[0].value
    text = " ".join(m.value for m in at.markdown)
    assert "**Themen:** Schulabsentismus, Familie" in text and "**Gehört zu:** Träger X" in text
    assert len(_iframes(at)) == 1
    assert [s.value for s in at.subheader] == ["Angaben", "Kontakt", "Umfeld", "Beziehungen"]


def test_app_profile_escapes_markdown(monkeypatch: pytest.MonkeyPatch) -> None:
    at = _run("akteure", REPO / "tests" / "data" / "xss", monkeypatch, actor="xss-link")
    assert at.header[0].value.startswith(r"Beratung \[klick\]\(javascript\:alert\(1\)\)")
    assert any(r'**Bemerkungen:** \<a href="\#"\>x\</a\>' in m.value for m in at.markdown)
