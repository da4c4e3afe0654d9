"""A scanned page as text, its ruled tables read cell by cell.

The page is made upright and its ruled tables found (gongkai.readers.scangrid). Text
outside the tables is found from its pixels (gongkai.readers.scantext) and its boxes
grouped into lines; inside a table each printed cell is cropped, decided blank from its
pixels (no ink: an empty cell, never a 0), and its lines of text found the same way. Every
crop of the page is read in one batch by the recogniser (gongkai.readers.recognise): the
detection model is not run. A table becomes the tab-separated grid every other format
gives the text reader, so a blank cell keeps its column and a value cannot slide into its
neighbour's.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, replace

import cv2
import numpy as np

from gongkai import catalog
from gongkai.grid import (
    Block,
    Box,
    Grid,
    Origin,
    TracedGrid,
    blocks_to_traced,
    merged_below,
    spanned,
)
from gongkai.readers import labelink, scangrid
from gongkai.readers.ocr import boxes_to_lines
from gongkai.readers.recognise import PROSE, read_crops
from gongkai.readers.scanframe import LEVEL, PageFrame
from gongkai.readers.scanlabels import known_labels
from gongkai.readers.scansign import Sign, centring, room_for_a_minus, shift, sign_before
from gongkai.readers.scantext import (
    InkBox,
    line_boxes,
    text_boxes,
    thin_bars,
    whole_strokes,
    without_specks,
)
from gongkai.readers.tokens import BLANK_MARKS

_INSET = 4  # pixels kept clear of a cell's rules, which would read as 1 or 丨
_MIN_INK = 12  # ink pixels below which a cell is blank (dust, a rule's ragged edge)
_MAX_CELLS = 2_000  # cells per page; past this (a hostile mesh) the page is read by lines
_CLEAR = 3  # pixels beyond a table's outer rules left out of the text around it


@dataclass(frozen=True)
class _Line:
    """A line of text inside a cell: where it is, the cell's grey pixels (inside its
    rules) and the line's box in them."""

    table: int
    row: int
    column: int
    cell: np.ndarray
    box: InkBox

    @property
    def crop(self) -> np.ndarray:
        return _crop(self.cell, self.box)


def page_blocks(image: np.ndarray, frame: PageFrame) -> list[Block] | None:
    """The page's lines and tables, each cell and box of text traced to its place on the
    page as `frame` shows it; None when it has too many cells to read one by one (a
    mesh), for the caller to read it by whole-page OCR."""
    grey = scangrid.to_grey(image)
    angle = scangrid.skew_angle(scangrid.binarise(grey))
    page = scangrid.upright(grey, angle)
    turned = scangrid.turning(grey.shape, angle)
    if turned is not None:  # the upright page's places turned back as the page is shown
        frame = replace(frame, back=cv2.invertAffineTransform(turned))
    ink = scangrid.binarise(page)
    tables = scangrid.find_tables(scangrid.find_rules(ink), _MAX_CELLS)
    if sum(len(t.cells) for t in tables) > _MAX_CELLS:
        return None
    labels = [trusted_labels(ink, table) for table in tables]
    lines = table_lines(page, ink, tables, labels)
    around = text_boxes(_without(ink, tables))
    crops = [line.crop for line in lines] + [_crop(page, box) for box in around]
    read = read_crops(
        crops, [1.0] * len(lines) + [PROSE] * len(around)
    )  # one batch: all threads busy
    grids = _grids(tables, labels, lines, [r.text for r in read[: len(lines)]])
    prose = read[len(lines) :]
    outside = [
        Box(line_text(reading.text), box.left, box.right, box.top, box.bottom)
        for box, reading in zip(around, prose)
        if reading.text
    ]
    traced = [_traced(table, grid, frame) for table, grid in zip(tables, grids)]
    return _interleave(outside, tables, traced, frame)


def page_text(image: np.ndarray) -> str | None:
    """page_blocks' text (a picture's pixels), or None for a mesh."""
    blocks = page_blocks(image, PageFrame(1, LEVEL, image.shape[1], image.shape[0]))
    return None if blocks is None else blocks_to_traced(blocks)[0].removesuffix("\n")


def read_tables(page: np.ndarray, ink: np.ndarray, tables: list[scangrid.Table]) -> list[Grid]:
    """Each table's text as a grid, a merged cell's text in its first position; every
    cell of the page read in one batch of crops."""
    labels = [trusted_labels(ink, table) for table in tables]
    lines = table_lines(page, ink, tables, labels)
    texts = [r.text for r in read_crops([line.crop for line in lines])]
    return _grids(tables, labels, lines, texts)


