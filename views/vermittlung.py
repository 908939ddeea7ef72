"""Page Vermittlung: free-text need and filters to ranked offers with contact and warm path; the handout."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import networkx as nx
import streamlit as st

from graph.present.formats import de_date
from graph.present.handout import handout_data, render_handout, tel_uri
from graph.present.handout_pdf import handout_pdf
from graph.present.mapview import MapOptions
from graph.present.viewfilter import MAX_RADIUS, ViewFilter, filter_graph
from graph.referral import (
    FILTER_LABELS,
    SCORE_PARTS,
    Offer,
    ReferralError,
    ReferralResult,
    fit_words,
    path_chain,
    refer,
    school_scope,
    school_settings,
)
from views import common
from views import texts as t

__all__ = ["EXAMPLES", "render"]

#: Example needs shown before the first search.
EXAMPLES = ("schwänzt seit Wochen", "Schulangst", "Mobbing im Klassenchat", "Vater trinkt")
#: Widget keys each hard filter is set by; widening clears them (the school last, it also sets district and age).
FILTER_KEYS = {
    "district": ("v_district",),
    "language": ("v_language",),
    "audience": ("v_audience",),
    "age": ("v_age", "v_level"),
}


def _choice(label: str, terms: dict[str, Any], key: str, help_text: str | None = None, labels: Any = None) -> str:
    names = labels or {k: v.label for k, v in terms.items()}
    options = ["", *sorted(names, key=lambda k: names[k].casefold())]
    value = st.selectbox(label, options, key=key, help=help_text, format_func=lambda k: names.get(k, t.REFERRAL_ANY))
    return str(value or "")


def _filters(ctx: common.Context) -> dict[str, Any]:
    vocabulary = ctx.dataset.vocabulary
    schools = {a.id: a.name for a in ctx.dataset.actors.values() if a.kind == "schule"}
    # Open before the first search; collapsed once there are results, so on a phone the first card is in reach.
    has_query = bool(str(st.session_state.get("v_query") or "").strip())
    with st.expander(t.REFERRAL_FILTERS, expanded=not has_query, icon=":material/filter_list:"):
        school = _choice(t.REFERRAL_SCHOOL, {}, "v_school", labels=schools)
        if school:
            st.caption(common.md(school_scope(common.referral_index(ctx), school)))
        district = _choice(t.REFERRAL_DISTRICT, vocabulary.terms("districts"), "v_district", t.REFERRAL_DISTRICT_HELP)
        age_col, level_col = st.columns(2)
        with age_col:
            age = st.number_input(t.REFERRAL_AGE, min_value=0, max_value=27, value=None, step=1, key="v_age")
        with level_col:
            level = _choice(t.REFERRAL_LEVEL, vocabulary.terms("school_levels"), "v_level", t.REFERRAL_LEVEL_HELP)
        language = _choice(t.REFERRAL_LANGUAGE, vocabulary.terms("languages"), "v_language")
        audience = _choice(t.REFERRAL_AUDIENCE, vocabulary.terms("audiences"), "v_audience")
        day = st.date_input(t.REFERRAL_AS_OF, value=ctx.today, key="v_as_of", format="DD.MM.YYYY")
    return {
        "school": school or None,
        "district": district or None,
        "age": int(age) if age is not None else None,
        "school_level": level or None,
        "language": language or None,
        "audience": audience or None,
        "as_of": day if isinstance(day, dt.date) else ctx.today,
        "today": ctx.today,
    }


def _widen(name: str) -> None:
    """Drop a hard filter; if it came from the school (district or ages), drop the school too."""
    keys = FILTER_KEYS[name]
    if all(not st.session_state.get(k) and st.session_state.get(k) != 0 for k in keys):
        st.session_state.v_school = ""
    for key in keys:
        st.session_state[key] = None if key == "v_age" else ""


def _crisis(result: ReferralResult) -> None:
    """Crisis help above everything else: who to call now (tel: links) and the caller's own step."""
    if not result.crisis_kinds:
        return
    kinds = ", ".join(s.label for s in result.crisis_steps) or ", ".join(result.crisis_kinds)
    with st.container(border=True, key="crisis_box"):
        st.error(
            f"**{t.CRISIS_TITLE}**  \n{t.CRISIS_INTRO.format(kinds=common.md(kinds))}", icon=":material/emergency:"
        )
        lines = []
        for service in result.crisis:
            phone = f"[{common.md(service.phone)}]({tel_uri(service.phone)})" if service.phone else t.CRISIS_NO_PHONE
            hours = f" · {common.md(service.hours)}" if service.hours else ""
            lines.append(f"- **{common.md(service.name)}**: {phone}{hours} · {common.md(service.why)}")
        st.markdown("\n".join(lines))
        for step in result.crisis_steps:
            st.markdown(t.CRISIS_STEP.format(label=common.md(step.label), step=common.md(step.step)))


