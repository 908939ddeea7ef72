"""Pause Python's cyclic garbage collector while a large structure is built."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused"]

_lock = threading.Lock()
_state = {"depth": 0, "was_enabled": False}


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic collector for the ``with`` block; reference counting goes on.

    Composing a large data file creates about a million YAML nodes and building its graph
    hundreds of thousands of dicts; every few hundred allocations the collector would walk
    all of them again, which at 10,000 actors is more than half of the load time. Nothing
    built here forms reference cycles, so reference counting frees everything as usual.
    Counted under a lock, so concurrent loads (Streamlit sessions) restore the collector
    exactly once, when the last of them ends, and only if it was on before.

    Yields
    ------
    None
        Control passes to the ``with`` block while the collector is off.

    Examples
    --------
    >>> import gc
    >>> with gc_paused():
    ...     gc.isenabled()
    False
    """
    with _lock:
        if _state["depth"] == 0:
            _state["was_enabled"] = gc.isenabled()
            gc.disable()
        _state["depth"] += 1
    try:
        yield
    finally:
        with _lock:
            _state["depth"] -= 1
            if _state["depth"] == 0 and _state["was_enabled"]:
                gc.enable()
