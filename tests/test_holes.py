"""Cells whose ruling is left open: closed by the table's own grid (`readers.holes`)."""

from __future__ import annotations

import random
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.model import Report
from gongkai.readers import read_bytes
from gongkai.readers.holes import closed_holes, tables_holes
from gongkai.readers.pdf import pdf_to_text
from gongkai.readers.pdfpage import Char
from gongkai.readers.ruling import SNAP, Cell, Edge
from gongkai.render.html import render_html
from tests.support.altered import rules_lost
from tests.support.corpus.producers import weasyprint_pdf
from tests.support.reports import report_from_rng
from tests.support.scoring import silently_wrong, wrong_cells


def _char(across: float, down: float, text: str = "1") -> Char:
    return Char(text, across - 2, down - 4, across + 2, down + 4, 0, down + 4)


def _grid(rows: int, columns: int) -> list[Cell]:
    return [
        (20.0 * c, 10.0 * r, 20.0 * (c + 1), 10.0 * (r + 1))
        for r in range(rows)
        for c in range(columns)
    ]


def test_an_open_cell_in_a_table_s_last_row_is_closed_by_its_row_and_column() -> None:
    cells = _grid(3, 3)
    open_cell = cells.pop()  # bottom right: its bottom rule lost
    assert closed_holes(cells, [_char(50, 25)]) == [open_cell]


def test_a_full_width_row_that_lost_part_of_its_top_rule_is_as_wide_as_the_table() -> None:
    """Under a section's last row, a lost rule opens the cell above and the full-width
    row 「第二十条第（五）项」 below: each is closed where it stands."""
    cells = _grid(2, 3)
    cells.remove((20.0, 10.0, 40.0, 20.0))
    cells.append((0.0, 30.0, 60.0, 40.0))  # a closed row under the full-width one
    found = closed_holes(cells, [_char(30, 15), _char(10, 25, "第"), _char(45, 25, "项")])
    assert found == [(20.0, 10.0, 40.0, 20.0), (0.0, 20.0, 60.0, 30.0)]


def test_open_cells_side_by_side_are_parted_by_the_line_drawn_between_them() -> None:
    """Two neighbours lost their bottom rule: the line between them is no closed cell's
    side, and their figures were read as one cell's (「1139 3276」) beside a blank one."""
    cells = _grid(2, 4)
    cells.remove((20.0, 10.0, 40.0, 20.0))
    cells.remove((40.0, 10.0, 60.0, 20.0))
    between = Edge(0, False, 40.0 + SNAP / 2, 0.0, 20.0)  # drawn a little off the grid
    found = closed_holes(cells, [_char(30, 15), _char(50, 15)], [between])
    assert found == [(20.0, 10.0, 40.0, 20.0), (40.0, 10.0, 60.0, 20.0)]


def test_blanks_and_characters_outside_the_table_open_no_cell() -> None:
    cells = _grid(2, 2)
    cells.pop()
    assert closed_holes(cells, [_char(30, 15, " "), _char(30, 45), _char(90, 5)]) == []


@given(
    st.integers(1, 5),
    st.integers(1, 5),
    st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), max_size=8),
)
@settings(max_examples=200)
def test_every_character_in_a_table_s_box_is_held_by_exactly_one_cell(
    rows: int, columns: int, lost: list[tuple[int, int]]
) -> None:
    """A table ruled on a grid, some cells open: each character printed in an open cell
    inside the table's box lies in one closed hole, and no hole overlaps a cell or
    another hole."""
    every = _grid(rows, columns)
    gone = {every[(r % rows) * columns + c % columns] for r, c in lost}
    cells = [cell for cell in every if cell not in gone]
    if not cells:
        return
    left, top = min(c[0] for c in cells), min(c[1] for c in cells)
    right, bottom = max(c[2] for c in cells), max(c[3] for c in cells)
    chars = [_char((c[0] + c[2]) / 2, (c[1] + c[3]) / 2) for c in gone]
    holes = closed_holes(cells, chars)
    boxes = cells + holes
    for char in chars:
        across, down = char.left + 2, char.top + 4
        holding = [b for b in boxes if b[0] < across < b[2] and b[1] < down < b[3]]
        in_box = left < across < right and top < down < bottom
        assert len(holding) == (1 if in_box else 0)
    for one in holes:
        for other in boxes:
            if one != other:
                overlap_x = min(one[2], other[2]) - max(one[0], other[0])
                overlap_y = min(one[3], other[3]) - max(one[1], other[1])
                assert overlap_x <= 0 or overlap_y <= 0


def _opened(report: Report) -> bytes:
    """The report's PDF with the rules under two neighbouring cells of the last row of
    table 二's first section (and so the top of the full-width row below them) and under
    the table's last row lost."""
    html = rules_lost(
        rules_lost(render_html(report), ("行政规范性文件",), 1), ("行政规范性文件",), 2
    )
    return weasyprint_pdf(rules_lost(html, ("行政事业性收费",), -1))


def test_figures_in_cells_a_lost_rule_leaves_open_are_read() -> None:
    """The open cells' figures were dropped and read blank, without a warning."""
    report = report_from_rng(random.Random(2000), "2021")
    back = read_bytes(_opened(report))
    assert silently_wrong(back, report) == []
    assert wrong_cells(back, report) == []
    assert [f.rule for f in back.findings or [] if f.severity == "error"] == []


def test_the_pdfplumber_path_closes_the_same_cells() -> None:
    """The doubtful pages' reference engine dropped the open cells' characters too."""
    data = _opened(report_from_rng(random.Random(2001), "2021"))
    assert pdf_to_text(data, engine="pdfplumber") == pdf_to_text(data)


def test_a_character_another_table_holds_opens_no_cell() -> None:
    """Two tables whose boxes overlap: the one's figure is not a hole of the other."""
    big = _grid(2, 2)
    big.pop()  # (20, 10, 40, 20) open
    small = [(22.0, 12.0, 30.0, 18.0), (30.0, 12.0, 38.0, 18.0)]
    chars = [_char(26, 15), _char(34, 15)]
    held: list[dict[Cell, list[Char]]] = [
        {cell: [] for cell in big},
        {small[0]: [chars[0]], small[1]: [chars[1]]},
    ]
    assert tables_holes([big, small], held, chars, []) == [[], []]


def test_a_table_of_many_open_cells_is_closed_in_linear_time() -> None:
    """A hostile page: half of a 500 × 500 grid open, a figure in each open cell."""
    n = 500
    cells = [c for i, c in enumerate(_grid(n, n)) if (i // n + i % n) % 2]
    chars = [_char(20 * c + 10, 10 * r + 5) for r in range(n) for c in range(n) if not (r + c) % 2]
    started = time.process_time()
    assert len(closed_holes(cells, chars)) == len(chars)
    assert time.process_time() - started < 10
