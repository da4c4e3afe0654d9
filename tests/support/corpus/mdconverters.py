"""Markdown as the PDF converters researchers use leave a report, each in its own style.

The tools need their models, which cannot be had here, so their documented output is
emulated from the report's own HTML (`gongkai/render/html.py`: cells with their spans),
laid on A4 pages by a rough model of the printed page so that tables break where a
printed one may:

- MinerU: headings `#`, page furniture dropped, tables as HTML `<table>` with `rowspan`
  and `colspan`; a table over two pages merged again, or (older versions) left as two.
- docling: headings `##`, pipe tables padded by tabulate in which a merged cell's text is
  repeated in every column and row it spans, `<!-- image -->` for the seal; tables not
  merged over pages.
- marker: headings `#`/`##`, pipe tables with a merged cell's text in its first cell,
  `<br>` where a label wrapped in its cell; a table over two pages merged, or left as two
  with the header rows repeated as printed.
- pymupdf4llm: pipe tables per page, `Col1|Col2` where a header cell is merged, `<br>` in
  wrapped cells, pages separated by `-----`, the page numbers kept as text.
- an LLM converter, page by page: pipe tables with merged cells repeated or blank by the
  model's whim, figures of four digits or more sometimes with thousands separators.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

_PAGE_LINES = 40  # lines of 12-pt text on an A4 page within the report's margins
_LINE_CHARS = 36
_CELL_LINES = 1.3  # a 9-pt table row, in lines of body text


@dataclass(frozen=True)
class Cell:
    text: str
    rows: int = 1
    columns: int = 1


@dataclass
class Table:
    rows: list[list[Cell]]
    header: int = 0  # header rows (table 三's three), repeated when printed so
    whole: Table | None = None  # the table this is a page's part of


@dataclass(frozen=True)
class Text:
    text: str
    level: int = 0  # 0 a paragraph, 1 the title, 2 a section heading


Block = Text | Table


@dataclass
class Page:
    blocks: list[Block] = field(default_factory=list)


def report_blocks(html: str) -> list[Block]:
    """The headings, paragraphs and tables of a rendered report, in order."""
    body = lxml.html.fromstring(html).find("body")
    assert body is not None
    blocks: list[Block] = []
    for element in body:
        text = _text(element)
        if element.tag == "table":
            blocks.append(_table(element))
        elif element.tag in ("h1", "h2"):
            blocks.append(Text(text, int(element.tag[1])))
        elif text:
            blocks.append(Text(text))
    return blocks


def _text(element: etree._Element) -> str:
    return str(etree.tostring(element, method="text", encoding="unicode")).strip()


def _table(element: etree._Element) -> Table:
    rows = [
        [
            Cell(_text(td), int(td.get("rowspan", 1)), int(td.get("colspan", 1)))
            for td in tr.findall("td")
        ]
        for tr in element.findall("tr")
    ]
    spanned = rows[0][0].rows if rows and rows[0] and rows[0][0].columns > 1 else 0
    return Table(rows, header=spanned if spanned > 1 else 0)


def paged(blocks: list[Block], rng: random.Random) -> list[Page]:
    """The blocks laid on pages: a table that does not fit is cut between rows, a cell
    spanning the cut printed on the first page only (its rows go on blank)."""
    pages, used = [Page()], rng.uniform(0, 8)  # the title block's height varies
    for block in blocks:
        if isinstance(block, Text):
            height = 2.0 if block.level else math.ceil(len(block.text) / _LINE_CHARS)
            if used + height > _PAGE_LINES:
                pages.append(Page())
                used = 0
            pages[-1].blocks.append(block)
            used += height
            continue
        part: list[list[Cell]] = []
        for index, row in enumerate(block.rows):
            height = _row_height(row)
            if used + height > _PAGE_LINES and index <= block.header:  # no header alone
                pages.append(Page())
                used = sum(_row_height(r) for r in part)
            elif used + height > _PAGE_LINES and part:
                pages[-1].blocks.append(Table(part, block.header, block))
                pages.append(Page())
                header = block.rows[: block.header] if index > block.header else []
                used, part = len(header) * _CELL_LINES, [list(r) for r in header]
                row = _cut_spans(block.rows, index, row)
            part.append(row)
            used += height
        whole = block if len(part) < len(block.rows) else None
        pages[-1].blocks.append(Table(part, block.header, whole))
    return pages


def _row_height(row: list[Cell]) -> float:
    """A row's height: its longest cell wraps at about 14 characters a column."""
    return _CELL_LINES * max(1, *(len(c.text) / 14 / c.columns for c in row))


