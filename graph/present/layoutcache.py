"""The whole network's map layout on disk, one file per data version, so that a restarted app does not lay out again.

The folder, the atomic write that several app processes can share and the pruning of old versions are
:mod:`graph.data.diskcache`'s. A file that cannot be read or does not fit the graph is ignored and the layout
computed again; a folder that cannot be written only costs the time of computing.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import networkx as nx

from graph.data import diskcache
from graph.data.diskcache import CACHE_ENV, cache_dir
from graph.present.mapview import layout_positions

__all__ = ["CACHE_ENV", "LAYOUT_VERSION", "cache_dir", "cached_layout"]

#: Part of every file name: change it when the layout's algorithm or parameters change, so old files are not used.
LAYOUT_VERSION = "igraph-fr-1"

Positions = dict[str, tuple[float, float]]


def cached_layout(graph: nx.MultiDiGraph, fingerprint: str, folder: Path | None = None) -> Positions:
    """:func:`~graph.present.mapview.layout_positions` of ``graph``, read from disk when this data version has one.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The whole network of the data version (never changed here).
    fingerprint : str
        :func:`graph.data.fingerprint.data_fingerprint` of the data ``graph`` was built from.
    folder : pathlib.Path, optional
        Cache folder; default :func:`cache_dir`.

    Returns
    -------
    dict
        Actor id -> (x, y), equal to ``layout_positions(graph)``.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> first = cached_layout(g, "abc123", folder)
    >>> [p.name for p in folder.iterdir()]
    ['layout-igraph-fr-1-abc123.json']
    >>> cached_layout(g, "abc123", folder) == first == layout_positions(g)
    True
    """
    path = (folder or cache_dir()) / f"layout-{LAYOUT_VERSION}-{fingerprint}.json"
    found = _read(path, {str(v) for v in graph})
    if found is not None:
        return found
    positions = layout_positions(graph)
    _write(path, positions)
    return positions


def _read(path: Path, nodes: set[str]) -> Positions | None:
    """The positions in ``path`` if it holds exactly one finite (x, y) per node, else ``None``."""
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # missing, unreadable, not UTF-8, not JSON
        return None
    if not isinstance(found, dict) or set(found) != nodes:
        return None
    positions: Positions = {}
    for node, xy in found.items():
        if not (isinstance(xy, list) and len(xy) == 2 and all(_finite(c) for c in xy)):
            return None
        positions[node] = (float(xy[0]), float(xy[1]))
    return positions


def _finite(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _write(path: Path, positions: Positions) -> None:
    """Write atomically; failing to write is no error (it is a cache)."""
    if diskcache.write_bytes(path, json.dumps(positions, separators=(",", ":")).encode("utf-8")):
        diskcache.prune(path.parent, "layout-*.json")
