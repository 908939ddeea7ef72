"""Tables and files of the current view: actor and relation tables, CSV (German Excel), GraphML, GEXF, file names."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import networkx as nx
import pandas as pd  # type: ignore[import-untyped]

from graph.data.freshness import freshness_state
from graph.data.model import Vocabulary
from graph.data.problems import Problem, title
from graph.data.provenance import provenance
from graph.present import formats
from graph.present.viewfilter import ViewFilter

__all__ = [
    "ACTOR_COLUMNS",
    "RELATION_COLUMNS",
    "actor_table",
    "count_table",
    "export_file_name",
    "problem_table",
    "relation_table",
    "spreadsheet_safe",
    "to_csv",
    "to_gexf",
    "to_graphml",
    "writable_graph",
]

ACTOR_COLUMNS = [
    "Kennung",
    "Name",
    "Art",
    "Stadtviertel",
    "Stadtteil",
    "Stadtbezirk",
    "Themen",
    "Beziehungen",
    "Partner",
    "Kontakt",
    "Geprüft am",
    "Veraltet",
    "Erfunden",
    "Herkunft",
]
RELATION_COLUMNS = [
    "Kennung",
    "Von",
    "Art",
    "An",
    "Gerichtet",
    "Seit",
    "Bis",
    "Themen",
    "Stärke",
    "Erfunden",
    "Herkunft",
]


def _labels(vocabulary: Vocabulary, name: str, ids: Any) -> str:
    return ", ".join(vocabulary.label(name, i) for i in ids or ())


def _contact(contact: dict[str, Any] | None) -> str:
    contact = contact or {}
    parts = [contact.get(k) for k in ("role", "phone", "email", "web")]
    return ", ".join(str(p) for p in parts if p)


def _origin(attrs: dict[str, Any], relation: bool) -> tuple[bool, str]:
    """``Erfunden`` and ``Herkunft`` of one actor or relation."""
    origin = provenance(attrs, relation=relation)
    return origin.invented, origin.full_label


def _stale(verified: dt.date | None, today: dt.date) -> bool:
    # „Veraltet“ warns the reader of a table: an entry never checked is as doubtful as a stale one.
    return freshness_state(verified, today) != "fresh"


def actor_table(graph: nx.MultiDiGraph, vocabulary: Vocabulary, today: dt.date) -> pd.DataFrame:
    """One row per actor of ``graph`` with German column names (:data:`ACTOR_COLUMNS`).

    ``Beziehungen`` counts relations in the graph, ``Partner`` distinct actors linked to,
    ``Veraltet`` is true when the entry was not verified within the last 12 months, ``Erfunden`` and
    ``Herkunft`` follow :func:`graph.data.provenance.provenance` (invented, or the source in words).

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The network (or the current view of it), as :func:`graph.data.build.build_graph` makes it.
    vocabulary : Vocabulary
        Gives the German labels of kinds, areas and topics.
    today : datetime.date
        Reference day for ``Veraltet``; an entry without ``verified`` also counts as ``Veraltet``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`ACTOR_COLUMNS`, one row per node in graph order; ``Geprüft am`` stays a date,
        ``Themen`` and ``Kontakt`` are comma-separated text.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", name="A", kind="schule", verified=dt.date(2020, 1, 1), provenance="demo")
    >>> g.add_node("b", name="B", kind="traeger", contact={"phone": "0345 1"})
    >>> _ = g.add_edge("b", "a", key="r1"); _ = g.add_edge("b", "a", key="r2")
    >>> t = actor_table(g, Vocabulary(), dt.date(2026, 1, 1))
    >>> t[["Kennung", "Beziehungen", "Partner", "Kontakt", "Veraltet", "Erfunden", "Herkunft"]].values.tolist()
    [['a', 2, 1, '', True, True, 'Erfundener Demo-Eintrag'], ['b', 2, 1, '0345 1', True, False, 'Ohne Quellenangabe']]
    """
    undirected = nx.Graph(graph.to_undirected(as_view=True))
    rows = [
        [
            node,
            attrs.get("name", node),
            vocabulary.label("actor_kinds", attrs.get("kind")),
            vocabulary.label("districts", attrs.get("district")),
            vocabulary.label("stadtteile", attrs.get("stadtteil")),
            vocabulary.label("stadtbezirke", attrs.get("stadtbezirk")),
            _labels(vocabulary, "topics", attrs.get("topics")),
            graph.degree(node),
            undirected.degree(node),
            _contact(attrs.get("contact")),
            attrs.get("verified"),
            _stale(attrs.get("verified"), today),
            *_origin(attrs, relation=False),
        ]
        for node, attrs in graph.nodes(data=True)
    ]
    return pd.DataFrame(rows, columns=ACTOR_COLUMNS)


def relation_table(graph: nx.MultiDiGraph, vocabulary: Vocabulary) -> pd.DataFrame:
    """One row per relation of ``graph`` with actor names and German labels (:data:`RELATION_COLUMNS`).

    ``Erfunden`` and ``Herkunft`` as in :func:`actor_table`: a relation without a source counts as invented.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The network (or the current view of it); every edge end must be a node.
    vocabulary : Vocabulary
        Gives the German labels of relation types and topics.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`RELATION_COLUMNS`, one row per edge in graph order; ``Kennung`` is the edge key,
        ``Von``/``An`` are actor names (the id when a node has no name), ``Gerichtet`` is true unless the edge
        says ``directed=False``.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from([("a", {"name": "A"}), ("b", {"name": "B"})])
    >>> _ = g.add_edge("b", "a", key="r", type="verweist", directed=True, since=dt.date(2024, 8, 1))
    >>> relation_table(g, Vocabulary()).loc[0, ["Kennung", "Von", "Art", "An", "Seit", "Bis"]].tolist()
    ['r', 'B', 'verweist', 'A', datetime.date(2024, 8, 1), None]
    """
    names = {n: attrs.get("name", n) for n, attrs in graph.nodes(data=True)}
    rows = [
        [
            key,
            names[u],
            vocabulary.label("relation_types", attrs.get("type")),
            names[v],
            bool(attrs.get("directed", True)),
            attrs.get("since"),
            attrs.get("until"),
            _labels(vocabulary, "topics", attrs.get("topics")),
            attrs.get("strength"),
            *_origin(attrs, relation=True),
        ]
        for u, v, key, attrs in graph.edges(keys=True, data=True)
    ]
    return pd.DataFrame(rows, columns=RELATION_COLUMNS)


def count_table(graph: nx.MultiDiGraph, vocabulary: Vocabulary, what: str) -> pd.DataFrame:
    """Number of actors per kind (``what="kinds"``) or relations per type (``what="types"``), vocabulary order.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The network (or the current view of it).
    vocabulary : Vocabulary
        Gives the order and the German labels (``actor_kinds`` or ``relation_types``).
    what : str
        ``"kinds"`` counts nodes by ``kind``; any other value counts edges by ``type``.

    Returns
    -------
    pandas.DataFrame
        Columns ``Art`` (or ``Beziehungsart``) and ``Anzahl``; only kinds or types that occur, those of the
        vocabulary in its order, then unknown ones sorted by id.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from([("a", {"kind": "schule"}), ("b", {"kind": "schule"})])
    >>> count_table(g, Vocabulary(), "kinds").values.tolist()
    [['schule', 2]]
    """
    if what == "kinds":
        name, column, values = "actor_kinds", "Art", [d.get("kind") for _, d in graph.nodes(data=True)]
    else:
        name, column, values = "relation_types", "Beziehungsart", [d.get("type") for _, _, d in graph.edges(data=True)]
    order = [t for t in vocabulary.terms(name) if t in values] + sorted(
        {str(v) for v in values} - set(vocabulary.terms(name))
    )
    rows = [[vocabulary.label(name, t), values.count(t)] for t in order]
    return pd.DataFrame(rows, columns=[column, "Anzahl"])


#: ``Problem`` is the German title of the code (as in the app's report); the code itself comes last, for look-ups.
PROBLEM_COLUMNS = ["Stufe", "Problem", "Datei", "Zeile", "Spalte", "Meldung", "Hinweis", "Code"]


def problem_table(problems: list[Problem]) -> pd.DataFrame:
    """Validation problems as a table with German column names, in the given order.

    Parameters
    ----------
    problems : list of Problem
        The problems to show.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PROBLEM_COLUMNS`; ``Stufe`` is ``Fehler`` for errors and ``Warnung`` otherwise,
        ``Problem`` the German title of the code (:func:`graph.data.problems.title`).

    Examples
    --------
    >>> p = Problem("data/actors.yaml", 3, 5, "missing-field", "Pflichtfeld 'name' fehlt.", "Ergänzen Sie name.")
    >>> problem_table([p]).loc[0, ["Stufe", "Problem", "Datei", "Code"]].tolist()
    ['Fehler', 'Pflichtfeld fehlt', 'data/actors.yaml', 'missing-field']
    """
    rows = [
        [
            "Fehler" if p.level == "error" else "Warnung",
            title(p.code),
            p.file,
            p.line,
            p.column,
            p.message,
            p.hint,
            p.code,
        ]
        for p in problems
    ]
    return pd.DataFrame(rows, columns=PROBLEM_COLUMNS)


#: First characters that make Excel or LibreOffice read a cell as a formula (CSV and xlsx alike).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(value: Any) -> Any:
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def spreadsheet_safe(table: pd.DataFrame) -> pd.DataFrame:
    """A copy in which no text cell starts a spreadsheet formula (a leading ``'`` keeps it text).

    Names and notes come from pull requests: ``=HYPERLINK(...)`` in a name would otherwise be a live
    formula in the downloaded file. Numbers stay numbers.

    Parameters
    ----------
    table : pandas.DataFrame
        Any table; only ``str`` cells are changed.

    Returns
    -------
    pandas.DataFrame
        A new table in which every text starting with one of :data:`FORMULA_START` gets a leading ``'``.

    Examples
    --------
    >>> spreadsheet_safe(pd.DataFrame({"Name": ["=1+1", "A-B"], "Wert": [-1, 2]})).values.tolist()
    [["'=1+1", -1], ['A-B', 2]]
    """
    return table.map(_inert)


def to_csv(table: pd.DataFrame) -> bytes:
    """CSV for German Excel (:mod:`graph.present.formats`): ``;``, decimal comma, ``ja``/``nein``, ``TT.MM.JJJJ``, BOM.

    Formulas are made inert first (:func:`spreadsheet_safe`), so a negative number never gets a ``'``.
    ``pandas.read_csv(path, sep=";", decimal=",")`` reads the number columns back as numbers.

    Parameters
    ----------
    table : pandas.DataFrame
        The table to write; the index is not written.

    Returns
    -------
    bytes
        The CSV text in :data:`graph.present.formats.CSV_ENCODING` (UTF-8 with BOM), lines ending in ``\\r\\n``.

    Examples
    --------
    >>> to_csv(pd.DataFrame([["Träger", 1, 0.5, True, dt.date(2026, 11, 28)]], columns=["Name", "N", "W", "A", "Am"]))
    b'\\xef\\xbb\\xbfName;N;W;A;Am\\r\\nTr\\xc3\\xa4ger;1;0,5;ja;28.11.2026\\r\\n'
    """
    text: str = formats.de_table(spreadsheet_safe(table)).to_csv(
        sep=formats.CSV_SEPARATOR, decimal=formats.CSV_DECIMAL, index=False, lineterminator=formats.CSV_LINE_END
    )
    return text.encode(formats.CSV_ENCODING)


def export_file_name(view: ViewFilter, day: dt.date, suffix: str, part: str = "") -> str:
    """File name of an export of the map view: what it shows, then the day.

    ``netzwerk-umfeld-<actor id>`` for the ego view (ids are short ASCII already),
    ``netzwerk-auswahl`` when any other filter is set, ``netzwerk-ganz`` for the whole network;
    ``part`` (e.g. ``"akteure"``) names the table of a CSV.

    Parameters
    ----------
    view : ViewFilter
        The filter of the map view.
    day : datetime.date
        Day of the view, appended as ``JJJJ-MM-TT``.
    suffix : str
        File extension without the dot, e.g. ``csv``.
    part : str
        Optional name of the exported part; left out when empty.

    Returns
    -------
    str
        The name built by :func:`graph.present.formats.file_name` (ASCII slugs joined by ``-``).

    Examples
    --------
    >>> day = dt.date(2026, 11, 28)
    >>> export_file_name(ViewFilter(ego="villa-juehling", radius=2), day, "html")
    'netzwerk-umfeld-villa-juehling-2026-11-28.html'
    >>> export_file_name(ViewFilter(), day, "csv", "akteure"), export_file_name(ViewFilter(kinds=("schule",)), day, "gexf")
    ('netzwerk-ganz-akteure-2026-11-28.csv', 'netzwerk-auswahl-2026-11-28.gexf')
    """
    if view.ego is not None:
        what = ["umfeld", view.ego]
    elif view.kinds or view.stadtbezirke or view.districts or view.topics or view.relation_types or view.hide_isolated:
        what = ["auswahl"]
    else:
        what = ["ganz"]
    return formats.file_name("netzwerk", *what, part, day=day, suffix=suffix)


def _plain(value: Any) -> str | int | float | bool | None:
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return "; ".join(str(_plain(v)) for v in value) if value else None
    if isinstance(value, dict):
        cleaned = {k: _plain(v) for k, v in value.items() if v not in (None, (), [])}
        return json.dumps(cleaned, ensure_ascii=False, sort_keys=True) if cleaned else None
    return str(value)


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    plain = {k: _plain(v) for k, v in attrs.items()}
    return {k: v for k, v in plain.items() if v is not None}


def _marks(attrs: dict[str, Any], relation: bool) -> dict[str, Any]:
    invented, label = _origin(attrs, relation)
    return {"invented": invented, "provenance_label": label}


def writable_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are only strings, numbers and booleans (what GraphML and GEXF accept).

    Dates become ISO strings (a machine format, as Gephi's timeline expects), lists ``"a; b"``, nested
    dicts JSON; empty values are left out. Every actor gets ``label`` (its name, which Gephi and yEd show
    instead of the id); every actor and relation gets ``invented`` (bool) and ``provenance_label``
    (German, as the CSV column ``Herkunft``).

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The network (or the current view of it); it is not changed.

    Returns
    -------
    networkx.MultiDiGraph
        A new graph with the same nodes and keyed edges and the converted attributes.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", topics=("x", "y"), verified=dt.date(2025, 1, 2), contact={"phone": "1", "email": None})
    >>> writable_graph(g).nodes["a"]
    {'topics': 'x; y', 'verified': '2025-01-02', 'contact': '{"phone": "1"}', 'label': 'a', 'invented': False, 'provenance_label': 'Ohne Quellenangabe'}
    """
    result = nx.MultiDiGraph()
    result.add_nodes_from(
        (n, _clean(attrs) | {"label": str(attrs.get("name") or n)} | _marks(attrs, False))
        for n, attrs in graph.nodes(data=True)
    )
    edges = graph.edges(keys=True, data=True)
    result.add_edges_from((u, v, k, _clean(attrs) | _marks(attrs, True)) for u, v, k, attrs in edges)
    return result


def to_graphml(graph: nx.MultiDiGraph) -> bytes:
    """GraphML of the graph (for Gephi, yEd, Cytoscape); each node has a ``label`` attribute with its name.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The network (or the current view of it); written via :func:`writable_graph`.

    Returns
    -------
    bytes
        The GraphML document, UTF-8 encoded.

    Examples
    --------
    >>> g = nx.MultiDiGraph([("a", "b")])
    >>> b"<graphml" in to_graphml(g)
    True
    """
    buffer = io.BytesIO()
    nx.write_graphml(writable_graph(graph), buffer, encoding="utf-8")
    return buffer.getvalue()


def to_gexf(graph: nx.MultiDiGraph) -> bytes:
    """GEXF of the graph (Gephi's own format); each node's ``label`` is its name.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The network (or the current view of it); written via :func:`writable_graph`.

    Returns
    -------
    bytes
        The GEXF document, UTF-8 encoded.

    Examples
    --------
    >>> g = nx.MultiDiGraph([("a", "b")])
    >>> b"<gexf" in to_gexf(g)
    True
    """
    buffer = io.BytesIO()
    nx.write_gexf(writable_graph(graph), buffer, encoding="utf-8")
    return buffer.getvalue()