def _scope_line(ctx: common.Context, options: dict[str, Any]) -> None:
    """What the filters set, in one line above the results (the filters themselves may be collapsed)."""
    vocabulary = ctx.dataset.vocabulary
    parts = []
    if options["school"]:
        scope = school_settings(common.referral_index(ctx), options["school"])
        parts.append(f"{ctx.dataset.actors[options['school']].name} ({scope})")
    for key, name, label in (
        ("district", "districts", t.REFERRAL_DISTRICT),
        ("school_level", "school_levels", t.REFERRAL_LEVEL),
        ("language", "languages", t.REFERRAL_LANGUAGE),
        ("audience", "audiences", t.REFERRAL_AUDIENCE),
    ):
        if options[key]:
            parts.append(f"{label}: {vocabulary.label(name, options[key])}")
    if options["age"] is not None:
        parts.append(f"{t.REFERRAL_AGE}: {options['age']}")
    if parts:
        st.caption(t.REFERRAL_SCOPE.format(parts=" · ".join(common.md(p) for p in parts)))


def _recognised(result: ReferralResult) -> None:
    items = " · ".join(common.md(e.text()) for e in result.evidence)
    st.markdown(t.REFERRAL_RECOGNISED.format(items=items) if items else t.REFERRAL_RECOGNISED_NONE)


def _corrected(ctx: common.Context, result: ReferralResult, options: dict[str, Any]) -> ReferralResult:
    """„Nicht das Richtige?“: the user removes or adds topics; the search runs again with them."""
    terms = ctx.dataset.vocabulary.terms("topics")
    labels = {k: v.label for k, v in terms.items()}
    with st.expander(t.REFERRAL_CORRECT, icon=":material/tune:"):
        chosen = st.multiselect(
            t.REFERRAL_CORRECT_TOPICS,
            sorted(labels, key=lambda k: labels[k].casefold()),
            default=list(result.topics),
            key=f"v_topics::{result.query}",
            format_func=labels.__getitem__,
            help=t.REFERRAL_CORRECT_HELP,
        )
    if set(chosen) == set(result.topics):
        return result
    without = set(result.topics) - set(chosen)
    also = [topic for topic in chosen if topic not in result.topics]
    corrected = refer(common.referral_index(ctx), result.query, without=without, also=also, **options)
    st.caption(t.REFERRAL_CORRECTED.format(topics=", ".join(labels[k] for k in chosen) or "–"))
    return corrected


def _message(result: ReferralResult) -> None:
    if not result.message:
        return
    if result.offers:
        st.info(common.md(result.message))
        return
    st.warning(common.md(result.message))
    for column, (name, _) in zip(st.columns(max(1, len(result.excluded))), result.excluded, strict=False):
        label = t.REFERRAL_WIDEN.format(label=FILTER_LABELS[name])
        column.button(label, key=f"widen_{name}", on_click=_widen, args=(name,), icon=":material/zoom_out:")


def _contact(offer: Offer) -> None:
    card = offer.contact
    lines = []
    for key, label in t.REFERRAL_CONTACT_LABELS.items():
        value = card.get(key)
        if not value or key == "phone":  # the phone number stands at the top of the card
            continue
        if key == "verified":
            value = de_date(dt.date.fromisoformat(value))  # the one date format for people (formats)
        lines.append(f"**{label}:** {common.md(value)}")
    if not any(card.get(k) for k in ("phone", "email", "web")):
        lines.insert(0, t.REFERRAL_NO_CONTACT)
    st.markdown("  \n".join(lines))
    if card.get("provenance") and not card.get("demo"):
        st.caption(common.md(card["provenance"]))


