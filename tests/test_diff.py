"""Tests of graph.workflow.diff and graph.workflow.diff_report: the change report between two versions of the data."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from graph.cli.main import main
from graph.data.model import Actor, Relation
from graph.workflow.diff import compare, field_changes, load_side
from graph.workflow.diff_report import md
from tests.conftest import REPO, TODAY

NEW_CENTRE = """- id: suchtberatung-silberhoehe
  name: Suchtberatung Silberhöhe
  kind: beratung
  district: silberhoehe
  topics: [sucht]
  service_area: [silberhoehe]
  contact:
    phone: "030 23125 909"
  provenance: demo
  verified: 2026-11-01
"""

EXPECTED = """\
## Änderungsbericht Netzwerkdaten

Vergleich `HEAD~1` → `HEAD`, Stichtag 28.11.2026.

**Kurz:** Akteure 1 neu, 0 entfernt, 0 geändert · Beziehungen 0 neu, 1 entfernt, 1 geändert

### Akteure

**Neu (1)**

- `suchtberatung-silberhoehe` Suchtberatung Silberhöhe (Beratungsstelle)

### Beziehungen

**Entfernt (1)**

- `ssa-villa-juehling-gs-heideschule`: Villa Jühling e.V. → Grundschule Heideschule (Schulsozialarbeit an)

**Geändert (1)**

- `koop-wieder-dabei-gs-am-veilchenhang` (Projekt „Wieder dabei“ → Grundschule Am Veilchenhang (kooperiert mit, 01.02.2025 bis 31.07.2028)): `since`: 01.08.2025 → 01.02.2025

### Wirkung auf das Netzwerk

**Neue Lücken (3)**

- Grundschule Heideschule hat am Stichtag 28.11.2026 keine Schulsozialarbeit mehr.
- Grundschule Heideschule hat keine Beziehung (isoliert).
- Suchtberatung Silberhöhe hat keine Beziehung (isoliert).

**Geschlossene Lücken (1)**

- Thema „Sucht“ in Silberhöhe: jetzt mit Angebot (2 Schulen im Stadtteil).

**Teilnetze (2)**

- Zahl der Teilnetze: 16 → 18
- getrennt: „Stadt Halle (Saale) – Stadtverwaltung“ (28 Akteure) + „Grundschule Heideschule“ (1 Akteur)

**Größte Änderungen: Betweenness (Vermittlerrolle)**

| Akteur | vorher | nachher | Änderung |
| --- | ---: | ---: | ---: |
| Villa Jühling e.V. | 0,026 | 0,019 | -0,007 |
| KGS „Wilhelm von Humboldt“ | 0,029 | 0,023 | -0,006 |
| Friedenskreis Halle e.V. | 0,036 | 0,030 | -0,006 |
| HALLIANZ für Vielfalt | 0,057 | 0,053 | -0,005 |
| Stadt Halle (Saale) – Stadtverwaltung | 0,043 | 0,041 | -0,003 |

**Größte Änderungen: Zahl der Partner**

