"""Browser test: what people take away is German (CSV for German Excel, GEXF labels, file names, chart numbers)."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pytest

from graph import load_dataset
from graph.data import clock
from graph.metrics import METRIC_INFO
from tests.conftest import REPO
from tests.test_browser import Session, app_url, session

__all__ = ["app_url", "session"]  # fixtures, imported so pytest finds them here

pytestmark = pytest.mark.browser


def _download(page: Any, label: str) -> tuple[str, bytes]:
    with page.expect_download() as download:
        page.get_by_role("button", name=label).click()
    return download.value.suggested_filename, Path(download.value.path()).read_bytes()


def _day() -> str:
    return clock.today(load_dataset(REPO / "data").dataset).isoformat()


def test_metrics_csv_reads_as_german_numbers(session: Session, app_url: str) -> None:
    page = session.page
    page.goto(f"{app_url}/kennzahlen")
    page.locator("[data-testid='stVegaLiteChart']").first.wait_for()
    name, data = _download(page, "Tabelle als CSV (Excel)")
    assert name == f"kennzahlen-{_day()}.csv"
    assert data.startswith(b"\xef\xbb\xbf")
    table = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")
    for info in METRIC_INFO.values():
        assert pd.api.types.is_numeric_dtype(table[info.label]), info.label
    closeness = table[METRIC_INFO["closeness"].label]
    assert closeness.notna().any() and (closeness.dropna().between(0, 1)).all()
    assert "True" not in data.decode("utf-8-sig") and "False" not in data.decode("utf-8-sig")


def test_metric_chart_tooltip_has_decimal_comma(session: Session, app_url: str) -> None:
    page = session.page
    page.goto(f"{app_url}/kennzahlen")
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    chart.wait_for()
    session.settle()
    box = chart.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + 12)  # the first bar
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible")
    text = tooltip.inner_text()
    assert re.search(r"\d,\d{3}", text), text
    assert not re.search(r"\d\.\d{3}\b", text), text


def test_map_exports_name_view_and_day_and_gexf_has_names(session: Session, app_url: str) -> None:
    page, day = session.page, _day()
    dataset = load_dataset(REPO / "data").dataset
    assert dataset is not None
    page.goto(app_url)
    session.map_frame()
    page.get_by_text("Export der aktuellen Ansicht").click()
    name, data = _download(page, "GEXF (Gephi)")
    assert name == f"netzwerk-ganz-{day}.gexf"
    back = nx.read_gexf(io.BytesIO(data))
    assert {back.nodes[a]["label"] for a in back} == {actor.name for actor in dataset.actors.values()}
    name, data = _download(page, "Akteure als CSV (Excel)")
    assert name == f"netzwerk-ganz-akteure-{day}.csv"
    actors = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")
    assert set(actors["Veraltet"]) <= {"ja", "nein"}
    assert actors["Geprüft am"].dropna().str.fullmatch(r"\d\d\.\d\d\.\d{4}").all()
    page.goto(f"{app_url}/?actor=villa-juehling&ego=2")
    session.map_frame()
    page.get_by_text("Export der aktuellen Ansicht").click()
    name, _ = _download(page, "Karte als HTML (offline)")
    assert name == f"netzwerk-umfeld-villa-juehling-{day}.html"