def _path_graph(ctx: common.Context, path: tuple[str, ...], day: dt.date) -> nx.MultiDiGraph:
    """The actors of a warm path and the relations among them that are active on ``day``."""
    active = filter_graph(ctx.graph, ViewFilter(as_of=day))
    return nx.MultiDiGraph(active.subgraph(path))


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _pick_key(query: str, offer_id: str) -> str:
    return f"pick::{query}::{offer_id}"


def _card(ctx: common.Context, rank: int, offer: Offer, day: dt.date, query: str) -> None:
    vocabulary = ctx.dataset.vocabulary
    with st.container(border=True):
        kind = vocabulary.label("actor_kinds", offer.kind)
        st.markdown(f"#### {rank}. {common.md(offer.name)}")
        demo = f" · :orange-badge[{t.REFERRAL_DEMO}]" if offer.contact["demo"] else ""
        st.caption(f"{common.md(kind)} · {_upper_first(fit_words(offer.score))}{demo}", help=SCORE_PARTS)
        phone = offer.contact.get("phone")
        if phone:
            st.markdown(f"**{t.REFERRAL_CONTACT_LABELS['phone']}:** [{common.md(phone)}]({tel_uri(phone)})")
        st.checkbox(t.REFERRAL_PICK, key=_pick_key(query, offer.id))
        why, contact = st.columns([3, 2])
        with why:
            # The warm path is drawn from its steps below, so it is left out of the reasons here.
            st.markdown(f"**{t.REFERRAL_REASONS}:** " + " · ".join(common.md(r) for r in offer.other_reasons()))
            if offer.steps:
                chain = path_chain(offer.steps, common.md)
                badge = f" :orange-badge[{t.REFERRAL_DEMO_PATH}]" if offer.demo_path else ""
                st.markdown(t.REFERRAL_PATH.format(path=chain) + badge)
        with contact:
            _contact(offer)
        _links(ctx, offer, day)


def _links(ctx: common.Context, offer: Offer, day: dt.date) -> None:
    hops = len(offer.path) - 1 if offer.path else 0
    profile, on_map, show = st.columns([1, 1, 1.2])
    profile.page_link(
        common.PAGES["akteure"], label=t.OPEN_PROFILE, query_params={"actor": offer.id}, icon=":material/person:"
    )
    radius = str(min(max(hops, 1), MAX_RADIUS))
    on_map.page_link(
        common.PAGES["karte"],
        label=t.REFERRAL_MAP_EGO,
        query_params={"actor": offer.id, "ego": radius},
        icon=":material/hub:",
    )
    if offer.path and len(offer.path) > 1 and show.toggle(t.REFERRAL_MAP, key=f"path_{offer.id}"):
        graph = _path_graph(ctx, offer.path, day)
        options = MapOptions(None, False, offer.id, 300, "", "akteure?actor=")
        common.render_map(ctx, graph, f"path:{'>'.join(offer.path)}:{day}", options, local=True)


def _search(ctx: common.Context) -> None:
    # Query and crisis help span the page; the filters come before the results (left on the desk, above on
    # a phone), so a crisis stays the first thing under the query on every screen.
    query = st.text_input(t.REFERRAL_QUERY, key="v_query", placeholder=t.REFERRAL_QUERY_PLACEHOLDER)
    top = st.container()
    side, main = st.columns([1, 2.4], gap="large")
    with side:
        options = _filters(ctx)
    with main:
        if not query.strip():
            st.info(t.REFERRAL_START.format(examples=" · ".join(f"„{e}“" for e in EXAMPLES)))
            return
        try:
            result = refer(common.referral_index(ctx), query, **options)
        except ReferralError as error:
            st.error(common.md(error))
            return
        with top:
            _crisis(result)
        _scope_line(ctx, options)
        _recognised(result)
        result = _corrected(ctx, result, options)
        _message(result)
        if result.offers:
            count = len(result.offers)
            st.markdown(t.REFERRAL_COUNT_ONE if count == 1 else t.REFERRAL_COUNT.format(count=count))
        for rank, offer in enumerate(result.offers, start=1):
            _card(ctx, rank, offer, options["as_of"], query)


