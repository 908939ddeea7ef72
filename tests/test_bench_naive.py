"""The benchmark's naive baselines find what ours find (else its timings would compare different work)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.generate import write_network
from bench.run import (
    SEARCHES,
    import_table,
    naive_articulation_points,
    naive_bridges,
    naive_find_actors,
    naive_import_lookups,
)
from graph import build_graph, load_dataset
from graph.gaps import articulation_points, bridges
from graph.metrics import metric_graph
from graph.present.search import find_actors
from graph.workflow.importer import import_rows, read_table
from tests.conftest import REPO, TODAY


@pytest.mark.parametrize("size", [0, 300])
def test_naive_structure_matches_ours(size: int, tmp_path: Path) -> None:
    folder = REPO / "data"
    if size:
        folder = tmp_path / "net"
        write_network(folder, size, seed=7)
    dataset = load_dataset(folder, today=TODAY).dataset
    assert dataset is not None
    h = metric_graph(build_graph(dataset, TODAY))
    ours = sorted((r["id"], r["cut_off_count"], r["component_size"]) for r in articulation_points(h))
    naive = sorted((r["id"], r["cut_off_count"], r["component_size"]) for r in naive_articulation_points(h))
    assert ours == naive and ours
    assert sorted(r["cut_off_count"] for r in bridges(h)) == sorted(r["cut_off_count"] for r in naive_bridges(h))


def test_naive_search_finds_what_ours_finds() -> None:
    dataset = load_dataset(REPO / "data", today=TODAY).dataset
    assert dataset is not None
    names = {a.id: a.name for a in dataset.actors.values()}
    for query in SEARCHES:
        assert find_actors(query, names) == naive_find_actors(query, names), query


def test_naive_import_reports_what_ours_reports(tmp_path: Path) -> None:
    folder = tmp_path / "net"
    write_network(folder, 300, seed=7)
    dataset = load_dataset(folder, today=TODAY).dataset
    assert dataset is not None
    table = read_table(import_table(dataset, tmp_path, rows=60))
    ours = import_rows(table, "relations", dataset)
    with naive_import_lookups():
        naive = import_rows(table, "relations", dataset)
    assert (naive.entries, naive.row_problems) == (ours.entries, ours.row_problems)
    assert len(ours.entries) > 40 and any("Meinten Sie" in p for p in ours.row_problems)
