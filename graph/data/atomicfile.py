"""Replace a file so that readers never see half of it: the one atomic write of ``graph/``.

Data files (``fmt``, ``import``), JSON schemas and the app's disk cache are all written under a temporary name in
the same folder and renamed into place (``os.replace``): a reader sees the old file or the new one, never a mix,
also when several processes write at once.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

__all__ = ["write_atomic"]


def _umask() -> int:
    # Linux reports the umask without changing it; elsewhere it can only be read by setting it (and straight back),
    # which would briefly affect files other threads create.
    with contextlib.suppress(OSError, ValueError, StopIteration):
        status = Path("/proc/self/status").read_text(encoding="ascii").splitlines()
        return int(next(line for line in status if line.startswith("Umask:")).split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and ``os.replace``.

    An existing file keeps its permission bits, a new one gets what ``open`` would give it (0666 less the umask);
    readers never see a half-written file.

    Parameters
    ----------
    path : Path
        The file to write; its folder must exist.
    text : str or bytes
        The new content: text as UTF-8 with its line ends untranslated, bytes as they are.

    Raises
    ------
    OSError
        When writing or replacing fails; the temporary file is removed first.

    Examples
    --------
    >>> d = Path(tempfile.mkdtemp()); write_atomic(d / "x.yaml", "a: 1\\n"); (d / "x.yaml").read_text()
    'a: 1\\n'
    """
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(text.encode("utf-8") if isinstance(text, str) else text)
        os.chmod(temp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
