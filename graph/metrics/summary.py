"""One German sentence per metric section that states its finding with numbers (who leads, how the network looks)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from graph.metrics.info import METRIC_INFO

__all__ = [
    "group_summary",
    "metric_summary",
    "network_summary",
]

#: Per metric: sentence for one leader and for several, with ``{who}`` and ``{value}``.
_SENTENCES: dict[str, tuple[str, str]] = {
    "neighbours": (
        "{who} hat die meisten direkten Partner: {value}.",
        "{who} haben die meisten direkten Partner: je {value}.",
    ),
    "degree": (
        "{who} ist am breitesten vernetzt: direkt verbunden mit {value} aller anderen Akteure.",
        "{who} sind am breitesten vernetzt: je direkt verbunden mit {value} aller anderen Akteure.",
    ),
    "in_degree": (
        "Zu {who} führen die meisten gerichteten Beziehungen: von {value} der anderen Akteure.",
        "Zu {who} führen die meisten gerichteten Beziehungen: je von {value} der anderen Akteure.",
    ),
    "out_degree": (
        "Von {who} gehen die meisten gerichteten Beziehungen aus: zu {value} der anderen Akteure.",
        "Von {who} gehen die meisten gerichteten Beziehungen aus: je zu {value} der anderen Akteure.",
    ),
    "betweenness": (
        "{who} ist der wichtigste Brückenakteur: {value} der kürzesten Wege zwischen zwei anderen Akteuren "
        "führen hier durch.",
        "{who} sind die wichtigsten Brückenakteure: durch jeden führen {value} der kürzesten Wege zwischen zwei "
        "anderen Akteuren.",
    ),
    "closeness": (
        "{who} erreicht alle anderen am schnellsten (Nähe {value}).",
        "{who} erreichen alle anderen am schnellsten (je Nähe {value}).",
    ),
    "harmonic": (
        "{who} erreicht die meisten Akteure in wenigen Schritten (harmonische Nähe {value}).",
        "{who} erreichen die meisten Akteure in wenigen Schritten (je harmonische Nähe {value}).",
    ),
    "eigenvector": (
        "Den größten Einfluss hat {who}: verbunden mit Partnern, die selbst gut vernetzt sind (Einfluss {value}).",
        "Den größten Einfluss haben {who}: verbunden mit Partnern, die selbst gut vernetzt sind (je Einfluss {value}).",
    ),
    "core": (
        "Den dichtesten Kern bildet {who}: mindestens {value} Partner im selben Kern.",
        "Den dichtesten Kern bilden {who}: jeder hat dort mindestens {value} Partner.",
    ),
    "constraint": (
        "Am stärksten abhängig ist {who}: wenige Partner, die eng untereinander verbunden sind (Abhängigkeit {value}).",
        "Am stärksten abhängig sind {who}: wenige Partner, die eng untereinander verbunden sind "
        "(je Abhängigkeit {value}).",
    ),
    "effective_size": (
        "{who} hat die meisten Kontakte, die sich nicht untereinander kennen: {value}.",
        "{who} haben die meisten Kontakte, die sich nicht untereinander kennen: je {value}.",
    ),
    "reach2": (
        "{who} erreicht in zwei Schritten die meisten Akteure: {value}.",
        "{who} erreichen in zwei Schritten die meisten Akteure: je {value}.",
    ),
}
_COUNTS = ("neighbours", "core", "reach2")
_SHARES = ("degree", "in_degree", "out_degree", "betweenness")
#: Up to this many tied leaders are named; more are counted.
_NAMED = 3


def _number(value: float, digits: int = 2) -> str:
    """German decimal comma: ``0,25``."""
    return f"{value:.{digits}f}".replace(".", ",")


def _value(metric: str, value: float) -> str:
    if metric in _COUNTS:
        return str(int(value))
    if metric in _SHARES:
        return f"{round(value * 100)} %"
    if metric == "effective_size":
        return _number(value, 1)
    return _number(value)


def _names(names: list[str]) -> str:
    """``A``, ``A und B``, ``A, B und C``; more: ``5 Akteure, darunter A und B``."""
    if len(names) > _NAMED:
        return f"{len(names)} Akteure, darunter {names[0]} und {names[1]}"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " und " + names[-1]


def metric_summary(metric: str, rows: list[dict[str, Any]]) -> str:
    """One German sentence naming the actor(s) with the highest value of ``metric`` and that value.

    Parameters
    ----------
    metric : str
        A key of :data:`METRIC_INFO`.
    rows : list of dict
        Rows of :func:`graph.metrics.actor_metrics` (``name`` and the metric).

    Returns
    -------
    str
        The finding; shares as per cent, counts as whole numbers, other values with a decimal comma.
        Ties are named together (more than three are counted). For ``community`` the number and size of
        the groups instead; a fixed sentence when no row has a value or the highest value is 0.

    Raises
    ------
    ValueError
        When ``metric`` is not a key of :data:`METRIC_INFO`.

    Examples
    --------
    >>> rows = [{"name": "Netzwerkstelle", "neighbours": 14}, {"name": "Schule", "neighbours": 3}]
    >>> metric_summary("neighbours", rows)
    'Netzwerkstelle hat die meisten direkten Partner: 14.'
    >>> metric_summary("betweenness", [{"name": "A", "betweenness": 0.5}, {"name": "B", "betweenness": 0.5}])
    'A und B sind die wichtigsten Brückenakteure: durch jeden führen 50 % der kürzesten Wege zwischen zwei anderen Akteuren.'
    >>> metric_summary("community", [{"name": "A", "community": 1}, {"name": "B", "community": 1}])
    'Das Netz bildet 1 Gruppe aus 2 Akteuren.'
    """
    if metric not in METRIC_INFO:
        raise ValueError(f"unknown metric {metric!r}")
    label = METRIC_INFO[metric].label
    if metric == "community":
        sizes = Counter(r[metric] for r in rows if r.get(metric) is not None)
        if not sizes:
            return "Es gibt keine Akteure."
        largest = max(sizes.values())
        if len(sizes) == 1:
            return f"Das Netz bildet 1 Gruppe aus {largest} Akteuren."
        return f"Das Netz zerfällt in {len(sizes)} Gruppen; die größte umfasst {largest} Akteure."
    values = [r for r in rows if r.get(metric) is not None]
    if not values:
        return f"{label}: Für keinen Akteur gibt es hier einen Wert."
    best = max(r[metric] for r in values)
    if best == 0:
        return f"{label}: Alle Akteure haben den Wert 0."
    leaders = sorted((r["name"] for r in values if abs(r[metric] - best) <= 1e-9), key=str.casefold)
    singular, plural = _SENTENCES[metric]
    template = singular if len(leaders) == 1 else plural
    return template.format(who=_names(leaders), value=_value(metric, best))


def network_summary(figures: Mapping[str, Any]) -> str:
    """One German sentence on the whole network: size, parts, and the distance within the largest part.

    Parameters
    ----------
    figures : mapping
        Figures of :func:`graph.metrics.network_figures`: ``actors``, ``relations``, ``components`` and
        ``largest_component`` are read, ``average_path_length`` (``None`` or missing: no distance stated).

    Returns
    -------
    str
        The sentence, with the average distance to one decimal (decimal comma); ``Das Netz ist leer.``
        without actors.

    Examples
    --------
    >>> network_summary({"actors": 5, "relations": 6, "components": 2, "largest_component": 4,
    ...                  "average_path_length": 1.5})
    '5 Akteure mit 6 Beziehungen in 2 getrennten Teilen; im größten (4 Akteure) liegen zwei Akteure im Mittel 1,5 Schritte auseinander.'
    >>> network_summary({"actors": 0, "relations": 0, "components": 0, "largest_component": 0,
    ...                  "average_path_length": None})
    'Das Netz ist leer.'
    """
    actors, relations, parts = figures["actors"], figures["relations"], figures["components"]
    if not actors:
        return "Das Netz ist leer."
    if actors == 1:  # a relation needs two actors (self-relations are invalid)
        return "1 Akteur, ohne Beziehung zu anderen."
    start = f"{actors} Akteure mit {relations} {'Beziehung' if relations == 1 else 'Beziehungen'}"
    path = figures.get("average_path_length")
    steps = f"zwei Akteure im Mittel {_number(path, 1)} Schritte auseinander" if path is not None else ""
    if parts == 1:
        return f"{start}, alle miteinander verbunden" + (f"; dabei liegen {steps}." if steps else ".")
    largest = figures["largest_component"]
    where = f"im größten ({largest} {'Akteur' if largest == 1 else 'Akteure'}) liegen {steps}" if steps else ""
    return f"{start} in {parts} getrennten Teilen" + (f"; {where}." if where else ".")


def group_summary(rows: list[dict[str, Any]], labels: Mapping[Any, str]) -> str:
    """One German sentence on groups of actors (per kind, per Stadtbezirk): who is most closely knit.

    Parameters
    ----------
    rows : list of dict
        Rows of :func:`graph.metrics.group_figures`.
    labels : mapping
        German label per group value; a group without a label is shown as ``str(group)``.

    Returns
    -------
    str
        Names the group with the highest density among groups of more than one actor (ties: the larger
        group) and counts the groups without any tie; a fixed sentence when no group has more than one
        actor or none has a tie.

    Examples
    --------
    >>> rows = [{"group": "a", "actors": 3, "ties": 3, "density": 1.0}, {"group": "b", "actors": 4, "ties": 0,
    ...          "density": 0.0}]
    >>> group_summary(rows[1:], {})
    'In keiner Gruppe gibt es Beziehungen untereinander.'
    >>> group_summary(rows, {"a": "Schulen", "b": "Träger"})
    'Am dichtesten untereinander vernetzt: Schulen (Dichte 1,00); in 1 Gruppe gibt es keine Beziehung untereinander.'
    """
    groups = [r for r in rows if r["actors"] > 1]
    if not groups:
        return "Keine Gruppe hat mehr als einen Akteur."
    top = max(groups, key=lambda r: (r["density"], r["actors"]))
    if not top["ties"]:
        return "In keiner Gruppe gibt es Beziehungen untereinander."
    unlinked = sum(1 for r in groups if r["ties"] == 0)
    sentence = f"Am dichtesten untereinander vernetzt: {labels.get(top['group'], str(top['group']))} "
    sentence += f"(Dichte {_number(top['density'])})"
    if not unlinked:
        return sentence + "."
    return (
        sentence + f"; in {unlinked} {'Gruppe' if unlinked == 1 else 'Gruppen'} gibt es keine Beziehung untereinander."
    )
