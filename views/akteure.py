"""Page Akteure: searchable table of all actors and the profile of one (``?actor=<id>``)."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import streamlit as st

from graph.data.build import node_vocabularies
from graph.data.freshness import freshness_state
from graph.data.provenance import provenance
from graph.metrics import METRIC_INFO, ActorStanding, actor_standing
from graph.present.export import actor_table, relation_table
from graph.present.formats import address_line, de_date, de_number, strength_word
from graph.present.handout import mailto_uri, tel_uri
from graph.present.mapview import MapOptions
from graph.present.search import find_actors
from graph.present.viewfilter import ViewFilter, actor_relations, filter_graph
from graph.workflow.correction import ENV_BRANCH, ENV_EMAIL, ENV_REPO, correction_links, correction_settings
from views import common, widgets
from views import texts as t

__all__ = ["render"]

TABLE_COLUMNS = ["Name", "Art", "Stadtviertel", "Themen", "Beziehungen", "Geprüft am"]
#: Not in the list of attributes: the source is shown under the heading (with a link or a badge), the id (for
#: whoever edits the data) in the technical line at the end.
ABOVE = {"provenance", "id"}
#: The data file of actors, relative to the data folder (``Actor.line`` counts in it).
ACTORS_FILE = "actors.yaml"


def _cell(value: Any) -> str:
    """A table cell as text: German dates, whole numbers without „.0“, nothing for missing values."""
    if value is None or (isinstance(value, float) and value != value):  # NaN from pandas
        return ""
    if isinstance(value, dt.date):
        return de_date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _ages(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return t.AGES_RANGE.format(low=low, high=high)
    if low is not None:
        return t.AGES_FROM.format(low=low)
    return t.AGES_TO.format(high=high) if high is not None else ""


def _target_groups(ctx: common.Context, groups: dict[str, Any]) -> str:
    """„Schüler:innen, Eltern · 6–18 Jahre · Primarstufe“."""
    parts = [
        _value(ctx, "audiences", groups.get("audiences") or ()),
        _ages(groups.get("age_min"), groups.get("age_max")),
        _value(ctx, "school_levels", groups.get("school_levels") or ()),
    ]
    return " · ".join(p for p in parts if p)


def _value(ctx: common.Context, field: str, value: Any) -> str:
    vocabulary = ctx.dataset.vocabulary
    lists = node_vocabularies()
    if field == "subtype":  # a school's subtype is a school type id; other kinds have free text (label = text)
        return vocabulary.label("school_types", str(value))
    if isinstance(value, bool):
        return t.YES if value else t.NO
    if field == "address" and isinstance(value, dict):
        return address_line(value.get("street"), value.get("postcode"), value.get("city"))
    if field == "target_groups" and isinstance(value, dict):
        return _target_groups(ctx, value)
    if field == "service_area":
        return ", ".join(vocabulary.area_label(v) for v in value)
    if field == "parent" and value in ctx.dataset.actors:
        return ctx.dataset.actors[value].name
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_value(ctx, k, v)}" for k, v in value.items() if v not in (None, (), []))
    if isinstance(value, tuple | list):
        return ", ".join(vocabulary.label(lists.get(field, ""), str(v)) for v in value)
    if isinstance(value, dt.date):
        return de_date(value)
    return vocabulary.label(lists[field], str(value)) if field in lists else str(value)


def _attributes(ctx: common.Context, attrs: dict[str, Any]) -> None:
    values = {
        field: _value(ctx, field, attrs[field])
        for field in t.FIELD_LABELS
        if attrs.get(field) not in (None, (), [], {}) and field not in ABOVE
    }
    if values.get("stadtteil") == values.get("district"):  # Stadtteil Dölau, Stadtviertel Dölau: say it once
        values.pop("stadtteil", None)
    st.markdown("  \n".join(f"**{t.FIELD_LABELS[field]}:** {common.md(value)}" for field, value in values.items()))


def _contact_value(key: str, value: str) -> str:
    """Markdown of one contact value: phone and e-mail as links a phone or mail program opens."""
    shown = common.md(value)
    target = tel_uri(value) if key == "phone" else mailto_uri(value) if key == "email" else None
    return f"[{shown}]({target})" if target and target not in ("tel:", "mailto:") else shown


def _contact(attrs: dict[str, Any]) -> None:
    contact = attrs.get("contact") or {}
    lines = [
        f"{label}: {_contact_value(key, contact[key])}" for key, label in t.CONTACT_LABELS.items() if contact.get(key)
    ]
    st.markdown("  \n".join(lines) if lines else t.PROFILE_NO_CONTACT)


def _notes(ctx: common.Context, attrs: dict[str, Any]) -> None:
    verified = attrs.get("verified")
    state = freshness_state(verified, ctx.today)
    if state == "unverified":
        st.caption(t.PROFILE_UNVERIFIED)
    elif state == "stale":
        st.warning(t.PROFILE_STALE.format(day=de_date(verified)))


def _origin(attrs: dict[str, Any]) -> None:
    """Invented entries get a badge; sourced ones „Quelle: <link>“ (rule and wording: graph.data.provenance)."""
    origin = provenance(attrs, relation=False)
    if origin.invented:
        st.badge(origin.label, icon=":material/science:", color="orange")
        st.caption(t.PROFILE_DEMO)
    elif origin.url is not None:
        # A link button, not a Markdown link: no Markdown is ever built around a URL from the data.
        st.link_button(common.md(origin.label), origin.url, type="tertiary", icon=":material/open_in_new:")
    elif origin.sourced:
        st.markdown(common.md(origin.label))
    else:
        st.badge(origin.label, icon=":material/help:", color="gray")
        st.caption(t.PROFILE_NO_SOURCE)


def _corrections(ctx: common.Context, actor: str) -> None:
    """„Eintrag bearbeiten“ and „Fehler melden“; how to set them up where the settings are missing."""
    record = ctx.dataset.actors[actor]
    settings = correction_settings(os.environ)
    links = correction_links(settings, record.id, record.name, ACTORS_FILE, record.line)
    if links.report is None:
        report_help = t.CORRECTION_OFF_HELP
    elif settings.repo_url is None:
        report_help = t.CORRECTION_REPORT_MAIL_HELP.format(email=settings.email)
    else:
        report_help = t.CORRECTION_REPORT_ISSUE_HELP
    path = f"{settings.data_path}/{ACTORS_FILE}" if settings.data_path else ACTORS_FILE
    edit_help = t.CORRECTION_EDIT_HELP.format(file=path, line=record.line) if links.edit else t.CORRECTION_OFF_HELP
    with st.container(horizontal=True):
        st.link_button(
            t.CORRECTION_EDIT, links.edit or "", icon=":material/edit:", disabled=links.edit is None, help=edit_help
        )
        st.link_button(
            t.CORRECTION_REPORT,
            links.report or "",
            icon=":material/flag:",
            disabled=links.report is None,
            help=report_help,
        )
    names = {"repo": ENV_REPO, "branch": ENV_BRANCH, "email": ENV_EMAIL}
    if not settings.configured:
        st.caption(t.CORRECTION_SETUP.format(**names))
    elif links.edit is None:
        st.caption(t.CORRECTION_EDIT_SETUP.format(**names))
    for problem in settings.problems:
        st.caption(common.md(problem))


def _metric_lines(standing: ActorStanding) -> list[str]:
    """The actor's place in the network (computed in :mod:`graph.metrics.profile`) in plain words, one per aspect."""
    ranks = standing.ranks
    partners = ranks["neighbours"]
    lines = [
        t.PROFILE_PARTNERS.format(count=partners.value, rank=partners.rank, total=partners.total, reach=standing.reach2)
    ]
    metrics = ("betweenness", "closeness", "eigenvector") if standing.bridge else ("closeness", "eigenvector")
    if not standing.bridge:
        lines.append(t.PROFILE_NOT_BRIDGE.format(label=METRIC_INFO["betweenness"].label))
    for metric in metrics:
        rank = ranks[metric]
        value = de_number(rank.value, 3)
        lines.append(
            t.PROFILE_RANK.format(label=METRIC_INFO[metric].label, rank=rank.rank, total=rank.total, value=value)
        )
    lines.append(t.PROFILE_CORE.format(label=METRIC_INFO["core"].label, core=standing.core, top=standing.top_core))
    size, number = standing.community_size, standing.community
    lines.append(t.PROFILE_COMMUNITY.format(label=METRIC_INFO["community"].label, number=number, size=size))
    return lines