| Akteur | vorher | nachher | Änderung |
| --- | ---: | ---: | ---: |
| Grundschule Heideschule | 1 | 0 | -1 |
| Villa Jühling e.V. | 5 | 4 | -1 |
"""


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _change(data: Path) -> None:
    """A school loses its school social work, a counselling centre is added, a relation's date changes."""
    relations = (data / "relations.yaml").read_text(encoding="utf-8")
    start = relations.index("- id: ssa-villa-juehling-gs-heideschule\n")
    end = relations.index("- id: ssa-villa-juehling-gs-albrecht-duerer\n")
    relations = relations[:start] + relations[end:]
    entry = relations.index("- id: koop-wieder-dabei-gs-am-veilchenhang\n")
    since = relations.index("since: 2025-08-01", entry)
    relations = relations[:since] + "since: 2025-02-01" + relations[since + len("since: 2025-08-01") :]
    (data / "relations.yaml").write_text(relations, encoding="utf-8")
    with (data / "actors.yaml").open("a", encoding="utf-8") as actors:
        actors.write(NEW_CENTRE)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with the bundled data in one commit and the change in the next."""
    root = tmp_path / "repo"
    shutil.copytree(REPO / "data", root / "data")
    _git(root, "init", "-q")
    _git(root, "config", "user.name", "Test")
    _git(root, "config", "user.email", "test@example.org")
    _git(root, "config", "commit.gpgsign", "false")
    _git(root, "add", "data")
    _git(root, "commit", "-q", "-m", "Ausgangsstand")
    _change(root / "data")
    _git(root, "commit", "-q", "-a", "-m", "Änderung")
    return root


def test_diff_markdown_report_of_a_commit(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "HEAD~1", "HEAD", "--as-of", TODAY.isoformat(), "--repo", str(repo)]) == 0
    assert capsys.readouterr().out == EXPECTED


def test_diff_head_defaults_to_the_working_tree(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "HEAD~1", "--as-of", TODAY.isoformat(), "--repo", str(repo)]) == 0
    out = capsys.readouterr().out
    assert out == EXPECTED.replace("`HEAD~1` → `HEAD`", "`HEAD~1` → `Arbeitskopie`")


def test_diff_json_report_of_a_commit(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["diff", "HEAD~1", "HEAD", "--format", "json", "--as-of", TODAY.isoformat(), "--repo", str(repo)]
    assert main(args) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] == {"base": True, "head": True}
    assert report["actors"]["added"] == [
        {
            "id": "suchtberatung-silberhoehe",
            "name": "Suchtberatung Silberhöhe",
            "kind": "beratung",
            "district": "silberhoehe",
            "topics": ["sucht"],
            "contact": {"phone": "030 23125 909"},
            "service_area": ["silberhoehe"],
            "provenance": "demo",
            "verified": "2026-11-01",
        }
    ]
    assert [r["id"] for r in report["relations"]["removed"]] == ["ssa-villa-juehling-gs-heideschule"]
    assert report["relations"]["changed"] == [
        {
            "id": "koop-wieder-dabei-gs-am-veilchenhang",
            "changes": [{"field": "since", "before": "2025-08-01", "after": "2025-02-01"}],
        }
    ]
    effects = report["effects"]
    assert effects["school_social_work"] == {
        "opened": [
            {"id": "gs-heideschule", "name": "Grundschule Heideschule", "from": "2026-11-28", "on_reference_day": True}
        ],
        "closed": [],
    }
    assert [(c["area"], c["topic"], c["new"]) for c in effects["coverage"]["closed"]] == [
        ("silberhoehe", "sucht", ["suchtberatung-silberhoehe"])
    ]
    assert effects["components"]["before"] == 16
    assert effects["components"]["after"] == 18
    assert effects["degree"][0] == {
        "id": "gs-heideschule",
        "name": "Grundschule Heideschule",
        "before": 1,
        "after": 0,
        "change": -1,
    }


def test_diff_reports_future_end_of_school_social_work(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    relations = repo / "data" / "relations.yaml"
    text = relations.read_text(encoding="utf-8")
    entry = text.index("- id: ssa-brueckenwerk-gs-am-mohnfeld\n")
    until = text.index("until: 2028-07-31", entry)
    relations.write_text(text[:until] + "until: 2027-01-31" + text[until + 17 :], encoding="utf-8")
    assert main(["diff", "HEAD", "--as-of", TODAY.isoformat(), "--repo", str(repo)]) == 0
    out = capsys.readouterr().out
    assert "- Grundschule Am Mohnfeld hat ab 01.02.2027 keine Schulsozialarbeit mehr." in out.splitlines()


def test_diff_invalid_side_lists_its_problems(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    actors = repo / "data" / "actors.yaml"
    actors.write_text(
        actors.read_text(encoding="utf-8").replace("district: silberhoehe", "district: silberhoeh", 1), encoding="utf-8"
    )
    assert main(["diff", "HEAD", "--as-of", TODAY.isoformat(), "--repo", str(repo)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[4] == "### Neuer Stand `Arbeitskopie` ist ungültig (1 Fehler)"
    assert lines[7].startswith(f"{repo / 'data' / 'actors.yaml'}:")
    assert "error unknown-term" in lines[7]
    assert lines[-1] == "Der Vergleich ist erst möglich, wenn beide Stände gültig sind."


def test_diff_invalid_revision_names_the_revision_file(repo: Path) -> None:
    actors = repo / "data" / "actors.yaml"
    actors.write_text(
        actors.read_text(encoding="utf-8").replace("district: silberhoehe", "district: silberhoeh", 1), encoding="utf-8"
    )
    _git(repo, "commit", "-q", "-a", "-m", "kaputt")
    side = load_side("HEAD", today=TODAY, cwd=repo)
    assert [p.file for p in side.result.report.errors] == ["HEAD:data/actors.yaml"]


def test_diff_unknown_revision(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "gibt-es-nicht", "--repo", str(repo)]) == 1
    assert capsys.readouterr().out == "Fehler: 'gibt-es-nicht' ist weder ein Ordner noch eine git-Revision.\n"


def test_diff_two_folders_without_changes(capsys: pytest.CaptureFixture[str]) -> None:
    valid = str(REPO / "tests" / "data" / "valid")
    assert main(["diff", valid, valid, "--as-of", TODAY.isoformat()]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "Keine inhaltlichen Änderungen an den Daten."


def test_diff_caps_long_lists(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    extra = "".join(f"- id: neu-{i:02d}\n  name: Neu {i}\n  kind: beratung\n  provenance: demo\n" for i in range(12))
    with (data_copy / "actors.yaml").open("a", encoding="utf-8") as actors:
        actors.write(extra)
    assert main(["diff", str(REPO / "tests" / "data" / "valid"), str(data_copy), "--as-of", TODAY.isoformat()]) == 0
    lines = capsys.readouterr().out.splitlines()
    start = lines.index("**Neu (12)**")
    assert lines[start + 2 : start + 13] == [
        *[f"- `neu-{i:02d}` Neu {i} (Beratungsstelle)" for i in range(10)],
        "- … und 2 weitere",
    ]


def test_field_changes_flattens_sub_fields() -> None:
    from graph.data.model import Contact

    before = Actor("a", "A", "schule", contact=Contact(phone="1"))
    after = Actor("a", "A", "schule", contact=Contact(phone="2"), line=7)
    assert field_changes(before, after) == [{"field": "contact.phone", "before": "1", "after": "2"}]


def test_compare_relation_date_change(small: object) -> None:
    from graph.data.model import Dataset

    assert isinstance(small, Dataset)
    first = small.relations[0]
    moved = Relation(**{**first.__dict__, "since": dt.date(2020, 1, 1)})
    after = Dataset(small.vocabulary, small.actors, (moved, *small.relations[1:]))
    result = compare(small, after, TODAY)
    assert [(new.id, ch) for _, new, ch in result["relations"]["changed"]] == [
        (first.id, [{"field": "since", "before": first.since, "after": dt.date(2020, 1, 1)}])
    ]


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("[klick](https://example.org)", "\\[klick\\](https://example.org)"),
        ("@netzwerk bitte", "@\u200bnetzwerk bitte"),
        ("a | b\n# c", "a \\| b \\# c"),
    ],
)
def test_md_makes_data_text_inert(text: str, safe: str) -> None:
    assert md(text) == safe
