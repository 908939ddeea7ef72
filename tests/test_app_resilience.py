"""A bad pull while the app runs: pages keep the last valid data with a warning, and pick up the fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import APP, BROKEN, REPO, run_page


def _daten_page(folder: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    return run_page("daten", folder, monkeypatch)


def test_app_keeps_last_valid_data_during_a_bad_pull(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = (data_copy / "relations.yaml").read_bytes()
    first = _daten_page(data_copy, monkeypatch)
    assert not first.warning and not first.error

    (data_copy / "relations.yaml").write_bytes((BROKEN / "unknown-actor" / "relations.yaml").read_bytes())
    during = _daten_page(data_copy, monkeypatch)
    assert next(w.value for w in during.warning).startswith(
        f"Die Daten in `{data_copy}` sind gerade ungültig (1 Fehler"
    )
    assert not during.error  # the page itself still works on the last valid data
    assert [t.value for t in during.title] == ["Daten"]
    tables = [df.value for df in during.dataframe]
    assert any("unknown-actor" in set(table.get("Code", [])) for table in tables)

    (data_copy / "relations.yaml").write_bytes(good)
    after = _daten_page(data_copy, monkeypatch)
    assert not after.warning and not after.error


def test_app_without_any_valid_version_shows_the_report(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (data_copy / "actors.yaml").write_text("- id: [\n", encoding="utf-8")
    at = _daten_page(data_copy, monkeypatch)
    assert len(at.error) == 1 and not at.warning


def test_app_asks_for_login_when_oidc_is_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETZWERKKARTE_DATA", str(REPO / "data"))
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x"}
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Netzwerkkarte Schulerfolg Halle"]
    assert [b.label for b in at.button] == ["Anmelden"]
    assert not at.dataframe and not at.main.get("iframe")
