"""Run one function in a second Python process while this one does other work.

Composing YAML and checking entries hold the interpreter lock, so on our two cores two
files can only be read at the same time by two processes. :func:`start` runs a function
of this package in a fresh interpreter (arguments and result travel pickled through a
pipe); :meth:`Pending.result` returns what it returned. If the second process cannot be
started or fails, the function runs here instead: a failure costs time, never data.

We start the interpreter ourselves rather than through :mod:`multiprocessing`: under
Streamlit its ``spawn`` re-imports the server's ``__main__`` and ``fork`` copies a process
with running threads. The child imports only the module of the function (``graph``'s
``__init__`` imports nothing eagerly), so it starts in about 0.1 s.
"""

from __future__ import annotations

import base64
import importlib
import logging
import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

from graph.data.gcpause import gc_paused

__all__ = ["Pending", "start"]

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Seconds to wait for the second process once this one has done its own part.
TIMEOUT = 300.0

_ROOT = str(Path(__file__).resolve().parents[2])


class Pending(Generic[T]):
    """A function call running in a second process; :meth:`result` waits for it."""

    def __init__(self, func: Callable[..., T], args: tuple[Any, ...], process: subprocess.Popen[bytes] | None) -> None:
        self._func, self._args, self._process = func, args, process
        self._parallel = process is not None

    @property
    def parallel(self) -> bool:
        """True when a second process was started for the call (even if it then failed)."""
        return self._parallel

    def result(self) -> T:
        """The call's result; computed here if the second process failed."""
        if self._process is None:
            return self._func(*self._args)
        process, self._process = self._process, None
        try:
            out, err = process.communicate(timeout=TIMEOUT)
            if process.returncode == 0:
                result: T = pickle.loads(out)  # written by our own child process
                return result
            log.warning("Zweiter Prozess endete mit %s: %s", process.returncode, err[-500:].decode(errors="replace"))
        except (
            subprocess.TimeoutExpired,
            pickle.UnpicklingError,
            EOFError,
            ValueError,
            TypeError,
            AttributeError,
        ) as exc:
            process.kill()
            process.communicate()
            log.warning("Zweiter Prozess unbrauchbar (%s); rechne selbst.", exc)
        return self._func(*self._args)


def start(func: Callable[..., T], *args: Any, parallel: bool = True) -> Pending[T]:
    """Start ``func(*args)`` in a second process (or, with ``parallel=False``, later in this one).

    Parameters
    ----------
    func : callable
        A module-level function of this package; its arguments and result must pickle.
    *args
        Its arguments.
    parallel : bool
        False runs the call in this process when :meth:`Pending.result` is called; also
        the case on a machine with a single core, where a second process cannot help.

    Examples
    --------
    >>> from graph.data.suggest import did_you_mean
    >>> pending = start(did_you_mean, "schul", ["schule", "traeger"])
    >>> pending.parallel, pending.result()
    (True, "Meinten Sie 'schule'?")
    """
    if not parallel or (os.cpu_count() or 1) < 2:
        return Pending(func, args, None)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (_ROOT, os.environ.get("PYTHONPATH")) if p)}
    # The call is a few hundred bytes, so it travels as an argument (base64 of the pickle).
    call = base64.b64encode(pickle.dumps((func.__module__, func.__qualname__, args))).decode("ascii")
    try:
        process = subprocess.Popen(
            # -P: the working directory (kept, for relative data paths) must not shadow our package
            [sys.executable, "-P", "-c", "from graph.data.offload import main; main()", call],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
    except OSError as exc:
        log.warning("Zweiter Prozess nicht gestartet (%s); rechne selbst.", exc)
        return Pending(func, args, None)
    return Pending(func, args, process)


def main() -> None:
    """Entry point of the second process: a pickled call as argument, its pickled result on stdout."""
    module, name, args = pickle.loads(base64.b64decode(sys.argv[1]))
    func = getattr(importlib.import_module(module), name)
    with gc_paused():
        data = pickle.dumps(func(*args), protocol=pickle.HIGHEST_PROTOCOL)
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    # Skip the interpreter's tear-down: freeing a million objects one by one takes longer
    # than the parent needs to read the result, and the parent waits for the exit.
    os._exit(0)
