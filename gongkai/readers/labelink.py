"""Whether the print in a scanned table's label cells is as long as the template's labels.

`gongkai.readers.scanlabels` gives a table the template's labels when its ruling is that of
one run of the template's rows. A table a publisher altered (a row repeated or dropped) can
have the ruling of another run: the labels then fall on rows that print others, and the
figures go to the wrong rows in silence (a repeated row at the top of a page took the
label of the row above it, issue 13, `bench/altered.py`). Reading the labels would cost
what scanlabels saves; their ink's length costs nothing: each row's own label (its
rightmost, one row high) must be about as long as the template's text, in the table's own
measure (the median over its rows), or none of the table's labels is trusted and every cell
is read. A label too short in the first or last row may be a row broken over two pages
(LibreOffice breaks rows; the text goes on on the other page): that cell alone is read.
Labels of nearly one length (「行政处罚」 and 「行政强制」) are not told apart by this.
"""

from __future__ import annotations

import statistics
import unicodedata
from collections.abc import Sequence

from gongkai.readers.scangrid import Cell
from gongkai.readers.scantext import InkBox

Place = tuple[int, int]  # a cell's row and column in its table's grid
_FIT = (0.7, 1.4)  # a label's length over the table's measure (seen: 0.87–1.28)
# Rows to check at least: a label is measured against the others (with one row the ratio
# is always 1; with two a wrong one must be nearly twice the other's length to show).
_FEW = 3


def own_labels(cells: Sequence[Cell], labels: dict[Place, str]) -> dict[int, Cell]:
    """The label cell of each row that has cells to read: its rightmost one row high."""
    to_read = {c.row for c in cells if (c.row, c.column) not in labels}
    own: dict[int, Cell] = {}
    for cell in sorted(cells, key=lambda c: c.column):  # the rightmost last
        if (cell.row, cell.column) in labels and cell.rowspan == 1 and cell.row in to_read:
            own[cell.row] = cell
    return own


def fitting(labels: dict[Place, str], boxes: dict[Place, list[InkBox]]) -> dict[Place, str]:
    """`labels`, if the print in each checked cell (`boxes`: the lines of print in each
    row's own label) is about as long as its text; else none. With no row to read the
    labels do not matter; with too few rows to measure, or no print in any of them, none
    is trusted."""
    if not boxes:
        return labels
    height = statistics.median([b.bottom - b.top for lines in boxes.values() for b in lines] or [0])
    if len(boxes) < _FEW or height <= 0:
        return {}
    ratio = {place: _printed(lines, height) / _ems(labels[place]) for place, lines in boxes.items()}
    measure = statistics.median(ratio.values())
    if measure <= 0:
        return {}
    edges = {min(row for row, _ in boxes), max(row for row, _ in boxes)}
    unfit = {p for p, r in ratio.items() if not _FIT[0] <= r / measure <= _FIT[1]}
    if any(
        r / measure > _FIT[1] or place[0] not in edges
        for place, r in ratio.items()
        if place in unfit
    ):
        return {}
    return {place: text for place, text in labels.items() if place not in unfit}


def _printed(lines: list[InkBox], height: float) -> float:
    """The length of the print, in lines of `height`: a box as tall as several lines (a
    label wrapped, its lines touching) counts each."""
    return (
        sum((b.right - b.left) * max(1, round((b.bottom - b.top) / height)) for b in lines) / height
    )


def _ems(text: str) -> float:
    """The text's length in ems: a Han character or full-width sign one, a digit half."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in text) or 1.0
