"""The validated data set on disk, one file per data version, code version and day, so that a restarted app does
not read and check 10,000 actors again (about 3 s of a cold start; unpickling takes well under 1 s).

Keyed by the data fingerprint, the day the checks use (freshness warnings depend on it) and a hash of the code that
reads and checks (``graph/data/``): a changed rule never meets an old result. The file is a pickle written by this
app into its own cache folder (:mod:`graph.data.diskcache`); whoever can write there can change the app's code too.
A file that cannot be read, or holds something else, is ignored and the data read again.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import pickle
import sys
from pathlib import Path

from graph.data import clock, diskcache
from graph.data.gcpause import gc_paused
from graph.data.loader import LoadResult, load_dataset, read_meta

__all__ = ["cached_load", "code_version"]

_PATTERN = "load-*.pickle"


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the Python version and every module of ``graph/data/``: part of each cache file's name.

    Returns
    -------
    str
        16 hex digits; the same in every process of one installation.

    Examples
    --------
    >>> len(code_version()), code_version() == code_version()
    (16, True)
    """
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def cached_load(
    data_dir: str | Path, fingerprint: str, today: dt.date | None = None, folder: Path | None = None
) -> LoadResult:
    """:func:`~graph.data.loader.load_dataset` of ``data_dir``, read from disk when this version was loaded before.

    Parameters
    ----------
    data_dir : str or Path
        The data folder, as :func:`load_dataset` takes it (file names in problems keep this spelling).
    fingerprint : str
        :func:`graph.data.fingerprint.data_fingerprint` of ``data_dir``.
    today : datetime.date, optional
        The day for the freshness checks, as for :func:`load_dataset` (default: :mod:`graph.data.clock` decides).
    folder : pathlib.Path, optional
        Cache folder; default :func:`graph.data.diskcache.cache_dir`.

    Returns
    -------
    LoadResult
        Equal to ``load_dataset(data_dir, today)``.

    Examples
    --------
    >>> import tempfile
    >>> from graph.data.fingerprint import data_fingerprint
    >>> cache = Path(tempfile.mkdtemp()); day = dt.date(2026, 11, 28)
    >>> first = cached_load("tests/data/valid", data_fingerprint("tests/data/valid"), day, cache)
    >>> len(list(cache.iterdir())), cached_load("tests/data/valid", data_fingerprint("tests/data/valid"), day, cache) == first
    (1, True)
    """
    # The day the loader will take (and where it comes from, which the app shows) is part of the name.
    day = clock.Today(today, "given") if today else clock.resolve(read_meta(Path(data_dir))[0])
    cache = folder or diskcache.cache_dir()
    name = f"{data_dir}|{fingerprint}|{day.day.isoformat()}|{day.source}|{code_version()}"
    path = cache / f"load-{hashlib.sha256(name.encode()).hexdigest()[:24]}.pickle"
    found = _read(path)
    if found is not None:
        return found
    result = load_dataset(data_dir, today=today)
    if diskcache.write_bytes(path, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)):
        diskcache.prune(cache, _PATTERN)
    return result


def _read(path: Path) -> LoadResult | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        with gc_paused():  # unpickling builds ~10^6 small objects, as loading does (graph.data.gcpause)
            found = pickle.loads(data)
    except Exception:  # a truncated or foreign file: read the data again instead
        return None
    return found if isinstance(found, LoadResult) else None
