"""Where each cell the text reader filled was printed: the token it took, found again.

The tables are read as values (readings of rows, repairs of glued digits, blocks of numbers
dealt out to rows); `trace_cells` walks a row's values beside the tokens they were read
from and gives each value the place of its token: a token read as one cell, a glued run
split into several (each cell gets the run's span), a blank mark. A value no token printed
(a cell a rule inserted, an empty cell between separators) keeps the row's line alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NamedTuple

from gongkai.readers.tokens import BLANK, LABEL, NUMBER, Token

_LOOKAHEAD = 3  # surplus tokens a repair may have dropped before a cell's own


class At(NamedTuple):
    """A place in the text the reader read: its 1-based line, and [start, end) in it."""

    line: int
    start: int | None = None
    end: int | None = None


def token_at(token: Token) -> At:
    """The token's place; an empty cell keeps its position (start == end), which a format's
    source map may know the origin of."""
    if token.start < 0:
        return At(token.line)
    return At(token.line, token.start, token.end)


class _Cursor:
    """Tokens consumed in order; a digit run may be consumed a few digits at a time."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = [t for t in tokens if t.kind in (NUMBER, BLANK)]
        self.index = 0
        self.offset = 0  # digits of the current token already taken

    def take(self, value: int | str | None) -> Token | None:
        if value is None:
            return self._blank()
        for skip in range(_LOOKAHEAD + 1):
            found = self._number(self.index + skip, value)
            if found is not None:
                return found
        return None

    def _blank(self) -> Token | None:
        token = self._current()
        if token is not None and token.kind == BLANK:
            self.index += 1
            return token
        return None

    def _number(self, index: int, value: int | str) -> Token | None:
        while index < len(self.tokens) and self.tokens[index].kind == BLANK:
            index += 1  # empty cells a repair or the trimming of spans dropped
        if index >= len(self.tokens):
            return None
        token = self.tokens[index]
        offset = self.offset if index == self.index else 0
        if offset == 0 and _same(token, value):
            self.index, self.offset = index + 1, 0
            return token
        digits = token.digits or ""
        if isinstance(value, int) and value >= 0 and digits.startswith(str(value), offset):
            self.index, self.offset = index, offset + len(str(value))
            if self.offset >= len(digits):
                self.index, self.offset = index + 1, 0
            return token
        return None

    def _current(self) -> Token | None:
        if self.offset or self.index >= len(self.tokens):
            return None
        return self.tokens[self.index]


def _same(token: Token, value: int | str) -> bool:
    if isinstance(value, str):
        return str(token.value) == value
    # 「0000000」 reads as 0, yet it is seven glued cells: the digits must be the value's own
    return token.value == value and token.text == str(abs(value))


def trace_cells(tokens: Sequence[Token], values: Sequence[int | str | None], line: int) -> list[At]:
    """Each value's place: the token it was read from, else the row's `line` alone."""
    printed = [t for t in tokens if t.kind != LABEL]
    if len(printed) == len(values) and all(map(_as_printed, printed, values)):
        return [token_at(token) for token in printed]  # most rows: one token per cell
    cursor = _Cursor(printed)
    return [_place(cursor.take(value), line) for value in values]


def _as_printed(token: Token, value: int | str | None) -> bool:
    if value is None:
        return token.kind == BLANK
    return token.kind == NUMBER and _same(token, value)


def trace_rows(
    tokens: Sequence[Token], rows: Sequence[Sequence[int | str | None]], line: int
) -> Iterator[list[At]]:
    """Rows read from one run of tokens (a block of numbers), in order."""
    cursor = _Cursor(tokens)
    for values in rows:
        yield [_place(cursor.take(value), line) for value in values]


def _place(token: Token | None, line: int) -> At:
    return token_at(token) if token is not None else At(line)
