"""Issue 13: a figure cell merged over two rows (Excel's 合并后居中, HTML's rowspan, Word's
vMerge) prints its figure once; it may be each row's, or one row's alone
(`grid.merged_down`, `readers/spanned.py`)."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai import catalog
from gongkai.grid import (
    CUT,
    FROM_ABOVE,
    GOES_DOWN,
    SPANNED,
    SpanCell,
    spans_to_grid,
    spans_to_traced,
    unmarked,
)
from gongkai.model import Report
from gongkai.readers import read_bytes
from gongkai.readers.html import html_to_text
from gongkai.readers.repair import Rule
from gongkai.readers.spanned import Doubt, Merged, merged_findings, spanned_row
from gongkai.readers.tokens import Token, line_to_tokens
from gongkai.render.docx import render_docx
from gongkai.render.html import render_html
from gongkai.render.xlsx import render_xlsx
from tests.support.altered import (
    docx_figures_merged_down,
    equal_below,
    figures_merged_down,
    xlsx_figures_merged_down,
)
from tests.support.corpus.producers import weasyprint_pdf
from tests.support.reports import report_from_rng
from tests.support.scoring import silently_wrong, wrong_cells

ROW_RULE: tuple[Rule, ...] = (((0, 1, 2, 3, 4, 5), 6),)


def test_a_figure_cell_over_two_rows_holds_its_figure_in_each_marked() -> None:
    grid = spans_to_traced([[SpanCell("甲"), SpanCell("3", rowspan=2)], [SpanCell("乙")]]).grid
    assert grid == [["甲", "3" + GOES_DOWN], ["乙", FROM_ABOVE + "3"]]


def test_a_word_cell_continuing_a_merge_holds_the_figure_above_marked() -> None:
    rows = [[SpanCell("甲"), SpanCell("3")], [SpanCell("乙"), SpanCell("", continued=True)]]
    assert spans_to_traced(rows).grid == [["甲", "3" + GOES_DOWN], ["乙", FROM_ABOVE + "3"]]


def test_a_label_over_two_rows_is_no_merged_figure() -> None:
    grid = spans_to_traced([[SpanCell("合计", rowspan=2), SpanCell("3")], [SpanCell("4")]]).grid
    assert grid == [["合计", "3"], ["", "4"]]


def test_the_grid_a_person_reads_shows_the_figure_once() -> None:
    rows = [[SpanCell("甲"), SpanCell("3", rowspan=2)], [SpanCell("乙")]]
    assert spans_to_grid(rows) == [["甲", "3"], ["乙", ""]]
    assert unmarked(f"甲\t3{GOES_DOWN}\n乙\t{FROM_ABOVE}3\t5") == "甲\t3\n乙\t\t5"


def _row(*cells: str) -> list[Token]:
    return line_to_tokens("\t".join(("某行", *cells)), 1)[1:]


def test_a_figure_from_above_the_row_total_counts_is_this_row_s() -> None:
    read = spanned_row(_row(f"{FROM_ABOVE}3", "0", "0", "0", "0", "1", "4"), 7, ROW_RULE)
    assert read is not None
    assert (read.readings, read.doubts) == ([(3, 0, 0, 0, 0, 1, 4)], ())


def test_a_figure_from_above_the_row_total_leaves_out_is_the_other_row_s() -> None:
    read = spanned_row(_row(f"{FROM_ABOVE}3", "0", "0", "0", "0", "1", "1"), 7, ROW_RULE)
    assert read is not None
    assert (read.readings, read.doubts) == ([(None, 0, 0, 0, 0, 1, 1)], ())


def test_a_figure_going_down_no_rule_places_is_doubted_and_said_so() -> None:
    read = spanned_row(_row(f"3{GOES_DOWN}", "5"), 2, ())
    assert read is not None
    assert read.doubts == (Doubt(Merged(0, 1, 3, down=True), ruled=False, equal=True),)
    (found,) = merged_findings(read, "表二「某」行", "row", read.readings[0], ["甲", "乙"], 1)
    assert found.message == (
        "表二「某」行「甲」列的单元格与相邻行合并为一格，只印有3；该表没有勾稽关系，"
        "不能确定该数是否属于本行，已按本行为3读取，请核对原文"
    )


def _case(
    kind: str, seed: int, pair: tuple[str, str] | None = None
) -> tuple[Report, str, str, int]:
    """A consistent 2021 report and two rows of one group (`pair` where given), one above
    the other, and a column: the upper and lower cells print the same figure, not 0
    (`equal`), or one of them a figure and the other 0 (`upper`: the upper's the figure;
    `lower`), the 0 then printed blank (the merged cell prints one figure)."""
    report = report_from_rng(random.Random(seed), "2021")
    if kind == "equal":
        report = equal_below(report, seed, pair)
    rows = report.to_json()["applications"]["rows"]
    ids = [r for r in rows if r not in catalog.OUTCOME_EXCLUDED]
    for upper, lower in itertools.pairwise(ids):
        if catalog.group_of(upper) != catalog.group_of(lower) or upper == catalog.group_of(upper):
            continue
        if pair not in (None, (upper, lower)):
            continue
        for column in range(6):
            a, b = rows[upper][column] or 0, rows[lower][column] or 0
            found = (
                (a and a == b)
                if kind == "equal"
                else bool(a) != bool(b) and (bool(a) if kind == "upper" else bool(b))
            )
            if found:
                if kind != "equal":
                    rows[lower if a else upper][column] = None
                truth = report.to_json()
                truth["applications"]["rows"] = rows
                return Report.model_validate(truth), upper, lower, column
    raise AssertionError(f"no {kind} place in report {seed}")


def _label(row_id: str) -> str:
    return catalog.ALL_APPLICATION_ROWS[row_id].label


MERGERS: dict[str, Callable[[Report, str, str, int], bytes]] = {
    "report.html": lambda r, a, b, c: figures_merged_down(
        render_html(r), (_label(a), _label(b)), c
    ).encode(),
    "report.pdf": lambda r, a, b, c: weasyprint_pdf(
        figures_merged_down(render_html(r), (_label(a), _label(b)), c)
    ),
    "report.docx": lambda r, a, b, c: docx_figures_merged_down(
        render_docx(r), _label(a), _label(b), c
    ),
    "report.xlsx": lambda r, a, b, c: xlsx_figures_merged_down(
        render_xlsx(r), _label(a), _label(b), c
    ),
}


@pytest.mark.parametrize("kind", ["equal", "upper", "lower"])
@pytest.mark.parametrize("name", list(MERGERS))
def test_a_figure_merged_over_two_rows_is_read_where_the_rows_add_up(name: str, kind: str) -> None:
    """Before, the lower row read blank: equal figures and a lower row's figure silently
    wrong, with two false errors (its row total and 三（七）总计). The other row's cell is
    blank as printed (the table's `parse.blank_cell` says so)."""
    report, upper, lower, column = _case(kind, 2000)
    back = read_bytes(MERGERS[name](report, upper, lower, column), name)
    assert wrong_cells(back, report) == []
    doubts = {f.rule for f in back.findings or [] if f.rule.startswith("parse.")}
    assert doubts == (set() if kind == "equal" else {"parse.blank_cell"})
    assert [f.rule for f in back.findings or [] if f.severity == "error"] == []


def test_the_text_of_a_page_holds_the_figure_once_and_no_mark() -> None:
    report, upper, lower, column = _case("equal", 2000)
    text, _ = html_to_text(MERGERS["report.html"](report, upper, lower, column))
    assert not set(text) & {GOES_DOWN, FROM_ABOVE}
    figure = report.applications.rows[upper][column]
    assert f"\t{figure}\t" in next(line for line in text.splitlines() if _label(upper) in line)


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000), kind=st.sampled_from(["equal", "upper", "lower"]))
def test_any_figure_merged_down_reads_exactly_or_with_a_warning_on_its_row(
    seed: int, kind: str
) -> None:
    try:
        report, upper, lower, column = _case(kind, seed)
    except AssertionError:
        return  # no such place in this report
    back = read_bytes(MERGERS["report.html"](report, upper, lower, column), "report.html")
    assert silently_wrong(back, report) == []
    assert [f.rule for f in back.findings or [] if f.severity == "error"] == []


