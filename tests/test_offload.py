"""graph.data.offload: a call in a second process gives what it gives here, and failures fall back."""

from __future__ import annotations

import logging
import sys

import pytest

from graph.data import offload
from graph.data.suggest import did_you_mean


def test_second_process_returns_the_same_result() -> None:
    pending = offload.start(did_you_mean, "schul", ["schule", "traeger"])
    assert pending.parallel
    assert pending.result() == did_you_mean("schul", ["schule", "traeger"]) == "Meinten Sie 'schule'?"


def test_without_parallel_the_call_runs_here() -> None:
    pending = offload.start(did_you_mean, "schul", ["schule"], parallel=False)
    assert not pending.parallel
    assert pending.result() == "Meinten Sie 'schule'?"


def test_an_interpreter_that_cannot_start_falls_back(monkeypatch: pytest.MonkeyPatch, caplog) -> None:
    monkeypatch.setattr(sys, "executable", "/nonexistent/python")
    with caplog.at_level(logging.WARNING, logger="graph.data.offload"):
        pending = offload.start(did_you_mean, "schul", ["schule"])
    assert not pending.parallel
    assert pending.result() == "Meinten Sie 'schule'?"
    assert "nicht gestartet" in caplog.text


def test_a_failing_second_process_falls_back(monkeypatch: pytest.MonkeyPatch, caplog) -> None:
    # The child finds no package 'graph' on an empty path and exits with an error.
    monkeypatch.setattr(offload, "_ROOT", "/nonexistent")
    monkeypatch.setenv("PYTHONPATH", "")
    monkeypatch.chdir("/")
    with caplog.at_level(logging.WARNING, logger="graph.data.offload"):
        pending = offload.start(did_you_mean, "schul", ["schule"])
        assert pending.parallel
        assert pending.result() == "Meinten Sie 'schule'?"
    assert pending.parallel  # it was started, even though it failed
    assert "Zweiter Prozess endete mit 1" in caplog.text
    assert "ModuleNotFoundError" in caplog.text


def test_an_exception_in_the_call_reaches_the_caller() -> None:
    # The child fails, the call is repeated here and raises here, as without a second process.
    pending = offload.start(did_you_mean, "schul", None)
    with pytest.raises(TypeError):
        pending.result()
