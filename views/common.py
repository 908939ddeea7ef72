"""Shared page plumbing: cached loading, the validation report, query parameters, safe text, map rendering."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

import altair as alt
import networkx as nx
import pandas as pd
import streamlit as st

from graph import Dataset, LoadResult, build_graph
from graph.data import clock
from graph.data.fingerprint import data_fingerprint
from graph.data.loadcache import cached_load
from graph.data.problems import Problem, source_excerpts, title
from graph.gaps import gap_report, what_if
from graph.metrics import actor_metrics, group_figures, metric_graph, network_figures
from graph.present.export import problem_table, spreadsheet_safe
from graph.present.formats import VEGA_LOCALE, XLSX_DATE_FORMAT, xlsx_table
from graph.present.layoutcache import cached_layout
from graph.present.mapview import VIS_SCRIPT, MapOptions, layout_positions, local_scale, map_html
from graph.present.viewstate import ViewState, decode, encode
from graph.referral import ReferralIndex, build_referral_index
from graph.workflow.correction import ENV_REPO, CorrectionSettings, correction_settings, edit_url
from views import texts as t

__all__ = [
    "PAGES",
    "Context",
    "MetricResult",
    "data_dir",
    "gaps",
    "german_chart",
    "md",
    "metrics",
    "profile_url",
    "referral_index",
    "render_map",
    "require_context",
    "require_login",
    "show_report",
    "show_who_corrects",
    "to_xlsx",
    "url_state",
    "what_if_report",
    "write_url",
]

#: Pages by url path, filled by app.py (for st.page_link).
PAGES: dict[str, Any] = {}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~:$&])")
# Inside a line only these start markup ("." "-" "+" "#" "!" matter at a line start or before "[").
_MD_INLINE = re.compile(r"([\\`*_{}\[\]()<>|~:$&])")


@dataclass(frozen=True)
class Context:
    """What every page gets: the data set, the full graph (shared: never mutate), its layout."""

    folder: Path
    fingerprint: str
    result: LoadResult
    dataset: Dataset
    graph: nx.MultiDiGraph
    today: dt.date

    @property
    def positions(self) -> dict[str, tuple[float, float]]:
        """Layout of the whole network, computed on first use (once per data version, then cached).

        Only a map needs it: pages without one, and the map page of a network too large to draw
        (10,000 actors: 8 s of layout), start without paying for it.
        """
        return _positions(self.fingerprint, self.graph)


def data_dir() -> Path:
    """The data folder: ``$NETZWERKKARTE_DATA`` or ``data``."""
    return Path(os.environ.get("NETZWERKKARTE_DATA", "data"))


# Caches below use st.cache_resource, not st.cache_data: cache_data hands out a pickled copy on every hit
# (at 2,000 actors 216 ms of a 265 ms filter re-run went into copying the LoadResult). The cached objects are
# shared by all sessions and must be treated as read-only by the pages; graph/ never changes what it built
# (a query keeps its own working state, e.g. the warm-path search of the referral), so no lock is needed here.
@st.cache_resource(show_spinner=t.LOADING, max_entries=8)
def _load(folder: str, fingerprint: str, clock_inputs: tuple[dt.date | None, dt.date]) -> LoadResult:
    del clock_inputs  # only part of the cache key; the loader asks graph.data.clock which day it is
    return cached_load(folder, fingerprint)  # from disk after a restart on unchanged data and code


@st.cache_resource(show_spinner=t.LOADING, max_entries=4)
def _graph(fingerprint: str, _dataset: Dataset) -> nx.MultiDiGraph:
    del fingerprint  # only part of the cache key
    return build_graph(_dataset)


@st.cache_resource
def _last_valid() -> dict[str, tuple[str, LoadResult]]:
    """Folder -> fingerprint and result of its last valid load, shared by all sessions.

    Kept so that a bad ``git pull`` on the server does not take the app down: pages keep
    showing the last valid data with a warning until the files are fixed.
    """
    return {}


@st.cache_resource(show_spinner=t.LAYOUT, max_entries=4)
def _positions(fingerprint: str, _graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    return cached_layout(_graph, fingerprint)  # from disk after a restart on unchanged data


def md(text: object) -> str:
    """Escape data text for ``st.markdown``: markup, links, LaTeX and colour directives show literally."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


