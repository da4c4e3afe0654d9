"""Tables as cell grids, and grids as the tab-separated text the text reader reads best.

Every structured format (HTML, DOCX, XLSX, PDF) is reduced to text in which a table is
one line per row and one tab per cell boundary, with a merged cell's text in its first
position and the positions it spans left empty: exactly what copying a table out of a
browser gives, and the layout the text reader handles with the most certainty.
"""

from __future__ import annotations

import itertools
import re
import statistics
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields

from gongkai.errors import OverLimit

Grid = list[list[str]]
# Where a document shows a picture (HTML `<img>`, a Word drawing): a table pasted as one
# cannot be read, and the text reader says so where the table should be.
PICTURE = "〔图片〕"
# What a position covered by a merged figure cell holds, right of the figure's own: the
# text reader then knows the blank is the figure's cell, not an empty one (agencies merge
# two neighbours that print the same figure; `readers/spanned.py` decides the reading).
# Private-use characters: a source's own (a font's glyph, GBK's user-defined AAA1–AAA3) are
# removed before its grid is marked (`without_marks`), so that every one is a mark.
SPANNED = "\ue000"
# A figure cell merged over rows (Excel's 合并后居中 over two equal figures keeps one) holds
# its figure in each row it covers, marked: after it in the first row (`GOES_DOWN`), before
# it in each row below (`FROM_ABOVE`), SPANNED right of it as in any merged figure cell.
# The figure may be each row's, or one row's alone: the rows' rules decide.
GOES_DOWN = "\ue001"
FROM_ABOVE = "\ue002"
# A figure cell perhaps merged over rows (`CUT` in the places of GOES_DOWN and FROM_ABOVE):
# a figure cell at a page's end over a blank cell at the next page's top, both ruled, as
# LibreOffice prints a merged cell a page break cuts and as any table prints a blank under
# a figure there. Each row stands as printed unless its rule proves another reading
# (`readers/pagebreaks.py`, `readers/spanned.py`).
CUT = "\ue003"
MARKS = SPANNED + GOES_DOWN + FROM_ABOVE + CUT
# A figure, any minus before it the tokenizer takes for one (ASCII, U+2212, full-width),
# as the tokenizer sees it: after NFKC (「1，600」, 「﹣16」, 「⁻16」: `is_figure`).
_FIGURE = re.compile(r"[-\u2212－]?(?:\d{1,3}(?:,\d{3})+|\d+)")
# What a person sees of a covered position: nothing (the figure stands in the first row).
_COVERED = re.compile(f"(?<!\\S){CUT}[^\\s{MARKS}]*|{FROM_ABOVE}[^\\s{MARKS}]*")
_NO_MARKS = str.maketrans("", "", MARKS)
_MARKS_AS_SPACES = str.maketrans(MARKS, " " * len(MARKS))


@dataclass(frozen=True)
class Origin:
    """Where a piece of text was printed in its source file (provenance): a page and a box
    (PDF points or page-image pixels, top-left origin: left, top, right, bottom), a cell
    address (`Sheet1!C7`, `Table1!B3` with the 1-based table, row and column), an element
    path (`/html/body/table[1]/tr[5]/td[3]`), or a picture of a document (the 1-based
    picture, and a box in its pixels)."""

    page: int | None = None
    box: tuple[float, float, float, float] | None = None
    address: str | None = None
    path: str | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    picture: int | None = None


_UNPLACED = {f.name: f.default for f in fields(Origin)}


def page_origin(page: int, box: tuple[float, float, float, float]) -> Origin:
    """`Origin(page=page, box=box)`, made without the frozen dataclass's __init__, which
    sets each of the eight fields through object.__setattr__ (some 3 µs): one is made for
    every cell and word of every PDF page."""
    origin = object.__new__(Origin)
    origin.__dict__.update(_UNPLACED, page=page, box=box)
    return origin


@dataclass
class TracedGrid:
    """A grid with the origin of each position (None where nothing was printed)."""

    grid: Grid
    origins: list[list[Origin | None]]


@dataclass
class TracedLine:
    """A line of text with the origin of its pieces: (start, end, origin) in the line."""

    text: str
    spans: list[tuple[int, int, Origin]]