def trusted_labels(ink: np.ndarray, table: scangrid.Table) -> dict[tuple[int, int], str]:
    """The template's labels the table's ruling proves (gongkai.readers.scanlabels) and
    the length of their print confirms (gongkai.readers.labelink)."""
    known = known_labels(table)
    own = labelink.own_labels(table.cells, known)
    boxes = {(cell.row, cell.column): cell_boxes(ink, cell) for cell in own.values()}
    return labelink.fitting(known, boxes)


def table_lines(
    page: np.ndarray,
    ink: np.ndarray,
    tables: list[scangrid.Table],
    labels: list[dict[tuple[int, int], str]],
) -> list[_Line]:
    """The lines of text to read in each cell but the trusted `labels` of each table,
    pieces of one line cut apart by the binarisation joined again."""
    found = [
        (index, cell, cell_boxes(ink, cell))
        for index, table in enumerate(tables)
        for cell in table.cells
        if (cell.row, cell.column) not in labels[index]
    ]
    height = line_height([box for _, _, boxes in found for box in boxes])
    return [
        _Line(index, cell.row, cell.column, _inside(page, cell), box)
        for index, cell, boxes in found
        for box in whole_lines(boxes, height)
    ]


def _grids(
    tables: list[scangrid.Table],
    labels: list[dict[tuple[int, int], str]],
    lines: list[_Line],
    texts: list[str],
) -> list[Grid]:
    """Each table's grid: its trusted labels' text, and what was read in its other cells,
    a figure's sign judged once the headers above it are known."""
    found: dict[tuple[int, int, int], list[tuple[_Line, str]]] = {}
    for line, text in zip(lines, texts):
        found.setdefault((line.table, line.row, line.column), []).append((line, text))
    grids = [[[""] * (len(t.columns) - 1) for _ in t.rows[1:]] for t in tables]
    for known, grid in zip(labels, grids):
        for (row, column), label in known.items():
            grid[row][column] = label
    for (table, row, column), read in found.items():
        grids[table][row][column] = _cell_reading([text for _, text in read])
    centres = [centring(_shifts(found, table)) for table in range(len(tables))]
    cells = [{(c.row, c.column): c for c in t.cells} for t in tables]
    for (table, row, column), read in found.items():
        heading = _heading(grids[table], row, column)
        signed_column = heading is not None and catalog.signed_header(heading)
        may_be_negative = signed_column or (
            heading is None and _signed_row(grids[table], row, column)
        )
        centre = centres[table] if signed_column and len(read) == 1 else None
        texts = [signed(line, text, may_be_negative, centre) for line, text in read]
        lines = [line for line, _ in read]
        for at, text in _by_row(tables[table], cells[table][(row, column)], lines, texts):
            grids[table][at][column] = text
    _mark_spanned(tables, grids)
    return grids


def _mark_spanned(tables: list[scangrid.Table], grids: list[Grid]) -> None:
    """The positions a merged figure cell covers past its first marked, as every format's
    grid has them (`grid.spanned`, `grid.merged_below`); a cell over rows whose figures
    `_by_row` gave to their rows is no merged cell."""
    for drawn, grid in zip(tables, grids, strict=True):
        for cell in drawn.cells:
            at, more = cell.column + 1, cell.colspan - 1
            grid[cell.row][at : at + more] = spanned(grid[cell.row][cell.column], more)
            if any(grid[cell.row + k][cell.column] for k in range(1, cell.rowspan)):
                continue
            text = grid[cell.row][cell.column]
            for row, column, mark in merged_below(text, cell.rowspan, cell.colspan):
                grid[cell.row + row][cell.column + column] = mark


def _by_row(
    table: scangrid.Table, cell: scangrid.Cell, lines: list[_Line], texts: list[str]
) -> list[tuple[int, str]]:
    """The cell's reading, in its first row; but a cell over several rows whose lines are
    figures, each in a row of its own, gives each figure to the row it stands in. Such a
    cell is a horizontal rule lost in one column (light toner, a faint scan): no template
    merges figure cells down, and joined, its figures read as one number in the first row
    (「5」 above 「0」 as 「50」), the rows below blank. Lines read as nothing or as a
    stub of a rule are no figure of any row: a table's ragged right edge leaves a cell
    over many rows that holds, beside the figures, the rules of the shorter rows below."""
    if cell.rowspan > 1 and len(texts) > 1:
        printed = [(line, text) for line, text in zip(lines, texts) if _printed(text)]
        rows = [_row_at(table, cell, line.box) for line, _ in printed]
        figures = all(_FIGURE.fullmatch(cell_text(text)) for _, text in printed)
        if len(printed) > 1 and figures and len(set(rows)) == len(rows):
            return [(row, _cell_reading([text])) for row, (_, text) in zip(rows, printed)]
    return [(cell.row, _cell_reading(texts))]