def _cut_spans(rows: list[list[Cell]], index: int, row: list[Cell]) -> list[Cell]:
    """The row at a page's top with the cells of earlier rows that span into it printed
    again as blank cells spanning the rest (what a PDF table shows on its next page)."""
    grid = origins(rows)
    out: list[Cell] = []
    own = iter(row)
    column = 0
    width = len(grid[index])
    while column < width:
        top, left, cell = grid[index][column]
        if top < index and left == column:
            out.append(Cell("", cell.rows - (index - top), cell.columns))
        elif top == index and left == column:
            out.append(next(own))
        column += 1
    return out


def origins(rows: list[list[Cell]]) -> list[list[tuple[int, int, Cell]]]:
    """Each grid position's cell and where it starts (row, column)."""
    grid: dict[tuple[int, int], tuple[int, int, Cell]] = {}
    width = 0
    for r, row in enumerate(rows):
        column = 0
        for cell in row:
            while (r, column) in grid:
                column += 1
            for dr in range(cell.rows):
                for dc in range(cell.columns):
                    grid[(r + dr, column + dc)] = (r, column, cell)
            column += cell.columns
            width = max(width, column)
    return [[grid.get((r, c), (r, c, Cell(""))) for c in range(width)] for r in range(len(rows))]


def _spread(rows: list[list[Cell]], repeat: bool) -> list[list[str]]:
    """The table as a plain grid: a merged cell's text in every position it covers
    (`repeat`) or in its first only."""
    return [
        [
            cell.text if repeat or (top, left) == (r, c) else ""
            for c, (top, left, cell) in enumerate(row)
        ]
        for r, row in enumerate(origins(rows))
    ]


def _pipe(grid: list[list[str]], header: list[str] | None = None, pad: bool = False) -> str:
    head, body = (header, grid) if header is not None else (grid[0], grid[1:])
    lines = [head, ["-" * 3] * len(head), *body]
    if pad:
        widths = [max(_width(line[c]) for line in lines) for c in range(len(head))]
        lines[1] = ["-" * w for w in widths]
        lines = [[t + " " * (w - _width(t)) for t, w in zip(line, widths)] for line in lines]
        return "\n".join("| " + " | ".join(line) + " |" for line in lines)
    return "\n".join("|" + "|".join(line) + "|" for line in lines)


