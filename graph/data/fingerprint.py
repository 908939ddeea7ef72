"""A short fingerprint of a data folder, used by the app to key its caches."""

from __future__ import annotations

import hashlib
from pathlib import Path

from graph.data.loader import DATA_FILES, META_FILE
from graph.data.pathways import PATHWAYS_FILE

__all__ = ["data_fingerprint"]


def data_fingerprint(data_dir: str | Path) -> str:
    """Hash of the data files' contents, ``meta.yaml`` included (missing files count as empty).

    Content rather than modification time, so that a ``git pull`` that changes a
    file is always seen and a mere ``touch`` does not throw the caches away.

    Parameters
    ----------
    data_dir : str or Path
        The data folder (``actors.yaml``, ``relations.yaml``, ``vocabulary.yaml`` and optionally ``meta.yaml``).

    Returns
    -------
    str
        The first 16 hex digits of a SHA-256 over the file names and contents.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> before = data_fingerprint(d)
    >>> _ = (d / "actors.yaml").write_text("[]", encoding="utf-8")
    >>> before == data_fingerprint(d), len(before)
    (False, 16)
    """
    digest = hashlib.sha256()
    for name in (*DATA_FILES, META_FILE, PATHWAYS_FILE):
        path = Path(data_dir) / name
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.is_file() else b"\0missing")
    return digest.hexdigest()[:16]
