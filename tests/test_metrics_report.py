"""``python -m graph metrics`` and ``python -m graph gaps``: formats, keys, exit codes."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import networkx as nx
import pytest

from graph import build_graph, load_dataset
from graph.cli.main import main
from graph.cli.reports import METRIC_COLUMNS, gaps_markdown
from graph.metrics import metric_graph
from tests.conftest import BROKEN, REPO, TODAY, VALID


def test_metrics_json_equals_networkx_on_default_graph(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["metrics", str(REPO / "data"), "--as-of", TODAY.isoformat()])
    rows = json.loads(capsys.readouterr().out)
    assert code == 0
    dataset = load_dataset(REPO / "data", today=TODAY).dataset
    assert dataset is not None
    h = metric_graph(build_graph(dataset, as_of=TODAY))
    assert [r["id"] for r in rows] == list(dataset.actors)
    assert {"id", "name", "kind", "neighbours", "degree", "betweenness", "closeness", "eigenvector"} <= set(rows[0])
    assert {"core", "constraint", "community"} <= set(rows[0])
    assert {r["id"]: r["degree"] for r in rows} == nx.degree_centrality(h)
    # igraph adds the same terms in another order: equal up to the last bits
    assert {r["id"]: r["betweenness"] for r in rows} == pytest.approx(nx.betweenness_centrality(h), abs=1e-12, rel=0)
    assert {r["id"]: r["closeness"] for r in rows} == pytest.approx(nx.closeness_centrality(h), abs=1e-12, rel=0)
    isolated = next(r for r in rows if r["id"] == "lernwerkstatt-sanddorn")
    assert (isolated["neighbours"], isolated["constraint"]) == (0, None)


def test_metrics_csv_with_types(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["metrics", str(VALID), "--format", "csv", "--as-of", "2026-11-28", "--types", "kooperation,verweist"])
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert code == 0
    assert tuple(table[0]) == METRIC_COLUMNS
    partners = {row["id"]: row["neighbours"] for row in table}
    assert partners == {
        "gs-a": "1",
        "sek-b": "0",
        "traeger-x": "1",
        "beratung-y": "2",
        "amt": "0",
        "ag78": "0",
        "projekt-z": "0",
        "einsam": "0",
    }
    assert next(row for row in table if row["id"] == "einsam")["constraint"] == ""


def test_gaps_json_keys_and_rows(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["gaps", str(VALID), "--as-of", "2026-11-28"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    required = {"coverage", "schools_without_school_social_work", "school_social_work_ending", "school_topics"}
    required |= {"isolated", "articulation_points", "bridges", "committees", "stale"}
    assert required <= set(report)
    assert [r["id"] for r in report["schools_without_school_social_work"]] == ["sek-b"]
    assert [r["id"] for r in report["isolated"]] == ["sek-b", "einsam"]
    assert [(r["id"], r["verified"]) for r in report["stale"]] == [
        ("beratung-y", "2024-10-15"),
        ("foerderung-z", "2024-09-01"),
    ]
    assert [(r["id"], r["missing_kinds"]) for r in report["committees"]] == [
        ("ag78", ["schule", "beratung", "projekt"])
    ]


def test_gaps_markdown_escapes_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "data"
    shutil.copytree(VALID, folder)
    actors = (folder / "actors.yaml").read_text(encoding="utf-8")
    (folder / "actors.yaml").write_text(
        actors.replace("name: Isolierter Anbieter", 'name: "<script>x</script>|*y*"'), encoding="utf-8"
    )
    code = main(["gaps", str(folder), "--format", "markdown", "--as-of", "2026-11-28"])
    text = capsys.readouterr().out
    assert code == 0
    assert text.startswith("# Lückenanalyse zum 28.11.2026\n")
    assert "## Isolierte Akteure (2)" in text
    assert "| einsam | &lt;script&gt;x&lt;/script&gt;\\|\\*y\\* | traeger |" in text
    assert "<script>" not in text


def test_gaps_markdown_coverage_lists_empty_cells_with_schools() -> None:
    rows = [
        {"area": "a", "topic": "t", "schools": 1, "actors": 0},
        {"area": "b", "topic": "t", "schools": 0, "actors": 0},
        {"area": "c", "topic": "t", "schools": 2, "actors": 1},
    ]
    text = gaps_markdown({"coverage": rows}, TODAY)
    assert "## Themenabdeckung nach Gebiet: leere Felder in Gebieten mit Schulen (1)" in text
    assert text.rstrip().splitlines()[-1] == "| a | t | 1 | 0 |"


@pytest.mark.parametrize("command", ["metrics", "gaps"])
def test_invalid_data_prints_report_to_stderr(tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "data"
    shutil.copytree(VALID, folder)
    shutil.copy(BROKEN / "unknown-actor" / "relations.yaml", folder / "relations.yaml")
    code = main([command, str(folder), "--as-of", "2026-11-28"])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""
    assert f"{folder}/relations.yaml:3:11: error unknown-actor:" in captured.err
