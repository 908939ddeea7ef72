"""Page Kennzahlen: per-actor metrics with explanations, top actors, network figures, downloads."""

from __future__ import annotations

import datetime as dt
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from graph.metrics import (
    ACTOR_METRICS,
    COUNT_FIGURES,
    COUNT_METRICS,
    LITERATURE,
    METRIC_INFO,
    NETWORK_INFO,
    RANKED_METRICS,
    group_summary,
    metric_summary,
    network_summary,
    ranked_rows,
)
from graph.present.export import to_csv
from graph.present.formats import de_number, file_name
from views import common, widgets
from views import texts as t

__all__ = ["metric_frame", "render"]


def _options(ctx: common.Context) -> tuple[dt.date, tuple[str, ...] | None, bool]:
    vocabulary = ctx.dataset.vocabulary
    all_types = list(vocabulary.terms("relation_types"))
    with st.expander(t.METRICS_OPTIONS, expanded=True):
        # The pills get a row of their own: beside the date they ran out of room and the last one was cut off.
        day_col, weight_col = st.columns([1, 3], vertical_alignment="bottom")
        day = day_col.date_input(
            t.METRICS_AS_OF, value=ctx.today, key="km_as_of", help=t.METRICS_AS_OF_HELP, format="DD.MM.YYYY"
        )
        weighted = weight_col.toggle(t.METRICS_WEIGHTED, key="km_weighted", help=t.METRICS_WEIGHTED_HELP)
        chosen = st.pills(
            t.METRICS_TYPES,
            all_types,
            selection_mode="multi",
            default=all_types,
            key="km_types",
            help=t.METRICS_TYPES_HELP,
            format_func=lambda term: common.md(vocabulary.label("relation_types", term)),  # pills render Markdown
        )
    types = None if set(chosen) == set(all_types) else tuple(chosen)
    return day if isinstance(day, dt.date) else ctx.today, types, weighted


