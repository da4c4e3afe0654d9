"""The checker: every rule, the entire findings list, all at once."""

from __future__ import annotations

import random

from gongkai import checks
from gongkai.model import Report
from tests.support.reports import report_from_rng


def _clean(template: str = "2021") -> Report:
    return report_from_rng(random.Random(7), template)  # type: ignore[arg-type]


def _rules(findings: list[checks.Finding]) -> list[tuple[str, str | None, object, object]]:
    return [(f.rule, f.column or f.group or f.row, f.expected, f.found) for f in findings]


def test_consistent_report_has_no_findings() -> None:
    assert checks.check_report(_clean()) == []


def test_a_wrong_total_cell_breaks_three_rules_at_once() -> None:
    report = _clean()
    rows = report.applications.rows
    outcome_sum = rows["total"][0] or 0
    row_total = rows["total"][6] or 0
    received = (rows["new_received"][0] or 0) + (rows["carried_over"][0] or 0)
    rows["total"][0] = outcome_sum + 2
    findings = checks.check_report(report)
    assert _rules(findings) == [
        ("applications.row_total", "total", row_total + 2, row_total),
        ("applications.total", "natural_person", outcome_sum, outcome_sum + 2),
        ("applications.balance", "natural_person", received, received + 2),
    ]
    assert findings[1].message == (
        f"三（七）总计「自然人」列填报为{outcome_sum + 2}，但各办理结果之和为{outcome_sum}"
    )


def test_appeal_group_total_is_checked_per_group() -> None:
    report = _clean()
    report.appeals.litigation_direct.total = (report.appeals.litigation_direct.total or 0) + 1
    findings = checks.check_report(report)
    assert [(f.rule, f.group, f.severity) for f in findings] == [
        ("appeals.total", "litigation_direct", "error")
    ]


def test_blank_cells_count_as_zero_and_are_reported_once_per_table() -> None:
    report = _clean()
    cells = report.appeals.review
    cells.upheld = None
    cells.total = (cells.corrected or 0) + (cells.other or 0) + (cells.pending or 0)
    findings = checks.check_report(report)
    assert [(f.rule, f.severity, f.found) for f in findings] == [("parse.blank_cell", "warning", 1)]


def test_continuity_compares_carry_forward_with_next_carried_over() -> None:
    last, this = _clean(), _clean()
    last.year, this.year = 2021, 2022
    this.applications.rows["carried_over"] = list(last.applications.rows["carry_forward"])
    assert checks.check_continuity(last, this) == []
    this.applications.rows["carried_over"][2] = (
        last.applications.rows["carry_forward"][2] or 0
    ) + 1
    findings = checks.check_continuity(last, this)
    assert [(f.rule, f.column) for f in findings] == [("continuity.carry", "research")]


def test_narrative_figure_that_differs_from_the_table_is_an_error() -> None:
    report = _clean()
    received = report.applications.rows["new_received"][6] or 0
    report.narrative_figures = [
        checks.NarrativeFigure(
            key="new_received", value=received + 1, sentence="共收到申请", line=3
        )
    ]
    findings = checks.check_report(report)
    assert _rules(findings) == [("text.table_mismatch", "new_received", received + 1, received)]
    assert findings[0].line == 3


def test_template_that_does_not_fit_the_year_is_a_warning() -> None:
    report = _clean("2019")
    report.year = 2022
    assert _rules(checks.check_report(report)) == [("template.year_mismatch", None, "2021", "2019")]
