"""AppTest of the validation report: errors first and highlighted, warnings collapsed, each with its line shown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from graph.workflow.correction import ENV_EMAIL, ENV_REPO
from tests.conftest import BROKEN, TESTS, VALID, run_page

INDENTATION = TESTS / "data" / "bad" / "indentation" / "actors.yaml"
UNKNOWN_ACTOR = BROKEN / "unknown-actor" / "relations.yaml"


def _texts(node: Any) -> list[tuple[str, str]]:
    """Every element below ``node`` in page order as (type, text); blocks and expanders by their label."""
    out: list[tuple[str, str]] = []
    for child in getattr(node, "children", {}).values():
        kind = type(child).__name__
        if kind == "Expander":
            out.append((kind, child.label))
        elif hasattr(child, "value") and kind != "Dataframe":
            out.append((kind, str(child.value)))
        out += _texts(child)
    return out


def _all_text(at: AppTest) -> str:
    return "\n".join(text for _, text in _texts(at.main))


@pytest.fixture
def repo_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (ENV_REPO, ENV_EMAIL):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.usefixtures("repo_unset")
def test_broken_data_report_lists_errors_first_with_their_line(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (data_copy / "relations.yaml").write_bytes(UNKNOWN_ACTOR.read_bytes())
    at = run_page("daten", data_copy, monkeypatch)
    assert _texts(at.main) == [
        (
            "Error",
            f"Die Daten in `{data_copy}` enthalten 1 Fehler und können nicht angezeigt werden. Bitte korrigieren "
            "Sie die unten genannten Stellen (Datei, Zeile, Hinweis).",
        ),
        ("Subheader", "Prüfbericht"),
        ("Caption", "1 Fehler, 2 Warnungen"),
        ("Markdown", "**1 Fehler – diese Stellen müssen korrigiert werden, bevor die Daten gelten:**"),
        (
            "Markdown",
            ":red-badge[:material/error: Fehler] **Unbekannter Akteur** · relations\\.yaml, Zeile 3, Spalte 11",
        ),
        ("Markdown", "'target' verweist auf 'gs\\-b', das es in actors\\.yaml nicht gibt\\."),
        ("Markdown", "**So beheben Sie es:** Meinten Sie 'gs\\-a'?"),
        ("Code", " 2 |   source: traeger-x\n 3 |   target: gs-b\n   |           ^"),
        ("Caption", "Prüfcode `unknown-actor`"),
        ("Expander", "2 Warnungen"),
        ("Caption", "Warnungen dürfen stehen bleiben, wenn es dafür einen Grund gibt (z. B. bewusst ohne Kontakt)."),
        (
            "Markdown",
            ":orange-badge[:material/warning: Warnung] **Lange nicht geprüft** · actors\\.yaml, Zeile 35, Spalte 13",
        ),
        ("Markdown", "Zuletzt geprüft am 15\\.10\\.2024, vor mehr als 12 Monaten\\."),
        ("Markdown", "**So beheben Sie es:** Prüfen Sie die Angaben und setzen Sie verified auf das heutige Datum\\."),
        ("Code", " 34 |   provenance: demo\n 35 |   verified: 2024-10-15\n    |             ^"),
        ("Caption", "Prüfcode `stale-entry`"),
        ("Markdown", ":orange-badge[:material/warning: Warnung] **Kontakt fehlt** · actors\\.yaml, Zeile 46, Spalte 3"),
        ("Markdown", "'Projekt Z' hat keine Kontaktangabe \\(Telefon, E\\-Mail oder Web\\)\\."),
        (
            "Markdown",
            "**So beheben Sie es:** Ergänzen Sie contact mit einer dienstlichen Telefonnummer, E\\-Mail oder Webseite\\.",
        ),
        ("Code", " 45 |   verified: 2026-06-01\n 46 | - id: projekt-z\n    |   ^"),
        ("Caption", "Prüfcode `missing-contact`"),
        ("Expander", "Alle Meldungen als Tabelle"),
        ("Subheader", "Wer korrigiert was?"),
        (
            "Markdown",
            "Die Netzwerkstelle pflegt die Daten. Fällt Ihnen in der App etwas Falsches auf, melden Sie es im Profil "
            "des Akteurs mit „Fehler melden“. Wer Schreibrechte hat, korrigiert die Stelle selbst mit „Eintrag "
            "bearbeiten“ bzw. bei einer Meldung hier mit „Zeile … im Web-Editor öffnen“. Jede Änderung wird vor der "
            "Übernahme automatisch geprüft und erscheint danach ohne Neustart in der App.",
        ),
        (
            "Caption",
            "Für diese Installation ist noch kein Daten-Repository eingetragen: Geben Sie Meldungen mit Datei und "
            "Zeile an die Netzwerkstelle weiter. Einrichten: `NETZWERKKARTE_REPO_URL` beim Start der App setzen "
            "(docs/betrieb.md, „Korrekturen“).",
        ),
    ]
    table = at.dataframe[0].value
    assert table["Stufe"].tolist() == ["Fehler", "Warnung", "Warnung"]
    assert table["Code"].tolist() == ["unknown-actor", "stale-entry", "missing-contact"]
    assert table["Problem"].tolist() == ["Unbekannter Akteur", "Lange nicht geprüft", "Kontakt fehlt"]
    assert table["Datei"].tolist() == ["relations.yaml", "actors.yaml", "actors.yaml"]  # not the server's path


@pytest.mark.usefixtures("repo_unset")
def test_broken_indentation_shows_the_indentation_message_and_the_line(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (data_copy / "actors.yaml").write_bytes(INDENTATION.read_bytes())
    at = run_page("karte", data_copy, monkeypatch)
    texts = _texts(at.main)
    start = texts.index(("Markdown", "**1 Fehler – diese Stellen müssen korrigiert werden, bevor die Daten gelten:**"))
    assert texts[start + 1 : start + 6] == [
        (
            "Markdown",
            ":red-badge[:material/error: Fehler] **Schreibweise verletzt** · actors\\.yaml, Zeile 4, Spalte 8",
        ),
        (
            "Markdown",
            "YAML\\-Syntaxfehler\\: Die Zeile ist anders eingerückt als die vorige\\: 3 statt 2 Leerzeichen\\. "
            "\\(Parser\\: mapping values are not allowed in this context\\)",
        ),
        ("Markdown", "**So beheben Sie es:** Rücken Sie sie auf 2 Leerzeichen ein, wie Zeile 3\\."),
        ("Code", " 3 |   name: Grundschule A\n 4 |    kind: schule\n   |        ^"),
        ("Caption", "Prüfcode `yaml-syntax`"),
    ]
    assert not at.title


def test_daten_page_links_each_problem_to_its_line_and_names_who_corrects(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_REPO, "https://github.com/ORG/REPO")
    at = run_page("daten", VALID, monkeypatch)
    texts = _texts(at.main)
    assert ("Markdown", ":green[:material/check_circle:] Keine Fehler: die Daten sind gültig.") in texts
    assert texts.index(("Expander", "4 Warnungen")) < texts.index(("Subheader", "Wer korrigiert was?"))
    assert [text for kind, text in texts if kind == "Caption" and text.startswith("Prüfcode")] == [
        "Prüfcode `stale-entry` · [Zeile 35 im Web-Editor öffnen](https://github.com/ORG/REPO/edit/main/data/actors.yaml#L35)",
        "Prüfcode `missing-contact` · [Zeile 46 im Web-Editor öffnen](https://github.com/ORG/REPO/edit/main/data/actors.yaml#L46)",
        "Prüfcode `relation-ended` · [Zeile 2 im Web-Editor öffnen](https://github.com/ORG/REPO/edit/main/data/relations.yaml#L2)",
        "Prüfcode `stale-entry` · [Zeile 7 im Web-Editor öffnen](https://github.com/ORG/REPO/edit/main/data/relations.yaml#L7)",
    ]
    assert (
        "Markdown",
        "Die Dateien liegen im [Daten-Repository](https://github.com/ORG/REPO); jede Meldung im Prüfbericht führt "
        "direkt zu ihrer Zeile.",
    ) in texts
    details = texts[-1]
    assert details[0] == "Caption" and details[1].startswith(
        f"Technische Angaben: Datenordner `{VALID}` · Datenversion "
    )


@pytest.mark.usefixtures("repo_unset")
def test_daten_page_speaks_to_staff_without_pull_or_fingerprint(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("daten", VALID, monkeypatch)
    text = _all_text(at)
    for word in ("Pull", "Fingerabdruck", "korrigiere ", "Prüfe ", "Ergänze ", "Setze "):
        assert word not in text
    assert [s.value for s in at.subheader] == ["Prüfbericht", "Umfang", "Wer korrigiert was?"]


@pytest.mark.usefixtures("repo_unset")
def test_long_reports_show_the_first_fifty_and_keep_all_in_the_table(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = "".join(f"- id: ohne-kontakt-{i}\n  name: Ohne Kontakt {i}\n  kind: traeger\n" for i in range(60))
    with (data_copy / "actors.yaml").open("a", encoding="utf-8") as out:
        out.write(extra)
    at = run_page("daten", data_copy, monkeypatch)
    texts = _texts(at.main)
    assert ("Expander", "64 Warnungen") in texts
    assert sum(1 for kind, text in texts if kind == "Caption" and text.startswith("Prüfcode")) == 50
    assert (
        "Caption",
        "Gezeigt sind die ersten 50 von 64; alle stehen unten in „Alle Meldungen als Tabelle“.",
    ) in texts
    assert len(at.dataframe[0].value) == 64
