"""Markdown pipe tables as PDF converters write them, put back into the printed table's
shape line for line (the `markdown` layout: a merged cell's text once, blanks after it).

- docling (and LLM converters) repeat a merged cell's text in every column it spans:
  「| 采购项目数量 | 采购总金额 | 采购总金额 |」 over 「| 2518 | 10574 | 10574 |」. A figure
  that repeats its left neighbour under a header that repeats its own left neighbour is
  that span, not a second cell: it is blanked. Under headers that differ, equal figures
  are two cells and stay. A converter that cuts a table at a page break writes its rest
  as a table of its own: the header stands over it until text comes.
- pymupdf4llm names a header's merged (empty) cells `Col2`, `Col3`…: blanked, or the
  digits of 「Col14」 would be read as a cell.
- marker and pymupdf4llm break a wrapped cell's lines with `<br>`: the pieces are joined,
  or the crawler's rule for HTML would cut the row into lines.

Blanked text keeps its width so that every other cell keeps its column in the line.
"""

from __future__ import annotations

import re

_ROW = re.compile(r"^\s*\|.*\|\s*$")
# Matched on the stripped line: `\s*` on both sides of an optional `|` made a line of
# spaces take quadratic time.
_RULE = re.compile(r"\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?")
_BREAK = re.compile(r"<br\s*/?>", re.I)
_PLACEHOLDER = re.compile(r"Col(\d+)")
_WORDS = re.compile(r"[^\W\d_]")
_FIGURE = re.compile(r"[-−]?\d[\d,，]*(?:\.\d+)?")


def restore_pipe_tables(text: str) -> str:
    """`text` with its pipe tables' converter marks undone (see the module's doc)."""
    if "|" not in text:
        return text
    lines = text.split("\n")
    header: list[str] | None = None
    for index, line in enumerate(lines):
        if not _ROW.match(line) or is_rule(line):
            if _WORDS.search(line):
                header = None  # a table ends at text; a page break (blank, 「— 2 —」) goes on
            continue
        line = _BREAK.sub("", line)
        if index + 1 < len(lines) and is_rule(lines[index + 1]):
            line = _without_placeholders(line)
        cells = _cells(line)
        if any(_FIGURE.fullmatch(c.strip()) for c in cells):
            if header is not None and len(header) == len(cells):
                line = _without_repeats(line, cells, header)
        else:
            header = [c.strip() for c in cells]
        lines[index] = line
    return "\n".join(lines)


def is_rule(line: str) -> bool:
    """Whether the line is a Markdown table's rule under its header (「|---|:--:|」)."""
    return _RULE.fullmatch(line.strip()) is not None


def _cells(line: str) -> list[str]:
    return line.strip()[1:-1].split("|")


def _rebuilt(line: str, cells: list[str]) -> str:
    start = line.index("|")
    end = line.rindex("|")
    return line[: start + 1] + "|".join(cells) + line[end:]


def _without_placeholders(line: str) -> str:
    """A header row with its `ColN` names blanked where N is the cell's own column."""
    cells = _cells(line)
    for column, cell in enumerate(cells):
        match = _PLACEHOLDER.fullmatch(cell.strip())
        if match and int(match.group(1)) == column + 1:
            cells[column] = " " * len(cell)
    return _rebuilt(line, cells)


def _without_repeats(line: str, cells: list[str], header: list[str]) -> str:
    """A row with each figure that repeats its left neighbour under a merged header (one
    that repeats its own left neighbour) blanked."""
    out = list(cells)
    for column in range(1, len(cells)):
        same_figure = cells[column].strip() == cells[column - 1].strip() != ""
        merged_header = header[column] == header[column - 1] != ""
        if same_figure and merged_header and _FIGURE.fullmatch(cells[column].strip()):
            out[column] = " " * len(cells[column])
    return _rebuilt(line, out)
