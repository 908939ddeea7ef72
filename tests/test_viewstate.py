"""Tests of graph.present.viewstate: URL query parameters in and out."""

from __future__ import annotations

import datetime as dt

import pytest

from graph import Dataset
from graph.present.viewfilter import ViewFilter
from graph.present.viewstate import ViewState, decode, encode

TODAY = dt.date(2026, 11, 28)


def test_encode_decode_round_trip(small: Dataset) -> None:
    view = ViewFilter(
        kinds=("schule", "traeger"),
        stadtbezirke=("sued",),
        districts=("silberhoehe",),
        topics=("familie",),
        relation_types=("kooperation",),
        as_of=dt.date(2025, 3, 1),
        hide_isolated=True,
        ego="gs-a",
        radius=3,
    )
    state = ViewState(view, "gs-a")
    params = encode(state, TODAY)
    assert params == {
        "kind": "schule,traeger",
        "bezirk": "sued",
        "district": "silberhoehe",
        "topic": "familie",
        "type": "kooperation",
        "as_of": "2025-03-01",
        "isolated": "hide",
        "actor": "gs-a",
        "ego": "3",
    }
    assert decode(params, small) == (state, [])


def test_encode_defaults_are_empty() -> None:
    assert encode(ViewState(ViewFilter(as_of=TODAY)), TODAY) == {}


@pytest.mark.parametrize(
    ("params", "state", "notice"),
    [
        (
            {"kind": "schule,zoo"},
            ViewState(ViewFilter(kinds=("schule",))),
            "Akteursart 'zoo' aus dem Link ist unbekannt",
        ),
        ({"topic": "<script>"}, ViewState(), "Thema '<script>' aus dem Link ist unbekannt"),
        ({"as_of": "gestern"}, ViewState(), "Das Datum 'gestern' aus dem Link ist ungültig"),
        ({"actor": "niemand"}, ViewState(), "Akteur 'niemand' aus dem Link gibt es nicht"),
        ({"actor": "gs-a", "ego": "0"}, ViewState(actor="gs-a"), "Die Umfeld-Tiefe '0' aus dem Link ist ungültig"),
        ({"actor": "gs-a", "ego": "x"}, ViewState(actor="gs-a"), "Die Umfeld-Tiefe 'x' aus dem Link ist ungültig"),
    ],
)
def test_decode_drops_unknown_with_notice(
    small: Dataset, params: dict[str, str], state: ViewState, notice: str
) -> None:
    decoded, notices = decode(params, small)
    assert decoded == state
    assert len(notices) == 1 and notices[0].startswith(notice)


def test_decode_ignores_unknown_keys_and_duplicates(small: Dataset) -> None:
    decoded, notices = decode({"utm": "x", "kind": "schule,schule, ,", "ego": "2"}, small)
    assert decoded == ViewState(ViewFilter(kinds=("schule",)))
    assert notices == []
