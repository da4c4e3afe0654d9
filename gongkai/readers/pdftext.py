"""Characters with boxes to words, lines and the text of table cells.

The rules are pdfplumber's defaults (`extract_words`, `Table.extract`), so that a page
read through pdfium gives the text pdfplumber gave: characters cluster into lines whose
baselines differ by at most Y_TOLERANCE (pdfplumber compares tops, which a font without
metrics, or a larger type on the same line, moves), a line reads left to right, and a
word ends at a space, at a gap wider than X_TOLERANCE or where the next character
starts further left. Turned text (a header set to read upwards) keeps the order it was
written in.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from gongkai.grid import (
    Box,
    Place,
    TracedGrid,
    TracedLine,
    char_width,
    join_traced,
    merged_below,
    page_origin,
    spanned,
    without_marks,
)
from gongkai.readers.pdfpage import Char
from gongkai.readers.ruling import Cell, table_rows

X_TOLERANCE = 3.0  # points between characters of one word
Y_TOLERANCE = 3.0  # points between the baselines of characters on one line
LINE_TOLERANCE = 3.0  # points: words whose baselines differ less share a line
CELL_GAP = 2.2  # a gap wider than this many character widths separates cells
_FIGURE = re.compile(r"-?\d+(?:\.\d+)?")
Point = tuple[float, float]  # across, down
W = TypeVar("W", bound=Box)


@dataclass(frozen=True)
class Word(Box):
    """A word's box and the baseline it is written on."""

    baseline: float = 0.0


def chars_to_words(chars: Sequence[Char], within: Sequence[Cell] = ()) -> list[Word]:
    """Words in reading order: runs of upright and of turned characters, each run read
    by its own rule. Upright lines whose characters all lie in one of the boxes `within`
    are left out: every word of such a line lies in that box (a page's tables, whose
    words the caller would drop)."""
    return [_word(run) for run in _word_runs(chars, within)]


def _word_runs(chars: Sequence[Char], within: Sequence[Cell] = ()) -> Iterator[list[Char]]:
    """The characters of each word, as chars_to_words finds them."""
    if not any(map(_TURN, chars)):  # most pages: one upright run
        yield from _upright_runs(chars, within)
        return
    for upright, group in itertools.groupby(chars, key=lambda c: c.turn == 0):
        run = list(group)
        yield from _upright_runs(run, within) if upright else _turned_runs(run)


_TURN, _TEXT = operator.attrgetter("turn"), operator.attrgetter("text")
_LEFT, _TOP = operator.attrgetter("left"), operator.attrgetter("top")
_RIGHT, _BOTTOM = operator.attrgetter("right"), operator.attrgetter("bottom")


def _upright_runs(chars: Sequence[Char], within: Sequence[Cell]) -> Iterator[list[Char]]:
    word: list[Char] = []
    for char in _by_line(chars, within):
        if char.text.isspace():
            if word:
                yield word
                word = []
        elif word and _breaks(word[-1], char):
            yield word
            word = [char]
        else:
            word.append(char)
    if word:
        yield word


def _by_line(chars: Sequence[Char], within: Sequence[Cell] = ()) -> list[Char]:
    """Characters line by line (baselines chained within Y_TOLERANCE), left to right;
    lines held by one of the boxes `within` left out. A word never runs from one line
    on to the next (their baselines are more than Y_TOLERANCE apart), so the words of
    the other lines are the same with or without them."""
    if not chars:
        return []
    line_of: dict[float, int] = {}
    line, last = 0, None
    for baseline in sorted({c.baseline for c in chars}):
        if last is not None and baseline > last + Y_TOLERANCE:
            line += 1
        line_of[baseline], last = line, baseline
    if line == 0 and not within:  # one line: the order is the characters' from left to right
        return sorted(chars, key=_LEFT)
    lines: list[list[Char]] = [[] for _ in range(line + 1)]
    for char in chars:
        lines[line_of[char.baseline]].append(char)
    ordered: list[Char] = []
    for members in lines:
        if not (within and _held(members, within)):
            ordered += sorted(members, key=_LEFT)
    return ordered


def _held(chars: list[Char], boxes: Sequence[Cell]) -> bool:
    """Whether one of `boxes` holds every character's box."""
    left, top = min(map(_LEFT, chars)), min(map(_TOP, chars))
    right, bottom = max(map(_RIGHT, chars)), max(map(_BOTTOM, chars))
    return any(
        x0 <= left and right <= x1 and y0 <= top and bottom <= y1 for x0, y0, x1, y1 in boxes
    )


