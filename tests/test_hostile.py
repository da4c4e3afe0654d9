"""Hostile inputs (issue 11): every crafted bomb refused with its limit or read correctly,
and every input the fuzzer ever crashed a reader with kept as a regression fixture.

Each is read in a child process with a memory cap (the isolation helper), so that a
regression fails this test instead of exhausting the machine.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.errors import GongkaiError, NotAReport, OverLimit, UnreadableInput
from gongkai.model import Report
from gongkai.readers.bundle import unpack
from gongkai.readers.interchange import json_to_report
from gongkai.readers.isolation import Isolation, read_isolated
from tests.support.hostile import CRAFTED, Crafted, report_file

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
_CAPPED = Isolation(seconds=120, memory_bytes=3 << 30)


def _outcome(crafted: Crafted, data: bytes) -> str:
    try:
        if crafted.via == "bundle":
            unpack("bundle.zip", data)
        elif crafted.via == "json":
            json_to_report(data)
        else:
            read_isolated(data, crafted.name, isolation=_CAPPED)
    except OverLimit as exc:
        return f"limit:{exc.limit}"
    except NotAReport:
        return "not_a_report"
    except UnreadableInput:
        return "unreadable"
    return "read"


@pytest.mark.parametrize("crafted", CRAFTED, ids=[c.name for c in CRAFTED])
def test_crafted_input_is_refused_with_its_limit_or_read(crafted: Crafted) -> None:
    assert _outcome(crafted, crafted.make()) == crafted.expect


def test_docx_with_a_huge_or_garbled_grid_span_reads_the_same_report() -> None:
    from gongkai.readers import read_bytes
    from tests.support.hostile import docx_grid_span

    plain = read_bytes(report_file("docx"))
    for value in ("200000000", "two"):
        back = read_bytes(docx_grid_span(value))
        assert back.applications == plain.applications
        assert back.appeals == plain.appeals


@pytest.mark.parametrize("path", sorted(HOSTILE.glob("issue-11-*")), ids=lambda p: p.name)
def test_fuzzed_input_that_once_crashed_a_reader_is_read_or_refused(path: Path) -> None:
    try:
        report = read_isolated(path.read_bytes(), path.name, isolation=_CAPPED)
    except GongkaiError as exc:
        assert not exc.code.startswith("internal"), exc
    else:
        assert isinstance(report, Report)
