"""The checker: every rule, the entire findings list, all at once."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from gongkai import catalog, checks
from gongkai.errors import GongkaiError
from gongkai.model import Report
from gongkai.readers import read_path
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


def _stating(report: Report, text: str) -> Report:
    from gongkai.readers.narrative import narrative_figures

    figures = narrative_figures(text, ((0, len(text)),), report.year)
    return report.model_copy(update={"narrative_figures": figures})


def _new_and_carried(report: Report) -> tuple[int, int]:
    rows = report.applications.rows
    return rows["new_received"][6] or 0, rows["carried_over"][6] or 0


def test_narrative_figure_that_differs_from_the_table_is_an_error() -> None:
    report = _clean()
    new, _ = _new_and_carried(report)
    report = _stating(report, f"\n\n本年新收政府信息公开申请{new + 1}件。")
    findings = checks.check_narrative(report)
    assert _rules(findings) == [("text.table_mismatch", "new_received", new + 1, new)]
    assert findings[0].line == 3
    assert findings[0].message == (
        f"正文称「本年新收政府信息公开申请{new + 1}件」（{new + 1}件），但表三“本年新收”总计为{new}"
    )


def test_received_agrees_with_new_or_with_new_plus_carried_over() -> None:
    report = _clean()
    new, carried = _new_and_carried(report)
    for value in (new, new + carried):
        stated = _stating(report, f"共收到政府信息公开申请{value}件。")
        assert checks.check_narrative(stated) == []
    stated = _stating(report, f"共收到政府信息公开申请{new + carried + 1}件。")
    [finding] = checks.check_narrative(stated)
    assert finding.message.endswith(
        f"但表三“本年新收”总计为{new}，"
        f"表三“本年新收”与“上年结转”总计之和为{new + carried}，均与之不符"
    )


def test_combined_phrase_is_compared_with_the_combined_cells() -> None:
    report = _clean()
    rows = report.applications.rows
    both = (rows["granted"][6] or 0) + (rows["partially_granted"][6] or 0)
    assert checks.check_narrative(_stating(report, f"予以公开及部分公开{both}件。")) == []
    [finding] = checks.check_narrative(_stating(report, f"予以公开及部分公开{both + 1}件。"))
    assert (finding.rule, finding.row, finding.found) == (
        "text.table_mismatch",
        "granted_and_partial",
        both,
    )


def test_groups_of_table_three_are_compared_with_the_sum_of_their_rows() -> None:
    report = _clean()
    rows = report.applications.rows
    withheld = sum(
        cells[6] or 0 for row_id, cells in rows.items() if row_id.startswith("withheld.")
    )
    assert checks.check_narrative(_stating(report, f"不予公开{withheld}件。")) == []
    assert _rules(checks.check_narrative(_stating(report, f"不予公开{withheld + 2}件。"))) == [
        ("text.table_mismatch", "withheld", withheld + 2, withheld)
    ]


def _unavailable(report: Report) -> tuple[dict[str, int], int]:
    rows = report.applications.rows
    each = {r: rows[r][6] or 0 for r in rows if r.startswith("unavailable.")}
    return each, sum(each.values())


def test_a_reason_a_comma_before_its_groups_answer_agrees_with_its_row_or_the_group() -> None:
    """「本机关不掌握相关政府信息，无法提供N件」: an office may say the group with one reason
    (issue 13, prose3); a figure that is neither is an error naming both."""
    report = _clean()
    each, group = _unavailable(report)
    row = each["unavailable.not_held"]
    for value in (row, group):
        stated = _stating(report, f"本机关不掌握相关政府信息，无法提供{value}件。")
        assert checks.check_narrative(stated) == []
    wrong = group + 2
    findings = checks.check_narrative(
        _stating(report, f"本机关不掌握相关政府信息，无法提供{wrong}件。")
    )
    assert [(f.rule, f.severity, f.row, f.expected, f.found, f.message) for f in findings] == [
        (
            "text.table_mismatch",
            "error",
            "unavailable.not_held",
            wrong,
            row,
            f"正文称「本机关不掌握相关政府信息，无法提供{wrong}件」（{wrong}件），"
            f"但表三“（四）无法提供”中“1.本机关不掌握相关政府信息”总计为{row}，"
            f"表三“无法提供”各项总计之和为{group}，均与之不符",
        )
    ]
    # The finding points at every cell it was compared with: the row's and the group's.
    assert findings[0].cells == [f"applications.{r}.total" for r in each]


def test_an_unplaced_reason_before_its_groups_answer_agrees_with_any_row_or_group() -> None:
    """「申请公开的信息不存在，无法提供N件」 may be the group's or any one row's; a figure
    that is none of them is a warning naming each (the reason is not placed)."""
    report = _clean()
    each, group = _unavailable(report)
    for value in (group, *each.values()):
        stated = _stating(report, f"申请公开的信息不存在，无法提供{value}件。")
        assert checks.check_narrative(stated) == []
    wrong = group + 2
    findings = checks.check_narrative(
        _stating(report, f"申请公开的信息不存在，无法提供{wrong}件。")
    )
    rows = "，".join(
        f"表三“（四）无法提供”中“{catalog.ALL_APPLICATION_ROWS[r].label}”总计为{v}"
        for r, v in each.items()
    )
    assert [(f.rule, f.severity, f.row, f.expected, f.found, f.message) for f in findings] == [
        (
            "text.scope_uncertain",
            "warning",
            "unavailable",
            wrong,
            group,
            f"正文称「申请公开的信息不存在，无法提供{wrong}件」（{wrong}件），"
            f"而表三“无法提供”各项总计之和为{group}，{rows}，均与之不符；"
            "句中「申请公开的信息不存在」表明所计范围可能与本表不同，未作为错误，请核对",
        )
    ]


def test_other_channels_are_never_compared() -> None:
    report = _clean()
    text = "通过12345政务服务便民热线受理群众诉求4355件，市长信箱收到来信120件。"
    assert checks.check_narrative(_stating(report, text)) == []


def test_a_sentence_is_quoted_with_the_punctuation_of_chinese_prose() -> None:
    """The readers fold 「，」 to 「,」 (NFKC); the message quotes the sentence as written."""
    report = _clean()
    new, _ = _new_and_carried(report)
    stated = _stating(report, f"据统计,本年新收政府信息公开申请{new + 1}件(含网上申请)。")
    [finding] = checks.check_narrative(stated)
    assert f"正文称「据统计，本年新收政府信息公开申请{new + 1}件（含网上申请）」" in finding.message


def test_uncertain_scope_is_a_warning_that_says_what_was_compared() -> None:
    report = _clean()
    new, carried = _new_and_carried(report)
    stated = _stating(report, f"全县各部门共收到政府信息公开申请{new + carried + 50}件。")
    [finding] = checks.check_narrative(stated)
    assert (finding.rule, finding.severity) == ("text.scope_uncertain", "warning")
    assert finding.message == (
        f"正文称「全县各部门共收到政府信息公开申请{new + carried + 50}件」"
        f"（{new + carried + 50}件），而表三“本年新收”总计为{new}，"
        f"表三“本年新收”与“上年结转”总计之和为{new + carried}，均与之不符；"
        "句中「全县」表明所计范围可能与本表不同，未作为错误，请核对"
    )


def test_figure_of_a_table_that_was_not_read_is_not_compared() -> None:
    report = _clean()
    report.appeals = type(report.appeals)()
    assert checks.check_narrative(_stating(report, "因政府信息公开被申请行政复议2件。")) == []


def test_template_that_does_not_fit_the_year_is_a_warning() -> None:
    report = _clean("2019")
    report.year = 2022
    assert _rules(checks.check_report(report)) == [("template.year_mismatch", None, "2021", "2019")]


def test_narrative_finding_points_at_the_cells_it_was_compared_with() -> None:
    from gongkai.cells import finding_cells

    report = _clean()
    new, carried = _new_and_carried(report)
    [finding] = checks.check_narrative(
        _stating(report, f"共收到政府信息公开申请{new + carried + 1}件。")
    )
    assert finding_cells(finding) == [
        "applications.new_received.total",
        "applications.carried_over.total",
    ]


def test_a_rule_broken_where_the_reading_doubts_a_row_is_only_a_warning() -> None:
    report = _clean()
    rows = report.applications.rows
    rows["granted"][0] = (rows["granted"][0] or 0) + 2
    certain = checks.check_report(report)
    doubted = checks.check_report(report, doubtful=frozenset({"granted"}))
    assert [f.rule for f in doubted] == [f.rule for f in certain]
    assert [f.severity for f in certain] == ["error", "error"]
    assert [f.severity for f in doubted] == ["warning", "warning"]
    assert doubted[1].message == (
        certain[1].message + "；由于表三中三（一）行的数字读取存疑（见读取警告），"
        "这可能是读错而非填错，未作为错误，请核对原文"
    )


def test_a_row_that_adds_up_in_no_reading_in_its_proven_place_is_an_error() -> None:
    report = _clean()
    rows = report.applications.rows
    rows["granted"][0] = (rows["granted"][0] or 0) + 2
    findings = checks.check_report(
        report, doubtful=frozenset({"granted"}), unbalanced=frozenset({"granted"})
    )
    assert [(f.rule, f.severity) for f in findings] == [
        ("applications.row_total", "error"),
        ("applications.total", "warning"),
    ]


def test_a_doubt_on_a_row_a_rule_does_not_compare_changes_nothing() -> None:
    report = _clean()
    report.applications.rows["granted"][0] = (report.applications.rows["granted"][0] or 0) + 2
    findings = checks.check_report(report, doubtful=frozenset({"carried_over", "appeals"}))
    assert [f.severity for f in findings] == ["error", "error"]


def test_a_row_doubted_in_other_columns_than_a_rule_compares_leaves_it_an_error() -> None:
    """Several readings of 三（一） that agree on 自然人: the 自然人 column's rule compares a
    proven cell; the row's own total compares them all."""
    report = _clean()
    rows = report.applications.rows
    rows["granted"][0] = (rows["granted"][0] or 0) + 2
    granted = frozenset({"granted"})
    elsewhere = checks.check_report(report, granted, columns={"granted": frozenset({"research"})})
    assert [(f.rule, f.severity) for f in elsewhere] == [
        ("applications.row_total", "warning"),
        ("applications.total", "error"),
    ]
    there = checks.check_report(report, granted, columns={"granted": frozenset({"natural_person"})})
    assert [f.severity for f in there] == ["warning", "warning"]