def _metrics(ctx: common.Context, actor: str) -> None:
    st.subheader(t.PROFILE_METRICS)
    standing = actor_standing(common.metrics(ctx).actors, actor)
    if standing is None:
        st.markdown(t.PROFILE_METRICS_NONE)
        return
    st.markdown("\n".join(f"- {line}" for line in _metric_lines(standing)))
    st.caption(t.PROFILE_METRICS_NOTE)
    st.page_link(common.PAGES["kennzahlen"], label=t.PAGE_METRICS, icon=":material/leaderboard:")


def _profile(ctx: common.Context, actor: str) -> None:
    attrs = ctx.graph.nodes[actor]
    st.button(t.BACK, on_click=st.query_params.clear, icon=":material/arrow_back:")
    st.header(common.md(attrs["name"]))
    _origin(attrs)
    _corrections(ctx, actor)
    _notes(ctx, attrs)
    left, right = st.columns([1, 1])
    with left:
        st.subheader(t.PROFILE_ATTRIBUTES)
        _attributes(ctx, attrs)
        st.subheader(t.PROFILE_CONTACT)
        _contact(attrs)
        _metrics(ctx, actor)
    with right:
        st.subheader(t.PROFILE_MAP)
        ego = filter_graph(ctx.graph, ViewFilter(ego=actor, radius=1))
        common.render_map(
            ctx, ego, f"ego:{actor}", MapOptions(None, False, actor, 380, "", "akteure?actor="), local=True
        )
    st.subheader(t.PROFILE_RELATIONS)
    own = actor_relations(ctx.graph, actor)
    relations = relation_table(own, ctx.dataset.vocabulary)
    if relations.empty:
        st.caption(t.PROFILE_NO_RELATIONS)
    # Each partner opens its own profile: the relation's other end, by relation id.
    partner = {key: (v if u == actor else u) for u, v, key in own.edges(keys=True)}
    config: dict[str, Any] = widgets.profile_column()
    config |= {name: st.column_config.TextColumn(name, help=text) for name, text in t.PROFILE_RELATION_HELP.items()}
    # A long source or topic list would push Stärke off to the right: cut them (the whole text shows on hover).
    for name in ("Herkunft", "Themen"):
        config[name] = st.column_config.TextColumn(name, help=t.PROFILE_RELATION_HELP.get(name), width="medium")
    for kind, group in relations.groupby("Art", sort=True):
        st.markdown(f"**{common.md(kind)}** ({len(group)})")
        table = group[t.PROFILE_RELATION_COLUMNS].map(_cell)
        table["Stärke"] = group["Stärke"].map(strength_word)
        table.insert(0, t.COL_PROFILE, [f"akteure?actor={partner[key]}" for key in group["Kennung"]])
        st.dataframe(table, hide_index=True, width="stretch", column_config=config, height=_fit(len(table)))
    record = ctx.dataset.actors[actor]
    st.caption(t.PROFILE_TECHNICAL.format(id=common.md(record.id), file=ACTORS_FILE, line=record.line))