#: Problems drawn one by one per level (with the line of the file); all of them are in the table below.
REPORT_DETAIL_LIMIT = 50


def _show_problem(problem: Problem, excerpt: str, settings: CorrectionSettings, folder: Path) -> None:
    """One problem: German title with level, place, message, hint, the line with a caret, the code in small print."""
    error = problem.level == "error"
    if error:
        badge = f":red-badge[:material/error: {t.REPORT_ERROR_BADGE}]"
    else:
        badge = f":orange-badge[:material/warning: {t.REPORT_WARNING_BADGE}]"
    path = Path(problem.file)
    where = t.REPORT_WHERE.format(file=md(path.name), line=problem.line, column=problem.column)
    with st.container(border=True):
        st.markdown(f"{badge} **{md(title(problem.code))}** · {where}")
        st.markdown(md(problem.message))
        if problem.hint:
            st.markdown(f"**{t.REPORT_HINT}** {md(problem.hint)}")
        if excerpt:
            st.code(excerpt, language=None)
        small = t.REPORT_CODE.format(code=problem.code)
        link = edit_url(settings, path.name, problem.line) if path.parent == folder else None
        if link:
            small += f" · [{t.REPORT_EDIT.format(line=problem.line)}]({link})"
        st.caption(small)


def _show_problems(problems: list[Problem], settings: CorrectionSettings, folder: Path) -> None:
    shown = problems[:REPORT_DETAIL_LIMIT]
    excerpts = source_excerpts(shown)
    for problem in shown:
        _show_problem(problem, excerpts[problem], settings, folder)
    if len(problems) > len(shown):
        st.caption(t.REPORT_MORE.format(shown=len(shown), total=len(problems)))


def show_report(result: LoadResult, folder: Path, banner: bool = True) -> None:
    """The German validation report: errors first, highlighted; warnings after them in an expander.

    Each problem shows its German title, the place, message and hint, and the line of the file with a
    caret under the column; the code stays in small print. A table of all problems closes the report.
    """
    report = result.report
    errors, warnings = report.errors, report.warnings
    if banner and not result.valid:
        st.error(t.INVALID.format(folder=folder, errors=len(errors)))
    st.subheader(t.REPORT)
    st.caption(report.summary())
    settings = correction_settings(os.environ)
    if errors:
        st.markdown(f"**{t.REPORT_ERRORS.format(n=len(errors))}**")
        _show_problems(errors, settings, folder)
    else:
        st.markdown(f":green[:material/check_circle:] {t.REPORT_NO_ERRORS}")
    if warnings:
        label = t.REPORT_WARNING_ONE if len(warnings) == 1 else t.REPORT_WARNINGS.format(n=len(warnings))
        with st.expander(label, icon=":material/warning:"):
            st.caption(t.REPORT_WARNINGS_NOTE)
            _show_problems(warnings, settings, folder)
    if errors or warnings:
        with st.expander(t.REPORT_TABLE):
            table = problem_table(errors + warnings)
            # The file as in the report above: its name in the data folder, not the server's full path.
            table["Datei"] = [_shown_file(Path(f), folder) for f in table["Datei"]]
            st.dataframe(table, hide_index=True, width="stretch")


def _shown_file(path: Path, folder: Path) -> str:
    return path.name if path.parent == folder else str(path)


def show_who_corrects() -> None:
    """„Wer korrigiert was?“: who keeps the data and where corrections go (the configured repository or e-mail)."""
    settings = correction_settings(os.environ)
    st.subheader(t.WHO_FIXES)
    st.markdown(t.WHO_FIXES_TEXT)
    if settings.repo_url is not None:
        st.markdown(t.WHO_FIXES_REPO.format(url=settings.repo_url))
    elif settings.email is not None:
        st.markdown(t.WHO_FIXES_MAIL.format(email=md(settings.email)))
    else:
        st.caption(t.WHO_FIXES_NONE.format(repo=ENV_REPO))


