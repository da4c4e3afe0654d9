"""Every printed inconsistency found (issue 13): a rule the report itself breaks is an error
wherever the cells it compares are proven, by their layout or by the other rules, even when
other cells of the same rows are in doubt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.readers import read_path

FIXTURES = Path(__file__).parent / "fixtures" / "issue-13"


def _errors(name: str) -> set[tuple[str, str | None, object]]:
    report = read_path(FIXTURES / name)
    return {(f.rule, f.column, f.expected) for f in report.findings or [] if f.severity == "error"}


def test_prose_between_a_heading_and_its_table_is_compared() -> None:
    """「三、收到和处理…」 then 「本年度予以公开50件。」 then table 三 (予以公开 48)."""
    assert _errors("issue-13-prose-before-table.txt") == {("text.table_mismatch", None, 50)}


def test_prose_that_markdown_laid_out_as_tables_is_compared() -> None:
    """「本年度新收政府信息公 | … | 开申请 | 650 | 件。」 against 本年新收 649."""
    assert _errors("issue-13-prose-in-markdown-tables.md") == {("text.table_mismatch", None, 650)}


def test_a_row_printed_without_its_blank_cells_proves_its_total() -> None:
    """「（一）予以公开 4 3 7」 for 4、空、3、空、空、空、7: fifteen readings place the 4 and
    the 3, but every one has 总计 7. The 总计 column's rules are proven broken (the table's
    总计 is one more than its results add up to); no column that the placings differ in is
    said to be wrong."""
    report = read_path(FIXTURES / "issue-13-blanks-dropped.txt")
    doubts = {(f.rule, f.row) for f in report.findings or [] if f.rule == "parse.ambiguous_row"}
    assert doubts == {("parse.ambiguous_row", "granted")}
    assert _errors("issue-13-blanks-dropped.txt") == {
        ("applications.row_total", "total", 979),
        ("applications.total", "total", 979),
        ("applications.balance", "total", 983),
    }


def test_a_table_starts_at_its_header_not_at_its_first_row_words_in_the_prose() -> None:
    """「…其中本年新收801件、上年结转2件。」 just under 三's heading, then the glued table:
    the table's rows are read from the table, and the planted balance error is said."""
    assert _errors("issue-13-first-row-words-in-prose.txt") == {
        ("applications.balance", "social_welfare", 51),
        ("applications.balance", "total", 803),
    }


def test_readings_that_would_break_more_rules_do_not_doubt_a_column() -> None:
    """Glued text: two readings fit 三（三）3 and they differ in 自然人, but the other one
    breaks column rules the chosen one keeps (and every rule it breaks): the report would
    then print more errors, and the 自然人 error (总计 145, results 144) is printed either
    way."""
    assert _errors("issue-13-glued-readings-ruled-out.txt") == {
        ("applications.total", "natural_person", 144),
        ("applications.total", "total", 575),
        ("applications.balance", "natural_person", 144),
        ("applications.balance", "total", 579),
    }


def test_glued_digits_as_many_as_the_cells_are_one_cell_each() -> None:
    """Table 四 glued as 「000010000000606」: fifteen digits for fifteen cells is the one
    split, although no split makes 行政复议 add up (总计 1, results 0, as printed)."""
    assert _errors("issue-13-one-digit-each.txt") == {("appeals.total", "total", 0)}
    report = read_path(FIXTURES / "issue-13-one-digit-each.txt")
    assert report.appeals.review.total == 1 and report.appeals.litigation_after_review.other == 6


def test_a_glued_row_whose_total_is_off_is_read_by_its_columns() -> None:
    """Crawler text 「3.危及“三安全一稳定”1200810637」: no split adds up to its 总计 (12、0、0、
    8、10、6 make 36, 37 is printed), but one split makes all six applicant columns of the
    table add up. That split is read, and the row's 总计 and the 总计 column are the report's
    errors (fixture issue-13-glued-total-off)."""
    assert _errors("issue-13-glued-total-off.txt") == {
        ("applications.row_total", "total", 36),
        ("applications.total", "total", 928),
    }
    report = read_path(FIXTURES / "issue-13-glued-total-off.txt")
    assert report.applications.rows["withheld.security_stability"] == [12, 0, 0, 8, 10, 6, 37]
    findings = report.findings or []
    [finding] = [
        f for f in findings if f.row == "withheld.security_stability" and f.rule[:6] == "parse."
    ]
    assert finding.rule == "parse.repaired_row"
    assert "按各列的勾稽关系只有一种读法" in finding.message