def _regulations_sharing_a_merged_seven() -> tuple[Report, Report]:
    """A 2019 report whose 规章 and 规范性文件 both made 7, the two cells merged down (HTML),
    and its reading."""
    data = report_from_rng(random.Random(2000), "2019").to_json()
    data["active"]["regulations"].update(made=7, total_published=7)
    data["active"]["normative_documents"].update(made=7, total_published=7)
    report = Report.model_validate(data)
    html = figures_merged_down(render_html(report), ("规章", "规范性文件"), 0)
    back = read_bytes(html.encode(), "report.html")
    return report, back


def test_a_figure_merged_down_in_table_2_is_read_in_both_rows_and_doubted() -> None:
    """No rule of table 二 tells whose the figure is: each row's, and a warning on each."""
    report, back = _regulations_sharing_a_merged_seven()
    assert wrong_cells(back, report) == []
    merged = [f for f in back.findings or [] if f.rule == "parse.merged_cell"]
    assert sorted(str(f.row) for f in merged) == ["normative_documents", "regulations"]
    assert all("不能确定该数是否属于本行" in f.message for f in merged)


def test_a_figure_below_zero_merged_down_is_marked_too() -> None:
    """2019's 本年增/减 of 行政强制, -16, merged with the 0 of 行政处罚 above it: the figure
    stood in the upper row alone, both rows silently wrong; now each row is warned."""
    data = report_from_rng(random.Random(2000), "2019").to_json()
    data["active"]["penalty"].update(change=None)
    report = Report.model_validate(data)
    assert report.to_json()["active"]["coercion"]["change"] == -16
    html = figures_merged_down(render_html(report), ("行政处罚", "行政强制"), 1)
    back = read_bytes(html.encode(), "report.html")
    assert silently_wrong(back, report) == []
    merged = [f for f in back.findings or [] if f.rule == "parse.merged_cell"]
    assert sorted(str(f.row) for f in merged) == ["coercion", "penalty"]
    assert back.to_json()["active"]["coercion"]["change"] == -16


