"""Page Netzwerkkarte: the filtered map, search, ego view, shareable URL and export."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import networkx as nx
import streamlit as st

from graph.metrics import METRIC_INFO, RANKED_METRICS
from graph.present.export import actor_table, export_file_name, relation_table, to_csv, to_gexf, to_graphml
from graph.present.formats import de_date
from graph.present.mapview import FULL_MAP_LIMIT, MapOptions, degree_values, map_html, map_text
from graph.present.search import find_actors
from graph.present.viewfilter import MAX_RADIUS, ViewFilter, by_name, filter_graph, stadtbezirke_in
from graph.present.viewstate import ViewState
from views import common
from views import texts as t

__all__ = ["render"]

SAVED = "map_view"
#: Session key: the user asked to draw the full map although it is larger than FULL_MAP_LIMIT.
FULL_MAP = "k_full_map"
#: Lines per list under „Karte als Liste“; the exports hold every actor and relation.
MAP_LIST_LIMIT = 300
#: Node size choices: number of relations (default), every numeric metric, or equal sizes.
SIZES = ("relations", *RANKED_METRICS, "none")
#: Widget key -> ViewFilter field for the multiselects, with their vocabulary list and label.
MULTI = {
    "k_kind": ("kinds", "actor_kinds", t.F_KIND),
    "k_bezirk": ("stadtbezirke", "stadtbezirke", t.F_BEZIRK),
    "k_district": ("districts", "districts", t.F_DISTRICT),
    "k_topic": ("topics", "topics", t.F_TOPIC),
    "k_type": ("relation_types", "relation_types", t.F_TYPE),
}


def _init_widgets(ctx: common.Context) -> None:
    """Fill the widget keys from the URL (or from this session's last view) when they are not set yet."""
    state = common.url_state(ctx)
    size = st.query_params.get("size", "")
    if size in SIZES and size != st.session_state.get("k_size_url"):  # a new link wins over the last choice
        st.session_state.k_size = size
    st.session_state.k_size_url = size
    if st.session_state.get("k_size") not in SIZES:
        st.session_state.k_size = "relations"
    if "k_kind" in st.session_state:
        return
    if not set(st.query_params) - {"size"} and SAVED in st.session_state:
        state = st.session_state[SAVED]
    view = state.filter
    for key, (attr, _, _) in MULTI.items():
        st.session_state[key] = list(getattr(view, attr))
    st.session_state.k_as_of = view.as_of or ctx.today
    st.session_state.k_isolated = view.hide_isolated
    st.session_state.k_actor = state.actor or ""
    st.session_state.k_ego = view.ego is not None
    st.session_state.k_radius = view.radius


def _on_search(names: dict[str, str]) -> None:
    hits = find_actors(st.session_state.k_search, names)
    if hits:
        st.session_state.k_actor = hits[0]


def _filter_widgets(ctx: common.Context, names: dict[str, str]) -> None:
    """The sidebar filters; their values live under their keys and are read by :func:`_state_from_session`."""
    vocabulary = ctx.dataset.vocabulary
    with st.sidebar:
        st.header(t.FILTERS)
        query = st.text_input(t.F_SEARCH, key="k_search", help=t.F_SEARCH_HELP, on_change=_on_search, args=(names,))
        hits = find_actors(query, names) if query else []
        if query and not hits:
            st.caption(t.NO_MATCH.format(query=common.md(query)))
        elif len(hits) > 1:
            st.caption(t.MORE_MATCHES.format(names=", ".join(common.md(names[h]) for h in hits[1:5])))
        options = ["", *by_name(names)]
        actor = st.selectbox(t.F_ACTOR, options, key="k_actor", format_func=lambda a: names.get(a, t.F_NO_ACTOR))
        ego = st.checkbox(t.F_EGO, key="k_ego", disabled=not actor)
        st.select_slider(t.F_RADIUS, list(range(1, MAX_RADIUS + 1)), key="k_radius", disabled=not ego)
        for key, (_, name, label) in MULTI.items():
            st.multiselect(
                label,
                list(vocabulary.terms(name)),
                key=key,
                placeholder=t.F_ALL,
                format_func=lambda term, n=name: vocabulary.label(n, term),
            )
        st.date_input(t.F_AS_OF, key="k_as_of", help=t.F_AS_OF_HELP, format="DD.MM.YYYY")
        st.checkbox(t.F_ISOLATED, key="k_isolated")


def _state_from_session(ctx: common.Context) -> ViewState:
    """The view the filter widgets will show, read from their session keys before they are drawn.

    The page draws the map first and the sidebar after it: the browser then starts on the map
    frame while Streamlit is still loading the widgets' scripts (about 0.5 s sooner at 1,000
    actors). Widget values live under these keys, so this is what the widgets return.
    """
    chosen = {attr: tuple(st.session_state.get(key) or ()) for key, (attr, _, _) in MULTI.items()}
    actor = st.session_state.get("k_actor") or ""
    ego = bool(st.session_state.get("k_ego")) and bool(actor)
    as_of = st.session_state.get("k_as_of")
    day = as_of if isinstance(as_of, dt.date) else ctx.today
    radius = st.session_state.get("k_radius", 1)
    hide = bool(st.session_state.get("k_isolated"))
    view = ViewFilter(**chosen, as_of=day, hide_isolated=hide, ego=actor if ego else None, radius=radius)
    return ViewState(view, actor or None)


def _size_label(size: str) -> str:
    return {"relations": t.SIZE_DEGREE, "none": t.SIZE_NONE}.get(size) or METRIC_INFO[size].label


def _display_widgets() -> None:
    with st.sidebar:
        st.selectbox(t.F_SIZE, SIZES, key="k_size", format_func=_size_label, help=t.F_SIZE_HELP)
        st.toggle(t.F_PHYSICS, key="k_physics", help=t.F_PHYSICS_HELP)


def _sizes(ctx: common.Context, size: str, as_of: dt.date | None) -> dict[str, float] | None:
    """Node sizes: relations counted on the full graph, or a metric from the cached metrics of the day."""
    if size == "none":
        return None
    if size == "relations":
        return degree_values(ctx.graph)
    rows = common.metrics(ctx, as_of).actors
    return {str(r["id"]): r[size] for r in rows if r[size] is not None}


def _map_as_list(ctx: common.Context, view: nx.MultiDiGraph, actor: str | None) -> None:
    """The drawn view as text: for screen readers, and for anyone who prefers a list to a drawing."""
    text = map_text(view, ctx.dataset.vocabulary, actor)

    def bullets(lines: tuple[str, ...]) -> str:
        shown = "\n".join(f"- {common.md(line)}" for line in lines[:MAP_LIST_LIMIT])
        more = len(lines) - MAP_LIST_LIMIT
        return shown + ("\n\n" + t.MAP_LIST_MORE.format(more=more) if more > 0 else "")

    with st.expander(t.MAP_LIST, icon=":material/list:"):
        st.markdown(common.md(text.summary))
        st.markdown(f"**{t.MAP_LIST_ACTORS}**\n\n{bullets(text.actors)}")
        if text.relations:
            st.markdown(f"**{t.MAP_LIST_RELATIONS}**\n\n{bullets(text.relations)}")


def _selected_panel(ctx: common.Context, actor: str) -> None:
    attrs = ctx.graph.nodes[actor]
    st.markdown(
        f"**{common.md(attrs['name'])}** · {common.md(ctx.dataset.vocabulary.label('actor_kinds', attrs['kind']))}"
    )
    st.page_link(common.PAGES["akteure"], label=t.OPEN_PROFILE, query_params={"actor": actor}, icon=":material/person:")


def _exports(ctx: common.Context, view: nx.MultiDiGraph, options: MapOptions, shown: ViewFilter) -> None:
    vocabulary, day = ctx.dataset.vocabulary, shown.as_of or ctx.today
    title = t.EXPORT_TITLE.format(day=de_date(day))
    files: list[tuple[str, Callable[[], bytes | str], str, str, str]] = [
        (
            t.EXPORT_HTML,
            lambda: map_html(view, vocabulary, ctx.positions, _export_options(options, title)),
            "",
            "html",
            "text/html",
        ),
        (t.EXPORT_GRAPHML, lambda: to_graphml(view), "", "graphml", "application/xml"),
        (t.EXPORT_GEXF, lambda: to_gexf(view), "", "gexf", "application/xml"),
        (t.EXPORT_ACTORS, lambda: to_csv(actor_table(view, vocabulary, ctx.today)), "akteure", "csv", "text/csv"),
        (t.EXPORT_RELATIONS, lambda: to_csv(relation_table(view, vocabulary)), "beziehungen", "csv", "text/csv"),
    ]
    with st.expander(t.EXPORT):
        for column, (label, data, part, suffix, mime) in zip(st.columns(len(files)), files, strict=True):
            name = export_file_name(shown, day, suffix, part)
            column.download_button(
                label, data, file_name=name, mime=mime, on_click="ignore", icon=":material/download:"
            )


def _export_options(options: MapOptions, title: str) -> MapOptions:
    return MapOptions(options.sizes, options.physics, options.selected, 760, title, None)


def _show_ego(actor_key: str) -> None:
    if st.session_state.get(actor_key):
        st.session_state.k_actor = st.session_state[actor_key]
        st.session_state.k_ego = True


def _show_bezirk(bezirk_key: str) -> None:
    if st.session_state.get(bezirk_key):
        st.session_state.k_bezirk = [st.session_state[bezirk_key]]


def _show_full() -> None:
    st.session_state[FULL_MAP] = True


def _too_large(ctx: common.Context, view: nx.MultiDiGraph, state: ViewState, names: dict[str, str]) -> bool:
    """Above FULL_MAP_LIMIT actors: offer the ego view or a Stadtbezirk instead of freezing the browser."""
    actors = view.number_of_nodes()
    if actors <= FULL_MAP_LIMIT:
        return False
    if st.session_state.get(FULL_MAP):
        st.caption(t.FULL_MAP_SHOWN.format(actors=actors))
        return False
    st.warning(t.MAP_TOO_LARGE.format(actors=actors, limit=FULL_MAP_LIMIT), icon=":material/speed:")
    left, right = st.columns(2)
    options = ["", *by_name(names, view.nodes)]
    chosen = state.actor if state.actor in view else ""
    with left:
        st.selectbox(
            t.GUARD_ACTOR,
            options,
            index=options.index(chosen),
            key="k_guard_actor",
            format_func=lambda a: names.get(a, t.F_NO_ACTOR),
        )
        st.button(t.GUARD_EGO, on_click=_show_ego, args=("k_guard_actor",), icon=":material/hub:")
    with right:
        vocabulary = ctx.dataset.vocabulary
        bezirke = stadtbezirke_in(view, vocabulary.terms("stadtbezirke"))
        st.selectbox(
            t.GUARD_BEZIRK,
            bezirke,
            key="k_guard_bezirk",
            format_func=lambda b: vocabulary.label("stadtbezirke", b),
        )
        st.button(t.GUARD_BEZIRK_BUTTON, on_click=_show_bezirk, args=("k_guard_bezirk",), icon=":material/map:")
    st.button(t.GUARD_FULL, on_click=_show_full, help=t.GUARD_FULL_HELP, icon=":material/warning:")
    return True


def render() -> None:
    """Draw the page."""
    ctx = common.require_context()
    st.title(t.PAGE_MAP)
    names = {a.id: a.name for a in ctx.dataset.actors.values()}
    _init_widgets(ctx)
    shown = _view_from_session(ctx)
    _map(ctx, *shown, names)
    # The sidebar comes after the map (see _state_from_session); should a widget still change its
    # value while being drawn (it never did in the tests), the page runs once more with that value.
    _filter_widgets(ctx, names)
    _display_widgets()
    if _view_from_session(ctx) != shown:
        st.rerun()


def _view_from_session(ctx: common.Context) -> tuple[ViewState, str, bool]:
    """Filters, node size and physics as the widgets' session keys hold them."""
    return _state_from_session(ctx), str(st.session_state.k_size), bool(st.session_state.get("k_physics"))


def _map(ctx: common.Context, state: ViewState, size: str, physics: bool, names: dict[str, str]) -> None:
    """Caption, map (or the notice for a large view), selected actor and exports."""
    st.session_state[SAVED] = state
    common.write_url(state, ctx.today, {"size": size} if size != "relations" else None)
    st.session_state.k_size_url = size if size != "relations" else ""  # what the URL now says
    view = filter_graph(ctx.graph, state.filter)
    st.caption(t.VISIBLE.format(actors=view.number_of_nodes(), relations=view.number_of_edges()))
    if view.number_of_nodes() == 0:
        st.info(t.EMPTY_VIEW)
        return
    sizes = _sizes(ctx, size, state.filter.as_of)
    options = MapOptions(sizes, physics, state.actor, 680, "", "akteure?actor=")
    if not _too_large(ctx, view, state, names):
        common.render_map(ctx, view, repr(state.filter), options, local=state.filter.ego is not None, alt=t.MAP_ALT)
        st.caption(t.MAP_HINT)
        _map_as_list(ctx, view, state.actor)
    if state.actor:
        _selected_panel(ctx, state.actor)
    _exports(ctx, view, options, state.filter)


if __name__ == "__main__":
    render()