def require_context() -> Context:
    """Load the data (cached per content fingerprint); on invalid data show the report and stop the page.

    „Today“ comes from :mod:`graph.data.clock`; when it is not the real date the sidebar says which day is used.
    """
    folder = data_dir()
    try:
        clock_inputs = clock.inputs()
    except clock.ClockError as exc:
        st.error(str(exc))
        st.stop()
    fingerprint = data_fingerprint(folder)
    result = _load(str(folder), fingerprint, clock_inputs)
    if result.dataset is None:
        last = _last_valid().get(str(folder))
        if last is None:
            show_report(result, folder)
            show_who_corrects()
            st.stop()
        st.warning(t.STALE_DATA.format(folder=folder, errors=len(result.report.errors)))
        with st.expander(t.STALE_REPORT):
            show_report(result, folder, banner=False)
        fingerprint, result = last
    else:
        _last_valid()[str(folder)] = (fingerprint, result)
    assert result.dataset is not None
    today = result.today or clock.resolve(result.dataset)
    if note := today.note():
        st.sidebar.caption(note, help=t.CLOCK_HELP)
    graph = _graph(fingerprint, result.dataset)
    return Context(folder, fingerprint, result, result.dataset, graph, today.day)


def _login_configured() -> bool:
    try:
        return "auth" in st.secrets
    except FileNotFoundError:  # no secrets.toml at all: login is simply not set up
        return False


def require_login() -> None:
    """With an ``[auth]`` section in ``.streamlit/secrets.toml``, only signed-in users see the pages (OIDC).

    Without it the app relies on the reverse proxy in front of it (docs/betrieb.md).
    """
    if not _login_configured():
        return
    if not st.user.get("is_logged_in", False):
        st.title(t.APP_TITLE)
        st.info(t.LOGIN_INFO)
        st.button(t.LOGIN_BUTTON, on_click=st.login, type="primary")
        st.stop()
    st.sidebar.button(t.LOGOUT_BUTTON, on_click=st.logout)


def url_state(ctx: Context) -> ViewState:
    """The view encoded in the URL; dropped values are shown as German warnings."""
    state, notices = decode(st.query_params.to_dict(), ctx.dataset)
    for notice in notices:
        st.warning(_MD_INLINE.sub(r"\\\1", notice))  # notices quote the link: a crafted link must not add markup
    return state


def write_url(state: ViewState, today: dt.date, extra: dict[str, str] | None = None) -> None:
    """Put the view (and ``extra`` page parameters) into the URL, only when it changed (no needless history)."""
    params = encode(state, today) | (extra or {})
    if params != st.query_params.to_dict():
        st.query_params.from_dict(params)


#: vis-network's script as a static file of the app (``server.enableStaticServing``). Relative, so it
#: also resolves behind a reverse proxy with a path prefix: maps are srcdoc frames with the page's base URL.
VIS_SCRIPT_URL = f"./app/static/{VIS_SCRIPT}"
_VIS_SCRIPT_FILE = Path(__file__).resolve().parent.parent / "static" / VIS_SCRIPT


def _vis_script_served() -> bool:
    """True when the app serves vis-network itself; otherwise each map carries the script inline (still offline)."""
    return bool(st.get_option("server.enableStaticServing")) and _VIS_SCRIPT_FILE.is_file()


@st.cache_resource(show_spinner=False, max_entries=64)
def _map_html(key: str, _graph: nx.MultiDiGraph, _ctx: Context, _options: MapOptions, local: bool) -> str:
    del key  # the cache key: data version, view and options
    positions = layout_positions(_graph, scale=local_scale(_graph.number_of_nodes())) if local else _ctx.positions
    return map_html(_graph, _ctx.dataset.vocabulary, positions, _options)


def render_map(
    ctx: Context,
    graph: nx.MultiDiGraph,
    view_key: str,
    options: MapOptions,
    local: bool = False,
    alt: str = t.MAP_ALT_DEFAULT,
) -> str:
    """Show the map of ``graph`` in an iframe; the HTML is cached so the iframe survives reruns.

    ``local`` lays out just this graph (for small ego maps) instead of reusing the whole network's layout;
    ``alt`` is the frame's title, its name for screen readers.
    """
    if _vis_script_served():
        options = replace(options, script_src=VIS_SCRIPT_URL)
    page = _map_html(f"{ctx.fingerprint}|{view_key}|{options!r}|{local}", graph, ctx, options, local)
    st.iframe(page, height=options.height + 4, alt=alt)
    return page