def test_a_figure_cell_over_three_rows_holds_its_figure_in_each() -> None:
    """The third row read blank: the second's figure, marked, was taken for no figure."""
    rows = [[SpanCell("甲"), SpanCell("4", rowspan=3)], [SpanCell("乙")], [SpanCell("丙")]]
    below = ["乙", FROM_ABOVE + "4"], ["丙", FROM_ABOVE + "4"]
    assert spans_to_traced(rows).grid == [["甲", "4" + GOES_DOWN], *below]
    chain = [[SpanCell(label), SpanCell("", continued=True)] for label in ("乙", "丙")]
    assert spans_to_traced([[SpanCell("甲"), SpanCell("4")], *chain]).grid == [
        ["甲", "4" + GOES_DOWN],
        *below,
    ]


def test_three_rows_printing_one_figure_merged_are_read_in_each() -> None:
    """三（四） 1–3 each 4 under 自然人, merged: the third row was silently blank, with two
    false errors."""
    data = report_from_rng(random.Random(2000), "2021").to_json()
    rows = data["applications"]["rows"]
    merged = [r for r in rows if catalog.group_of(r) == "unavailable"]
    for row_id in merged:
        change = 4 - (rows[row_id][0] or 0)
        for moved in (row_id, "total", "new_received"):
            for at in (0, 6):
                rows[moved][at] = (rows[moved][at] or 0) + change
    report = Report.model_validate(data)
    html = figures_merged_down(render_html(report), [_label(r) for r in merged], 0)
    back = read_bytes(html.encode(), "report.html")
    assert wrong_cells(back, report) == []
    assert [f.rule for f in back.findings or [] if f.severity == "error"] == []
    covered = f"applications.{merged[2]}.natural_person"
    assert back.provenance is not None and covered in back.provenance


def test_a_source_s_own_private_use_character_loses_no_text() -> None:
    """GBK's user-defined AAA3 is U+E002: a label or figure starting with it was cut to the
    next space (the label's row lost, five cells silently wrong)."""
    rows = [[SpanCell(f"{FROM_ABOVE}（一）予以公开"), SpanCell(f"{FROM_ABOVE}38")]]
    assert spans_to_traced(rows).grid == [["（一）予以公开", "38"]]


