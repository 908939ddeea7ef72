"""Page Vermittlung: actors offering a chosen topic, with their contact."""

from __future__ import annotations

import streamlit as st

from graph.export import actor_table
from graph.viewfilter import ViewFilter, filter_graph
from views import common
from views import texts as t

__all__ = ["render"]


def render() -> None:
    """Draw the page."""
    ctx = common.require_context()
    vocabulary = ctx.dataset.vocabulary
    st.title(t.PAGE_REFERRAL)
    st.caption(t.REFERRAL_INTRO)
    topics = list(vocabulary.terms("topics"))
    topic = st.selectbox(t.REFERRAL_TOPIC, topics, format_func=lambda term: vocabulary.label("topics", term))
    if topic is None:
        return
    offering = filter_graph(ctx.graph, ViewFilter(topics=(topic,)))
    table = actor_table(offering, vocabulary, ctx.today)
    if table.empty:
        st.info(t.REFERRAL_NONE)
        return
    columns = ["Name", "Art", "Stadtteil", "Kontakt", "Geprüft am"]
    st.dataframe(table.sort_values("Name")[columns], hide_index=True, width="stretch")


if __name__ == "__main__":
    render()
