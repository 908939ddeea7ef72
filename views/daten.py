"""Page Daten: the validation report first, counts per kind and relation type, data freshness, who corrects what."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from graph.present.export import actor_table, count_table
from views import common
from views import texts as t

__all__ = ["render"]


def _freshness(ctx: common.Context) -> None:
    actors = actor_table(ctx.graph, ctx.dataset.vocabulary, ctx.today)
    unknown = int(actors["Geprüft am"].isna().sum())
    old = int(actors["Veraltet"].sum()) - unknown
    rows = [(t.FRESH_OK, len(actors) - old - unknown), (t.FRESH_OLD, old), (t.FRESH_NONE, unknown)]
    st.dataframe(pd.DataFrame(rows, columns=[t.STATE, t.COUNT]), hide_index=True, width="stretch")
    dates = actors["Geprüft am"].dropna()
    if not dates.empty:
        st.caption(t.FRESH_OLDEST.format(day=min(dates).strftime("%d.%m.%Y")))


def render() -> None:
    """Draw the page."""
    ctx = common.require_context()
    st.title(t.PAGE_DATA)
    common.show_report(ctx.result, ctx.folder)
    st.subheader(t.DATA_COUNTS)
    kinds, types, fresh = st.columns(3)
    with kinds:
        st.dataframe(count_table(ctx.graph, ctx.dataset.vocabulary, "kinds"), hide_index=True, width="stretch")
    with types:
        st.dataframe(count_table(ctx.graph, ctx.dataset.vocabulary, "types"), hide_index=True, width="stretch")
    with fresh:
        st.markdown(f"**{t.DATA_FRESHNESS}**")
        _freshness(ctx)
    common.show_who_corrects()
    st.caption(t.DATA_FOLDER.format(folder=ctx.folder, version=ctx.fingerprint[:12]))


if __name__ == "__main__":
    render()
