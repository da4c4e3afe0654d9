"""Footnote marks printed after a figure in a PDF's table cell, left out.

An agency marks a figure for a note below the table: 「297¹」, a small raised 「1」 or 「*」
(HTML's `<sup>`, Word's superscript run). Read as text the mark joins the figure (「2971」,
silently wrong, and the rows' totals fail) or stands after it as a stray word (the row
repaired, said, the figure lost). The HTML and Word readers drop such runs by their markup;
a PDF has only its characters' sizes and baselines: a character clearly smaller than the
figure's digits and raised above their baseline, right after the figure (or after another
such mark), is one; so is a superscript digit (「¹」, whatever its size).
"""

from __future__ import annotations

from collections.abc import Sequence

from gongkai.readers.pdfpage import Char

# A mark is at most this share of the figure's height: browsers print `<sup>` 5/6 the
# size, Word and LibreOffice their superscript some 2/3; a figure's own digits, equal.
SMALLER = 0.85
# ... and its baseline raised at least this share of the figure's height (a third of it
# by `<sup>` and Word): a digit of the same line stands on the figure's baseline.
RAISED = 0.2
_GAP = 3.0  # points at most between the figure (or a mark) and the mark after it
_BAND = 40.0  # points: a mark stands at most this far above the figure's baseline
_CROWDED = 8  # characters kept in one square: more are drawn over each other (hostile)
SUPERSCRIPT_DIGITS = frozenset("⁰¹²³⁴⁵⁶⁷⁸⁹")


def without_footnote_marks(chars: Sequence[Char]) -> list[Char]:
    """A cell's characters without the footnote marks after its figures."""
    marks = _marks(chars)
    return [c for i, c in enumerate(chars) if i not in marks] if marks else list(chars)


def footnote_marks(chars: Sequence[Char]) -> list[Char]:
    """The footnote marks after a cell's figures, of its characters."""
    return [chars[i] for i in sorted(_marks(chars))]


def _marks(chars: Sequence[Char]) -> set[int]:
    """The indexes of the marks: each upright character after a figure's digit or a mark
    (its left within _GAP of their right), small and raised as that digit sets them."""
    if not any(c.text.isdigit() for c in chars):
        return set()
    marks: set[int] = set()
    after = _After()
    for index in sorted(range(len(chars)), key=lambda i: chars[i].left):
        char = chars[index]
        if char.turn or char.text.isspace():
            continue
        digit = next((d for d in after.near(char) if _mark_of(char, d)), None)
        if digit is not None:
            marks.add(index)
            after.add(char.right, digit)  # a mark may follow this one
        elif char.text.isdigit() and char.text not in SUPERSCRIPT_DIGITS:
            after.add(char.right, char)
    return marks


class _After:
    """What a mark may follow: right sides, each with the figure's digit that sets the
    mark's size, kept in squares of _GAP × _BAND so that a character looks near itself
    only (a hostile cell of many lines of figures costs each character a few looks)."""

    def __init__(self) -> None:
        self.squares: dict[tuple[int, int], list[Char]] = {}

    def add(self, right: float, digit: Char) -> None:
        square = self.squares.setdefault((int(right // _GAP), int(digit.baseline // _BAND)), [])
        if len(square) < _CROWDED:
            square.append(digit._replace(right=right))

    def near(self, char: Char) -> list[Char]:
        """Those whose right side is within _GAP of the character's left, on a baseline at
        most _BAND below its own."""
        across, down = int(char.left // _GAP), int(char.baseline // _BAND)
        return [
            d
            for x in (across - 1, across, across + 1)
            for y in (down, down + 1)
            for d in self.squares.get((x, y), ())
            if abs(char.left - d.right) <= _GAP
        ]


def _mark_of(char: Char, digit: Char) -> bool:
    """Whether `char` is printed as a footnote mark after the figure's `digit`."""
    height = digit.bottom - digit.top
    if char.text in SUPERSCRIPT_DIGITS:
        return abs(char.baseline - digit.baseline) <= height
    raised = digit.baseline - char.baseline
    return char.bottom - char.top <= SMALLER * height and RAISED * height <= raised <= height