def _fit(rows: int, most: int = 420) -> int:
    """Table height in pixels for ``rows`` rows plus the header, at most ``most`` (then it scrolls)."""
    return min(most, 36 * (rows + 1) + 3)


def _table(ctx: common.Context) -> None:
    table = actor_table(ctx.graph, ctx.dataset.vocabulary, ctx.today)
    query = st.text_input(t.ACTORS_SEARCH, help=t.F_SEARCH_HELP)
    if query:
        hits = find_actors(query, dict(zip(table["Kennung"], table["Name"], strict=True)), limit=len(table))
        table = table.set_index("Kennung").loc[hits].reset_index()
    st.caption(t.ACTORS_HINT)
    shown = table.set_index("Kennung")[TABLE_COLUMNS]
    # As text: a missing date would show as Streamlit's grey „None“, a present one in ISO form.
    shown["Geprüft am"] = shown["Geprüft am"].map(_cell)
    shown.insert(0, t.COL_PROFILE, [f"akteure?actor={key}" for key in shown.index])
    event = st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        height=_fit(len(shown), 620),
        on_select="rerun",
        selection_mode="single-row",
        key="actor_table",
        column_config=widgets.profile_column(),
    )
    rows = event.selection.rows if event is not None else []
    if rows:
        st.query_params["actor"] = str(table.iloc[rows[0]]["Kennung"])
        st.rerun()


def render() -> None:
    """Draw the page."""
    ctx = common.require_context()
    state = common.url_state(ctx)
    if state.actor:
        _profile(ctx, state.actor)
        return
    st.title(t.PAGE_ACTORS)
    _table(ctx)


if __name__ == "__main__":
    render()
