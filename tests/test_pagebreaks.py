"""Issue 13: a figure cell merged over rows that a page break cuts prints its figure on the
first page and an empty part of its own at the top of the next (`readers/pagebreaks.py`)."""

from __future__ import annotations

import itertools
import random
import time
from collections.abc import Sequence

import pypdfium2
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.catalog import TemplateId
from gongkai.grid import CUT, FROM_ABOVE, GOES_DOWN, Origin, TracedGrid, page_origin
from gongkai.model import Report
from gongkai.readers import read_bytes
from gongkai.readers.pagebreaks import PagePart, join_cut_cells
from gongkai.readers.pdfpage import Segment
from gongkai.render.docx import render_docx
from gongkai.render.html import render_html
from tests.support.altered import docx_figures_merged_down, figures_merged_down, page_break_before
from tests.support.corpus.producers import libreoffice_pdfs, weasyprint_pdf
from tests.support.reports import report_from_rng
from tests.support.scoring import silently_wrong, wrong_cells
from tests.test_merged_down import _case, _label

KINDS = ["equal", "upper", "lower"]
# The rows LibreOffice's first page break falls between in our 2021 DOCX (page 1 ends
# with 4.保护第三方合法权益): a cell merged over both is cut.
_LIBREOFFICE_CUT = ("withheld.third_party", "withheld.internal_affairs")


@pytest.mark.parametrize("kind", KINDS)
def test_issue_13_a_figure_merged_down_cut_by_a_page_break_is_read_where_the_rows_add_up(
    kind: str,
) -> None:
    """Before, the row on the next page read blank: equal figures and a lower row's figure
    silently wrong, with false errors (both rows' totals, 三（七）总计)."""
    report, upper, lower, column = _case(kind, 2000)
    html = figures_merged_down(render_html(report), (_label(upper), _label(lower)), column)
    back = read_bytes(weasyprint_pdf(page_break_before(html, _label(lower))), "report.pdf")
    assert wrong_cells(back, report) == []
    assert [f.rule for f in back.findings or [] if f.severity == "error"] == []


def _cut_case(kind: str) -> tuple[Report, str, str, int]:
    for seed in range(2000, 2100):
        try:
            return _case(kind, seed, _LIBREOFFICE_CUT)
        except AssertionError:
            continue  # no such figures in these rows of this report
    raise AssertionError(kind)


@pytest.fixture(scope="module")
def libreoffice_cuts() -> dict[str, tuple[Report, bytes]]:
    """Per kind, the report and LibreOffice's PDF of its DOCX with the cell merged over
    the rows its first page break falls between (one LibreOffice run for all)."""
    cases = {kind: _cut_case(kind) for kind in KINDS}
    documents = [
        docx_figures_merged_down(render_docx(r), _label(a), _label(b), c)
        for r, a, b, c in cases.values()
    ]
    pdfs = libreoffice_pdfs(documents)
    return {kind: (case[0], pdf) for (kind, case), pdf in zip(cases.items(), pdfs, strict=True)}


def _page_text(pdf: bytes, index: int) -> str:
    return "".join(pypdfium2.PdfDocument(pdf)[index].get_textpage().get_text_range().split())


@pytest.mark.parametrize("kind", KINDS)
def test_issue_13_a_cut_libreoffice_rules_on_both_pages_is_read_where_the_rows_add_up(
    libreoffice_cuts: dict[str, tuple[Report, bytes]], kind: str
) -> None:
    """Before, the part on the next page read blank: equal figures silently wrong, with
    two false errors (the row's 总计, 三（七）总计). A figure over a blank (`upper`) is
    what a real blank under a figure prints: it stays blank."""
    report, pdf = libreoffice_cuts[kind]
    upper, lower = (_label(row) for row in _LIBREOFFICE_CUT)
    assert upper in _page_text(pdf, 0) and lower in _page_text(pdf, 1)  # the cell is cut
    back = read_bytes(pdf, "report.pdf")
    assert wrong_cells(back, report) == []
    assert [f.rule for f in back.findings or [] if f.severity == "error"] == []
    assert silently_wrong(back, report) == []


