"""Page Frühwarnsystem: the intervention pathway of one school as a vertical flow, and schools × stages city-wide."""

from __future__ import annotations

import datetime as dt
import functools
from urllib.parse import quote

import pandas as pd
import streamlit as st

from graph.data.pathways import ROLES, Pathway
from graph.pathway import ResolvedStage, Responsible, SchoolPathway, pathway_overview, schools_pathways
from graph.present.handout import mailto_uri, tel_uri
from graph.present.pathway_pdf import pathway_pdf
from views import common
from views import texts as t

__all__ = ["render"]

_OWN = {"schule": t.EW_THIS_SCHOOL, "eltern": t.EW_FAMILY}
_CELLS = {"covered": t.EW_COVERED, "partial": t.EW_PARTIAL_CELL, "gap": t.EW_GAP_CELL}
_URL_SAFE = ":/?#[]@!$&'*+,;=%-._~"
_GAP_STYLE = "background-color: #fde7e9; color: #8a0010; font-weight: 600"


@st.cache_resource(show_spinner=t.COMPUTING, max_entries=4)
def _results(fingerprint: str, as_of: dt.date, pathway_id: str, _ctx: common.Context) -> list[SchoolPathway]:
    """Every school's pathway, once per data version, day and pathway (shared by all sessions: read only)."""
    del fingerprint  # only part of the cache key
    return schools_pathways(_ctx.dataset, as_of, pathway_id)


def _person(person: Responsible) -> str:
    contact = person.contact
    parts = [f"**{common.md(person.name)}**"]
    if person.via.get("demo"):
        parts[0] += f" :orange-badge[{t.EW_INVENTED}]"
    if contact.get("phone"):
        parts.append(f"[{common.md(contact['phone'])}]({tel_uri(contact['phone'])})")
    email = contact.get("email")
    if email:
        uri = mailto_uri(email)
        parts.append(f"[{common.md(email)}]({uri})" if uri else common.md(email))
    web = contact.get("web") or ""
    if len(parts) == 1 and web.startswith("https://"):  # only when there is no phone and no e-mail
        parts.append(f"[{t.EW_WEB}]({quote(web, safe=_URL_SAFE)})")
    return " · ".join(parts)


def _who_lines(stage: ResolvedStage) -> list[str]:
    lines = []
    for role in stage.stage.roles:
        if role in _OWN:
            lines.append(f"{common.md(ROLES[role])}: {_OWN[role]}")
            continue
        people = [p for p in stage.responsible if p.role == role]
        shown = "; ".join(_person(p) for p in people) if people else f":red[{t.EW_NOBODY}]"
        lines.append(f"{common.md(ROLES[role])}: {shown}")
    return lines


def _stage(stage: ResolvedStage) -> None:
    s = stage.stage
    deadline = common.md(s.deadline) if s.deadline else f"_{t.EW_DEADLINE_NONE}_"
    lines = [f"**{t.EW_TRIGGER}:** {common.md(s.trigger)}", f"**{t.EW_DEADLINE}:** {deadline}"]
    if s.actions:
        lines.append(f"**{t.EW_ACTIONS}:** {common.md(s.actions)}")
    if s.documents:
        lines.append(f"**{t.EW_DOCUMENTS}:** " + "; ".join(common.md(d) for d in s.documents))
    with st.container(border=True):
        st.markdown(f"#### {stage.number}. {common.md(s.title)}")
        st.markdown("  \n".join(lines))
        st.markdown(f"**{t.EW_WHO}:**  \n" + "  \n".join(_who_lines(stage)))
        if stage.gap_text:
            # red text, not st.error: a gap in the network is a finding, not a failure of the page
            st.markdown(f":red-badge[:material/report: {t.EW_GAP}] :red[**{common.md(stage.gap_text)}**]")
        elif stage.unresolved:
            roles = ", ".join(ROLES[r] for r in stage.unresolved)
            st.markdown(f":orange-badge[:material/warning: {t.EW_PARTIAL.format(roles=common.md(roles))}]")
        st.caption(f"{t.EW_SOURCE}: {common.md(s.source)}")


#: Roles shown „at a glance“ above the flow: the people a school calls first.
_GLANCE = ("schulsozialarbeit", "beratung", "asd", "schulpsychologie", "netzwerkstelle")


def _glance(result: SchoolPathway) -> None:
    lines = []
    for role in _GLANCE:
        people = result.contacts.get(role, ())[:1]
        shown = _person(people[0]) if people else f":red[{t.EW_NOBODY}]"
        lines.append(f"{common.md(ROLES[role])}: {shown}")
    with st.container(border=True):
        st.markdown(f"**{t.EW_GLANCE}**  \n" + "  \n".join(lines))


def _contacts(result: SchoolPathway) -> None:
    with st.expander(t.EW_CONTACTS, icon=":material/contacts:"):
        for role, people in result.contacts.items():
            if not people or role == "schule":
                continue
            st.markdown(f"**{common.md(ROLES[role])}**")
            for person in people:
                st.markdown(
                    f"- {_person(person)}  \n  {common.md(person.via['text'])} · {common.md(person.via['provenance'])}"
                )


