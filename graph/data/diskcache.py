"""The app's cache folder on disk: where it is, writing a file so that readers never see half of it, pruning.

The folder is ``$NETZWERKKARTE_CACHE``, else ``.cache/netzwerkkarte`` in the repository (outside ``data/``, ignored
by Git). Several app processes may share it: a file is written under a temporary name in the same folder and renamed
into place (``os.replace``), so a reader sees the old file, the new one or none. Files are keyed by the data
fingerprint; :func:`prune` keeps the newest few of a kind so that the folder does not grow with every data version.
Writing is best effort: a folder that cannot be written only costs the time of computing again.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from pathlib import Path

from graph.data.atomicfile import write_atomic

__all__ = ["CACHE_ENV", "KEEP", "cache_dir", "prune", "write_bytes"]

#: Environment variable naming the cache folder.
CACHE_ENV = "NETZWERKKARTE_CACHE"
#: Files of one kind kept by :func:`prune` (data versions in use at once: a few app processes, a pull in between).
KEEP = 8

_REPO = Path(__file__).resolve().parents[2]


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


def write_bytes(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` atomically (:func:`graph.data.atomicfile.write_atomic`), never failing.

    Parameters
    ----------
    path : pathlib.Path
        The cache file; its folder is created when missing.
    data : bytes
        The whole content.

    Returns
    -------
    bool
        True when the file is in place; False when the folder could not be written (no error: it is a cache).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> write_bytes(folder / "a" / "x.bin", b"42"), (folder / "a" / "x.bin").read_bytes()
    (True, b'42')
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
    except OSError:  # write_atomic has removed its temporary file
        return False
    return True


def prune(folder: Path, pattern: str, keep: int = KEEP) -> list[Path]:
    """Delete all but the ``keep`` newest files matching ``pattern`` in ``folder`` (by modification time).

    Parameters
    ----------
    folder : pathlib.Path
        The cache folder.
    pattern : str
        A glob such as ``"layout-*.json"``; only files of that kind are looked at.
    keep : int, optional
        How many of the newest files stay (default :data:`KEEP`).

    Returns
    -------
    list of pathlib.Path
        The files deleted (a file another process deleted first is skipped).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> for i in range(3):
    ...     _ = write_bytes(folder / f"load-{i}.bin", b"x"); os.utime(folder / f"load-{i}.bin", (i, i))
    >>> [p.name for p in prune(folder, "load-*.bin", keep=1)], sorted(p.name for p in folder.iterdir())
    (['load-1.bin', 'load-0.bin'], ['load-2.bin'])
    """
    found = []
    for path in folder.glob(pattern):
        with contextlib.suppress(OSError):
            found.append((path.stat().st_mtime, path))
    deleted = []
    for _, path in sorted(found, reverse=True)[keep:]:
        with contextlib.suppress(OSError):
            path.unlink()
            deleted.append(path)
    return deleted
