"""The benchmark's naive gap baseline finds what graph.gaps finds (else its timings would compare different work)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.generate import write_network
from bench.run import naive_articulation_points, naive_bridges
from graph import build_graph, load_dataset
from graph.gaps import articulation_points, bridges
from graph.metrics import metric_graph
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
