"""The whole network's map layout on disk, one file per data version, so that a restarted app does not lay out again.

The folder is ``$NETZWERKKARTE_CACHE``, else ``.cache/netzwerkkarte`` in the repository (outside ``data/``,
ignored by Git). Several app processes may share it: a file is written under a temporary name in the same
folder and renamed into place (``os.replace``), so a reader sees the old file, the new one or none, never
half of one. A file that cannot be read or does not fit the graph is ignored and the layout computed
again; a folder that cannot be written only costs the time of computing.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from graph.present.mapview import layout_positions

__all__ = ["CACHE_ENV", "LAYOUT_VERSION", "cache_dir", "cached_layout"]

#: Environment variable naming the cache folder.
CACHE_ENV = "NETZWERKKARTE_CACHE"
#: Part of every file name: change it when the layout's algorithm or parameters change, so old files are not used.
LAYOUT_VERSION = "igraph-fr-1"
_REPO = Path(__file__).resolve().parents[2]

Positions = dict[str, tuple[float, float]]


def cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The cache folder: ``$NETZWERKKARTE_CACHE`` if set, else ``.cache/netzwerkkarte`` in the repository.

    Parameters
    ----------
    environ : mapping, optional
        The environment to look in; default ``os.environ``.

    Returns
    -------
    pathlib.Path
        The folder (it need not exist yet).

    Examples
    --------
    >>> str(cache_dir({CACHE_ENV: "/tmp/karte-cache"}))
    '/tmp/karte-cache'
    >>> cache_dir({}).parts[-2:]
    ('.cache', 'netzwerkkarte')
    """
    configured = (os.environ if environ is None else environ).get(CACHE_ENV)
    return Path(configured) if configured else _REPO / ".cache" / "netzwerkkarte"


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
    """Write atomically (temporary file in the same folder, then ``os.replace``); failing to write is no error."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, prefix=".layout-", suffix=".tmp", delete=False
        ) as out:
            temporary = Path(out.name)
            json.dump(positions, out, separators=(",", ":"))
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink()
