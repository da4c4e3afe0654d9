"""The garbage collector paused around a PDF's page loop runs again after it, however
pauses nest, overlap between threads or end in an error; one that was off stays off."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from gongkai.readers.collector import collector_paused


@pytest.fixture(autouse=True)
def _restored() -> Iterator[None]:
    was = gc.isenabled()
    yield
    (gc.enable if was else gc.disable)()


def test_the_collector_runs_again_after_nested_pauses() -> None:
    gc.enable()
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_pause_ended_by_an_error_lets_the_collector_run_again() -> None:
    gc.enable()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError
    assert gc.isenabled()


def test_a_collector_off_before_the_pause_stays_off() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_pauses_overlapping_in_threads_end_with_the_collector_running() -> None:
    gc.enable()
    inside, leave = threading.Barrier(2), threading.Event()

    def read() -> None:
        with collector_paused():
            inside.wait()
            leave.wait()

    other = threading.Thread(target=read)
    other.start()
    with collector_paused():
        inside.wait()
    assert not gc.isenabled()  # the other thread's pause still holds
    leave.set()
    other.join()
    assert gc.isenabled()