@dataclass(frozen=True)
class SpanCell:
    """A printed cell: its text, its span, and for a number cell the typed value."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    value: int | str | None = None
    number: bool = False
    name: str = ""  # the cell's name (gongkai.cells) for number cells
    origin: Origin | None = None  # where a reader found it (provenance)
    continued: bool = False  # merged with the cell above (Word's vMerge), its text empty


Block = str | TracedGrid | TracedLine
# Emitted text's 1-based line → (start, end, origin) of the pieces on it; lines are counted
# at every line feed and form feed, as the text reader counts them.
SourceMap = dict[int, list[tuple[int, int, Origin]]]


def place_spans(rows: Sequence[Sequence[SpanCell]]) -> list[tuple[int, int, SpanCell]]:
    """(row, column, cell) for each cell, columns counted past the spans of cells above."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, cell))
            taken.update(
                (r + dr, c + dc)
                for dr in range(max(1, cell.rowspan))
                for dc in range(max(1, cell.colspan))
            )
            c += max(1, cell.colspan)
    return placed


def spans_to_grid(rows: Sequence[Sequence[SpanCell]], max_cells: int | None = None) -> Grid:
    """Resolve rowspan/colspan into a rectangular grid (text in each span's first cell).

    With `max_cells`, a table whose merged cells cover more positions than that, or whose
    grid would hold more, is refused (OverLimit) before the grid is built. The positions a
    merged cell covers past its first are empty (this grid is printed for a person: the
    readers' marks are left out).
    """
    grid = spans_to_traced(rows, max_cells).grid
    return [[unmarked(text) for text in row] for row in grid]


def _own_origin(row: int, column: int, cell: SpanCell) -> Origin | None:
    return cell.origin


def spans_to_traced(
    rows: Sequence[Sequence[SpanCell]],
    max_cells: int | None = None,
    where: Callable[[int, int, SpanCell], Origin | None] = _own_origin,
) -> TracedGrid:
    """spans_to_grid as the readers read it: `where(row, column, cell)` at each span's first
    position, and the marks of a merged figure cell (`SPANNED`, `GOES_DOWN`, `FROM_ABOVE`)
    where it covers further columns or rows (HTML's rowspan; Word's vMerge, a `continued`
    cell under the one it merges with)."""
    if max_cells is not None:
        area = sum(max(1, c.rowspan) * max(1, c.colspan) for row in rows for c in row)
        _check_cells(area, max_cells)
    placed = place_spans(rows)
    height = max((r + max(1, cell.rowspan) for r, _, cell in placed), default=0)
    width = max((c + max(1, cell.colspan) for _, c, cell in placed), default=0)
    if max_cells is not None:
        _check_cells(height * width, max_cells)
    grid = [[""] * width for _ in range(height)]
    origins: list[list[Origin | None]] = [[None] * width for _ in range(height)]
    for r, c, cell in placed:
        grid[r][c] = text = without_marks(cell.text)
        origins[r][c] = where(r, c, cell)
        grid[r][c + 1 : c + max(1, cell.colspan)] = spanned(text, cell.colspan - 1)
        if cell.continued and r:
            merged_down(grid, r - 1, r, c, cell.colspan)
        for below in range(r + 1, r + cell.rowspan):
            merged_down(grid, below - 1, below, c, cell.colspan)
            origins[below][c] = origins[r][c] if grid[below][c] else None
    return TracedGrid(grid, origins)


def merged_down(grid: Grid, above: int, row: int, column: int, colspan: int) -> None:
    """Mark the position at `row`, `column` (and the `colspan` - 1 right of it) as covered
    by the merged cell above it, where that cell prints one figure."""
    text = grid[above][column].translate(_NO_MARKS)  # the figure of a covered row too
    covered = grid[above][column].startswith(FROM_ABOVE)  # keeps its mark from above
    for down, right, mark in merged_below(text, 2, colspan):
        if down or not covered:
            grid[row if down else above][column + right] = mark


def merged_below(
    text: str, rows: int, columns: int, cut: bool = False
) -> Iterator[tuple[int, int, str]]:
    """(row, column, mark) counted from its first position of each position a merged cell
    of `rows` × `columns` holding `text` covers in the rows below its first, and its first
    position's text marked, where it prints one figure (marked `CUT` where the cell is
    not proven one)."""
    if rows < 2 or not is_figure(text):
        return
    yield 0, 0, text + (CUT if cut else GOES_DOWN)
    for row in range(1, rows):
        yield row, 0, (CUT if cut else FROM_ABOVE) + text
        for column in range(1, columns):
            yield row, column, SPANNED


def unmarked(text: str) -> str:
    """Text the readers marked, without the marks of merged figure cells (a covered row's
    figure left out): what a person or another consumer of the text gets."""
    return _COVERED.sub("", text).translate(_NO_MARKS)