def _printed(text: str) -> bool:
    """Whether a line of a cell was read as print, not as nothing or a rule's stub."""
    return bool(cell_text(text)) and not _RULE_PIECE.fullmatch(text)


def _row_at(table: scangrid.Table, cell: scangrid.Cell, box: InkBox) -> int:
    """The row of the table's grid a line of the cell stands in, by the rules that part
    the rows in the other columns."""
    middle = cell.top + _INSET + (box.top + box.bottom) / 2
    row = bisect.bisect_right(table.rows, middle) - 1
    return min(max(row, cell.row), cell.row + cell.rowspan - 1)


def _cell_reading(texts: list[str]) -> str:
    return cell_text(_without_rule_pieces(texts)) or UNREAD


def _shifts(found: dict[tuple[int, int, int], list[tuple[_Line, str]]], table: int) -> list[float]:
    """How far right of its cell's middle each figure of `table` stands, of the cells that
    hold one line of print and that line a figure."""
    return [
        shift(line.cell.shape[1], line.box)
        for (at, _, _), read in found.items()
        if at == table and len(read) == 1
        for line, text in read
        if _BARE_FIGURE.fullmatch(text)
    ]


def _heading(grid: Grid, row: int, column: int) -> str | None:
    """The header nearest above a cell: the first cell above it that holds no figure nor a
    blank mark (「—」 in the cell above is no header); None on a page that holds none (a
    table going on from the page before)."""
    for above in range(row - 1, -1, -1):
        text = grid[above][column]
        if text and not _FIGURE.fullmatch(text) and text.strip() not in BLANK_MARKS:
            return unicodedata.normalize("NFKC", text)
    return None


def _signed_row(grid: Grid, row: int, column: int) -> bool:
    """Whether a cell under no header may be below zero, by its row's label (the first
    cell left of it that holds no figure): not in a row of counts (table 三's 「2.重复申请」
    going on from the page before); in a row of table 二 that has such a column, or one
    whose label is not on the page."""
    for left in range(column - 1, -1, -1):
        text = grid[row][left]
        if text and not _FIGURE.fullmatch(text):
            return catalog.signed_row(unicodedata.normalize("NFKC", text))
    return True


# A cell holding no more than a figure, any sign, or a mark that was not read.
_FIGURE = re.compile(r"-?\d+(?:\.\d+)?|\?")


# A cell with ink that the recogniser read as nothing is neither blank nor known: a mark
# the text reader cannot take for a value, so that the row is flagged (parse.*), where an
# empty cell would pass for a cell printed blank.
UNREAD = "?"


_BARE_FIGURE = re.compile(r"\d+(?:\.\d+)?")


def signed(line: _Line, text: str, may_be_negative: bool, centre: float | None) -> str:
    """A line read as a bare figure with the minus the ink threshold lost before it
    (gongkai.readers.scansign). In a column that `may_be_negative` (or not known not to
    be), it is read as a mark that flags its row where a bar too faint to be sure of
    stands there, or where the figure stands right of the others (`centre`, given for a
    cell under a header that holds one line) by a lost minus's room: never silently
    positive. Elsewhere the figure is a count, which the template lets be no less than
    zero: a faint mark before it (a photocopy's speckle) is no sign, and a clear minus is
    left to gongkai.readers.negatives to judge."""
    if not _BARE_FIGURE.fullmatch(text):
        return text
    sign = sign_before(line.cell, line.box)
    if sign is Sign.MINUS:
        return "-" + text
    if not may_be_negative:
        return text
    if sign is Sign.DOUBT:
        return UNREAD
    moved = centre is not None and room_for_a_minus(shift(line.cell.shape[1], line.box), centre)
    return UNREAD if moved else text


_RULE_PIECE = re.compile(r"[-_—─|丨.]+")


def _without_rule_pieces(texts: list[str]) -> str:
    """A cell's lines joined, less lines read as nothing but dashes or bars beside real
    text: a stub of a rule inside a merged cell (a cell printed as 「—」 keeps it)."""
    kept = [text for text in texts if not _RULE_PIECE.fullmatch(text)]
    return "".join(kept if kept else texts)


# A page number printed 「- 2 -」 reads as 「一2一」 or 「—2一」: the dashes are the character
# 一 or a long dash to the recogniser, and the page number would then pass for a table's
# cell.
_FOLIO = re.compile(r"[-—一]\s*(\d{1,3})\s*[-—一]")


def line_text(text: str) -> str:
    """A box of text outside the tables normalised, a page number's dashes as dashes."""
    text = unicodedata.normalize("NFKC", text)
    return _FOLIO.sub(r"-\1-", text) if _FOLIO.fullmatch(text) else text


