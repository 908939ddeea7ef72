"""Streamlit entry point: loads the data folder and shows its state (the dashboard pages build on this)."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st

from graph import LoadResult, load_dataset
from graph.fingerprint import data_fingerprint

DATA_DIR = Path(os.environ.get("NETZWERKKARTE_DATA", "data"))


@st.cache_data(show_spinner="Lade Daten …")
def load(data_dir: str, fingerprint: str) -> LoadResult:
    """Load and validate once per content version of the data files."""
    del fingerprint  # only part of the cache key
    return load_dataset(data_dir)


def report_table(result: LoadResult) -> pd.DataFrame:
    """The validation report with German column names."""
    rows = [
        {
            "Stufe": "Fehler" if p.level == "error" else "Warnung",
            "Datei": p.file,
            "Zeile": p.line,
            "Spalte": p.column,
            "Code": p.code,
            "Meldung": p.message,
            "Hinweis": p.hint,
        }
        for p in result.report
    ]
    return pd.DataFrame(rows, columns=["Stufe", "Datei", "Zeile", "Spalte", "Code", "Meldung", "Hinweis"])


st.set_page_config(page_title="Netzwerkkarte Schulerfolg Halle", layout="wide")
st.title("Netzwerkkarte Schulerfolg Halle")
result = load(str(DATA_DIR), data_fingerprint(DATA_DIR))
if result.dataset is None:
    st.error(
        f"Die Daten in `{DATA_DIR}` enthalten {len(result.report.errors)} Fehler und können nicht angezeigt werden. "
        "Bitte korrigiere die unten genannten Stellen."
    )
else:
    st.success(f"Daten gültig: {result.counts['actors']} Akteure, {result.counts['relations']} Beziehungen.")
st.subheader("Prüfbericht")
st.caption(result.report.summary())
st.dataframe(report_table(result), hide_index=True, width="stretch")