def without_marks(text: str) -> str:
    """A source's own text before its grid is marked: a private-use glyph of its own (a
    font's, GBK's user-defined AAA1–AAA3) is no mark, and nothing after it is lost."""
    return text.translate(_NO_MARKS)


def marks_as_spaces(text: str) -> str:
    """A source's own text whose private-use glyphs could pass for marks: spaces each, so
    that traced places keep."""
    return text.translate(_MARKS_AS_SPACES)


def spanned(text: str, more: int) -> list[str]:
    """What the `more` positions right of a merged cell's first hold, in the cell's first
    row: SPANNED each where the cell prints one figure, else nothing."""
    mark = SPANNED if is_figure(text) else ""
    return [mark] * max(0, more)


def is_figure(text: str) -> bool:
    return bool(_FIGURE.fullmatch(unicodedata.normalize("NFKC", text).strip()))


def _check_cells(found: int, max_cells: int) -> None:
    if found > max_cells:
        raise OverLimit("cells", found, max_cells)


def grid_to_text(grid: Grid) -> str:
    """One line per row, cells separated by tabs; line breaks inside a cell become spaces."""
    return "\n".join("\t".join(_one_line(cell) for cell in row) for row in grid if any(row))


def traced_grid_lines(traced: TracedGrid) -> list[TracedLine]:
    """grid_to_text's lines, each cell's span with the origin of its position."""
    lines = []
    for row, origins in zip(traced.grid, traced.origins):
        if not any(row):
            continue
        texts = [_one_line(cell) for cell in row]
        spans, at = [], 0
        for text, origin in zip(texts, origins):
            if origin is not None:
                spans.append((at, at + len(text), origin))
            at += len(text) + 1
        lines.append(TracedLine("\t".join(texts), spans))
    return lines


@dataclass(frozen=True)
class Box:
    """Text at a place on a page (PDF word positions, OCR boxes)."""

    text: str
    left: float
    right: float
    top: float
    bottom: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


def char_width(boxes: Sequence[Box]) -> float:
    return statistics.median((b.right - b.left) / max(1, len(b.text)) for b in boxes)


def join_line(line: Sequence[Box], char: float, cell_gap: float, near: str) -> str:
    """One line's boxes left to right: a gap wider than `cell_gap` characters is a cell
    boundary (a tab), a narrower one is `near`."""
    ordered = sorted(line, key=lambda b: b.left)
    text = ordered[0].text
    for before, box in itertools.pairwise(ordered):
        text += ("\t" if box.left - before.right > cell_gap * char else near) + box.text
    return text


Place = Callable[[tuple[float, float, float, float]], tuple[float, float, float, float]]


def join_traced(
    line: Sequence[Box],
    char: float,
    cell_gap: float,
    near: str,
    page: int,
    place: Place | None = None,
) -> TracedLine:
    """join_line's text, each box's span with its box on `page` as origin (moved by
    `place` where the boxes were measured in another frame than the page's)."""
    text = join_line(line, char, cell_gap, near)
    spans, at = [], 0
    for box in sorted(line, key=lambda b: b.left):
        at = text.index(box.text, at)
        corners = (box.left, box.top, box.right, box.bottom)
        origin = page_origin(page, place(corners) if place else corners)
        spans.append((at, at + len(box.text), origin))
        at += len(box.text)
    return TracedLine(text, spans)


def _block_lines(block: Block) -> tuple[str, list[TracedLine]]:
    """A block's text and its traced lines (a table's text is its lines': grid_to_text)."""
    # A line's own marks are none (only a grid's are).
    if isinstance(block, str):
        return marks_as_spaces(block), []
    if isinstance(block, TracedLine):
        return marks_as_spaces(block.text), [block]
    lines = traced_grid_lines(block)
    return "\n".join(traced.text for traced in lines), lines


def blocks_to_traced(blocks: Iterable[Block]) -> tuple[str, SourceMap]:
    """Paragraphs and tables in document order, as text, and where each traced piece of it
    came from."""
    parts: list[str] = []
    found: SourceMap = {}
    line = 1
    for block in blocks:
        text, lines = _block_lines(block)
        for offset, traced in enumerate(lines):
            found[line + offset] = traced.spans
        parts.append(text)
        line += text.count("\n") + text.count("\f") + 1
    return "\n".join(parts) + "\n", found


def _one_line(text: str) -> str:
    return " ".join(text.split())
