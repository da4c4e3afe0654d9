"""Repairs: a repaired row always satisfies its rules; drops, insertions and splits."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gongkai.readers.repair import consistent_readings, holds
from gongkai.readers.tables import APPEAL_RULES, ROW_RULE
from gongkai.readers.tokens import NUMBER, Token, cell_to_tokens


def _tokens(values: list[int]) -> list[Token]:
    return [Token(NUMBER, str(v), 1, v) for v in values]


rows = st.lists(st.integers(0, 60), min_size=6, max_size=6).map(lambda c: [*c, sum(c)])


@given(row=rows, position=st.integers(0, 6))
def test_a_row_missing_one_cell_is_repaired_to_a_reading_that_adds_up(
    row: list[int], position: int
) -> None:
    printed = row[:position] + row[position + 1 :]
    readings = consistent_readings(_tokens(printed), 7, ROW_RULE)
    assert tuple(row) in readings.cells
    assert all(holds(cells, ROW_RULE) for cells in readings.cells)


@given(row=rows, position=st.integers(0, 7), extra=st.integers(0, 60))
def test_a_row_with_one_value_too_many_keeps_only_readings_that_add_up(
    row: list[int], position: int, extra: int
) -> None:
    printed = [*row[:position], extra, *row[position:]]
    readings = consistent_readings(_tokens(printed), 7, ROW_RULE)
    assert tuple(row) in readings.cells
    assert all(holds(cells, ROW_RULE) for cells in readings.cells)


@given(row=rows)
def test_glued_digits_split_into_readings_that_add_up(row: list[int]) -> None:
    glued = "".join(str(v) for v in row)
    readings = consistent_readings(cell_to_tokens(glued, 1), 7, ROW_RULE)
    assert tuple(row) in readings.cells
    assert all(holds(cells, ROW_RULE) for cells in readings.cells)


def test_zeros_of_a_whole_appeals_row_glued_read_as_fifteen_zeros() -> None:
    readings = consistent_readings(cell_to_tokens("0" * 15, 1), 15, APPEAL_RULES)
    assert readings.cells == [(0,) * 15]


def test_a_row_that_no_reading_fits_has_no_readings() -> None:
    readings = consistent_readings(_tokens([5, 0, 0, 0, 0, 9]), 7, ROW_RULE)
    assert readings.cells == [(5, 0, 0, 0, 0, 9, 14), (5, 0, 0, 0, 0, 0, 5)] or all(
        holds(c, ROW_RULE) for c in readings.cells
    )
    none_fit = consistent_readings(_tokens([5, 1, 1, 1, 1, 1, 1, 99, 98]), 7, ROW_RULE)
    assert none_fit.cells == []


def test_item_numbers_and_units_are_not_cells() -> None:
    tokens = cell_to_tokens("1400000142.没有现成信息需要另行制作", 1)
    assert [(t.kind, t.value) for t in tokens] == [
        ("number", 140000014),
        ("label", None),
    ]
    money = cell_to_tokens("本年收费金额(单位:万元,保留4位小数)8461.5652万元", 1)
    assert [(t.kind, t.value, t.unit) for t in money] == [
        ("label", None, ""),
        ("number", "8461.5652", "万元"),
    ]


groups = st.lists(st.lists(st.integers(0, 30), min_size=4, max_size=4), min_size=3, max_size=3)


@given(groups=groups)
def test_a_glued_appeals_row_always_offers_the_true_reading(groups: list[list[int]]) -> None:
    cells = [v for group in groups for v in (*group, sum(group))]
    glued = "".join(str(v) for v in cells)
    readings = consistent_readings(cell_to_tokens(glued, 1), 15, APPEAL_RULES)
    assert tuple(cells) in readings.cells
    assert all(holds(c, APPEAL_RULES) for c in readings.cells)


def test_glued_cells_then_the_total_after_a_space_split_by_the_row_rule() -> None:
    """Crawler text (issue 13): 「5800000 58」 is six glued cells, then the 总计."""
    tokens = cell_to_tokens("一、本年新收政府信息公开申请数量5800000 58", 1)[1:]
    readings = consistent_readings(tokens, 7, ROW_RULE)
    assert readings.cells == [(58, 0, 0, 0, 0, 0, 58)]


@given(row=rows)
def test_any_row_glued_but_its_total_reads_back(row: list[int]) -> None:
    text = "".join(str(v) for v in row[:6]) + " " + str(row[6])
    readings = consistent_readings(cell_to_tokens(text, 1), 7, ROW_RULE)
    assert tuple(row) in readings.cells


def test_one_glued_run_of_as_many_digits_as_cells_is_one_cell_each() -> None:
    """「000010000000606」 for table 四's fifteen cells: the one cut, though 行政复议 does not
    add up as printed (总计 1, results 0)."""
    run = Token(NUMBER, "000010000000606", 1, 10000000606)
    readings = consistent_readings([run], 15, APPEAL_RULES)
    assert readings.digit_each and readings.cells == [(0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 6, 0, 6)]


def test_numbers_whose_digits_add_up_to_the_cells_are_not_cut_one_digit_each() -> None:
    """pdftotext's default mode prints table 四 in column blocks: 9, 12, 0, 0, 21 … are
    cells out of order, not digits glued together."""
    printed = [9, 12, 0, 0, 21, 3, 4, 15, 0, 2, 17]
    readings = consistent_readings(_tokens(printed), 15, APPEAL_RULES)
    assert sum(len(str(v)) for v in printed) == 15 and not readings.digit_each


def test_a_row_printed_without_its_blank_cells_reads_as_its_placings() -> None:
    """「4 3 7」 for seven cells: the 4 and the 3 in any two of the six columns, 7 the 总计."""
    readings = consistent_readings(_tokens([4, 3, 7]), 7, ROW_RULE)
    assert len(readings.cells) == 15
    assert {cells[6] for cells in readings.cells} == {7}
    assert (4, None, 3, None, None, None, 7) in readings.cells


def test_glued_digits_fewer_than_the_cells_are_split_and_placed_among_blanks() -> None:
    """「予以公开202」: three digits for seven cells, glued by a crawler that printed nothing for
    the blank cells. 2、0、2 placed with four blanks, the 总计 last: fifteen readings."""
    readings = consistent_readings(cell_to_tokens("202", 1), 7, ROW_RULE)
    assert len(readings.cells) == 15
    assert (2, 0, None, None, None, None, 2) in readings.cells
    assert all(holds(cells, ROW_RULE) for cells in readings.cells)


def test_of_readings_with_alike_figures_the_one_with_most_zeros_comes_first() -> None:
    """Table 四 glued as 「600069009181100011」: 复议后起诉 is 11、0、0、0、11 or 1、10、0、0、11,
    both adding up; zeros are the commonest cell, so the first is kept (still flagged)."""
    readings = consistent_readings(cell_to_tokens("600069009181100011", 1), 15, APPEAL_RULES)
    assert len(readings.cells) == 2
    assert readings.cells[0][10:] == (11, 0, 0, 0, 11)