@pytest.mark.parametrize("minus", ["\u2212", "－", "﹣", "⁻"])
def test_a_figure_below_zero_with_another_minus_merged_down_is_marked_too(minus: str) -> None:
    """A minus the tokenizer reads (U+2212, full-width, small, superscript: after NFKC)
    before a merged figure: no mark, the figure in the upper row alone, silently."""
    data = report_from_rng(random.Random(2000), "2019").to_json()
    data["active"]["penalty"].update(change=None)
    report = Report.model_validate(data)
    html = figures_merged_down(render_html(report), ("行政处罚", "行政强制"), 1)
    back = read_bytes(html.replace(">-16<", f">{minus}16<").encode(), "report.html")
    assert silently_wrong(back, report) == []
    assert back.to_json()["active"]["coercion"]["change"] == -16


TABLE_4_RULES: tuple[Rule, ...] = (
    ((0, 1, 2, 3), 4),
    ((5, 6, 7, 8), 9),
    ((10, 11, 12, 13), 14),
)


@pytest.mark.parametrize("mark", [f"3{GOES_DOWN}", f"{FROM_ABOVE}3"])
def test_a_figure_merged_down_and_across_groups_does_not_prove_a_blank_total(mark: str) -> None:
    """A 3 over 行政复议's 总计 and 直接起诉's first column, 复议's parts 0: read in 直接起诉
    alone, the 总计 blank "held"; merged across only it did not, and the page's error stood.
    Merged down too, the same."""
    row = _row("0", "0", "0", "0", mark, SPANNED, "0", "0", "0", "3", *["0"] * 5)
    read = spanned_row(row, 15, TABLE_4_RULES)
    assert read is not None
    assert all(reading[4] == 3 for reading in read.readings)


def test_a_figure_with_a_full_width_thousands_comma_is_a_merged_figure() -> None:
    """「1，600」 is 1600 to the tokenizer (NFKC): merged, it is marked as any figure."""
    across = spans_to_traced([[SpanCell("甲"), SpanCell("1，600", colspan=2)]]).grid
    assert across == [["甲", "1，600", SPANNED]]
    down = spans_to_traced([[SpanCell("甲"), SpanCell("1，600", rowspan=2)], [SpanCell("乙")]])
    assert down.grid == [["甲", "1，600" + GOES_DOWN], ["乙", FROM_ABOVE + "1，600"]]


def test_a_figure_merged_down_in_table_2_doubts_its_column_only() -> None:
    """Each row's other figures were read as printed: 2 cells in doubt, not the rows' 6."""
    _, back = _regulations_sharing_a_merged_seven()
    assert back.confidence is not None
    assert back.confidence.flagged == 2
    assert back.confidence.doubted_columns == {
        "normative_documents": ["made"],
        "regulations": ["made"],
    }


def test_a_figure_perhaps_merged_down_reads_as_printed_unless_the_row_proves_otherwise() -> None:
    """A figure cell at a page's end over a blank cell at the next page's top, both ruled
    (`grid.CUT`), its two rows weighed together: the figure stays in the upper row, where
    it is printed (it lands in one row at least), its rule's error reported where it fails;
    the lower row reads it too only where its rule proves so (the readings of both rows
    then single out that one), else as printed. A row whose part and 总计 are both cut
    holds as printed; where no rule touches it, as printed, with no doubt (nothing to
    weigh it by, and a blank under a figure is what any table prints)."""
    error = spanned_row(_row(f"3{CUT}", "0", "0", "0", "0", "1", "1"), 7, ROW_RULE)
    assert error is not None
    assert (error.readings, error.doubts) == ([(3, 0, 0, 0, 0, 1, 1)], ())
    below = spanned_row(_row(f"{CUT}3", "0", "0", "0", "0", "1", "4"), 7, ROW_RULE)
    assert below is not None
    assert (below.readings, below.doubts) == ([(3, 0, 0, 0, 0, 1, 4)], ())
    wrong = spanned_row(_row(f"{CUT}3", "0", "0", "0", "0", "1", "9"), 7, ROW_RULE)
    assert wrong is not None
    assert (wrong.readings, wrong.doubts) == ([(None, 0, 0, 0, 0, 1, 9)], ())
    theirs = _row(f"{CUT}3", "0", "0", "0", "0", "1", "4")
    above = spanned_row(_row(f"3{CUT}", "0", "0", "0", "0", "1", "1"), 7, ROW_RULE, theirs)
    assert above is not None
    assert (above.readings, above.doubts) == ([(None, 0, 0, 0, 0, 1, 1)], ())
    both = _row(f"{CUT}3", "0", "0", "0", "0", "0", "3")
    joined = spanned_row(_row(f"3{CUT}", "0", "0", "0", "0", "0", "3"), 7, ROW_RULE, both)
    assert joined is not None
    assert (joined.readings, joined.doubts) == ([(3, 0, 0, 0, 0, 0, 3)], ())
    printed = spanned_row(_row(f"3{CUT}", "0", "0", "0", "0", "0", f"3{CUT}"), 7, ROW_RULE)
    assert printed is not None
    assert (printed.readings, printed.doubts) == ([(3, 0, 0, 0, 0, 0, 3)], ())
    unruled = spanned_row(_row(f"{CUT}3", "5"), 2, ())
    assert unruled is not None
    assert (unruled.readings, unruled.doubts) == ([(None, 5)], ())