def _width(text: str) -> int:
    """tabulate's width: a CJK character takes two columns (wcwidth)."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _wrapped(text: str, width: int) -> str:
    """A label wrapped in its narrow cell, the lines joined by `<br>`."""
    if len(text) <= width or re.fullmatch(r"[\d.,\-]+", text):
        return text
    return "<br>".join(text[i : i + width] for i in range(0, len(text), width))


def _html_table(table: Table) -> str:
    rows = []
    for row in table.rows:
        cells = []
        for cell in row:
            spans = (f' rowspan="{cell.rows}"' if cell.rows > 1 else "") + (
                f' colspan="{cell.columns}"' if cell.columns > 1 else ""
            )
            cells.append(f"<td{spans}>{cell.text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "<html><body><table>" + "".join(rows) + "</table></body></html>"


def _merged(pages: list[Page]) -> list[Block]:
    """Every page's blocks, the parts of a table cut by pages joined again (as the
    converters that merge tables over pages give it back)."""
    blocks: list[Block] = []
    for page in pages:
        for block in page.blocks:
            whole = block.whole if isinstance(block, Table) else None
            if whole is not None and blocks and blocks[-1] is whole:
                continue
            blocks.append(whole or block)
    return blocks


def _mineru(pages: list[Page], rng: random.Random) -> str:
    blocks = _merged(pages) if rng.random() < 0.5 else [b for p in pages for b in p.blocks]
    out = []
    for block in blocks:
        if isinstance(block, Table):
            out.append(_html_table(block))
        else:
            out.append(f"# {block.text}" if block.level else block.text)
    return "\n\n".join(out) + "\n"


def _docling(pages: list[Page], rng: random.Random) -> str:
    out = []
    for block in [b for p in pages for b in p.blocks]:
        if isinstance(block, Table):
            out.append(_pipe(_spread(block.rows, repeat=True), pad=True))
        elif block.level:
            out.append(f"{'#' * block.level} {block.text}")
        else:
            out.append(block.text)
    out.insert(len(out) - 2, "<!-- image -->")  # the office's seal over its name
    return "\n\n".join(out) + "\n"


def _marker(pages: list[Page], rng: random.Random) -> str:
    blocks = _merged(pages) if rng.random() < 0.5 else [b for p in pages for b in p.blocks]
    width = rng.randint(7, 14)
    out = []
    for block in blocks:
        if isinstance(block, Table):
            grid = _spread(block.rows, repeat=False)
            out.append(_pipe([[_wrapped(t, width) for t in row] for row in grid]))
        elif block.level == 1:
            out.append(f"# {block.text}")
        elif block.level:
            out.append(f"## {block.text}")
        else:
            out.append(block.text)
    return "\n\n".join(out) + "\n"


def _pymupdf(pages: list[Page], rng: random.Random) -> str:
    width = rng.randint(7, 14)
    texts = []
    for number, page in enumerate(pages, 1):
        out = []
        for block in page.blocks:
            if isinstance(block, Table):
                grid = [[_wrapped(t, width) for t in row] for row in _spread(block.rows, False)]
                header = [t or f"Col{c + 1}" for c, t in enumerate(grid[0])]
                out.append(_pipe(grid[1:], header=header))
            elif block.level:
                out.append(f"## **{block.text}**")
            else:
                out.append(block.text)
        out.append(f"— {number} —")
        texts.append("\n\n".join(out))
    return "\n\n-----\n\n".join(texts) + "\n\n-----\n"


def _llm(pages: list[Page], rng: random.Random) -> str:
    repeat = rng.random() < 0.5
    separators = rng.random() < 0.5
    texts = []
    for page in pages:
        out = []
        for block in page.blocks:
            if isinstance(block, Table):
                grid = _spread(block.rows, repeat)
                if separators:
                    grid = [[_thousands(t) for t in row] for row in grid]
                out.append(_pipe(grid))
            elif block.level:
                out.append(f"{'#' * block.level} {block.text}")
            else:
                out.append(block.text)
        texts.append("\n\n".join(out))
    return "\n\n".join(texts) + "\n"


def _thousands(text: str) -> str:
    if re.fullmatch(r"\d{4,}(\.\d+)?", text):
        whole, _, fraction = text.partition(".")
        return f"{int(whole):,}" + (f".{fraction}" if fraction else "")
    return text


STYLES: dict[str, Callable[[list[Page], random.Random], str]] = {
    "mineru": _mineru,
    "docling": _docling,
    "marker": _marker,
    "pymupdf": _pymupdf,
    "llm": _llm,
}


def converted(html: str, style: str, rng: random.Random) -> str:
    """The report rendered as `html`, printed, and converted to Markdown by `style`."""
    return STYLES[style](paged(report_blocks(html), rng), rng)
