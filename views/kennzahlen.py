"""Page Kennzahlen: counts of actors and relations and each actor's number of partners."""

from __future__ import annotations

import streamlit as st

from graph.export import actor_table, count_table
from views import common
from views import texts as t

__all__ = ["render"]


def render() -> None:
    """Draw the page."""
    ctx = common.require_context()
    vocabulary = ctx.dataset.vocabulary
    st.title(t.PAGE_METRICS)
    st.caption(t.METRICS_INTRO)
    actors = actor_table(ctx.graph, vocabulary, ctx.today)
    isolated = int((actors["Beziehungen"] == 0).sum())
    st.markdown(t.METRICS_SUMMARY.format(actors=len(actors), relations=ctx.graph.number_of_edges(), isolated=isolated))
    left, right = st.columns(2)
    with left:
        st.subheader(t.METRICS_KINDS)
        st.dataframe(count_table(ctx.graph, vocabulary, "kinds"), hide_index=True, width="stretch")
    with right:
        st.subheader(t.METRICS_TYPES)
        st.dataframe(count_table(ctx.graph, vocabulary, "types"), hide_index=True, width="stretch")
    st.subheader(t.METRICS_PARTNERS)
    partners = actors.sort_values(["Partner", "Name"], ascending=[False, True])
    st.dataframe(
        partners[["Name", "Art", "Stadtteil", "Partner", "Beziehungen"]], hide_index=True, width="stretch", height=520
    )


if __name__ == "__main__":
    render()
