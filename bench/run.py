"""Benchmark table: every row measured side by side with a naive baseline in the same run.

Run from the repository root: ``.venv/bin/python -m bench`` (full, about 15 minutes) or
``.venv/bin/python -m bench --quick`` (bundled data and 300 actors, about a minute).
Prints the machine, the versions and one Markdown table; nothing is asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

# A script as well as a module: make the repository root importable when started as ``python bench/run.py``.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import networkx as nx
import yaml

from bench.generate import write_network
from graph import build_graph, load_dataset
from graph.data.loader import DATA_FILES
from graph.data.model import Dataset
from graph.gaps import gap_report
from graph.metrics import actor_metrics, metric_graph
from graph.present.mapview import layout_positions, map_html
from graph.referral import build_referral_index, refer

__all__ = ["main"]

REPO = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 28)
NEEDS = (
    "schwänzt seit Wochen",
    "Schulangst",
    "Mobing im Klassenchat",
    "Vater trinkt",
    "wird gemobbt",
    "kommt nicht mehr zur Schule",
    "Familie spricht Arabisch",
    "Prüfungsangst",
    "Eltern trennen sich",
    "depressiv und ritzt sich",
    "kifft",
    "Schlägerei auf dem Schulhof",
    "Legasthenie",
    "Praktikum finden",
    "Kindeswohlgefährdung",
    "Rassistisch beleidigt",
    "spricht kein Deutsch",
    "Medienkonsum",
    "Berufsorientierung",
    "Kaffeemaschine kaputt",
)


@dataclass
class Row:
    """One line of the table; times in seconds (``None``: not measured)."""

    size: str
    what: str
    ours: float | None
    naive: float | None
    unit: str = "s"
    note: str = ""

    def cells(self) -> list[str]:
        ratio = f"{self.naive / self.ours:.1f}×" if self.ours and self.naive else "—"
        return [self.size, self.what, _fmt(self.ours, self.unit), _fmt(self.naive, self.unit), ratio, self.note]


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def _median_pair(
    ours: Callable[[], object], naive: Callable[[], object] | None, runs: int
) -> tuple[float, float | None]:
    """Median seconds of ``ours`` and ``naive``, alternating so both meet the same machine load."""
    mine: list[float] = []
    theirs: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        ours()
        mine.append(time.perf_counter() - start)
        if naive is not None:
            start = time.perf_counter()
            naive()
            theirs.append(time.perf_counter() - start)
    return statistics.median(mine), statistics.median(theirs) if theirs else None


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# --- the naive ways -------------------------------------------------------------------------


def naive_parse(folder: Path) -> None:
    """The naive load: PyYAML's pure-Python ``safe_load`` of the three files, nothing validated."""
    for name in DATA_FILES:
        yaml.load((folder / name).read_text(encoding="utf-8"), Loader=yaml.SafeLoader)


def networkx_metrics(h: nx.Graph) -> None:
    """The same per-actor metrics with NetworkX's exact functions."""
    nx.degree_centrality(h)
    nx.betweenness_centrality(h)
    nx.closeness_centrality(h)
    nx.harmonic_centrality(h)
    for part in nx.connected_components(h):
        if len(part) > 2:
            nx.eigenvector_centrality_numpy(h.subgraph(part))
    nx.core_number(h)
    nx.constraint(h)
    nx.effective_size(h)
    nx.community.louvain_communities(h, seed=42)
    for v in h:
        nx.single_source_shortest_path_length(h, v, cutoff=2)


def _networkx_rows(h: nx.Graph) -> list[dict[str, Any]]:
    networkx_metrics(h)
    return [{"id": v} for v in h]


def naive_articulation_points(h: nx.Graph) -> list[dict[str, Any]]:
    """The obvious way: NetworkX finds the articulation points, then each one is removed and the rest recounted."""
    rows = []
    for v in nx.articulation_points(h):
        component = nx.node_connected_component(h, v)
        parts = sorted(nx.connected_components(h.subgraph(component - {v})), key=len, reverse=True)
        cut = [u for part in parts[1:] for u in part]
        rows.append({"id": v, "cut_off": cut, "cut_off_count": len(cut), "component_size": len(component)})
    return sorted(rows, key=lambda r: -r["cut_off_count"])


