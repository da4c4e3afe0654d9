"""The report-level confidence: cells proven by layout, fixed by rules, flagged."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from gongkai.confidence import report_confidence
from gongkai.model import Confidence, Finding, Report
from gongkai.readers import read_path
from gongkai.readers.text import text_to_report
from tests.support import flattened
from tests.support.reports import consistent_reports, report_from_rng

SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def test_a_clean_reading_is_proven_by_its_layout() -> None:
    report = read_path(next(SEEDS.glob("000_*.txt")))
    assert report.confidence == Confidence(cells=200, by_layout=200, by_rules=0, flagged=0)


def test_doubtful_and_repaired_rows_are_counted_cell_by_cell() -> None:
    report = report_from_rng(random.Random(1), "2021")
    report.findings = [
        Finding(rule="parse.ambiguous_row", severity="warning", message="", row="appeals"),
        Finding(rule="parse.repaired_row", severity="warning", message="", row="granted"),
        Finding(rule="parse.repaired_row", severity="warning", message="", row="appeals"),
        Finding(rule="parse.missing_row", severity="warning", message="", row="fees"),
        Finding(rule="parse.blank_cell", severity="warning", message="", row="applications"),
    ]
    assert report_confidence(report) == Confidence(cells=200, by_layout=177, by_rules=7, flagged=16)


def test_a_missing_table_flags_all_its_cells() -> None:
    report = report_from_rng(random.Random(1), "2019")
    report.findings = [
        Finding(rule="parse.missing_table", severity="warning", message="", row="active")
    ]
    confidence = report_confidence(report)
    assert (confidence.cells, confidence.flagged) == (198, 22)


@given(report=consistent_reports(), seed=st.integers(0, 2**31))
def test_the_three_counts_add_up_to_every_cell(report: Report, seed: int) -> None:
    got = text_to_report(flattened.column_blocks(report, random.Random(seed)))
    confidence = got.confidence
    assert confidence is not None
    assert confidence.by_layout + confidence.by_rules + confidence.flagged == confidence.cells
    assert confidence.by_layout >= 0
