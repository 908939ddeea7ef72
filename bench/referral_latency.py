"""Referral query latency on the bundled data: p50 / p95 over 100 varied queries.

Run: ``.venv/bin/python bench/referral_latency.py [DATA_DIR]``. Prints the index build time
and the latency of text matching alone and of the whole lookup, cold (first time each query
is seen) and warm (repeated, as while typing). No assertion: it only reports.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

# A script, not a module: make the repository root importable when started as ``python bench/…``.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph import load_dataset
from graph.referral import ReferralIndex, build_referral_index, refer

NEEDS = [
    "schwänzt seit Wochen",
    "Schulangst",
    "Mobing im Klassenchat",
    "Vater trinkt",
    "geschwänzt",
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
    "Halle-Pass Klassenfahrt",
    "Kindeswohlgefährdung",
    "Rassistisch beleidigt",
    "spricht kein Deutsch",
    "Kaffeemaschine kaputt",
]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _queries(index: ReferralIndex) -> list[tuple[str, dict[str, object]]]:
    """100 queries: 20 needs, each alone, with a school, a district, a language and an age."""
    actors = index.dataset.actors.values()
    schools = sorted(a.id for a in actors if a.kind == "schule")
    districts = sorted({a.district for a in actors if a.district})
    variants: list[dict[str, object]] = [{}, {"language": "ar"}, {"age": 14}]
    if schools:
        variants.append({"school": schools[0]})
    if districts:
        variants.append({"district": districts[0]})
    while len(variants) < 5:
        variants.append({"audience": "eltern"})
    return [(need, options) for need in NEEDS for options in variants]


def _time(index: ReferralIndex, queries: list[tuple[str, dict[str, object]]], today: dt.date) -> list[float]:
    timings = []
    for query, options in queries:
        start = time.perf_counter()
        refer(index, query, today=today, **options)  # type: ignore[arg-type]
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def main(data_dir: str = "data") -> int:
    """Load the data, build the index once, time the queries and print a short report."""
    if not (Path(data_dir) / "actors.yaml").is_file():
        print(f"{data_dir}/actors.yaml fehlt – nichts zu messen.")
        return 1
    today = dt.date.today()
    loaded = load_dataset(data_dir, today=today)
    if loaded.dataset is None:
        print(f"{data_dir} ist ungültig; zuerst 'python -m graph validate {data_dir}'.")
        return 1
    start = time.perf_counter()
    index = build_referral_index(loaded.dataset)
    build_ms = (time.perf_counter() - start) * 1000
    queries = _queries(index)
    cold = _time(index, queries, today)
    warm = _time(index, queries, today)
    text = []
    for query, _ in queries:
        start = time.perf_counter()
        index.text.match(query)
        text.append((time.perf_counter() - start) * 1000)
    print(f"Daten: {data_dir} ({loaded.counts['actors']} Akteure, {loaded.counts['relations']} Beziehungen)")
    print(f"Index aufbauen: {build_ms:.1f} ms (einmal je Datenstand)")
    for name, values in (("Abfrage, erstmals", cold), ("Abfrage, wiederholt", warm), ("nur Textabgleich", text)):
        p50, p95 = _percentile(values, 0.5), _percentile(values, 0.95)
        print(f"{name:20} n={len(values)}  p50 {p50:.3f} ms  p95 {p95:.3f} ms  max {max(values):.3f} ms")
    print(f"Mittelwert wiederholt: {statistics.mean(warm):.3f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
