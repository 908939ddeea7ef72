"""Page Daten: the validation report first, counts per kind and relation type, data freshness, who corrects what."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from graph.data.freshness import freshness_counts
from graph.present.export import count_table
from graph.present.formats import de_date
from views import common
from views import texts as t

__all__ = ["render"]


def _freshness(ctx: common.Context) -> None:
    counts = freshness_counts((a.verified for a in ctx.dataset.actors.values()), ctx.today)
    rows = [(t.FRESH_OK, counts.fresh), (t.FRESH_OLD, counts.stale), (t.FRESH_NONE, counts.unverified)]
    st.dataframe(pd.DataFrame(rows, columns=[t.STATE, t.COUNT]), hide_index=True, width="stretch")
    if counts.oldest is not None:
        st.caption(t.FRESH_OLDEST.format(day=de_date(counts.oldest)))


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
