"""The isolation helper: one read in a child process, within time and memory."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from gongkai.errors import GongkaiError, OverLimit, UnreadableInput
from gongkai.readers import read_bytes
from gongkai.readers.isolation import (
    Isolation,
    ReadCrashed,
    ReadOutOfMemory,
    ReadTimedOut,
    read_isolated,
)
from gongkai.readers.limits import Limits

SEED = Path(__file__).parent / "fixtures" / "seeds" / "004_dcba8a3c48a24b57.txt"


class _Failing(Limits):
    """Limits whose check fails the way a bug in a reader would (run in the child)."""

    def check(self, name: str, found: int | None, location: str | None = None) -> None:
        if name == "text_chars":
            raise ZeroDivisionError("a reader's bug")


class _Unmappable(Limits):
    """Limits that fail the way a lazy import of a shared library does under RLIMIT_AS."""

    def check(self, name: str, found: int | None, location: str | None = None) -> None:
        if name == "text_chars":
            raise OSError("libpdfium.so: failed to map segment from shared object")


class _Killing(Limits):
    def check(self, name: str, found: int | None, location: str | None = None) -> None:
        if name == "text_chars":
            os.kill(os.getpid(), signal.SIGSEGV)


def test_isolated_read_gives_the_same_report_as_in_process() -> None:
    data = SEED.read_bytes()
    assert read_isolated(data, "r.txt") == read_bytes(data, "r.txt")


def test_isolated_read_passes_the_readers_typed_error_on() -> None:
    with pytest.raises(OverLimit) as caught:
        read_isolated(SEED.read_bytes(), "r.txt", limits=Limits(file_bytes=100))
    assert (caught.value.limit, caught.value.location) == ("file_bytes", "r.txt")
    with pytest.raises(UnreadableInput, match="文件为空"):
        read_isolated(b"")


def test_read_over_its_time_is_stopped() -> None:
    with pytest.raises(ReadTimedOut) as caught:
        read_isolated(SEED.read_bytes(), "r.txt", isolation=Isolation(seconds=0.001))
    assert caught.value.message == "读取超过0.001秒仍未完成，已停止（文件可能过大或结构异常）"


def test_read_over_its_memory_is_stopped() -> None:
    with pytest.raises(ReadOutOfMemory) as caught:
        read_isolated(SEED.read_bytes() * 40, isolation=Isolation(memory_bytes=64 << 20))
    assert caught.value.message == "读取所需内存超过64 MiB，已停止（文件可能过大或结构异常）"


def test_a_library_that_cannot_be_mapped_under_the_limit_is_out_of_memory() -> None:
    """Regression (CI on PostgreSQL): pypdfium2 imported lazily in a child under a 64 MiB
    limit failed with OSError and was reported as a fault of gongkai, not as memory."""
    with pytest.raises(ReadOutOfMemory):
        read_isolated(SEED.read_bytes(), "r.txt", limits=_Unmappable())


@pytest.mark.parametrize(
    ("limits", "detail"), [(_Failing(), "ZeroDivisionError"), (_Killing(), "SIGSEGV")]
)
def test_a_fault_in_the_child_is_an_internal_error_with_its_detail(
    limits: Limits, detail: str
) -> None:
    with pytest.raises(ReadCrashed) as caught:
        read_isolated(SEED.read_bytes(), "r.txt", limits=limits)
    assert caught.value.code == "internal.read_crashed"
    assert detail in caught.value.detail
    assert "请把该文件报告给系统维护人员" in str(caught.value)
    assert isinstance(caught.value, GongkaiError)