def naive_bridges(h: nx.Graph) -> list[dict[str, Any]]:
    """The obvious way: NetworkX finds the bridges, then each one is removed and both sides recounted."""
    rows = []
    for u, v in nx.bridges(h):
        g = h.copy()
        g.remove_edge(u, v)
        side_u, side_v = nx.node_connected_component(g, u), nx.node_connected_component(g, v)
        cut = sorted(side_v if len(side_v) <= len(side_u) else side_u, key=str)
        rows.append({"source": u, "target": v, "cut_off": cut, "cut_off_count": len(cut)})
    return sorted(rows, key=lambda r: -r["cut_off_count"])


@contextlib.contextmanager
def _naive_structure_in_gaps() -> Iterator[None]:
    """The naive gap report: the two structural analyses done the obvious way, everything else unchanged.

    The other analyses (coverage, school social work, topics, committees, upkeep) are plain passes over
    the data with no NetworkX counterpart; what could be done naively is the structure: ours finds every
    articulation point and bridge *and* what each one cuts off in one depth-first pass.
    """
    import graph.gaps as gaps  # patched where gap_report looks the names up

    fast = gaps.articulation_points, gaps.bridges
    gaps.articulation_points, gaps.bridges = naive_articulation_points, naive_bridges  # type: ignore[assignment]
    try:
        yield
    finally:
        gaps.articulation_points, gaps.bridges = fast  # type: ignore[assignment]


def _naive_map(graph: nx.MultiDiGraph) -> str:
    """pyvis straight from NetworkX, as its tutorial shows (on a copy: ``from_nx`` changes the graph)."""
    from pyvis.network import Network

    simple = nx.Graph()
    simple.add_nodes_from((str(v), {"title": str(a.get("name", v))}) for v, a in graph.nodes(data=True))
    simple.add_edges_from((str(u), str(v)) for u, v in graph.edges())
    net = Network(cdn_resources="in_line")
    net.from_nx(simple)
    return str(net.generate_html())