_NUMBER_LIKE = re.compile(r"[.·]?[0-9Oo〇]+(?:\.[0-9Oo〇]+)?[.·]?")


def cell_text(text: str) -> str:
    """A cell's reading normalised; in a cell that holds only a number, the letter O the
    recogniser confuses with a lone 0 (crisp print) is 0, and a speck before or after
    it read as a full stop or a middle dot is dropped."""
    text = unicodedata.normalize("NFKC", text)
    if not _NUMBER_LIKE.fullmatch(text):
        return text
    return text.strip(".·").translate(_DIGITS)


_DIGITS = str.maketrans("Oo〇", "000")


def cell_boxes(ink: np.ndarray, cell: scangrid.Cell) -> list[InkBox]:
    """The boxes of each line of print in a cell (in `_inside` its rules), top to bottom;
    none for a blank cell."""
    inked = _inside(ink, cell)
    if inked.size == 0:
        return []
    marks = without_specks(inked)
    if int(np.count_nonzero(marks)) < _MIN_INK:
        return []
    return line_boxes(whole_strokes(inked, marks | thin_bars(inked)), False)


def _inside(pixels: np.ndarray, cell: scangrid.Cell) -> np.ndarray:
    """The cell's pixels kept clear of its rules (empty when the cell is too small)."""
    top, bottom = cell.top + _INSET, cell.bottom - _INSET
    left, right = cell.left + _INSET, cell.right - _INSET
    return pixels[top : max(top, bottom), left : max(left, right)]


# A blurred or coarse scan binarised loses a digit's thin stroke (the diagonal of a 2, the
# stem under a 5's bar), so one line of print comes apart in two boxes, each shorter than a
# line: read apart, 「22」 was 「77」 above nothing and 「2266」 (issue 13). Two such pieces
# together no taller than a line are one line; two real lines stand twice as tall.
_PIECE = 0.8  # of the line height: a box shorter than this is not a whole line
_JOINED = 1.3  # of the line height: two pieces joined stand no taller than this


def line_height(boxes: list[InkBox]) -> float:
    """The height of a line of print in the tables of a page: the median of its boxes."""
    return float(np.median([b.bottom - b.top for b in boxes])) if boxes else 0.0


def whole_lines(boxes: list[InkBox], height: float) -> list[InkBox]:
    """`boxes` (one cell's, top to bottom), each two neighbours that are both shorter than
    a line of `height` and together no taller than one joined into one box."""
    joined: list[InkBox] = []
    for box in boxes:
        last = joined[-1] if joined else None
        if last is not None and _pieces_of_a_line(last, box, height):
            joined[-1] = InkBox(
                min(last.left, box.left), last.top, max(last.right, box.right), box.bottom
            )
        else:
            joined.append(box)
    return joined


def _pieces_of_a_line(upper: InkBox, lower: InkBox, height: float) -> bool:
    short = max(upper.bottom - upper.top, lower.bottom - lower.top) < _PIECE * height
    return short and lower.bottom - upper.top <= _JOINED * height


def _crop(page: np.ndarray, box: InkBox) -> np.ndarray:
    return page[box.top : box.bottom, box.left : box.right]


def _without(ink: np.ndarray, tables: list[scangrid.Table]) -> np.ndarray:
    """The page's ink with its tables (and their rules' thickness) cleared."""
    blank = ink.copy()
    for table in tables:
        top, left = max(0, table.top - _CLEAR), max(0, table.left - _CLEAR)
        blank[top : table.bottom + _CLEAR + 1, left : table.right + _CLEAR + 1] = 0
    return blank


def _traced(table: scangrid.Table, grid: Grid, frame: PageFrame) -> TracedGrid:
    """A table's grid, each printed cell's first position traced to the cell's box."""
    origins: list[list[Origin | None]] = [[None] * len(row) for row in grid]
    for cell in table.cells:
        origins[cell.row][cell.column] = frame.origin(cell.left, cell.top, cell.right, cell.bottom)
    return TracedGrid(grid, origins)


def _interleave(
    boxes: list[Box], tables: list[scangrid.Table], grids: list[TracedGrid], frame: PageFrame
) -> list[Block]:
    """Lines above, between and below the tables, each table in its place (tables and
    boxes in upright pixels, lines traced to the page as `frame` shows it)."""
    blocks: list[Block] = []
    above = 0.0
    for table, grid in zip(tables, grids):
        blocks += _lines([b for b in boxes if above <= b.middle < table.top], frame)
        if any(any(row) for row in grid.grid):
            blocks.append(grid)
        above = table.bottom
    return blocks + _lines([b for b in boxes if b.middle >= above], frame)


def _lines(boxes: list[Box], frame: PageFrame) -> list[Block]:
    return [frame.line(line) for line in boxes_to_lines(boxes, frame.page)]