def _line(at: float, start: float, end: float) -> Segment:
    return Segment(True, at, start, end)


def _upper(bottom_drawn: float) -> PagePart:
    """Two rows of a label and a figure; the last row's figure cell reaches the page's end,
    the line under it drawn as far as `bottom_drawn`."""
    cells = [(0.0, 0.0, 50.0, 20.0), (50.0, 0.0, 100.0, 20.0)]
    cells += [(0.0, 20.0, 50.0, 40.0), (50.0, 20.0, 100.0, 40.0)]
    origins: list[list[Origin | None]] = [[None, None], [None, page_origin(1, cells[3])]]
    lines = [_line(0, 0, 100), _line(20, 0, 100), _line(40, 0, bottom_drawn)]
    return PagePart(cells, TracedGrid([["甲", "1"], ["乙", "3"]], origins), lines)


def _lower(top_drawn: float, printed: str = "") -> PagePart:
    """The table's rest on the next page: its first row's figure position no cell's (or
    a cell printing `printed`), the line above it drawn as far as `top_drawn`."""
    cells = [(0.0, 10.0, 50.0, 30.0), (0.0, 30.0, 50.0, 50.0), (50.0, 30.0, 100.0, 50.0)]
    if printed:
        cells.append((50.0, 10.0, 100.0, 30.0))
    lines = [_line(10, 0, top_drawn), _line(30, 0, 100), _line(50, 0, 100)]
    origins: list[list[Origin | None]] = [[None, None], [None, None]]
    return PagePart(cells, TracedGrid([["丙", printed], ["丁", "4"]], origins), lines)


def test_a_figure_cell_open_at_a_page_s_end_goes_down_into_the_open_cell_below() -> None:
    upper, lower = _upper(bottom_drawn=50), _lower(top_drawn=50)
    join_cut_cells(upper, lower)
    assert upper.traced.grid == [["甲", "1"], ["乙", "3" + GOES_DOWN]]
    assert lower.traced.grid == [["丙", FROM_ABOVE + "3"], ["丁", "4"]]
    assert lower.traced.origins[0][1] == upper.traced.origins[1][1]


@pytest.mark.parametrize(
    ("bottom", "top", "printed"),
    [(100, 50, ""), (50, 100, ""), (50, 50, "7")],
    ids=["closed below (LibreOffice)", "closed above", "a figure of its own below"],
)
def test_a_cell_closed_at_the_break_or_a_figure_below_joins_nothing(
    bottom: float, top: float, printed: str
) -> None:
    upper, lower = _upper(bottom_drawn=bottom), _lower(top_drawn=top, printed=printed)
    join_cut_cells(upper, lower)
    assert upper.traced.grid == [["甲", "1"], ["乙", "3"]]
    assert lower.traced.grid == [["丙", printed], ["丁", "4"]]


def _rows_below(shapes: list[tuple[bool, bool]]) -> PagePart:
    """A table's rest of rows of a label and a figure position, 20 points each: per row of
    `shapes`, whether its figure position is a cell printing 「5」, and whether the line
    above the position is drawn; a last row closed and printed (the column's cells)."""
    cells, grid, lines = [], [], []
    for r, (printed, drawn) in enumerate([*shapes, (True, True)]):
        top = 10.0 + 20 * r
        cells.append((0.0, top, 50.0, top + 20))
        if printed:
            cells.append((50.0, top, 100.0, top + 20))
        grid.append([f"行{r}", "5" if printed else ""])
        lines.append(_line(top, 0, 100 if drawn else 50))
    lines.append(_line(30.0 + 20 * len(shapes), 0, 100))
    origins: list[list[Origin | None]] = [[None, None] for _ in grid]
    return PagePart(cells, TracedGrid(grid, origins), lines)


