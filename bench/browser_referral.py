"""The referral page in headless Chromium: time from pressing Enter in the query box until the first result card shows.

Run: ``.venv/bin/python -m bench.browser_referral [--data DIR]`` (default: the bundled ``data/``). Starts the app on a
free local port, opens „Vermittlung“ in Debian's ``/usr/bin/chromium`` through Playwright (no browser is
downloaded), asks one warm-up query and then :data:`QUERIES`, 20 different needs without school or other filters.
Before each query the box is emptied and the page shows no card, so the first card that appears belongs to the new
query. The clock runs in the page: from the Enter key's ``keydown`` to the first animation frame in which a visible
heading „1. …“ (the first card) is on the page; Playwright only types and waits. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

# A script as well as a module: make the repository root importable when started as ``python bench/…``.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.appserver import CHROMIUM, CHROMIUM_ARGS, IDLE, app_server

__all__ = ["QUERIES", "main", "markdown_rows", "measure"]

REPO = Path(__file__).resolve().parents[1]
#: Twenty different needs as staff type them; each has offers on the bundled data without filters, none is a crisis.
QUERIES = (
    "schwänzt seit Wochen",
    "Schulangst",
    "Mobbing im Klassenchat",
    "Vater trinkt",
    "Eltern trennen sich",
    "kifft",
    "Schlägerei auf dem Schulhof",
    "Legasthenie",
    "Praktikum finden",
    "spricht kein Deutsch",
    "Rassistisch beleidigt",
    "hängt nur noch am Handy",
    "Erziehungsberatung gesucht",
    "Halle-Pass",
    "Sexualaufklärung für Klasse 5",
    "Streitschlichter ausbilden",
    "ADHS",
    "Schulbegleiter für ein Kind mit Autismus",
    "Klassenrat einführen",
    "schwanger mit 15",
)
WARM_UP = "Mobing"
QUERY_LABEL = "Anliegen"
TIMEOUT_MS = 60_000

#: Installed once per page: remember when Enter went down in the query box (capture phase, before Streamlit).
_KEY_CLOCK = """() => {
  window.__enterAt = null;
  document.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target && event.target.getAttribute("aria-label") === "LABEL") {
      window.__enterAt = performance.now();
    }
  }, true);
}""".replace("LABEL", QUERY_LABEL)
#: True (and the time noted) once a visible heading of the first result card is on the page.
_FIRST_CARD = """() => {
  const card = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].find(
    (h) => /^1\\.\\s/.test(h.textContent.trim()) && h.getClientRects().length > 0
  );
  if (!card) return false;
  window.__cardAt = performance.now();
  return true;
}"""
_NO_CARD = """() => ![...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].some(
  (h) => /^1\\.\\s/.test(h.textContent.trim())
)"""


def _settle(page: Any) -> None:
    """Wait until Streamlit's script run is over."""
    page.locator(IDLE).wait_for(timeout=TIMEOUT_MS)


def _clear(page: Any, box: Any) -> None:
    """Empty the query box and wait until no result card is left on the page."""
    box.fill("")
    box.press("Enter")
    page.wait_for_function(_NO_CARD, timeout=TIMEOUT_MS, polling=50)
    _settle(page)


def _one(page: Any, box: Any, query: str) -> tuple[float, float]:
    """Seconds from Enter to the first visible card: in the page's clock and as Playwright saw it."""
    _clear(page, box)
    box.fill(query)
    page.evaluate("() => { window.__enterAt = null; window.__cardAt = null; }")
    start = time.perf_counter()
    box.press("Enter")
    page.wait_for_function(_FIRST_CARD, timeout=TIMEOUT_MS, polling="raf")
    outside = time.perf_counter() - start
    inside = page.evaluate("() => window.__enterAt === null ? null : (window.__cardAt - window.__enterAt) / 1000")
    _settle(page)
    if inside is None:  # the key listener missed Enter (should not happen): fall back to Playwright's view
        return outside, outside
    return float(inside), outside


def _percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile, as in ``bench/run.py``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(data_dir: Path = REPO / "data", queries: tuple[str, ...] = QUERIES) -> dict[str, Any]:
    """Start the app on ``data_dir`` and time every query from Enter to the first visible result card.

    Parameters
    ----------
    data_dir : Path
        Data folder for the app.
    queries : tuple of str
        The needs to type, one after another in one tab (a returning visitor, warmed up by one query).

    Returns
    -------
    dict
        ``times`` (seconds per query, page clock), ``outside`` (as Playwright saw it), ``p50``, ``p95``,
        ``first`` (the warm-up query, including the app's first referral index) and ``queries``.
    """
    from playwright.sync_api import sync_playwright

    with app_server(data_dir) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="de-DE")
            page = context.new_page()
            page.goto(f"{url}/vermittlung", timeout=TIMEOUT_MS)
            box = page.get_by_label(QUERY_LABEL)
            box.wait_for(timeout=TIMEOUT_MS)
            _settle(page)
            page.evaluate(_KEY_CLOCK)
            first, _ = _one(page, box, WARM_UP)
            times: list[float] = []
            outside: list[float] = []
            for query in queries:
                inside, seen = _one(page, box, query)
                times.append(inside)
                outside.append(seen)
            context.close()
        finally:
            browser.close()
    return {
        "times": times,
        "outside": outside,
        "p50": _percentile(times, 0.5),
        "p95": _percentile(times, 0.95),
        "first": first,
        "queries": len(times),
    }


def _fmt(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def markdown_rows(found: dict[str, Any], label: str) -> list[str]:
    """Two rows of the benchmark table (p50 and p95), in its columns Größe | Messung | unsere | naiv | Faktor | Anmerkung."""
    n = found["queries"]
    note = (
        f"Chromium headless, Enter bis erste Trefferkarte sichtbar (Uhr der Seite); {n} verschiedene Anliegen ohne Filter "
        f"nach einer Aufwärmanfrage ({_fmt(found['first'])}); von Playwright aus p50 {_fmt(_percentile(found['outside'], 0.5))}"
    )
    return [
        f"| {label} | Vermittlung im Browser p50 ({n} Anfragen) | {_fmt(found['p50'])} | — | — | {note} |",
        f"| {label} | Vermittlung im Browser p95 ({n} Anfragen) | {_fmt(found['p95'])} | — | — |  |",
    ]


def main(argv: list[str] | None = None) -> int:
    """Measure and print the two rows (with the table head); each query's time with ``--einzeln``."""
    parser = argparse.ArgumentParser(description="Vermittlung im Browser: Enter bis zur ersten Trefferkarte.")
    parser.add_argument("--data", type=Path, default=REPO / "data", help="Datenordner (Standard: data/)")
    parser.add_argument("--einzeln", action="store_true", help="Zeit jedes Anliegens ausgeben")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} fehlt: nichts zu messen.")
        return 1
    found = measure(args.data)
    label = "Demo" if args.data.resolve() == (REPO / "data").resolve() else args.data.name
    print("| Größe | Messung | unsere | naiv | Faktor | Anmerkung |")
    print("|---|---|---|---|---|---|")
    print("\n".join(markdown_rows(found, label)))
    if args.einzeln:
        for query, inside in zip(QUERIES, found["times"], strict=True):
            print(f"{_fmt(inside):>10}  {query}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
