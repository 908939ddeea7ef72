"""Page Planung: Teilplanung Schulsozialarbeit (school × school year) and the BbA funding overview."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from graph.data.model import Dataset
from graph.data.schoolyear import SchoolYear, school_year_of
from graph.planning import (
    bba_changes,
    bba_view,
    default_years,
    ssa_changes,
    ssa_programmes,
    ssa_view,
    year_options,
    years_between,
)
from graph.planning.bba_tables import bba_change_frame, bba_frames, over_cap_column, over_cap_rows
from graph.planning.ssa_tables import bezirk_grid, cliff_sentence, ssa_change_frame, ssa_frames, ssa_grid, totals_frame
from graph.planning.tables import NO_BEZIRK, de_money, display_table, workbook
from graph.present.formats import file_name
from views import common
from views import texts as t

__all__ = ["render"]

#: Background and text colour of each status (contrast of the text above 7:1 on its background).
STATUS_STYLES = {
    "covered": "background-color: #d9f2df; color: #14532d",
    "partial": "background-color: #fff1c2; color: #6b4200",
    "none": "background-color: #fde2df; color: #8a1c12; font-weight: 600",
}
OVER_CAP_STYLE = "background-color: #fde2df; color: #8a1c12; font-weight: 600"
GRID_HIDDEN = ["Stadtteil", "Schulform"]
#: Row height of a Streamlit table and the tallest grid shown before it scrolls (about 17 schools).
GRID_ROW_PX = 35
GRID_MAX_PX = 633
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _range(dataset: Dataset) -> list[SchoolYear]:
    """The school years chosen with a range slider (default: the ESF+ period)."""
    options = [year.name for year in year_options(dataset)]
    default = default_years()
    first, last = st.select_slider(
        t.PLAN_RANGE, options, value=(default[0].name, default[-1].name), key="pl_range", help=t.PLAN_RANGE_HELP
    )
    return years_between(SchoolYear.parse(first), SchoolYear.parse(last))


def _filters(dataset: Dataset) -> tuple[list[str], list[str], list[str]]:
    vocabulary = dataset.vocabulary
    left, middle, right = st.columns(3)
    bezirke = left.multiselect(
        t.PLAN_FILTER_BEZIRK,
        list(vocabulary.terms("stadtbezirke")),
        key="pl_bezirk",
        format_func=lambda b: vocabulary.label("stadtbezirke", b),
        placeholder=t.PLAN_FILTER_ALL,
    )
    types = middle.multiselect(
        t.PLAN_FILTER_TYPE,
        list(vocabulary.terms("school_types")),
        key="pl_type",
        format_func=lambda s: vocabulary.label("school_types", s),
        placeholder=t.PLAN_FILTER_ALL,
    )
    programmes = right.multiselect(
        t.PLAN_FILTER_PROGRAMME,
        ssa_programmes(dataset),
        key="pl_programme",
        format_func=lambda p: vocabulary.label("funding_programmes", p),
        placeholder=t.PLAN_FILTER_ALL,
    )
    return bezirke, types, programmes


def _styled_grid(plan: dict[str, Any], dataset: Dataset) -> Any:
    text, status = ssa_grid(plan, dataset)
    # Stadtteil and Schulform stay in the Excel file: without them every school year fits on a laptop screen
    text, status = text.drop(columns=GRID_HIDDEN), status.drop(columns=GRID_HIDDEN)

    def colours(column: pd.Series) -> list[str]:
        return [STATUS_STYLES.get(s, "") for s in status[column.name]]

    return text.style.apply(colours, axis=0)


def _change_pair(names: list[str], key: str, today_year: str) -> tuple[str, str] | None:
    """Two school years to compare, by default the current one and the next (else the last two of the range)."""
    if len(names) < 2:
        return None
    start = names.index(today_year) if today_year in names[:-1] else len(names) - 2
    left, right = st.columns(2)
    first = left.selectbox(t.PLAN_CHANGE_FROM, names, index=start, key=f"{key}_from")
    second = right.selectbox(t.PLAN_CHANGE_TO, names, index=start + 1, key=f"{key}_to")
    return str(first), str(second)


def _change_summary(change: dict[str, Any]) -> None:
    counts = {kind: len(change[kind]) for kind in ("new", "ended", "changed")}
    if not any(counts.values()):
        st.info(t.PLAN_CHANGE_NONE)
        return
    st.markdown(f"**{t.PLAN_CHANGE_SUMMARY.format(**counts)}**")


def _download(label: str, data: Callable[[], bytes], what: str, years: list[str], key: str) -> None:
    # The workbook is written only when the button is pressed: openpyxl takes ~0.3 s, too much for every rerun.
    name = file_name(t.PAGE_PLAN, what, years[0], years[-1], suffix="xlsx")
    st.download_button(label, data, name, XLSX, key=key, on_click="ignore", icon=":material/download:")


def _school_social_work(ctx: common.Context, years: list[SchoolYear], filters: tuple[Any, ...]) -> None:
    dataset = ctx.dataset
    shown = ssa_view(dataset, years, *filters)
    rows, names = shown["schools"], shown["school_years"]
    cliff = shown["cliff"]
    if cliff["schools"]:
        st.warning(t.PLAN_CLIFF.format(sentence=cliff_sentence(cliff)), icon=":material/warning:")
        with st.expander(t.PLAN_CLIFF_SCHOOLS.format(n=len(cliff["schools"]))):
            st.markdown("\n".join(f"- {common.md(dataset.actors[s].name)}" for s in cliff["schools"]))
    else:
        st.success(t.PLAN_CLIFF_NONE)
    if not rows:
        st.info(t.PLAN_EMPTY)
        return
    st.subheader(t.PLAN_GRID)
    st.caption(t.PLAN_GRID_HELP)
    height = min(GRID_ROW_PX * (len(rows) + 1) + 3, GRID_MAX_PX)
    st.dataframe(
        _styled_grid(shown, dataset),
        hide_index=True,
        width="stretch",
        height=height,
        key="pl_grid",
        # On a phone the school years scroll sideways: the school's name stays in view.
        column_config={"Schule": st.column_config.TextColumn(pinned=True)},
    )
    by_bezirk = shown["by_stadtbezirk"]
    st.subheader(t.PLAN_TOTALS)
    st.dataframe(display_table(totals_frame(shown["totals"])), hide_index=True, width="stretch")
    st.subheader(t.PLAN_BEZIRKE)
    st.dataframe(display_table(bezirk_grid(by_bezirk, dataset)), hide_index=True, width="stretch")
    st.subheader(t.PLAN_CHANGE)
    pair = _change_pair(names, "pl_ssa_change", school_year_of(ctx.today).name)
    if pair is not None:
        change = ssa_changes(rows, *pair)
        _change_summary(change)
        frame = ssa_change_frame([change], dataset)
        if not frame.empty:
            st.dataframe(display_table(frame.drop(columns=["von", "nach"])), hide_index=True, width="stretch")
    _download(
        t.PLAN_DOWNLOAD_SSA,
        lambda: workbook(ssa_frames(shown, dataset, by_bezirk)),
        "Schulsozialarbeit",
        names,
        "pl_dl_ssa",
    )


def _bba_chart(overview: dict[str, Any], dataset: Dataset) -> alt.Chart:
    records = [
        {
            "Schuljahr": year,
            "Stadtbezirk": dataset.vocabulary.label("stadtbezirke", bezirk) if bezirk else NO_BEZIRK,
            t.PLAN_BBA_AMOUNT: amount,
        }
        for bezirk, years in overview["by_district"].items()
        for year, amount in years.items()
        if amount
    ]
    frame = pd.DataFrame(records, columns=["Schuljahr", "Stadtbezirk", t.PLAN_BBA_AMOUNT])
    return (
        alt.Chart(frame, title=t.PLAN_BBA_CHART, height=280)
        .mark_bar()
        .encode(
            x=alt.X("Schuljahr:N", sort=overview["school_years"], axis=alt.Axis(labelAngle=0)),
            y=alt.Y(f"sum({t.PLAN_BBA_AMOUNT}):Q", title=t.PLAN_BBA_AMOUNT),
            color=alt.Color("Stadtbezirk:N", legend=alt.Legend(orient="bottom")),
            tooltip=["Schuljahr", "Stadtbezirk", alt.Tooltip(f"{t.PLAN_BBA_AMOUNT}:Q", format=",.0f")],
        )
    )


def _bba(ctx: common.Context, years: list[SchoolYear], filters: tuple[Any, ...]) -> None:
    dataset = ctx.dataset
    shown = bba_view(dataset, years, *filters)
    rows, names = shown["schools"], shown["school_years"]
    cap = shown["cap"]
    if cap is None:
        st.info(t.PLAN_BBA_NO_CAP)
    else:
        st.caption(t.PLAN_BBA_CAP.format(cap=de_money(cap)))
    for year, total in shown["totals"].items():
        amount = de_money(total["amount"])
        grants = t.PLAN_GRANTS[total["grants"] == 1].format(n=total["grants"])
        schools = t.PLAN_SCHOOLS[total["schools"] == 1].format(n=total["schools"])
        st.markdown("- " + t.PLAN_BBA_TOTAL.format(year=year, amount=amount, grants=grants, schools=schools))
    st.altair_chart(common.german_chart(_bba_chart(shown, dataset)), width="stretch")
    frames = bba_frames(shown, dataset)
    grants = frames["Förderungen"]
    st.subheader(t.PLAN_BBA_GRANTS.format(n=len(grants)))
    # Without fixed widths Streamlit squeezes Projekt and Träger (mostly empty) to a few letters; the amount
    # comes right after the school so that it stays in view when the wide text columns scroll.
    first = ["Schuljahr", "Schule", t.PLAN_BBA_AMOUNT]
    grants = grants[first + [c for c in grants.columns if c not in first]]
    wide = {name: st.column_config.TextColumn(width="medium") for name in ("Projekt", "Träger")}
    st.dataframe(display_table(grants), hide_index=True, width="stretch", column_config=wide)
    st.subheader(t.PLAN_BBA_SCHOOLS)
    per_school = display_table(frames["Je Schule und Schuljahr"].drop(columns=GRID_HIDDEN))
    if cap is None:  # without a cap every school is „nein“: the columns would only add noise
        per_school = per_school.drop(columns=[over_cap_column(year) for year in names])
    flagged = over_cap_rows(shown)  # row order of the table is the overview's
    styled = per_school.style.apply(lambda row: [OVER_CAP_STYLE if flagged[row.name] else ""] * len(row), axis=1)
    st.dataframe(styled, hide_index=True, width="stretch", height=320)
    left, right = st.columns(2)
    left.subheader(t.PLAN_BBA_NEVER.format(n=len(shown["never_funded"])))
    left.dataframe(frames["Nie gefördert"], hide_index=True, width="stretch", height=260)
    right.subheader(t.PLAN_BBA_TOPICS)
    right.dataframe(display_table(frames["Je Thema"]), hide_index=True, width="stretch")
    st.subheader(t.PLAN_CHANGE)
    pair = _change_pair(names, "pl_bba_change", school_year_of(ctx.today).name)
    if pair is not None:
        change = bba_changes(rows, *pair)
        _change_summary(change)
        frame = bba_change_frame([change])
        if not frame.empty:
            st.dataframe(display_table(frame.drop(columns=["von", "nach"])), hide_index=True, width="stretch")
    _download(t.PLAN_DOWNLOAD_BBA, functools.partial(workbook, frames), "BbA", names, "pl_dl_bba")


def render() -> None:
    """Draw the page."""
    ctx = common.require_context()
    st.title(t.PAGE_PLAN)
    st.caption(t.PLAN_INTRO)
    years = _range(ctx.dataset)
    filters = _filters(ctx.dataset)
    ssa_tab, bba_tab = st.tabs(t.PLAN_TABS)
    with ssa_tab:
        _school_social_work(ctx, years, filters)
    with bba_tab:
        _bba(ctx, years, filters)


if __name__ == "__main__":
    render()
