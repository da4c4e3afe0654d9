"""A cell's blank mark 「-」 glued to the next cell's figure, read as the blank it is.

Offices mark a cell with nothing to count by 「-」; in text that keeps no room between
cells (pdftotext's layout with narrow columns, a copy from a web page) the mark runs into
the figure of the next cell, and 「- 20」 prints 「-20」: a minus to the tokenizer, one cell
short in its row. In tables 三 and 四, where no count is below zero, a table whose reading
is not plain (a row in doubt, or fixed by the rules) and holds such a minus is read again
with each one split into a blank mark and the figure; that reading is taken only where
every row of it is read plainly, its layout proving it, and every mark is read as a cell,
each split said with the repair warning. Otherwise the minus is left to `readers/negatives.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from gongkai import messages
from gongkai.cells import cell_label
from gongkai.model import Finding
from gongkai.readers.pagecells import Reading, plain
from gongkai.readers.tables import TableResult
from gongkai.readers.tokens import BLANK, NUMBER, Segment, Token, token_value
from gongkai.readers.trace import At

_MARK = "-"


def marks_split(reading: Reading, read: Callable[[list[Segment]], TableResult]) -> Reading:
    """The table's reading, or its reading with every minus before a count taken for the
    blank mark of the cell before it, where only that one is plain."""
    segments, result = reading
    if plain(result) or not any(_signed(t) for s in segments for t in s.cells):
        return reading
    marks = {At(t.line, t.start, t.start + 1) for s in segments for t in s.cells if _signed(t)}
    split = [Segment(list(s.labels), _split(s.cells)) for s in segments]
    again = read(split)
    # Each mark must be read as a cell: one trimmed as filler (a blank before a row's first
    # figure) leaves its minus unaccounted for.
    if not plain(again) or not marks <= set(again.sources.values()):
        return reading
    again.findings += _repairs(marks, again)
    return split, again


def _signed(token: Token) -> bool:
    return token.kind == NUMBER and token.negative and token.start >= 0


def _split(cells: Sequence[Token]) -> list[Token]:
    return [part for token in cells for part in (_parts(token) if _signed(token) else [token])]


def _parts(token: Token) -> list[Token]:
    """The blank mark, one character where the minus was, and the figure after it."""
    mark = Token(BLANK, _MARK, token.line, column=token.column, start=token.start)
    mark.end = token.start + 1
    shift = 1 if token.column >= 0 else 0
    figure = Token(
        NUMBER,
        token.text,
        token.line,
        -(token_value(token) or 0),
        token.unit,
        column=token.column + shift if token.column >= 0 else -1,
        start=token.start + 1,
        end=token.end,
    )
    return [mark, figure]


def _repairs(marks: set[At], result: TableResult) -> list[Finding]:
    """One repair warning for each cell read from a split mark (`marks`: where they are),
    where the reading put it."""
    findings = []
    for name, at in result.sources.items():
        if at not in marks:
            continue
        table, row, column = name.split(".")
        message = messages.GLUED_BLANK_MARK.format(cell=cell_label(name))
        group = row if table == "appeals" else None
        findings.append(
            Finding(
                rule="parse.repaired_row",
                severity="warning",
                message=message,
                row="appeals" if group else row,
                column=column,
                group=group,
                line=at.line,
            )
        )
    return findings