def _breaks(before: Char, char: Char) -> bool:
    return (
        char.left < before.left
        or char.left > before.right + X_TOLERANCE
        or abs(char.baseline - before.baseline) > Y_TOLERANCE
    )


def _turned_runs(chars: list[Char]) -> Iterator[list[Char]]:
    runs = itertools.groupby(chars, key=lambda c: c.text.isspace())
    return (list(run) for blank, run in runs if not blank)


def _word(chars: Sequence[Char]) -> Word:
    texts, lefts, tops, rights, bottoms, _, baselines = zip(*chars, strict=True)
    return Word("".join(texts), min(lefts), max(rights), min(tops), max(bottoms), baselines[0])


def words_to_lines(
    words: list[Word], page: int = 1, place: Place | None = None
) -> list[tuple[float, TracedLine]]:
    """Words grouped into lines by position; wide gaps become tabs (cells of unruled
    tables). Each line with its top, each word with its box on `page` (as `place` puts
    it there)."""
    if not words:
        return []
    char = char_width(words)
    lines: list[list[Word]] = []
    for box in sorted(words, key=lambda b: (round(b.baseline), b.left)):
        if lines and abs(lines[-1][0].baseline - box.baseline) <= LINE_TOLERANCE:
            lines[-1].append(box)
        else:
            lines.append([box])
    return [(line[0].top, join_traced(line, char, CELL_GAP, " ", page, place)) for line in lines]


def cells_chars(tables: list[list[Cell]], chars: Sequence[Char]) -> list[dict[Cell, list[Char]]]:
    """For each table, the characters whose middle lies in each of its cells, in the
    order they were written. The page's characters are ordered from top to bottom once;
    those of a band (a row of cells: their top and bottom) from left to right once, and
    each cell of the row takes its run of them."""
    if not tables:
        return []
    across = [(c.left + c.right) / 2 for c in chars]
    down = [(c.top + c.bottom) / 2 for c in chars]
    order = sorted(range(len(chars)), key=down.__getitem__)
    middles = [down[i] for i in order]
    bands: dict[tuple[float, float], tuple[list[float], list[int]]] = {}

    def held(cell: Cell) -> list[Char]:
        left, top, right, bottom = cell
        band = bands.get((top, bottom))
        if band is None:
            members = order[bisect.bisect_left(middles, top) : bisect.bisect_left(middles, bottom)]
            members.sort(key=across.__getitem__)
            band = bands[top, bottom] = ([across[i] for i in members], members)
        xs, members = band
        run = members[bisect.bisect_left(xs, left) : bisect.bisect_left(xs, right)]
        return [chars[i] for i in sorted(run)]

    return [{cell: held(cell) for cell in cells} for cells in tables]


def table_grid(
    cells: list[Cell],
    inside: dict[Cell, list[Char]],
    page: int = 1,
    place: Place | None = None,
) -> TracedGrid:
    """The table's text, one string per position (past a merged cell's first: empty, or
    `grid.spanned`'s marks after a figure), each cell's characters as words joined by
    single spaces; each cell's box on `page` (as `place` puts it there). A cell over
    several rows whose lines are figures, each in a row of its own, gives each figure to
    its row (`_figures_by_row`); one that prints one figure holds it in each row, marked
    (`grid.merged_below`)."""
    rows = table_rows(cells)
    tops = sorted({cell[1] for cell in cells})  # each row's top, as table_rows groups them
    lefts = sorted({cell[0] for cell in cells})  # each column's left, as table_rows has them
    texts = [
        [without_marks(_cell_text(inside[cell])) if cell else "" for cell in row] for row in rows
    ]
    origins = [
        [page_origin(page, place(cell) if place else cell) if cell else None for cell in row]
        for row in rows
    ]
    for r, row in enumerate(rows):
        for k, cell in enumerate(row):
            if cell:
                more = _covered(row, k, cell[2], lefts)
                texts[r][k + 1 : k + 1 + more] = spanned(texts[r][k], more)
            figures = _figures_by_row(cell, inside[cell], tops, lefts, r) if cell else []
            if figures:
                texts[r][k] = ""  # the first row may print none of them
            for below, text in figures:
                texts[below][k], origins[below][k] = text, origins[r][k]
            if cell and not figures:
                down = bisect.bisect_left(tops, cell[3]) - r
                _mark_below(TracedGrid(texts, origins), rows, r, k, down, more + 1)
    return TracedGrid(texts, origins)