def test_a_0_perhaps_merged_down_reads_0_in_each_row() -> None:
    """0 under a cut: the sums are the same either way, and 0 is as right for a blank (the
    row LibreOffice splits over the page break read blank where 0 was printed, silently)."""
    read = spanned_row(_row(f"{CUT}0", "0", "0", "0", "0", "1", "1"), 7, ROW_RULE)
    assert read is not None
    assert (read.readings, read.doubts) == ([(0, 0, 0, 0, 0, 1, 1)], ())


def test_the_text_of_a_cut_shows_the_figure_once() -> None:
    assert unmarked(f"甲\t3{CUT}\n乙\t{CUT}3\t5") == "甲\t3\n乙\t\t5"


def test_a_cut_both_rows_rules_allow_either_way_is_said_to_lie_at_the_page_break() -> None:
    """A figure and the 总计 both cut, both rows adding up with the figures in either: the
    row stands as printed, and the person is told the cell lies at a page break (not
    that it is merged, which nothing proves)."""
    cut = ("0", "0", "0", "0", "0")
    below = _row(f"{CUT}3", *cut, f"{CUT}3")
    above = spanned_row(_row(f"3{CUT}", *cut, f"3{CUT}"), 7, ROW_RULE, below)
    assert above is not None
    assert above.readings[0] == (3, 0, 0, 0, 0, 0, 3)
    labels = ["甲", "乙", "丙", "丁", "戊", "己", "总计"]
    found = merged_findings(above, "表三「某」行", "row", above.readings[0], labels, 1)
    assert [f.message for f in found] == [
        f"表三「某」行「{label}」列的单元格位于分页处，可能与下页首行同列的单元格为同一单元格，"
        "只印有3；勾稽关系不能确定该数属于哪一行，已按本行为3读取，请核对原文"
        for label in ("甲", "总计")
    ]


@given(
    st.lists(st.integers(0, 9), min_size=7, max_size=7),
    st.lists(st.integers(0, 9), min_size=7, max_size=7),
    st.sets(st.integers(0, 6), min_size=1),
)
def test_a_cut_figure_lands_in_one_of_its_rows_and_a_row_as_printed_that_adds_up_stays(
    upper: list[int], lower: list[int], cut: set[int]
) -> None:
    """Whatever the rows print, a figure not 0 cut at a page break is read in one of its
    two rows at least; and a row reading as printed (the figure above, the blank below)
    is kept wherever both rows add up so."""
    figures = [upper[k] or 1 if k in cut else upper[k] for k in range(7)]
    above = [f"{f}{CUT}" if k in cut else str(f) for k, f in enumerate(figures)]
    below = [f"{CUT}{figures[k]}" if k in cut else str(lower[k]) for k in range(7)]
    top = spanned_row(_row(*above), 7, ROW_RULE, _row(*below))
    bottom = spanned_row(_row(*below), 7, ROW_RULE, _row(*above))
    assert top is not None and bottom is not None
    for k in cut:
        assert top.readings[0][k] is not None or bottom.readings[0][k] is not None
    printed_below = tuple(None if k in cut else lower[k] for k in range(7))
    if sum(figures[:6]) == figures[6] and sum(v or 0 for v in printed_below[:6]) == (
        printed_below[6] or 0
    ):
        assert top.readings[0] == tuple(figures)
        assert bottom.readings[0] == printed_below
