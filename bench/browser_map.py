"""The map in headless Chromium: time from navigation until the network is drawn and answers a hover.

Run: ``.venv/bin/python -m bench.browser_map [SIZE ...]`` (default 1000). For every size it writes a
generated network, measures the map page alone (``file://``) and the map page of the running app
(Streamlit warmed up once, so server-side loading and layout are cached as for a second visitor), once
with an empty browser cache per run (first visit) and once as a returning visitor whose cache holds the scripts.
Uses Debian's ``/usr/bin/chromium`` through Playwright; no browser is downloaded. Nothing is asserted.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# A script as well as a module: make the repository root importable when started as ``python bench/…``.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.appserver import CHROMIUM, CHROMIUM_ARGS, app_server
from bench.generate import write_network
from graph import build_graph, load_dataset
from graph.present.mapview import FULL_MAP_LIMIT, MapOptions, degree_values, layout_positions, map_html

__all__ = ["measure", "time_to_interactive"]

TODAY = dt.date(2026, 11, 28)
#: A hovered node at the centre of the drawing, in page coordinates of the map frame.
_NODE_POINT = """() => {
  const net = window.netzwerk, ids = window.netzwerkKnoten.getIds();
  const rect = document.getElementById("netzwerk").getBoundingClientRect();
  let best = null, bestD = Infinity;
  for (const id of ids) {
    const p = net.canvasToDOM(net.getPosition(id));
    const d = Math.abs(p.x - rect.width / 2) + Math.abs(p.y - rect.height / 2);
    if (d < bestD) { bestD = d; best = p; }
  }
  return {x: rect.left + best.x, y: rect.top + best.y};
}"""
#: Milliseconds of one synchronous redraw of the whole network (what every pan or zoom step costs).
_REDRAW_MS = """() => {
  const times = [];
  for (let i = 0; i < 5; i++) { const t = performance.now(); window.netzwerk.redraw(); times.push(performance.now() - t); }
  times.sort((a, b) => a - b);
  return times[2];
}"""


def time_to_interactive(page: Any, url: str, timeout_ms: float = 120_000, hover_ms: float = 30_000) -> dict[str, float]:
    """Open ``url`` and return seconds until the map is drawn and until a hover shows a tooltip.

    Works for the bare map page and for the app (the map in its iframe; ``frame`` is when the
    iframe appeared) and ``load``, when the page's load event ended (for the app: Streamlit's own scripts are
    in; its widgets and the map frame follow). Also returns the median time of one full redraw in milliseconds.
    The clock starts right before navigation;
    a tooltip that does not show within ``hover_ms`` counts as not interactive (``nan``).
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    start = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=timeout_ms)
    frame = page.main_frame
    if not url.startswith("file:"):
        frame = page.wait_for_selector("iframe", timeout=timeout_ms).content_frame()
    framed = time.perf_counter() - start  # the app: Streamlit's page and widgets are up, the map frame is inserted
    frame.wait_for_function("window.netzwerkBereit === true", timeout=timeout_ms, polling=20)
    drawn = time.perf_counter() - start
    point = frame.evaluate(_NODE_POINT)
    offset = {"x": 0.0, "y": 0.0}
    if frame is not page.main_frame:
        box = frame.frame_element().bounding_box()
        offset = {"x": box["x"], "y": box["y"]}
    page.mouse.move(offset["x"] + point["x"] + 40, offset["y"] + point["y"] + 40)
    page.mouse.move(offset["x"] + point["x"], offset["y"] + point["y"], steps=4)
    try:
        frame.wait_for_selector("div.vis-tooltip", state="visible", timeout=hover_ms)
        hovered = time.perf_counter() - start
    except PlaywrightTimeout:
        hovered = float("nan")
    # The page's own load event (scripts and styles of the page itself are in), measured from navigation start.
    loaded = float(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")) / 1000
    return {
        "frame": framed,
        "drawn": drawn,
        "interactive": hovered,
        "load": loaded,
        "redraw_ms": float(frame.evaluate(_REDRAW_MS)),
    }


def _page_file(folder: Path, target: Path) -> Path:
    """The map page as the app draws the full network (layout, sizes by relations)."""
    dataset = load_dataset(folder, today=TODAY).dataset
    assert dataset is not None
    graph = build_graph(dataset)
    options = MapOptions(degree_values(graph), False, None, 680, "", None)
    target.write_text(map_html(graph, dataset.vocabulary, layout_positions(graph), options), encoding="utf-8")
    return target


def _median(found: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(f[key] for f in found) for key in found[0]}


def measure(sizes: list[int], runs: int = 3, app: bool = True) -> list[dict[str, Any]]:
    """Median over ``runs`` fresh tabs per size: bare page and (optionally) the app's map page."""
    from playwright.sync_api import sync_playwright

    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="netzwerkkarte-karte-") as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for size in sizes:
                folder = Path(tmp) / f"net{size}"
                write_network(folder, size, seed=7)
                targets = [("Seite allein", _page_file(folder, Path(tmp) / f"karte{size}.html").as_uri())]
                # Above FULL_MAP_LIMIT the app shows a notice instead of the map: only the bare page is measured.
                with app_server(folder) if app and size <= FULL_MAP_LIMIT else _nothing() as url:
                    if url is not None:
                        _warm_up(browser, url)
                        targets.append(("in der App", url))
                    for where, address in targets:
                        found = []
                        for _ in range(runs):
                            context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="de-DE")
                            found.append(time_to_interactive(context.new_page(), address))
                            context.close()
                        results.append({"size": size, "where": where, **_median(found)})
                    if url is not None:
                        results.append({"size": size, "where": "App, wiederkehrend", **_returning(browser, url, runs)})
        finally:
            browser.close()
    return results


def _returning(browser: Any, url: str, runs: int) -> dict[str, float]:
    """A returning visitor: one browser profile whose cache already holds Streamlit's scripts and ours.

    Staff open the app every day, so this is the usual case; a fresh context per run (above) is a
    first visit with an empty cache.
    """
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="de-DE")
    try:
        page = context.new_page()
        time_to_interactive(page, url)  # fills the cache
        page.close()
        found = []
        for _ in range(runs):
            page = context.new_page()
            found.append(time_to_interactive(page, url))
            page.close()
    finally:
        context.close()
    return _median(found)


@contextmanager
def _nothing() -> Iterator[None]:
    yield None


def _warm_up(browser: Any, url: str) -> None:
    """One visit so that the server has loaded the data and computed layout and map HTML."""
    context = browser.new_context()
    try:
        time_to_interactive(context.new_page(), url, timeout_ms=600_000)
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    """Measure the given sizes and print one line per size and place."""
    sizes = [int(a) for a in (argv if argv is not None else sys.argv[1:])] or [1000]
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} fehlt: nichts zu messen.")
        return 1
    for row in measure(sizes):
        print(
            f"{row['size']:>6} Akteure, {row['where']:<18} Kartenrahmen {row['frame']:.2f} s, gezeichnet {row['drawn']:.2f} s, "
            f"Hover-Tooltip {row['interactive']:.2f} s (ab Ladeereignis {row['interactive'] - row['load']:.2f} s), "
            f"ein Neuzeichnen {row['redraw_ms']:.0f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