def _school_view(ctx: common.Context, results: list[SchoolPathway]) -> None:
    by_id = {r.school.id: r for r in results}
    if not by_id:
        st.info(t.EW_CITY_EMPTY)
        return
    wanted = st.query_params.get("school")
    if wanted in by_id and wanted != st.session_state.get("fw_school_url"):  # a new link wins once
        st.session_state["fw_school"] = wanted
    school = st.selectbox(
        t.EW_SCHOOL, list(by_id), key="fw_school", format_func=lambda s: by_id[s].school.name if s in by_id else s
    )
    result = by_id[school or next(iter(by_id))]
    st.query_params["school"] = st.session_state["fw_school_url"] = result.school.id
    if result.pilot:
        st.badge(t.EW_PILOT_BADGE, icon=":material/flag:", color="blue")
    gaps = len(result.gaps)
    if gaps:
        text = t.EW_GAPS.get(gaps, t.EW_GAPS_MANY)
        st.markdown(f":red-badge[:material/report: {t.EW_GAP}] **{text.format(n=gaps, total=len(result.stages))}**")
    else:
        st.success(t.EW_NO_GAPS, icon=":material/check_circle:")
    _glance(result)
    for n, stage in enumerate(result.stages):
        _stage(stage)
        if n < len(result.stages) - 1:
            st.markdown("<div style='text-align:center;font-size:1.4rem;line-height:1'>↓</div>", unsafe_allow_html=True)
    _contacts(result)
    st.download_button(
        t.EW_PDF,
        functools.partial(pathway_pdf, result),  # typeset only when pressed
        f"interventionskette-{result.school.id}-{result.as_of.isoformat()}.pdf",
        "application/pdf",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
    )


def _city_view(results: list[SchoolPathway], pathway: Pathway) -> None:
    rows = pathway_overview(results)
    if not rows:
        st.info(t.EW_CITY_EMPTY)
        return
    with_gaps = sum(1 for r in rows if r["gaps"])
    summary = t.EW_CITY_SUMMARY_ONE if with_gaps == 1 else t.EW_CITY_SUMMARY if with_gaps else t.EW_CITY_NO_GAPS
    st.markdown(f"**{summary.format(n=with_gaps, total=len(rows))}**")
    stage_columns = {s.id: f"{n}. {s.title}" for n, s in enumerate(pathway.stages, start=1)}
    table = pd.DataFrame(
        [
            {
                t.EW_COL_SCHOOL: r["name"],
                t.EW_COL_PILOT: t.YES if r["pilot"] else "",
                t.EW_COL_GAPS: r["gaps"],
                t.EW_COL_GAP_STAGES: ", ".join(stage_columns[g] for g in r["gap_stages"]),
                **{label: _CELLS[r[stage_id]] for stage_id, label in stage_columns.items()},
            }
            for r in rows
        ]
    )
    # Marked from the rows' stage states, not from the German cell text.
    marks = pd.DataFrame(
        [{label: _GAP_STYLE if r[stage_id] == "gap" else "" for stage_id, label in stage_columns.items()} for r in rows]
    )
    styled = table.style.apply(lambda _: marks, axis=None, subset=list(stage_columns.values()))
    st.dataframe(styled, hide_index=True, width="stretch")
    st.caption(t.EW_CITY_LEGEND)


def _filters(ctx: common.Context) -> tuple[Pathway, dt.date, bool]:
    assert ctx.dataset.pathways is not None
    pathways = ctx.dataset.pathways.pathways
    # Collapsed: on a phone the school and its flow come first; the defaults are the data's day and first pathway.
    box = st.expander(t.EW_SETTINGS, icon=":material/tune:")
    left, middle, right = box.columns([2, 1, 1])
    pathway_id = left.selectbox(t.EW_PATHWAY, list(pathways), key="fw_pathway", format_func=lambda p: pathways[p].label)
    pathway = pathways[pathway_id or next(iter(pathways))]
    as_of = middle.date_input(t.EW_AS_OF, ctx.today, key="fw_as_of", format="DD.MM.YYYY", help=t.EW_AS_OF_HELP)
    pilot_only = right.toggle(t.EW_PILOT_ONLY, key="fw_pilot", disabled=not pathway.pilot_schools)
    if pathway.pilot_schools:
        box.caption(t.EW_PILOT_SOURCE.format(source=common.md(pathway.pilot_source or "")))
    else:
        box.caption(t.EW_PILOT_NONE)
    day = as_of if isinstance(as_of, dt.date) else ctx.today
    return pathway, day, bool(pilot_only) and bool(pathway.pilot_schools)


def render() -> None:
    """Draw the page: filters, one school's pathway as a flow with its PDF, and the city-wide table."""
    ctx = common.require_context()
    st.title(t.PAGE_EARLY_WARNING)
    st.markdown(t.EW_INTRO)
    if ctx.dataset.pathways is None or not ctx.dataset.pathways.pathways:
        st.info(t.EW_NONE)
        return
    pathway, day, pilot_only = _filters(ctx)
    results = _results(ctx.fingerprint, day, pathway.id, ctx)
    if pilot_only:
        results = [r for r in results if r.pilot]
    school_tab, city_tab = st.tabs([t.EW_TAB_SCHOOL, t.EW_TAB_CITY])
    with school_tab:
        _school_view(ctx, results)
    with city_tab:
        _city_view(results, pathway)


if __name__ == "__main__":
    render()