def _grid(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    side = max(1, int(len(graph) ** 0.5))
    return {str(v): (float(i % side) * 60, float(i // side) * 60) for i, v in enumerate(graph)}


# --- rows -----------------------------------------------------------------------------------


def _load_rows(label: str, folder: Path, runs: int) -> tuple[list[Row], Dataset]:
    def ours() -> None:
        result = load_dataset(folder, today=TODAY)
        assert result.dataset is not None
        build_graph(result.dataset, as_of=TODAY)

    mine, naive = _median_pair(ours, lambda: naive_parse(folder), runs)
    dataset = load_dataset(folder, today=TODAY).dataset
    assert dataset is not None
    note = "geprüft + Graph vs. reines YAML-Parsen (PyYAML pur Python, ohne Prüfung)"
    return [Row(label, "Laden + Prüfen + Graph", mine, naive, note=note)], dataset


def _metric_rows(label: str, h: nx.Graph, runs: int, with_naive: bool) -> list[Row]:
    naive = (lambda: networkx_metrics(h)) if with_naive else None
    mine, theirs = _median_pair(lambda: actor_metrics(h), naive, runs)
    note = "igraph, Werte wie NetworkX (bis auf 1e-12)"
    if not with_naive:
        note += "; NetworkX nicht gemessen (Stunden)" if len(h) > 5000 else "; NetworkX nicht gemessen"
    return [Row(label, "Alle Akteurskennzahlen", mine, theirs, note=note)]


def _gap_rows(label: str, dataset: Dataset, runs: int, with_naive: bool) -> list[Row]:
    def naive() -> None:
        with _naive_structure_in_gaps():
            gap_report(dataset, TODAY)

    mine, theirs = _median_pair(lambda: gap_report(dataset, TODAY), naive if with_naive else None, runs)
    return [
        Row(
            label,
            "Alle Lückenanalysen",
            mine,
            theirs,
            note="naiv: Brückenakteure und einzige Verbindungen über NetworkX, je Fund entfernen und neu zählen",
        )
    ]


def _referral_rows(label: str, dataset: Dataset) -> list[Row]:
    index = build_referral_index(dataset)
    schools = sorted(a.id for a in dataset.actors.values() if a.kind == "schule")
    variants: list[dict[str, Any]] = [
        {},
        {"language": "ar"},
        {"age": 14},
        {"school": schools[0]},
        {"audience": "eltern"},
    ]
    queries = [(need, options) for need in NEEDS for options in variants]
    mine = []
    for need, options in queries:
        start = time.perf_counter()
        refer(index, need, today=TODAY, **options)
        mine.append(time.perf_counter() - start)
    naive = []
    for need, options in queries[:: len(variants)]:  # one per need: the naive way rebuilds the index each time
        start = time.perf_counter()
        refer(dataset, need, today=TODAY, **options)
        naive.append(time.perf_counter() - start)
    rows = [
        Row(label, "Vermittlung p50 (100 Anfragen)", _percentile(mine, 0.5), _percentile(naive, 0.5)),
        Row(label, "Vermittlung p95 (100 Anfragen)", _percentile(mine, 0.95), _percentile(naive, 0.95)),
    ]
    rows[0].note = "naiv: Index bei jeder Anfrage neu (20 Anfragen)"
    return rows


#: Realistic searches in the map's search box: typos, umlauts written out or not, parts of names, abbreviations.
SEARCHES = (
    "Grundschule",
    "grundschul am lindenweg",
    "Förderschule",
    "gymnasim",
    "Jugendamd",
    "erziehungsberatng",
    "AWO",
    "Villa",
)


def naive_find_actors(query: str, names: dict[str, str], limit: int = 10) -> list[str]:
    """The search as it was: ``difflib`` for every word of every name, one name after the other."""
    import difflib

    from graph.data.suggest import slugify

    def score(text: str) -> float:
        q, n = slugify(query), slugify(text)
        if not q:
            return 0.0
        if f"-{q}-" in f"-{n}-":
            return 1.0
        if q in n or q.replace("-", "") in n.replace("-", ""):
            return 0.99
        words = [w for w in n.split("-") if w]
        if not words:
            return 0.0
        best = [max(difflib.SequenceMatcher(None, w, nw).ratio() for nw in words) for w in q.split("-") if w]
        return sum(best) / len(best)

    scored = []
    for actor_id, name in names.items():
        found = max(score(name), score(actor_id))
        if found >= 0.75:
            scored.append((-found, name.casefold(), actor_id))
    return [actor_id for _, _, actor_id in sorted(scored)[:limit]]


def _search_rows(label: str, dataset: Dataset, runs: int) -> list[Row]:
    """One search in the map's box (each rerun of the map page searches once), mean over :data:`SEARCHES`."""
    from graph.present.search import find_actors

    names = {a.id: a.name for a in dataset.actors.values()}

    def all_searches(find: Callable[[str, dict[str, str]], list[str]]) -> float:
        start = time.perf_counter()
        for query in SEARCHES:
            find(query, names)
        return (time.perf_counter() - start) / len(SEARCHES)

    mine = statistics.median(all_searches(find_actors) for _ in range(runs))
    naive = all_searches(naive_find_actors)  # once: about 2 s a search at 10,000 actors
    note = f"{len(SEARCHES)} Suchen (Tippfehler, ä/ae, Namensteile, „AWO“), je Suche; naiv: difflib je Wort und Name"
    return [Row(label, "Akteursuche (Karte)", mine, naive, note=note)]


#: Rows of the import benchmark.
IMPORT_ROWS = 1_000


def import_table(dataset: Dataset, folder: Path, rows: int = IMPORT_ROWS, seed: int = 7) -> Path:
    """A relations spreadsheet (CSV) as people fill it in: partners by name or id, some with typos, some unknown."""
    import csv
    import random

    rng = random.Random(seed)
    actors = sorted(dataset.actors.values(), key=lambda a: a.id)
    vocabulary = dataset.vocabulary
    types = [term.label for term in vocabulary.terms("relation_types").values()]
    topics = [term.label for term in vocabulary.terms("topics").values()]

    def partner(actor: Any) -> str:
        draw = rng.random()
        text = actor.name if draw < 0.65 else actor.id
        if draw < 0.9:
            return str(text)
        if draw < 0.97:
            cut = rng.randrange(len(text))
            return str(text[:cut] + text[cut + 1 :])
        return f"Unbekannte Stelle {rng.randrange(100)}"

    path = folder / "beziehungen.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(["Von", "An", "Art", "Seit", "Themen", "Stärke", "Quelle"])
        for _ in range(rows):
            source, target = rng.sample(actors, 2)
            since = f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(2015, 2026)}"
            themes = ", ".join(rng.sample(topics, 2))
            writer.writerow(
                [partner(source), partner(target), rng.choice(types), since, themes, rng.randint(1, 3), "demo"]
            )
    return path


@contextlib.contextmanager
def naive_import_lookups() -> Iterator[None]:
    """The import as it was: every cell builds the tables of all actor names and vocabulary terms anew."""
    from graph.workflow import importer

    class EveryCell(importer._Lookup):
        def aliases(self, vocab: str) -> dict[str, str]:
            return self._build(vocab)

        def ids(self, vocab: str) -> list[str]:
            return sorted(set(self._build(vocab).values()))

    once = importer._Lookup
    importer._Lookup = EveryCell  # type: ignore[misc]
    try:
        yield
    finally:
        importer._Lookup = once  # type: ignore[misc]


def _import_rows(label: str, folder: Path, dataset: Dataset, runs: int) -> list[Row]:
    """The row checks of ``python -m graph import … --into relations`` for :data:`IMPORT_ROWS` rows; the command too."""
    from graph.workflow import importer

    with tempfile.TemporaryDirectory(prefix="netzwerkkarte-import-") as scratch:
        path = import_table(dataset, Path(scratch))
        table = importer.read_table(path)
        args = argparse.Namespace(file=str(path), into="relations", data=str(folder), write=False)

        def check() -> None:
            importer.import_rows(table, "relations", dataset)

        mine, _ = _median_pair(check, None, runs)
        with naive_import_lookups():
            naive, _ = _median_pair(check, None, 1)  # once: about 2 minutes at 10,000 actors
        whole, _ = _median_pair(lambda: importer.run(args, out=lambda line: None), None, 1)
    note = (
        "Zeilen prüfen (Akteure und Begriffe nachschlagen, „Meinten Sie …?“); naiv: Nachschlagetabellen je Zelle neu; "
        f"ganzer Befehl mit Laden und Probeprüfung: {_fmt(whole, 's')}"
    )
    return [Row(label, f"Import {IMPORT_ROWS:,} Beziehungen".replace(",", "."), mine, naive, note=note)]


def _map_rows(label: str, dataset: Dataset, runs: int) -> list[Row]:
    graph = build_graph(dataset, as_of=TODAY)
    positions = _grid(graph)
    # pyvis checks every new edge against all earlier ones (quadratic): minutes at 10,000 actors.
    naive = (lambda: _naive_map(graph)) if len(graph) <= 2_000 else None
    mine, theirs = _median_pair(lambda: map_html(graph, dataset.vocabulary, positions), naive, runs)
    note = "Positionen vorberechnet (Layout getrennt, s. Text); naiv: pyvis from_nx"
    if naive is None:
        note += " (nicht gemessen: quadratisch, Minuten)"
    return [Row(label, "Karten-HTML", mine, theirs, note=note)]


def _layout_rows(label: str, dataset: Dataset, runs: int) -> list[Row]:
    """The seeded layout of the whole network against NetworkX' spring layout (100 rounds, the first round's way)."""
    graph = build_graph(dataset)
    layout_positions(graph)  # warm-up: imports once per process
    simple = nx.Graph(graph.to_undirected())
    # Up to KAMADA_KAWAI_LIMIT actors both ways are Kamada-Kawai; NetworkX' spring layout takes minutes at 10,000.
    size = len(graph)
    naive = (lambda: nx.spring_layout(simple, seed=7, iterations=100)) if 400 < size <= 2_000 else None
    mine, theirs = _median_pair(lambda: layout_positions(graph), naive, max(1, runs // 2) if naive else runs)
    note = "bis 400 Akteure je Teilnetz Kamada-Kawai (wie bisher), darüber igraphs Federmodell"
    note += "; naiv: nx.spring_layout, 100 Runden" if naive else ("" if size <= 400 else "; NetworkX nicht gemessen")
    return [Row(label, "Kartenlayout", mine, theirs, note=note)]


def _subprocess_json(code: str, env: dict[str, str] | None = None, timeout: float = 600) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        return {"error": (done.stderr.strip().splitlines() or ["?"])[-1][:120]}
    result: dict[str, Any] = json.loads(lines[-1])
    return result


# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent through fork and exec.
_RSS = """
import json, sys
sys.path.insert(0, '.')
from bench import run
folder, naive = sys.argv[1] if len(sys.argv) > 1 else {folder!r}, {naive!r}
run.rss_worker(folder, naive)
peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(json.dumps({{"rss_mb": int(peak.split()[1]) / 1024}}))
"""


def rss_worker(folder: str, naive: bool) -> None:
    """Everything a session does once per data version (or the naive parse and graph)."""
    path = Path(folder)
    if naive:
        loader = yaml.SafeLoader
        actors = yaml.load((path / "actors.yaml").read_text(encoding="utf-8"), Loader=loader)
        relations = yaml.load((path / "relations.yaml").read_text(encoding="utf-8"), Loader=loader)
        graph = nx.MultiDiGraph()
        graph.add_nodes_from((a["id"], a) for a in actors)
        graph.add_edges_from((r["source"], r["target"], r) for r in relations)
        return
    result = load_dataset(path, today=TODAY)
    assert result.dataset is not None
    graph = build_graph(result.dataset, as_of=TODAY)
    actor_metrics(metric_graph(graph))
    gap_report(result.dataset, TODAY)
    build_referral_index(result.dataset)
    map_html(graph, result.dataset.vocabulary, _grid(graph))


def _rss_rows(label: str, folder: Path) -> list[Row]:
    mine = _subprocess_json(_RSS.format(folder=str(folder), naive=False))
    naive = _subprocess_json(_RSS.format(folder=str(folder), naive=True))
    note = "Spitzen-RSS eines eigenen Prozesses: alles einmal (Laden, Kennzahlen, Lücken, Index, Karte)"
    note += "; naiv: Parsen + Graph" + (f" ({mine['error']})" if "error" in mine else "")
    return [Row(label, "Spitzenspeicher (RSS)", mine.get("rss_mb"), naive.get("rss_mb"), unit="MB", note=note)]


_APP = """
import json, statistics, sys, time
from streamlit.testing.v1 import AppTest
at = AppTest.from_file("app.py", default_timeout={timeout})
start = time.perf_counter(); at.run(); first = time.perf_counter() - start
errors = [str(e.value)[:80] for e in at.exception]
drawn = len(at.main.get("iframe")) > 0
reruns = []
box = at.multiselect[0] if len(at.multiselect) else None
for i in range({runs}):
    if box is not None:
        box.set_value([box.options[i % 2]] if i % 2 == 0 else [])
    start = time.perf_counter(); at.run(); reruns.append(time.perf_counter() - start)
print(json.dumps({{"first": first, "rerun": statistics.median(reruns), "errors": errors, "filter": box is not None, "map": drawn}}))
"""


def _first_note(found: dict[str, Any]) -> str:
    if found.get("map", True):
        return "Kaltstart inkl. Laden, Layout, Karte"
    return "Kaltstart inkl. Laden; Karte über der Grenze nicht gezeichnet, also auch kein Layout (Hinweis mit Umfeld/Stadtbezirk)"


def _app_rows(label: str, folder: Path, runs: int, timeout: float) -> list[Row]:
    code = _APP.format(timeout=timeout, runs=runs)
    try:
        found = _subprocess_json(code, env={"NETZWERKKARTE_DATA": str(folder)}, timeout=timeout * 2 + 60)
    except subprocess.TimeoutExpired:
        return [Row(label, "App: erster Lauf / Filter", None, None, note=f"abgebrochen nach {timeout * 2 + 60:.0f} s")]
    if "error" in found:
        return [Row(label, "App: erster Lauf / Filter", None, None, note=f"Fehler: {found['error']}")]
    note = "AppTest, Serverzeit; naiv = erster Lauf ohne Cache"
    if not found["filter"]:
        note += "; kein Filter auf der Startseite, Re-run ohne Änderung"
    if found["errors"]:
        note += f"; Fehler in der App: {found['errors'][0]}"
    return [
        Row(label, "App: Filter-Re-run", found["rerun"], found["first"], note=note),
        Row(label, "App: erster Lauf", found["first"], None, note=_first_note(found)),
    ]


_COLD = """
import json, time
from streamlit.testing.v1 import AppTest
at = AppTest.from_file("app.py", default_timeout={timeout})
at.query_params["bezirk"] = {bezirk!r}
start = time.perf_counter(); at.run(); first = time.perf_counter() - start
print(json.dumps({{"first": first, "map": len(at.main.get("iframe")) > 0, "errors": [str(e.value)[:80] for e in at.exception]}}))
"""


def _cold_start_rows(label: str, folder: Path, dataset: Dataset, timeout: float) -> list[Row]:
    """A new app process on unchanged data draws the map of one Stadtbezirk: data and layout from the disk cache or not.

    Each start is a fresh Python process (nothing in Streamlit's memory); the naive start finds an empty
    cache folder and lays the whole network out, ours finds the file the naive start left.
    """
    counts: dict[str, int] = {}
    for _, bezirk in build_graph(dataset).nodes(data="stadtbezirk"):
        if bezirk:
            counts[bezirk] = counts.get(bezirk, 0) + 1
    if not counts:
        return []
    bezirk = min(counts, key=lambda b: (counts[b], b))  # the smallest is drawn whole (below FULL_MAP_LIMIT)
    code = _COLD.format(timeout=timeout, bezirk=bezirk)
    with tempfile.TemporaryDirectory(prefix="netzwerkkarte-cache-") as cache:
        env = {"NETZWERKKARTE_DATA": str(folder), "NETZWERKKARTE_CACHE": cache}
        try:
            empty = _subprocess_json(code, env=env, timeout=timeout * 2 + 60)
            warm = _subprocess_json(code, env=env, timeout=timeout * 2 + 60)
        except subprocess.TimeoutExpired:
            return [Row(label, "App-Kaltstart mit Karte", None, None, note="abgebrochen")]
    note = f"neuer Prozess, AppTest, Karte des Stadtbezirks {bezirk} ({counts[bezirk]} Akteure) mit dem Layout des ganzen Netzes"
    note += "; naiv: leerer Cache, Daten werden gelesen und geprüft, das Layout gerechnet"
    for found in (warm, empty):
        if "error" in found or found.get("errors") or not found.get("map"):
            note += f"; Fehler: {found.get('error') or found.get('errors') or 'keine Karte'}"
    return [
        Row(
            label,
            "App-Kaltstart mit Karte, Daten und Layout aus dem Cache",
            warm.get("first"),
            empty.get("first"),
            note=note,
        )
    ]


_BROWSER = """
import json, sys
sys.path.insert(0, '.')
from bench.browser_map import measure
print(json.dumps(measure([{size}], runs={runs})))
"""


def _browser_rows(size: int, runs: int) -> list[Row]:
    """The full map in headless Chromium: navigation until drawn and until a hover shows a tooltip."""
    from bench.appserver import CHROMIUM

    label = f"{size:,}".replace(",", ".")
    if not CHROMIUM.exists():
        return [Row(label, "Karte im Browser", None, None, note=f"{CHROMIUM} fehlt")]
    try:
        done = subprocess.run(
            [sys.executable, "-c", _BROWSER.format(size=size, runs=runs)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        found: list[dict[str, Any]] = json.loads(
            next(line for line in done.stdout.splitlines() if line.startswith("["))
        )
    except (subprocess.TimeoutExpired, StopIteration, json.JSONDecodeError):
        return [Row(label, "Karte im Browser", None, None, note="Messung fehlgeschlagen")]
    rows = []
    for item in found:
        note = f"Chromium headless; gezeichnet {item['drawn']:.2f} s, ein Neuzeichnen {item['redraw_ms']:.0f} ms"
        if item["where"] != "Seite allein":
            note += (
                f"; Ladeereignis der Seite {item['load']:.2f} s, Kartenrahmen {item['frame']:.2f} s (Server vorgewärmt)"
            )
        where = item["where"]
        rows.append(Row(label, f"Karte bis Hover-Tooltip ({where}), ab Aufruf", item["interactive"], None, note=note))
        since_load = item["interactive"] - item["load"]
        rows.append(Row(label, f"Karte bis Hover-Tooltip ({where}), ab Ladeereignis", since_load, None))
    return rows


_BROWSER_REFERRAL = """
import json, sys
sys.path.insert(0, '.')
from bench.browser_referral import measure
print(json.dumps(measure()))
"""


def _browser_referral_rows(label: str) -> list[Row]:
    """The referral page in headless Chromium: Enter in the query box until the first result card (bench/browser_referral.py)."""
    from bench.appserver import CHROMIUM

    what = "Vermittlung im Browser"
    if not CHROMIUM.exists():
        return [Row(label, what, None, None, note=f"{CHROMIUM} fehlt")]
    try:
        done = subprocess.run(
            [sys.executable, "-c", _BROWSER_REFERRAL],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        found: dict[str, Any] = json.loads(next(line for line in done.stdout.splitlines() if line.startswith("{")))
    except (subprocess.TimeoutExpired, StopIteration, json.JSONDecodeError):
        return [Row(label, what, None, None, note="Messung fehlgeschlagen")]
    n = found["queries"]
    note = (
        f"Chromium headless, Enter bis erste Trefferkarte sichtbar; {n} verschiedene Anliegen ohne Filter, "
        f"Aufwärmanfrage {_fmt(found['first'], 's')}"
    )
    return [
        Row(label, f"{what} p50 ({n} Anfragen)", found["p50"], None, note=note),
        Row(label, f"{what} p95 ({n} Anfragen)", found["p95"], None),
    ]


# --- the run --------------------------------------------------------------------------------


def machine() -> list[str]:
    """CPU, cores, memory and the versions that matter."""
    cpu = next((line.split(":", 1)[1].strip() for line in _lines("/proc/cpuinfo") if "model name" in line), "?")
    mem_kb = next((int(line.split()[1]) for line in _lines("/proc/meminfo") if line.startswith("MemTotal")), 0)
    packages = ("networkx", "igraph", "numpy", "scipy", "PyYAML", "streamlit", "pyvis")
    versions = ", ".join(f"{p} {metadata.version(p)}" for p in packages)
    libyaml = "mit libyaml" if hasattr(yaml, "CSafeLoader") else "ohne libyaml"
    return [
        f"Rechner: {os.cpu_count()} Kerne, {cpu}, {mem_kb / 1024 / 1024:.0f} GiB RAM, {platform.system()}",
        f"Python {platform.python_version()}; {versions} ({libyaml})",
    ]


def _lines(path: str) -> list[str]:
    try:
        return Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []


def table(rows: list[Row]) -> str:
    """The rows as one Markdown table."""
    head = ["Größe", "Messung", "unsere", "naiv", "Faktor", "Anmerkung"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines.extend("| " + " | ".join(row.cells()) + " |" for row in rows)
    return "\n".join(lines)


def _size_rows(label: str, folder: Path, args: argparse.Namespace) -> list[Row]:
    runs = args.runs
    rows, dataset = _load_rows(label, folder, runs)
    h = metric_graph(build_graph(dataset, as_of=TODAY))
    actor_metrics(h)  # warm-up: imports and first allocations once per process
    size = len(h)
    rows += _metric_rows(label, h, runs, with_naive=size <= 2_000)
    rows += _gap_rows(label, dataset, runs, with_naive=size <= 2_000)
    rows += _referral_rows(label, dataset)
    rows += _search_rows(label, dataset, runs)
    rows += _import_rows(label, folder, dataset, runs)
    rows += _map_rows(label, dataset, runs)
    rows += _layout_rows(label, dataset, runs)
    if not args.no_app and size <= args.app_max:
        rows += _app_rows(label, folder, runs, timeout=args.app_timeout)
        rows += _cold_start_rows(label, folder, dataset, timeout=args.app_timeout)
    rows += _rss_rows(label, folder)
    return rows


def main(argv: list[str] | None = None) -> int:
    """Generate the networks, measure every row, print machine, versions and the table."""
    parser = argparse.ArgumentParser(description="Leistungsmessung: unsere Wege gegen naive Wege.")
    parser.add_argument("--quick", action="store_true", help="nur mitgelieferte Daten und 300 Akteure")
    parser.add_argument("--sizes", type=int, nargs="*", default=[300, 2_000, 10_000])
    parser.add_argument("--runs", type=int, default=5, help="Wiederholungen je Messung (Median)")
    parser.add_argument("--no-app", action="store_true", help="App (AppTest) nicht messen")
    parser.add_argument("--app-max", type=int, default=10_000, help="App nur bis zu dieser Größe messen")
    parser.add_argument("--app-timeout", type=float, default=300.0)
    parser.add_argument("--browser", type=int, nargs="*", default=[1_000], help="Karte im Browser bei diesen Größen")
    args = parser.parse_args(argv)
    sizes = [300] if args.quick else args.sizes
    started = time.perf_counter()
    print("\n".join(machine()), flush=True)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="netzwerkkarte-bench-") as tmp:
        targets = [(f"Demo ({_count(REPO / 'data')})", REPO / "data")]
        for size in sizes:
            folder = Path(tmp) / f"net{size}"
            write_network(folder, size, seed=7)
            targets.append((f"{size:,}".replace(",", "."), folder))
        for label, folder in targets:
            print(f"… {label}", file=sys.stderr, flush=True)
            found = _size_rows(label, folder, args)
            print("\n".join("| " + " | ".join(row.cells()) + " |" for row in found), file=sys.stderr, flush=True)
            rows += found
        for size in [] if args.quick else args.browser:
            print(f"… Karte im Browser, {size}", file=sys.stderr, flush=True)
            rows += _browser_rows(size, max(3, args.runs // 2 + 1))
        if not args.quick and args.browser:
            print("… Vermittlung im Browser", file=sys.stderr, flush=True)
            rows += _browser_referral_rows(targets[0][0])
    print(table(rows))
    print(f"Dauer des Laufs: {time.perf_counter() - started:.0f} s; Median aus {args.runs} Läufen je Zeile.")
    return 0


def _count(folder: Path) -> int:
    result = load_dataset(folder, today=TODAY)
    return result.counts["actors"]


if __name__ == "__main__":
    sys.exit(main())