@given(st.lists(st.tuples(st.booleans(), st.booleans()), min_size=1, max_size=5))
def test_the_figure_goes_down_exactly_as_far_as_the_cell_stays_open_and_empty(
    shapes: list[tuple[bool, bool]],
) -> None:
    upper, lower = _upper(bottom_drawn=50), _rows_below(shapes)
    before = [row[:] for row in lower.traced.grid]
    join_cut_cells(upper, lower)
    open_rows = len(list(itertools.takewhile(lambda s: not s[0] and not s[1], shapes)))
    marked = [row[1] for row in lower.traced.grid[:open_rows]]
    assert marked == [FROM_ABOVE + "3"] * open_rows
    assert lower.traced.grid[open_rows:] == before[open_rows:]
    assert upper.traced.grid[1][1] == ("3" + GOES_DOWN if open_rows else "3")


def _grid_part(
    cells: list[tuple[float, float, float, float]], lines: Sequence[Segment] = ()
) -> PagePart:
    tops, lefts = sorted({c[1] for c in cells}), sorted({c[0] for c in cells})
    grid = [[""] * len(lefts) for _ in tops]
    origins: list[list[Origin | None]] = [[None] * len(lefts) for _ in tops]
    return PagePart(cells, TracedGrid(grid, origins), lines)


def test_a_hostile_cut_of_many_open_cells_over_a_deep_hole_is_joined_in_linear_time() -> None:
    """400 open figure cells over 800 empty rows (cells only at the side and below): each
    row was tested against every cell of the table below, for each open cell (minutes)."""
    n, hole, width = 400, 800, 5.0
    upper = _grid_part([(k * width, 0.0, (k + 1) * width, 10.0) for k in range(n)])
    for k in range(n):
        upper.traced.grid[0][k] = "7"
    side = [(n * width, r * 10.0, (n + 1) * width, (r + 1) * 10.0) for r in range(hole)]
    bottom = [(k * width, hole * 10.0, (k + 1) * width, hole * 10.0 + 10) for k in range(n)]
    lower = _grid_part(side + bottom)
    started = time.process_time()
    join_cut_cells(upper, lower)
    assert time.process_time() - started < 10
    assert lower.traced.grid[hole - 1][0] == FROM_ABOVE + "7"


_CLOSED_SIDES = (0.0, 50.0, 100.0)


def _closed_part(rows: list[list[str]], lefts: tuple[float, ...] = _CLOSED_SIDES) -> PagePart:
    """A table's part ruled all round, rows 20 points from 10, columns from `lefts` to 150."""
    cells = [
        (x, 10.0 + 20 * r, end, 30.0 + 20 * r)
        for r in range(len(rows))
        for x, end in zip(lefts, (*lefts[1:], 150.0))
    ]
    lines = [_line(10.0 + 20 * r, 0, 150) for r in range(len(rows) + 1)]
    origins: list[list[Origin | None]] = [[None] * len(row) for row in rows]
    return PagePart(cells, TracedGrid([row[:] for row in rows], origins), lines)


_CLOSED_UPPER = [["甲", "1", "2"], ["乙", "3", "6"]]


@pytest.mark.parametrize("head", [False, True], ids=["", "past a repeated header"])
def test_a_closed_figure_cell_over_a_closed_blank_below_may_go_down_unproven(head: bool) -> None:
    """LibreOffice's cut, or a blank: the row below prints a figure of its own."""
    upper = _closed_part(_CLOSED_UPPER)
    lower = _closed_part([*_CLOSED_UPPER[:1]] * head + [["丙", "", "5"], ["丁", "4", "9"]])
    join_cut_cells(upper, lower)
    assert upper.traced.grid == [["甲", "1", "2"], ["乙", "3" + CUT, "6"]]
    assert lower.traced.grid[int(head) :] == [["丙", CUT + "3", "5"], ["丁", "4", "9"]]