@dataclass(frozen=True)
class MetricResult:
    """Per-actor metrics and network figures (whole network, per actor kind, per Stadtbezirk) for one option set."""

    actors: list[dict[str, Any]]
    network: dict[str, Any]
    kinds: list[dict[str, Any]]
    bezirke: list[dict[str, Any]]


@st.cache_resource(show_spinner=t.COMPUTING, max_entries=32)
def _metrics(
    fingerprint: str, as_of: dt.date, types: tuple[str, ...] | None, weighted: bool, _dataset: Dataset
) -> MetricResult:
    del fingerprint  # only part of the cache key
    h = metric_graph(build_graph(_dataset, as_of=as_of), types=types, weighted=weighted)
    return MetricResult(actor_metrics(h), network_figures(h), group_figures(h, "kind"), group_figures(h, "stadtbezirk"))


def metrics(
    ctx: Context, as_of: dt.date | None = None, types: tuple[str, ...] | None = None, weighted: bool = False
) -> MetricResult:
    """Metrics on ``as_of`` (default today), cached per data version and options; shared by all sessions: read only."""
    return _metrics(ctx.fingerprint, as_of or ctx.today, types, weighted, ctx.dataset)


@st.cache_resource(show_spinner=t.COMPUTING, max_entries=32)
def _gaps(fingerprint: str, as_of: dt.date, months: int, level: str, _dataset: Dataset) -> dict[str, Any]:
    del fingerprint  # only part of the cache key
    return gap_report(_dataset, as_of, months=months, level=level)


def gaps(ctx: Context, as_of: dt.date, months: int, level: str) -> dict[str, Any]:
    """The gap report, cached per data version and options; shared by all sessions: read only."""
    return _gaps(ctx.fingerprint, as_of, months, level, ctx.dataset)


@st.cache_resource(show_spinner=t.COMPUTING, max_entries=32)
def _what_if(
    fingerprint: str,
    as_of: dt.date,
    remove: tuple[str, ...],
    programme: str | None,
    end: dt.date | None,
    _dataset: Dataset,
) -> dict[str, list[dict[str, Any]]]:
    del fingerprint  # only part of the cache key
    return what_if(_dataset, as_of, remove=remove, programme=programme, programme_end=end)


def what_if_report(
    ctx: Context, as_of: dt.date, remove: tuple[str, ...], programme: str | None, end: dt.date | None
) -> dict[str, list[dict[str, Any]]]:
    """The what-if comparison (actors removed, a programme ended), cached per data version and scenario; read only."""
    return _what_if(ctx.fingerprint, as_of, remove, programme, end, ctx.dataset)


@st.cache_resource(show_spinner=t.COMPUTING, max_entries=4)
def _referral_index(fingerprint: str, _dataset: Dataset) -> ReferralIndex:
    del fingerprint  # only part of the cache key
    return build_referral_index(_dataset)


def referral_index(ctx: Context) -> ReferralIndex:
    """The referral index of the data version (shared by every session: read only)."""
    return _referral_index(ctx.fingerprint, ctx.dataset)


def profile_url(actor: str) -> str:
    """Relative link to an actor's profile, for link columns in tables."""
    return f"akteure?actor={quote(str(actor), safe='')}"


def german_chart(chart: alt.Chart | alt.LayerChart) -> alt.Chart | alt.LayerChart:
    """The chart with German number and date formats on axes, legends and tooltips (``0,25``, ``1.234``).

    Apply it last, right before ``st.altair_chart``: a configured chart can no longer be layered.

    Examples
    --------
    >>> german_chart(alt.Chart().mark_bar()).to_dict()["config"]["locale"]["number"]["decimal"]
    ','
    """
    return chart.configure(locale=VEGA_LOCALE)


def to_xlsx(table: pd.DataFrame, sheet: str) -> bytes:
    """An Excel workbook with one sheet holding ``table`` (formulas stay text, ja/nein, dates TT.MM.JJJJ)."""
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        xlsx_table(spreadsheet_safe(table)).to_excel(writer, sheet_name=sheet[:31], index=False)
        for row in writer.sheets[sheet[:31]].iter_rows():  # pandas' openpyxl writer ignores date_format
            for cell in row:
                if isinstance(cell.value, dt.date):
                    cell.number_format = XLSX_DATE_FORMAT
    return out.getvalue()
