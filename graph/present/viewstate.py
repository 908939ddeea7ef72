"""Encode a view (filters and selected actor) as URL query parameters and read it back safely."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from graph.data.model import Dataset
from graph.present.viewfilter import MAX_RADIUS, ViewFilter

__all__ = ["PARAMS", "ViewState", "decode", "encode"]

#: Query parameter -> (ViewFilter field, vocabulary list) for the list-valued filters.
PARAMS: dict[str, tuple[str, str]] = {
    "kind": ("kinds", "actor_kinds"),
    "bezirk": ("stadtbezirke", "stadtbezirke"),
    "district": ("districts", "districts"),
    "topic": ("topics", "topics"),
    "type": ("relation_types", "relation_types"),
}
_WHAT = {
    "kind": "Akteursart",
    "bezirk": "Stadtbezirk",
    "district": "Stadtteil",
    "topic": "Thema",
    "type": "Beziehungsart",
}


@dataclass(frozen=True)
class ViewState:
    """Everything a shared link restores: the filters and the selected actor."""

    filter: ViewFilter = field(default_factory=ViewFilter)
    actor: str | None = None


def encode(state: ViewState, today: dt.date | None = None) -> dict[str, str]:
    """Return the query parameters of a view; defaults are left out so links stay short.

    ``as_of`` is left out when it equals ``today``, so that a shared link always shows the current state.

    Parameters
    ----------
    state : ViewState
        The filters and the selected actor.
    today : datetime.date, optional
        The day the app shows by default; an equal ``as_of`` is left out.

    Returns
    -------
    dict of str to str
        ``kind``, ``bezirk``, ``district``, ``topic``, ``type`` (comma-separated ids), ``as_of`` (``JJJJ-MM-TT``),
        ``isolated`` (``hide``), ``actor`` and ``ego`` (the radius, only when the ego view is centred on the
        selected actor); each only when set.

    Examples
    --------
    >>> encode(ViewState(ViewFilter(kinds=("schule", "traeger"), hide_isolated=True), "gs-a"))
    {'kind': 'schule,traeger', 'isolated': 'hide', 'actor': 'gs-a'}
    >>> encode(ViewState(ViewFilter(ego="gs-a", radius=2, as_of=dt.date(2025, 1, 31)), "gs-a"))
    {'as_of': '2025-01-31', 'actor': 'gs-a', 'ego': '2'}
    """
    view = state.filter
    params = {key: ",".join(getattr(view, attr)) for key, (attr, _) in PARAMS.items() if getattr(view, attr)}
    if view.as_of is not None and view.as_of != today:
        params["as_of"] = view.as_of.isoformat()
    if view.hide_isolated:
        params["isolated"] = "hide"
    if state.actor:
        params["actor"] = state.actor
    if view.ego is not None and view.ego == state.actor:
        params["ego"] = str(view.radius)
    return params


def _terms(key: str, raw: str, allowed: Mapping[str, object], notices: list[str]) -> tuple[str, ...]:
    values = [v.strip() for v in raw.split(",") if v.strip()]
    unknown = [v for v in values if v not in allowed]
    if unknown:
        notices.append(
            f"{_WHAT[key]} {', '.join(repr(v) for v in unknown)} aus dem Link ist unbekannt und wurde ignoriert."
        )
    return tuple(dict.fromkeys(v for v in values if v in allowed))


def _date(raw: str | None, notices: list[str]) -> dt.date | None:
    if raw is None:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        notices.append(f"Das Datum {raw!r} aus dem Link ist ungültig (erwartet JJJJ-MM-TT) und wurde ignoriert.")
        return None


def _radius(raw: str, notices: list[str]) -> int | None:
    if raw.isdigit() and 1 <= int(raw) <= MAX_RADIUS:
        return int(raw)
    notices.append(
        f"Die Umfeld-Tiefe {raw!r} aus dem Link ist ungültig (erlaubt 1 bis {MAX_RADIUS}) und wurde ignoriert."
    )
    return None


def decode(params: Mapping[str, str], dataset: Dataset) -> tuple[ViewState, list[str]]:
    """Read a view from query parameters; anything unknown is dropped with a German notice.

    Parameters
    ----------
    params : mapping of str to str
        The query parameters (e.g. ``st.query_params.to_dict()``).
    dataset : Dataset
        Allowed values come from its vocabulary and actors.

    Returns
    -------
    (ViewState, list of str)
        The view and one German notice per dropped value; never raises on bad input.

    Examples
    --------
    >>> from graph.data.model import Actor, Term, Vocabulary
    >>> ds = Dataset(Vocabulary({"actor_kinds": {"schule": Term("schule", "Schule")}}), {"a": Actor("a", "A", "schule")}, ())
    >>> state, notices = decode({"kind": "schule,zoo", "actor": "a", "ego": "9"}, ds)
    >>> state.filter.kinds, state.actor, state.filter.ego, notices[0]
    (('schule',), 'a', None, "Akteursart 'zoo' aus dem Link ist unbekannt und wurde ignoriert.")
    """
    notices: list[str] = []
    vocabulary = dataset.vocabulary
    lists = {
        attr: _terms(key, params[key], vocabulary.terms(name), notices)
        for key, (attr, name) in PARAMS.items()
        if key in params
    }
    view = replace(ViewFilter(), **lists)  # type: ignore[arg-type]
    view = replace(view, as_of=_date(params.get("as_of"), notices), hide_isolated=params.get("isolated") == "hide")
    actor = params.get("actor")
    if actor is not None and actor not in dataset.actors:
        notices.append(f"Akteur {actor!r} aus dem Link gibt es nicht (mehr) in den Daten.")
        actor = None
    radius = _radius(params["ego"], notices) if "ego" in params else None
    if radius is not None and actor is not None:
        view = replace(view, ego=actor, radius=radius)
    return ViewState(view, actor), notices
