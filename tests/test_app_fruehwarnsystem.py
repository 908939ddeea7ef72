"""AppTest of the page Frühwarnsystem on the pathway fixture (tests/data/pathway/valid) and the bundled data."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO, VALID, run_page

PATHWAY = REPO / "tests" / "data" / "pathway" / "valid"


def _markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def _gaps(at: AppTest) -> list[str]:
    """The red gap lines: the school's count first, then one per stage with nobody."""
    badge = ":red-badge[:material/report: Lücke] "
    return [m.value.removeprefix(badge) for m in at.markdown if m.value.startswith(badge)]


def test_app_early_warning_school_with_school_social_work(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("fruehwarnsystem", PATHWAY, monkeypatch)
    assert at.selectbox(key="fw_school").value == "gs-a"
    assert not at.error
    assert _gaps(at) == [
        "**1 von 5 Stufen hat an dieser Schule niemanden.**",
        ":red[**Niemand eingetragen für „Zuständige Behörde der Stadt \\(Schulpflicht\\)“ – Stufe 5 hat niemanden**]",
    ]
    text = _markdown(at)
    assert "#### 2. Schulsozialarbeit einbeziehen" in text
    assert ":blue-badge[:material/flag: Pilotschule]" in text
    assert "Schulsozialarbeit: **Träger X** :orange-badge[erfunden]" in text
    # the ASD of the school's district, phone as tel: link
    assert (
        "Allgemeiner Sozialer Dienst \\(ASD\\): **ASD Süd** :orange-badge[erfunden] · [030 23125 010](tel:03023125010)"
        " · [asd\\-sued@example\\.org](mailto:asd-sued@example.org)"
    ) in text


def test_app_early_warning_school_without_school_social_work_from_url(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("fruehwarnsystem", PATHWAY, monkeypatch)
    at.query_params["school"] = "sek-b"  # a link to the page with ?school=sek-b
    at.run()
    assert at.selectbox(key="fw_school").value == "sek-b"
    assert _gaps(at) == [
        "**2 von 5 Stufen haben an dieser Schule niemanden.**",
        ":red[**Keine Schulsozialarbeit an dieser Schule – Stufe 2 hat niemanden**]",
        ":red[**Niemand eingetragen für „Zuständige Behörde der Stadt \\(Schulpflicht\\)“ – Stufe 5 hat niemanden**]",
    ]
    assert "Schulsozialarbeit: :red[niemand eingetragen]" in _markdown(at)
    assert at.query_params["school"] == "sek-b"


def test_app_early_warning_day_changes_the_school_social_work(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("fruehwarnsystem", PATHWAY, monkeypatch)
    at.selectbox(key="fw_school").set_value("sek-b").run()
    at.date_input(key="fw_as_of").set_value(dt.date(2025, 7, 31)).run()
    assert not at.exception
    assert _gaps(at)[0] == "**1 von 5 Stufen hat an dieser Schule niemanden.**"
    assert "Schulsozialarbeit: **Träger X** :orange-badge[erfunden]" in _markdown(at)


def test_app_early_warning_city_table_and_pilot_filter(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("fruehwarnsystem", PATHWAY, monkeypatch)
    table = at.dataframe[0].value
    assert table["Schule"].tolist() == ["Sekundarschule B", "Grundschule A"]
    assert table["2. Schulsozialarbeit einbeziehen"].tolist() == ["Lücke", "besetzt"]
    assert table["Lücken"].tolist() == [2, 1]
    # exactly the gap cells are red (row, column), marked from the stage states
    styles = at.dataframe[0].proto.arrow_data.styler.styles
    assert sorted(re.findall(r"_row(\d+)_col(\d+)", styles.split("{")[0])) == [("0", "5"), ("0", "8"), ("1", "8")]
    assert "background-color: #fde7e9" in styles
    at.toggle(key="fw_pilot").set_value(True).run()
    assert at.dataframe[0].value["Schule"].tolist() == ["Grundschule A"]
    assert at.selectbox(key="fw_school").options == ["Grundschule A"]


def test_app_early_warning_bundled_data_has_no_pilot_schools(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("fruehwarnsystem", REPO / "data", monkeypatch)
    assert at.toggle(key="fw_pilot").disabled
    assert at.caption[0].value.startswith("In den Daten ist keine Pilotschule markiert")
    assert len(at.dataframe[0].value) == 32


def test_app_early_warning_without_pathways_file(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("fruehwarnsystem", VALID, monkeypatch)
    assert [i.value for i in at.info] == [
        "Im Datenordner steht keine Interventionskette. Legen Sie `pathways.yaml` an (Anleitung in data/README.md, "
        "Abschnitt „pathways.yaml“)."
    ]
