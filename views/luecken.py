"""Page Lücken: every gap analysis with its explanation, a table linking to profiles and a CSV download."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from graph.data.schoolyear import ESF_PLUS_END
from graph.gaps import (
    ACTOR_FIELDS,
    DEFAULT_MONTHS,
    GAP_INFO,
    MAX_MONTHS,
    TOPIC_FIELDS,
    URGENT_MONTHS,
    VOCABULARY_FIELDS,
    SummaryContext,
    coverage_shown,
    default_ending_months,
    ending_horizon,
    ending_is_urgent,
    gap_summary,
    lacking_direct_topics,
    sorted_by_missing,
    what_if_summary,
)
from graph.metrics import METRIC_INFO, NETWORK_INFO
from graph.present.export import to_csv
from graph.present.formats import de_date, de_number, file_name
from graph.present.viewfilter import by_name
from views import common, widgets
from views import texts as t

__all__ = ["gap_frame", "render"]

CORE_MARK = " ★"
EMPTY_SCHOOL_AREA = "#e8746a"
EMPTY_OTHER = "#e4e4e4"
#: Rows of school social work that ends soon: light red background, dark red text (contrast above 7:1).
URGENT_STYLE = "background-color: #fde2df; color: #8a1c12; font-weight: 600"


def _cell(ctx: common.Context, field: str, value: Any) -> Any:
    """One table cell in German: names for actor ids, labels for vocabulary ids, dd.mm.yyyy, ja/nein."""
    vocabulary, actors = ctx.dataset.vocabulary, ctx.dataset.actors
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(_cell(ctx, field, v)) for v in value)
    if isinstance(value, bool):
        return t.YES if value else t.NO
    if isinstance(value, dt.date):
        return de_date(value)
    if field in ACTOR_FIELDS:
        return actors[value].name if value in actors else value
    if field in TOPIC_FIELDS:
        return vocabulary.label("topics", value)
    if field in VOCABULARY_FIELDS:
        return vocabulary.label(VOCABULARY_FIELDS[field], value)
    if field == "record":
        return t.RECORD_KINDS.get(value, value)
    if field == "metric":
        return METRIC_INFO[value].label
    if field == "figure":
        return NETWORK_INFO[value].label
    if isinstance(value, float):  # what-if values before/after: decimal comma, like every other number
        return de_number(value, 3)
    return value


def gap_frame(
    ctx: common.Context, rows: list[dict[str, Any]], fields: list[str], link: str | None = "id"
) -> pd.DataFrame:
    """German table of gap rows: a profile link (from field ``link``) and the ``fields`` with German headers."""
    records = []
    for row in rows:
        record: dict[str, Any] = {}
        if link is not None:
            record[t.COL_PROFILE] = common.profile_url(row[link]) if row.get(link) in ctx.dataset.actors else None
        record |= {t.GAP_COLUMNS[f]: _cell(ctx, f, row.get(f)) for f in fields}
        records.append(record)
    columns = ([t.COL_PROFILE] if link is not None else []) + [t.GAP_COLUMNS[f] for f in fields]
    return pd.DataFrame(records, columns=columns)


def _report(ctx: common.Context, day: dt.date) -> dict[str, Any]:
    """The gap report of ``day`` by Stadtteil with the usual horizon (cached, shared: read only)."""
    return common.gaps(ctx, day, DEFAULT_MONTHS, "districts")


def _finding(summary: str, empty: bool = False, urgent: bool = False) -> None:
    """The first sentence of a section: its finding (green when it is the all-clear, red when urgent)."""
    if urgent:
        st.markdown(f":red-badge[:material/priority_high: {t.GAPS_URGENT}] **{common.md(summary)}**")
    elif empty:
        st.success(summary, icon=":material/check_circle:")
    else:
        st.markdown(f"**{common.md(summary)}**")


def _explain(key: str, count: int | None = None, summary: str | None = None, urgent: bool = False) -> None:
    """Title, the one-sentence finding (from :func:`graph.gaps.gap_summary`), meaning and what to do."""
    info = GAP_INFO[key]
    st.subheader(info.label if count is None else f"{info.label} ({count})")
    if summary is not None:
        _finding(summary, empty=count == 0, urgent=urgent)
    st.markdown(info.meaning)
    st.caption(t.GAPS_WHAT_TO_DO.format(action=info.action))


def _csv_name(title: str) -> str:
    """Download name: „Lücken“, what the table shows, the day of the analysis (``luecken-…-2026-11-28.csv``)."""
    day = st.session_state.get("gl_as_of")
    return file_name(t.PAGE_GAPS, title, day=day if isinstance(day, dt.date) else None, suffix="csv")


def _show(
    frame: pd.DataFrame,
    name: str,
    height: int | None = None,
    title: str | None = None,
    urgent: list[bool] | None = None,
) -> None:
    """A gap table with profile links and its CSV download (without the link column); nothing when empty.

    An empty section says so in its own first sentence, so no general all-clear stands under a list of losses.
    ``urgent`` flags rows to highlight, one per row of ``frame`` (the rows' own ``urgent`` field).
    """
    if frame.empty:
        return
    config = widgets.profile_column()
    shown: pd.DataFrame | Any = frame
    if urgent is not None:  # whole row highlighted where the school social work ends soon
        shown = frame.style.apply(lambda row: [URGENT_STYLE if urgent[row.name] else ""] * len(row), axis=1)
    st.dataframe(shown, hide_index=True, width="stretch", column_config=config, height=height or "auto")
    plain = frame.drop(columns=[t.COL_PROFILE], errors="ignore")
    st.download_button(
        t.GAPS_DOWNLOAD,
        to_csv(plain),
        _csv_name(title or (GAP_INFO[name].label if name in GAP_INFO else name)),
        "text/csv",
        key=f"dl_{name}",
        on_click="ignore",
        icon=":material/download:",
    )


def _section(
    ctx: common.Context,
    day: dt.date,
    key: str,
    rows: list[dict[str, Any]],
    fields: list[str],
    link: str | None = "id",
) -> None:
    _explain(key, len(rows), gap_summary(key, rows, SummaryContext(ctx.dataset, day)))
    _show(gap_frame(ctx, rows, fields, link), key)


def _heatmap_rows(rows: list[dict[str, Any]], core_only: bool, school_areas: bool) -> pd.DataFrame:
    """Long table for the heatmap: one row per area and topic (core topics marked with a star)."""
    shown = coverage_shown(rows, core_only=core_only, school_areas=school_areas)
    return pd.DataFrame(
        [
            {
                "area": f"{r['area_label']} ({t.GAPS_SCHOOL_COUNT[r['schools'] == 1].format(n=r['schools'])})",
                "topic": r["topic_label"] + (CORE_MARK if r["core"] else ""),
                "actors": r["actors"],
                "schools": r["schools"],
                "state": t.GAPS_EMPTY_SCHOOL if r["schools"] else t.GAPS_EMPTY_NO_SCHOOL,
            }
            for r in shown
        ]
    )


def _heatmap(frame: pd.DataFrame) -> alt.LayerChart:
    """Area x topic heatmap: red = no offer where there are schools, grey = no offer and no school."""
    axis_x = alt.Axis(labelAngle=-50, labelLimit=220, orient="top", labelOverlap=False)
    base = alt.Chart(frame, height=alt.Step(26)).encode(
        x=alt.X("topic:N", title=None, sort=None, axis=axis_x),
        y=alt.Y("area:N", title=None, sort=None, axis=alt.Axis(labelLimit=260, labelOverlap=False)),
        tooltip=[
            alt.Tooltip("area:N", title=t.GAPS_LEVEL),
            alt.Tooltip("topic:N", title=t.GAP_COLUMNS["topic"]),
            alt.Tooltip("actors:Q", title=t.COUNT),
        ],
    )
    offered = (
        base.transform_filter("datum.actors > 0")
        .mark_rect(stroke="#ffffff", strokeWidth=1)
        .encode(color=alt.Color("actors:Q", scale=alt.Scale(scheme="greens", domainMin=0), title=t.COUNT))
    )
    states = [t.GAPS_EMPTY_SCHOOL, t.GAPS_EMPTY_NO_SCHOOL]
    empty = (
        base.transform_filter("datum.actors == 0")
        .mark_rect(stroke="#ffffff", strokeWidth=1)
        .encode(
            color=alt.Color(
                "state:N",
                scale=alt.Scale(domain=states, range=[EMPTY_SCHOOL_AREA, EMPTY_OTHER]),
                title=None,
                legend=alt.Legend(orient="bottom", labelLimit=400),
            )
        )
    )
    numbers = base.mark_text(fontSize=11).encode(
        text="actors:Q", color=alt.when("datum.actors > 6").then(alt.value("#ffffff")).otherwise(alt.value("#222222"))
    )
    return (offered + empty + numbers).resolve_scale(color="independent")


def _coverage(ctx: common.Context, day: dt.date) -> None:
    level_col, core_col, school_col = st.columns([2, 1, 1], vertical_alignment="bottom")
    level = level_col.segmented_control(
        t.GAPS_LEVEL, list(t.GAPS_LEVELS), default="districts", key="gl_level", format_func=t.GAPS_LEVELS.get
    )
    core_only = core_col.toggle(t.GAPS_CORE_ONLY, key="gl_core")
    school_areas = school_col.toggle(t.GAPS_SCHOOL_AREAS, value=True, key="gl_school_areas")
    rows = common.gaps(ctx, day, DEFAULT_MONTHS, level or "districts")["coverage"]
    summary = gap_summary("coverage", rows, SummaryContext(ctx.dataset, day, level=level or "districts"))
    _explain("coverage", summary=summary)
    st.caption(t.GAPS_HEATMAP_HINT)
    frame = _heatmap_rows(rows, core_only, school_areas)
    if frame.empty:
        st.info(t.GAPS_COVERAGE_EMPTY)
        return
    st.altair_chart(_heatmap(frame), width="stretch")
    long = pd.DataFrame(
        [
            {
                t.GAPS_LEVEL: r["area_label"],
                t.GAP_COLUMNS["topic"]: r["topic_label"],
                t.GAPS_SCHOOLS: r["schools"],
                t.COUNT: r["actors"],
                t.PAGE_ACTORS: _cell(ctx, "members", r["actor_ids"]),
            }
            for r in rows
        ]
    )
    st.download_button(
        t.GAPS_DOWNLOAD,
        to_csv(long),
        _csv_name(GAP_INFO["coverage"].label),
        "text/csv",
        key="dl_coverage",
        on_click="ignore",
        icon=":material/download:",
    )


def _school_social_work(ctx: common.Context, day: dt.date) -> None:
    report = _report(ctx, day)
    _section(
        ctx,
        day,
        "schools_without_school_social_work",
        report["schools_without_school_social_work"],
        ["name", "district", "stadtbezirk", "ended"],
    )
    st.divider()
    months = st.slider(
        t.GAPS_MONTHS,
        1,
        MAX_MONTHS,
        default_ending_months(day),
        key="gl_months",
        help=t.GAPS_MONTHS_HELP.format(day=de_date(ESF_PLUS_END)),
    )
    ending = common.gaps(ctx, day, int(months), "districts")["school_social_work_ending"]
    summary = gap_summary("school_social_work_ending", ending, SummaryContext(ctx.dataset, day, int(months)))
    _explain("school_social_work_ending", len(ending), summary, urgent=ending_is_urgent(ending))
    horizon = ending_horizon(day, int(months))
    st.caption(t.GAPS_HORIZON.format(day=de_date(horizon), months=URGENT_MONTHS))
    fields = ["name", "urgent", "until", "district", "stadtbezirk", "provider", "programme", "continues"]
    _show(gap_frame(ctx, ending, fields), "school_social_work_ending", urgent=[r["urgent"] for r in ending])


def _school_topics(ctx: common.Context, day: dt.date) -> None:
    rows = sorted_by_missing(_report(ctx, day)["school_topics"])
    summary = gap_summary("school_topics", rows, SummaryContext(ctx.dataset, day))
    _explain("school_topics", len(lacking_direct_topics(rows)), summary)
    fields = ["name", "district", "direct", "two_steps", "missing", "missing_count"]
    _show(gap_frame(ctx, rows, fields), "school_topics", height=460)
    if ctx.dataset.pathways is not None and ctx.dataset.pathways.pathways:  # without pathways.yaml: nothing to say
        st.divider()
        pathway_rows = _report(ctx, day)["pathway_gaps"]
        _section(ctx, day, "pathway_gaps", pathway_rows, ["name", "stadtbezirk", "gap_count", "gap_texts"])


def _structure(ctx: common.Context, day: dt.date) -> None:
    report = _report(ctx, day)
    _section(ctx, day, "isolated", report["isolated"], ["name", "kind"])
    _section(ctx, day, "single_relation", report["single_relation"], ["name", "kind", "partner", "relations"])
    points = report["articulation_points"]
    _section(ctx, day, "articulation_points", points, ["name", "kind", "cut_off_count", "cut_off"])
    fields = ["source", "target", "cut_off_count", "cut_off", "relation_ids"]
    _section(ctx, day, "bridges", report["bridges"], fields, "target")


def _what_if(ctx: common.Context, day: dt.date) -> None:
    _explain("what_if")
    vocabulary = ctx.dataset.vocabulary
    names = {a.id: a.name for a in ctx.dataset.actors.values()}
    programmes = ["", *vocabulary.terms("funding_programmes")]
    left, middle, right = st.columns([2, 1.4, 1])
    remove = left.multiselect(
        t.GAPS_WHAT_IF_REMOVE,
        by_name(names),
        key="gl_remove",
        format_func=names.__getitem__,
        placeholder=t.F_NO_ACTOR,
    )
    programme = middle.selectbox(
        t.GAPS_WHAT_IF_PROGRAMME,
        programmes,
        key="gl_programme",
        format_func=lambda p: vocabulary.label("funding_programmes", p) if p else t.GAPS_WHAT_IF_NONE,
    )
    end = right.date_input(
        t.GAPS_WHAT_IF_END,
        value=day,
        key="gl_end",
        format="DD.MM.YYYY",
        disabled=not programme,
        help=t.GAPS_WHAT_IF_END_HELP.format(esf_end=de_date(ESF_PLUS_END)),
    )
    if not remove and not programme:
        st.info(t.GAPS_WHAT_IF_HINT)
        return
    end_day = end if isinstance(end, dt.date) and programme else None
    result = common.what_if_report(ctx, day, tuple(remove), programme or None, end_day)
    parts: list[tuple[str, str, list[dict[str, Any]], list[str], str | None]] = [
        (
            t.GAPS_WHAT_IF_SCHOOLS,
            "what_if_schools",
            result["schools"],
            ["name", "district", "loses_school_social_work", "core_no_longer_direct", "topics_lost"],
            "id",
        ),
        (
            t.GAPS_WHAT_IF_RELATIONS,
            "what_if_relations",
            _relation_rows(result["relations"]),
            ["from", "type", "to"],
            "to",
        ),
        (t.GAPS_WHAT_IF_COVERAGE, "what_if_coverage", result["coverage"], ["area", "topic", "before", "after"], None),
        (
            t.GAPS_WHAT_IF_METRICS,
            "what_if_metrics",
            result["metrics"],
            ["name", "metric", "before", "after", "change"],
            "id",
        ),
        (t.GAPS_WHAT_IF_NETWORK, "what_if_network", result["network"], ["figure", "before", "after"], None),
    ]
    if result["relations"]:
        st.markdown(f"**{common.md(what_if_summary(result))}**")
    else:  # the finding („keine Beziehung fällt weg“) with the hint what to try instead
        st.info(t.GAPS_WHAT_IF_NO_CHANGE)
    for title, name, rows, fields, link in parts:
        st.markdown(f"**{title}** ({len(rows)})")
        if not rows:
            st.caption(t.GAPS_WHAT_IF_EMPTY[name])
        _show(gap_frame(ctx, rows, fields, link), name, title=f"{GAP_INFO['what_if'].label} {title}")


def _relation_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"from": r["source"], "to": r["target"], "type": r["type"], "id": r["id"]} for r in rows]


def _committees(ctx: common.Context, day: dt.date) -> None:
    rows = _report(ctx, day)["committees"]
    fields = ["name", "member_count", "kinds", "missing_kinds", "stadtbezirke", "missing_stadtbezirke", "members"]
    _section(ctx, day, "committees", rows, fields)


def _freshness(ctx: common.Context, day: dt.date) -> None:
    report = _report(ctx, day)
    stale = [r | {"link": r["id"] if r["record"] == "actor" else r["source"]} for r in report["stale"]]
    _section(ctx, day, "stale", stale, ["record", "name", "verified", "days"], "link")
    ended = _relation_rows(report["ended_relations"])
    for row, raw in zip(ended, report["ended_relations"], strict=True):
        row["until"] = raw["until"]
    _section(ctx, day, "ended_relations", ended, ["from", "type", "to", "until"], "from")
    _section(ctx, day, "without_contact", report["without_contact"], ["name", "kind"])


TABS: list[Callable[[common.Context, dt.date], None]] = [
    _coverage,
    _school_social_work,
    _school_topics,
    _structure,
    _what_if,
    _committees,
    _freshness,
]


def render() -> None:
    """Draw the page."""
    ctx = common.require_context()
    st.title(t.PAGE_GAPS)
    st.caption(t.GAPS_INTRO)
    day = st.date_input(t.GAPS_AS_OF, value=ctx.today, key="gl_as_of", format="DD.MM.YYYY", width=200)
    day = day if isinstance(day, dt.date) else ctx.today
    for tab, draw in zip(st.tabs(t.GAPS_TABS), TABS, strict=True):
        with tab:
            draw(ctx, day)


if __name__ == "__main__":
    render()