def _handout_target(ctx: common.Context, kind: str) -> dict[str, Any] | None:
    """What the handout is for, as keyword arguments of ``handout_data``; None when nothing is chosen."""
    if kind == "search":
        query = str(st.session_state.get("v_query") or "").strip()
        if not query:
            st.info(t.HANDOUT_SEARCH_NONE)
            return None
        found: dict[str, Any] = {"query": query}
        for key, name in (("v_school", "school"), ("v_district", "district")):
            if st.session_state.get(key):
                found[name] = str(st.session_state[key])
        prefix = _pick_key(query, "")
        found["chosen"] = [k[len(prefix) :] for k, v in st.session_state.items() if str(k).startswith(prefix) and v]
        count = len(found["chosen"])
        words = t.HANDOUT_PICKED_COUNT.get(count, t.HANDOUT_PICKED_MANY.format(count=count))
        st.caption(t.HANDOUT_PICKED.format(count=words) + t.HANDOUT_PICKED_HOW)
        return found
    vocabulary = ctx.dataset.vocabulary
    schools = {a.id: a.name for a in ctx.dataset.actors.values() if a.kind == "schule"}
    targets = {
        "school": (t.REFERRAL_SCHOOL, schools),
        "topic": (t.HANDOUT_TOPIC, {k: v.label for k, v in vocabulary.terms("topics").items()}),
        "district": (t.REFERRAL_DISTRICT, {k: v.label for k, v in vocabulary.terms("districts").items()}),
    }
    label, names = targets[kind]
    options = sorted(names, key=lambda k: names[k].casefold())
    if not options:
        return None
    key, index = f"h_{kind}", 0
    search_school = st.session_state.get("v_school") or ""
    if kind == "school" and search_school in names:
        # The handout follows the school of the search. A widget of its own per search school, starting
        # there, instead of copying the value in a callback: when the search reruns quickly twice, the
        # browser sends the old widget's stale value back and it would win over the copy.
        key, index = f"h_school_for_{search_school}", options.index(search_school)
    target = st.selectbox(label, options, index=index, key=key, format_func=names.__getitem__, width=520)
    return {kind: str(target)}


def _handout(ctx: common.Context) -> None:
    st.caption(t.HANDOUT_INTRO)
    kind = st.segmented_control(
        t.HANDOUT_FOR, list(t.HANDOUT_KINDS), default="search", key="h_kind", format_func=t.HANDOUT_KINDS.get
    )
    chosen = _handout_target(ctx, kind or "search")
    if chosen is None:
        return
    index = common.referral_index(ctx)
    try:
        data = handout_data(index, ctx.fingerprint, today=ctx.today, **chosen)
    except ReferralError as error:
        st.error(common.md(error))
        return
    page = render_handout(index, data)
    name = chosen.get("school") or chosen.get("topic") or chosen.get("district") or "anliegen"
    stem = f"handreichung-{name}-{ctx.today.isoformat()}"
    pdf_col, html_col = st.columns(2)
    pdf_col.download_button(
        t.HANDOUT_DOWNLOAD_PDF,
        # Typeset only when the button is pressed, not on every rerun of the page.
        functools.partial(handout_pdf, index, data),
        f"{stem}.pdf",
        "application/pdf",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
    )
    html_col.download_button(
        t.HANDOUT_DOWNLOAD,
        page,
        f"{stem}.html",
        "text/html",
        on_click="ignore",
        icon=":material/download:",
    )
    st.caption(t.HANDOUT_PRINT)
    st.iframe(render_handout(index, data, print_button=True), height=1000)


def render() -> None:
    """Draw the page."""
    ctx = common.require_context()
    st.title(t.PAGE_REFERRAL)
    st.caption(t.REFERRAL_INTRO)
    search, handout = st.tabs([t.REFERRAL_TAB_SEARCH, t.REFERRAL_TAB_HANDOUT])
    with search:
        _search(ctx)
    with handout:
        _handout(ctx)


if __name__ == "__main__":
    render()