def _mark_below(
    traced: TracedGrid, rows: list[list[Cell | None]], r: int, k: int, down: int, wide: int
) -> None:
    """The marks of the cell at `r`, `k` over `down` rows and `wide` columns, where it
    prints one figure, in the positions it covers (none another cell's), the figure's
    below with the cell's origin."""
    for dr, dc, mark in merged_below(traced.grid[r][k], down, wide):
        if (dr, dc) == (0, 0) or rows[r + dr][k + dc] is None:
            traced.grid[r + dr][k + dc] = mark
            if dr and not dc:
                traced.origins[r + dr][k] = traced.origins[r][k]


def _covered(row: list[Cell | None], k: int, right: float, lefts: list[float]) -> int:
    """The positions right of the cell at `k` (its right side at `right`) it covers."""
    more = 0
    while k + 1 + more < len(row) and row[k + 1 + more] is None and lefts[k + 1 + more] < right:
        more += 1
    return more


def _figures_by_row(
    cell: Cell, chars: list[Char], tops: list[float], lefts: list[float], row: int
) -> list[tuple[int, str]]:
    """The figures of a cell of one column over several rows, each with the row it stands
    in, if its lines are figures, one word each, each in a row of its own; else none (two
    figures far apart on one line are two cells' figures, not one number). Such a cell is
    a rule the publisher left out under one cell (Word lets a border go): no template
    merges figure cells down, and joined, its figures read as one cell of the first row
    (「3887 1139」), the rows below blank, without a word of warning."""
    last = bisect.bisect_left(tops, cell[3]) - 1  # the last row the cell reaches into
    columns = bisect.bisect_left(lefts, cell[2]) - bisect.bisect_left(lefts, cell[0])
    if last <= row or columns != 1 or any(c.turn for c in chars):
        return []
    words = list(_upright_runs(chars, ()))  # two words on one line share its row: refused
    rows = [bisect.bisect_right(tops, (word[0].top + word[0].bottom) / 2) - 1 for word in words]
    texts = ["".join(c.text for c in word) for word in words]
    figures = len(words) > 1 and all(_FIGURE.fullmatch(text) for text in texts)
    if not figures or len(set(rows)) < len(rows) or not all(row <= r <= last for r in rows):
        return []
    return list(zip(rows, texts, strict=True))


def _cell_text(chars: list[Char]) -> str:
    if _one_word(chars):  # most cells: a number or a label, upright on one line
        return "".join(map(_TEXT, chars))
    return " ".join(" ".join("".join(map(_TEXT, run)) for run in _word_runs(chars)).split())


def _one_word(chars: list[Char]) -> bool:
    """Upright characters, none blank, each where chars_to_words would continue the word
    of the one before: they are one line (baselines chained within Y_TOLERANCE), already
    in left-to-right order, and one word."""
    for before, char in itertools.pairwise(chars):
        if char.turn or char.text.isspace() or _breaks(before, char):
            return False
    return not chars or not (chars[0].turn or chars[0].text.isspace())


def outside(words: Sequence[W], boxes: Sequence[Cell]) -> list[W]:
    """The words whose middle lies in none of the boxes (sides included), in order."""
    points = [((w.left + w.right) / 2, w.middle) for w in words]
    held = {i for box in points_in_boxes(points, boxes) for i in box}
    return [word for i, word in enumerate(words) if i not in held]


def points_in_boxes(points: Sequence[Point], boxes: Sequence[Cell]) -> list[list[int]]:
    """For each box, the indexes of the points that lie in it (sides included), in order.
    The points are ordered from top to bottom once and each box looks at its band only:
    a hostile page of thousands of small tables beside a long text costs the points
    near each table, not every point for every table."""
    order = sorted(range(len(points)), key=lambda i: points[i][1])
    downs = [points[i][1] for i in order]
    found = []
    for left, top, right, bottom in boxes:
        band = order[bisect.bisect_left(downs, top) : bisect.bisect_right(downs, bottom)]
        found.append(sorted(i for i in band if left <= points[i][0] <= right))
    return found
