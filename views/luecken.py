"""Page Lücken: entries needing care, from the validation report's warnings (stale, ended, no contact)."""

from __future__ import annotations

import streamlit as st

from graph.export import problem_table
from views import common
from views import texts as t

__all__ = ["render"]

#: Warning codes that point at gaps in the upkeep of the data.
CARE_CODES = ("stale-entry", "relation-ended", "missing-contact")


def render() -> None:
    """Draw the page."""
    ctx = common.require_context()
    st.title(t.PAGE_GAPS)
    st.caption(t.GAPS_INTRO)
    warnings = [p for p in ctx.result.report.warnings if p.code in CARE_CODES]
    if not warnings:
        st.success(t.GAPS_NONE)
        return
    st.markdown(t.GAPS_COUNT.format(count=len(warnings)))
    table = problem_table(warnings).drop(columns=["Stufe", "Spalte"])
    st.dataframe(table, hide_index=True, width="stretch", height=620)


if __name__ == "__main__":
    render()