@pytest.mark.parametrize(
    ("rows", "lefts"),
    [
        ([["丙", "", "5"], ["丁", "4", "9"]], (0.0, 40.0, 100.0)),
        ([["丙", "", ""], ["丁", "4", "9"]], _CLOSED_SIDES),
    ],
    ids=["other columns", "the rest of a row cut in two: no figure"],
)
def test_a_closed_cell_over_other_columns_or_a_row_s_rest_joins_nothing(
    rows: list[list[str]], lefts: tuple[float, ...]
) -> None:
    upper, lower = _closed_part(_CLOSED_UPPER), _closed_part(rows, lefts)
    join_cut_cells(upper, lower)
    assert upper.traced.grid == _CLOSED_UPPER
    assert lower.traced.grid == rows


def test_a_hostile_page_end_of_many_closed_cells_is_joined_in_linear_time() -> None:
    """4000 closed figure cells at a page's end over as many blank cells at the next
    page's top: each was looked for among all the cells below, and placed by sorting the
    table's rows and columns again (minutes)."""
    n, width = 4000, 5.0
    cells = [(k * width, 0.0, (k + 1) * width, 10.0) for k in range(n)]
    upper = _grid_part(cells, [_line(10.0, 0.0, n * width)])
    for k in range(n):
        upper.traced.grid[0][k] = "7"
    lower = _grid_part(cells)
    lower.traced.grid[0][0] = "5"  # the row below prints a figure of its own
    started = time.process_time()
    join_cut_cells(upper, lower)
    assert time.process_time() - started < 5
    assert lower.traced.grid[0][n - 1] == CUT + "7"


# Per template, the rows LibreOffice's first page break falls between in our DOCX.
_BREAKS: dict[TemplateId, tuple[str, str]] = {
    "2021": ("withheld.third_party", "withheld.internal_affairs"),
    "2019": ("withheld.security_stability", "withheld.third_party"),
}


def _error_at_a_cut(template: TemplateId) -> Report:
    """A report of `template` whose zeros print blank, as offices leave them, with a figure
    over a blank at the page break and the upper row's 总计 leaving that figure out."""
    upper, lower = _BREAKS[template]
    for seed in range(200):
        data = report_from_rng(random.Random(seed), template).to_json()
        rows = data["applications"]["rows"]
        for values in rows.values():
            values[:] = [None if v == 0 else v for v in values]
        columns = [c for c in range(6) if rows[upper][c] and rows[lower][c] is None]
        if columns:
            rows[upper][6] -= rows[upper][columns[0]]
            return Report.model_validate(data)
    raise AssertionError(template)


def test_issue_13_a_printed_row_total_error_at_a_cut_stays_an_error() -> None:
    """Before, the figure at the page's end read blank, silently (its row then adds up),
    and the row's printed error vanished: a cut figure stays in the row it is printed in."""
    reports = [_error_at_a_cut(template) for template in _BREAKS]
    pdfs = libreoffice_pdfs([render_docx(report) for report in reports])
    for (template, (upper, _)), report, pdf in zip(_BREAKS.items(), reports, pdfs, strict=True):
        back = read_bytes(pdf, "report.pdf")
        assert wrong_cells(back, report) == [], template
        errors = [(f.rule, f.row) for f in back.findings or [] if f.severity == "error"]
        assert ("applications.row_total", upper) in errors, template


def test_issue_13_a_figure_over_a_blank_at_a_page_break_in_table_2_reads_as_printed() -> None:
    """Table 二 has no rule to prove a cut joined: before, the blank below read the figure
    above, with a warning saying it read blank."""
    data = report_from_rng(random.Random(2000), "2021").to_json()
    data["active"]["normative_documents"]["repealed"] = None
    report = Report.model_validate(data)
    html = page_break_before(render_html(report), "行政规范性文件")
    back = read_bytes(weasyprint_pdf(html), "report.pdf")
    assert wrong_cells(back, report) == []
    assert [f.message for f in back.findings or [] if f.rule == "parse.merged_cell"] == []