def test_table_four_doubted_in_other_groups_leaves_a_group_total_an_error() -> None:
    report = _clean()
    report.appeals.review.total = (report.appeals.review.total or 0) + 1
    appeals = frozenset({"appeals"})
    other = checks.check_report(
        report, appeals, columns={"appeals": frozenset({"litigation_direct"})}
    )
    same = checks.check_report(report, appeals, columns={"appeals": frozenset({"review"})})
    assert [(f.rule, f.severity) for f in other] == [("appeals.total", "error")]
    assert [(f.rule, f.severity) for f in same] == [("appeals.total", "warning")]


def test_a_doubt_on_many_rows_names_the_first_six_and_says_there_are_more() -> None:
    report = _clean()
    rows = report.applications.rows
    rows["total"][0] = (rows["total"][0] or 0) + 2
    outcomes = catalog.outcome_row_ids(list(rows))
    [column_total] = [
        f
        for f in checks.check_report(report, doubtful=frozenset(outcomes))
        if f.rule == "applications.total"
    ]
    refs = [catalog.ALL_APPLICATION_ROWS[r].ref for r in outcomes[:6]]
    assert column_total.severity == "warning"
    assert f"由于表三中{'、'.join(refs)}等行的数字读取存疑" in column_total.message


RECHECKED = sorted((Path(__file__).parent / "fixtures").glob("*/*.txt"))


@pytest.mark.parametrize("path", RECHECKED, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_checking_again_replaces_the_data_findings_and_keeps_the_rest(path: Path) -> None:
    """`recheck` after a correction: each data rule's findings replaced, never doubled, and
    the reading's own findings kept. Regression: `text.scope_uncertain` (issue 13) was not a
    data rule, so each check again added its warnings once more."""
    try:
        report = read_path(path)
    except GongkaiError:
        return  # a hostile or broken fixture: nothing to check again
    once = checks.recheck(report)
    assert checks.recheck(once).findings == once.findings
    assert _said(once) == _said(report)


def _said(report: Report) -> list[tuple[str, str, str | None, str | None]]:
    """What each finding says and where in the table (not the source line it was read at)."""
    return sorted((f.rule, f.message, f.row, f.column) for f in report.findings or [])