def test_table_four_glued_with_one_group_off_is_read_by_the_other_groups() -> None:
    """Table 四 glued as 「09010190003400055」: no split makes every group add up, and one
    split only makes all groups but one do (未经复议直接起诉 prints 总计 4 for 3). That split
    is read and its broken group is the report's error (fixture
    issue-13-table-four-one-group-off)."""
    report = read_path(FIXTURES / "issue-13-table-four-one-group-off.txt")
    assert report.appeals.review.corrected == 9 and report.appeals.review.pending == 10
    assert report.appeals.litigation_direct.total == 4
    errors = {(f.rule, f.group) for f in report.findings or [] if f.severity == "error"}
    assert ("appeals.total", "litigation_direct") in errors
    [finding] = [f for f in report.findings or [] if f.row == "appeals"]
    assert finding.rule == "parse.repaired_row"


@pytest.mark.parametrize(
    "name",
    [
        "issue-13-result-within-received",
        "issue-13-merged-columns-blanks",
        "issue-13-merged-columns-received",
    ],
)
def test_a_result_cell_above_what_its_column_received_is_ruled_out(name: str) -> None:
    """Seed 004's 「（一）予以公开 2 0 2」 for seven cells adds up wherever the 2 stands, but
    only 自然人 received any application (一 2, 二 0): the 2 is 自然人's, and the table's 总计
    row (all 0, as printed) is proven wrong in that column too. Where the 0 stands is still
    not known: the row stays flagged. Crawler text (issue-13-result-within-received), and
    Markdown whose columns were merged (「| 2 0 | 0 | … | 0 2 |」), so the blanks of
    「| 2 | 0 |  |  | 2 |」 stand in no column and its numbers are placed among blanks as in
    crawled text (issue-13-merged-columns-blanks, -received: blanks before the numbers, and
    in 一)."""
    report = read_path(FIXTURES / f"{name}.txt")
    assert report.applications.rows["granted"][0] == 2
    assert _errors(f"{name}.txt") == {
        ("applications.total", "natural_person", 2),
        ("applications.total", "total", 2),
        ("applications.balance", "natural_person", 2),
        ("applications.balance", "total", 2),
    }
    [finding] = [f for f in report.findings or [] if f.row == "granted"]
    assert finding.rule == "parse.ambiguous_row" and "有5种" in finding.message


def test_a_glued_row_with_blank_cells_is_read_with_its_blanks() -> None:
    """Seed 004 glued: 「（一）予以公开202」, three digits for seven cells (its blank cells print
    nothing). Split and placed among blanks, only readings with the 2 under 自然人 stay
    within what the columns received, so the 总计 row's errors are said as in the other
    layouts (fixture issue-13-glued-blanks-dropped)."""
    report = read_path(FIXTURES / "issue-13-glued-blanks-dropped.txt")
    assert report.applications.rows["granted"][0] == 2
    assert _errors("issue-13-glued-blanks-dropped.txt") == {
        ("applications.total", "natural_person", 2),
        ("applications.total", "total", 2),
        ("applications.balance", "natural_person", 2),
        ("applications.balance", "total", 2),
    }


def test_table_four_readings_are_ruled_out_by_the_totals_the_prose_states() -> None:
    """Table 四 glued as 「100011212032710506」: two readings add up in every group (行政复议
    10、0、0、11、21 or 1、0、0、0、1, …), the first likelier by its figures; the prose states
    「行政复议1件，政府信息公开行政诉讼33件」, which only the second agrees with (fixture
    issue-13-table-four-stated-totals)."""
    report = read_path(FIXTURES / "issue-13-table-four-stated-totals.txt")
    assert report.appeals.review.total == 1 and report.appeals.litigation_direct.total == 27
    [finding] = [f for f in report.findings or [] if f.row == "appeals"]
    assert finding.rule == "parse.repaired_row" and "正文所述件数" in finding.message
    assert not any(f.rule == "text.table_mismatch" for f in report.findings or [])


def test_header_words_among_a_block_of_numbers_do_not_split_it() -> None:
    """pdftotext's default mode prints a header cell (「自然人」, 「科研机构」) where its box
    falls: here among table 三's numbers, printed apart from their labels. Read as one run,
    every row keeps its numbers, and the row whose 总计 is off (三（四）1: 26 + 12 printed as
    37) is said to be, not lost with its numbers taken for noise."""
    path = FIXTURES / "issue-13-header-words-among-numbers.txt"
    truth = json.loads(path.with_name(path.stem + ".expected.json").read_text("utf-8"))
    report = read_path(path)
    assert report.to_json()["applications"] == truth["applications"]
    said = {(f.rule, f.row) for f in report.findings or []}
    assert ("applications.row_total", "unavailable.not_held") in said