def metric_frame(ctx: common.Context, rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Per-actor metrics with German column labels (id, link, name, kind, area, then :data:`METRIC_INFO`)."""
    vocabulary = ctx.dataset.vocabulary
    records = []
    for row in rows:
        record = {
            t.COL_ID: row["id"],
            t.COL_PROFILE: common.profile_url(row["id"]),
            t.COL_NAME: row["name"],
            t.COL_KIND: vocabulary.label("actor_kinds", row["kind"]),
            t.COL_DISTRICT: vocabulary.label("districts", row["district"]) if row["district"] else "",
            t.COL_BEZIRK: vocabulary.label("stadtbezirke", row["stadtbezirk"]) if row["stadtbezirk"] else "",
        }
        record |= {METRIC_INFO[m].label: row[m] for m in ACTOR_METRICS}
        records.append(record)
    return pd.DataFrame(records)


def _column_config() -> dict[str, Any]:
    config: dict[str, Any] = {t.COL_ID: None, **widgets.profile_column()}
    for metric, info in METRIC_INFO.items():
        # "localized" writes the browser's decimal mark (a comma in German browsers; printf formats always a point),
        # the step fixes three decimals; numbers stay numbers, so the columns sort by value.
        number, step = ("%d", 1.0) if metric in COUNT_METRICS else ("localized", 0.001)
        config[info.label] = st.column_config.NumberColumn(info.label, help=info.explanation, format=number, step=step)
    return config


def _top_chart(ordered: pd.DataFrame, metric: str, count: int) -> None:
    """Bar chart of the first ``count`` actors of the table in rank order (those with a value)."""
    label = METRIC_INFO[metric].label
    top = ordered.dropna(subset=[label]).head(count)
    st.markdown(f"**{t.METRICS_TOP.format(count=len(top), label=label)}**")
    chart = (
        alt.Chart(top)
        .mark_bar(color="#0072B2")
        .encode(
            x=alt.X(f"{label}:Q", title=label),
            y=alt.Y(f"{t.COL_NAME}:N", sort="-x", title=None, axis=alt.Axis(labelLimit=340, labelOverlap=False)),
            tooltip=[
                alt.Tooltip(f"{t.COL_NAME}:N"),
                alt.Tooltip(f"{t.COL_KIND}:N"),
                alt.Tooltip(f"{label}:Q", format=".3f"),
            ],
        )
        .properties(height=max(160, 26 * len(top)))
    )
    st.altair_chart(common.german_chart(chart), width="stretch")


def _figure_text(key: str, value: Any) -> str:
    if value is None:
        return "–"
    return de_number(int(value)) if key in COUNT_FIGURES else de_number(value, 3)


def _finding(summary: str) -> None:
    """The first sentence of a section: its finding, computed in :mod:`graph.metrics.summary`."""
    st.markdown(f"**{common.md(summary)}**")


def _network(result: common.MetricResult) -> None:
    st.subheader(t.METRICS_NETWORK)
    _finding(network_summary(result.network))
    keys = list(NETWORK_INFO)
    for start in range(0, len(keys), 5):
        for column, key in zip(st.columns(5), keys[start : start + 5], strict=False):
            info = NETWORK_INFO[key]
            column.metric(info.label, _figure_text(key, result.network[key]), help=info.explanation)


def _group_frame(rows: list[dict[str, Any]], label: Any) -> pd.DataFrame:
    # Formatted as text: an undefined figure (one actor has no path length) shows as "–", not "None".
    return pd.DataFrame(
        [
            {t.COL_GROUP: label(r["group"]), **{info.label: _figure_text(k, r[k]) for k, info in NETWORK_INFO.items()}}
            for r in rows
        ]
    )


def _group_config() -> dict[str, Any]:
    return {
        info.label: st.column_config.TextColumn(info.label, help=info.explanation) for info in NETWORK_INFO.values()
    }


def _groups(ctx: common.Context, result: common.MetricResult) -> None:
    vocabulary = ctx.dataset.vocabulary
    st.caption(t.METRICS_GROUP_HINT)

    def kind_label(group: Any) -> str:
        return vocabulary.label("actor_kinds", group)

    def bezirk_label(group: Any) -> str:
        return vocabulary.label("stadtbezirke", group) if group else t.METRICS_NO_BEZIRK

    parts = [(t.METRICS_BY_KIND, result.kinds, kind_label), (t.METRICS_BY_BEZIRK, result.bezirke, bezirk_label)]
    for title, rows, label in parts:
        frame = _group_frame(rows, label)
        st.markdown(f"**{title}**")
        st.markdown(common.md(group_summary(rows, {r["group"]: label(r["group"]) for r in rows})))
        st.dataframe(
            frame.rename(columns={t.COL_GROUP: title}),
            hide_index=True,
            width="stretch",
            column_config=_group_config(),
        )


def _explanations() -> None:
    with st.expander(t.METRICS_EXPLAIN):
        st.markdown("\n".join(f"- **{info.label}:** {info.explanation}" for info in METRIC_INFO.values()))
    with st.expander(t.METRICS_METHOD):
        st.markdown(t.METRICS_METHOD_INTRO)
        st.markdown("\n".join(f"- **{info.label}:** {info.method}" for info in METRIC_INFO.values()))
        st.markdown(f"**{t.METRICS_NETWORK}**")
        st.markdown("\n".join(f"- **{info.label}:** {info.method}" for info in NETWORK_INFO.values() if info.method))
        st.markdown(f"**{t.METRICS_LITERATURE}**")
        st.markdown("\n".join(f"- {common.md(entry)}" for entry in LITERATURE))


def _downloads(frame: pd.DataFrame, day: dt.date) -> None:
    plain = frame.drop(columns=[t.COL_PROFILE])
    left, right, _ = st.columns([1, 1, 2])
    # Written when a button is pressed, not on every rerun (the workbook alone takes openpyxl a noticeable moment).
    left.download_button(
        t.METRICS_DOWNLOAD_CSV,
        lambda: to_csv(plain),
        file_name(t.PAGE_METRICS, day=day, suffix="csv"),
        "text/csv",
        on_click="ignore",
        icon=":material/download:",
    )
    right.download_button(
        t.METRICS_DOWNLOAD_XLSX,
        lambda: common.to_xlsx(plain, t.PAGE_METRICS),
        file_name(t.PAGE_METRICS, day=day, suffix="xlsx"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        icon=":material/download:",
    )


def render() -> None:
    """Draw the page."""
    ctx = common.require_context()
    st.title(t.PAGE_METRICS)
    st.caption(t.METRICS_INTRO)
    day, types, weighted = _options(ctx)
    if types == ():
        st.warning(t.METRICS_NO_TYPES)
        return
    result = common.metrics(ctx, day, types, weighted)
    if not result.actors:
        st.info(t.METRICS_EMPTY)
        return
    pick, count, link = st.columns([2, 1, 1.4], vertical_alignment="bottom")
    metric = pick.selectbox(
        t.METRICS_CHOICE,
        RANKED_METRICS,
        index=RANKED_METRICS.index("betweenness"),
        key="km_metric",
        help=t.METRICS_CHOICE_HELP,
        format_func=lambda m: METRIC_INFO[m].label,
    )
    top = count.number_input(t.METRICS_TOP_COUNT, min_value=3, max_value=40, value=12, key="km_top")
    link.page_link(common.PAGES["karte"], label=t.METRICS_ON_MAP, query_params={"size": metric}, icon=":material/hub:")
    _finding(metric_summary(metric, result.actors))
    st.caption(f"**{METRIC_INFO[metric].label}:** {METRIC_INFO[metric].explanation}")
    ordered = metric_frame(ctx, ranked_rows(result.actors, metric))
    _top_chart(ordered, metric, int(top))
    st.subheader(t.METRICS_TABLE)
    st.caption(t.METRICS_TABLE_HINT)
    # Rounded here: the grid cuts a number off after the step's decimals (0.0568 would show as 0,056, not 0,057).
    shown = ordered.round({info.label: 3 for key, info in METRIC_INFO.items() if key not in COUNT_METRICS})
    st.dataframe(shown, hide_index=True, width="stretch", height=460, column_config=_column_config())
    _downloads(ordered, day)
    _explanations()
    _network(result)
    _groups(ctx, result)


if __name__ == "__main__":
    render()
