"""Words and cells from a PDF page's characters: the shortcuts the page reader takes
(issue 14) give what the plain definitions give, for any characters and tables."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.grid import Origin, page_origin
from gongkai.readers import read_bytes
from gongkai.readers.pdfpage import Char
from gongkai.readers.pdftext import cells_chars, chars_to_words, outside, table_grid
from gongkai.readers.ruling import Cell
from gongkai.render.html import render_html
from tests.support.altered import rules_lost
from tests.support.corpus.producers import weasyprint_pdf
from tests.support.reports import report_from_rng
from tests.support.scoring import wrong_cells

_points = st.integers(0, 60).map(lambda n: n * 2.5)


@st.composite
def _chars(draw: st.DrawFn) -> Char:
    left, baseline = draw(_points), draw(_points)
    width, height = draw(st.integers(1, 4)) * 5.0, draw(st.integers(1, 4)) * 5.0
    text, turn = draw(st.sampled_from("年 1公0")), draw(st.sampled_from((0, 0, 0, 1)))
    # On the grid of the boxes' sides: middles fall on sides as well as between them.
    return Char(text, left, baseline - height, left + width, baseline, turn, baseline)


@st.composite
def _boxes(draw: st.DrawFn) -> Cell:
    left, top = draw(_points), draw(_points)
    return (left, top, left + draw(_points), top + draw(_points))


@given(st.lists(_chars(), max_size=40), st.lists(_boxes(), max_size=3))
@settings(max_examples=300)
def test_words_outside_tables_are_the_same_when_lines_within_a_table_are_skipped(
    chars: list[Char], boxes: list[Cell]
) -> None:
    every = outside(chars_to_words(chars), boxes)
    assert outside(chars_to_words(chars, boxes), boxes) == every


@given(st.lists(_chars(), max_size=40), st.lists(st.lists(_boxes(), max_size=6), max_size=3))
@settings(max_examples=300)
def test_each_cell_holds_the_characters_whose_middle_lies_in_it_in_written_order(
    chars: list[Char], tables: list[list[Cell]]
) -> None:
    def held(cell: Cell) -> list[Char]:
        left, top, right, bottom = cell
        return [
            c
            for c in chars
            if left <= (c.left + c.right) / 2 < right and top <= (c.top + c.bottom) / 2 < bottom
        ]

    expected = [{cell: held(cell) for cell in cells} for cells in tables]
    assert cells_chars(tables, chars) == expected


@given(st.integers(1, 500), st.tuples(*[st.floats(-1e4, 1e4)] * 4))
def test_a_page_origin_is_the_origin_of_that_page_and_box(
    page: int, box: tuple[float, float, float, float]
) -> None:
    made, plain = page_origin(page, box), Origin(page=page, box=box)
    assert (made, hash(made), repr(made)) == (plain, hash(plain), repr(plain))


def test_figures_a_left_out_rule_leaves_in_one_cell_are_read_each_in_its_row() -> None:
    """A publisher took one cell's bottom border away (Word lets a border go): the cell and
    the one below became one, its figures read as the upper row's (「3887 1139」, the row
    flagged) and the lower row's blank, without a warning."""
    report = report_from_rng(random.Random(11), "2021")
    rows = ("规章", "一、本年新收", "（一）予以公开", "1.属于国家秘密")
    back = read_bytes(weasyprint_pdf(rules_lost(render_html(report), rows, -1)))
    assert wrong_cells(back, report) == []
    assert [f.rule for f in back.findings or [] if f.severity == "error"] == []


def _word_chars(text: str, left: float, baseline: float) -> list[Char]:
    return [
        Char(c, left + 5 * i, baseline - 8, left + 5 * (i + 1), baseline, 0, baseline)
        for i, c in enumerate(text)
    ]


def test_a_cell_over_rows_and_columns_is_not_split_into_made_up_figures() -> None:
    """Two figures far apart on one line of a cell two columns wide (「1526」 and 「0」) were
    joined into 「15260」 and given to the lower row, with no warning."""
    label_a, label_b, merged = (
        (0.0, 0.0, 10.0, 10.0),
        (0.0, 10.0, 10.0, 20.0),
        (10.0, 0.0, 60.0, 20.0),
    )
    inside = {
        label_a: [],
        label_b: [],
        merged: _word_chars("4812", 12, 8) + _word_chars("1526", 12, 18) + _word_chars("0", 50, 18),
    }
    cells = [label_a, label_b, merged, (60.0, 0.0, 70.0, 10.0), (60.0, 10.0, 70.0, 20.0)]
    inside |= {cell: [] for cell in cells[3:]}
    grid = table_grid(cells, inside)
    assert "15260" not in {text for row in grid.grid for text in row}
    assert grid.grid[1][1] == ""


def test_a_cell_s_figures_go_to_their_rows_and_its_first_row_may_print_none() -> None:
    """A cell over three rows whose figures stand in the second and third kept their joined
    text in the first."""
    labels = [(0.0, top, 10.0, top + 10) for top in (0.0, 10.0, 20.0)]
    merged = (10.0, 0.0, 40.0, 30.0)
    inside: dict[Cell, list[Char]] = {cell: [] for cell in labels}
    inside[merged] = _word_chars("3887", 12, 18) + _word_chars("1139", 12, 28)
    grid = table_grid([*labels, merged], inside)
    assert [row[1] for row in grid.grid] == ["", "3887", "1139"]
