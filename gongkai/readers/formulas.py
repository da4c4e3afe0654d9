"""The value a spreadsheet shows for a formula that was never calculated.

Excel and WPS save each formula's value beside it; a workbook written by a program
(openpyxl, a system's export) often saves the formula alone, and a reader of saved values
then sees an empty cell where the sheet shows a total. The totals of the annual report's
tables are sums: `=SUM(D7:I7)`, `=D7+E7+F7`, `=J5+J6-J30`. Those are computed here as the
spreadsheet would (SUM skips text and blank cells, `+` takes a blank as 0); any other
formula has no value here, and its cell is marked unread so that its row is flagged,
never read as blank.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from openpyxl.utils.cell import column_index_from_string

# A cell's value by (sheet, column, row): a number, text, None for blank, or a formula
# (str starting with "=") that has no saved value.
Lookup = Callable[[str, int, int], object]

_TOKEN = re.compile(
    r"\s*(?:(?P<ref>(?:(?P<sheet>'(?:[^']|'')+'|[^\s!'(),:+\-*/=]+)!)?\$?(?P<col>[A-Z]{1,3})"
    r"\$?(?P<row>\d{1,7})(?::\$?(?P<col2>[A-Z]{1,3})\$?(?P<row2>\d{1,7}))?)"
    r"|(?P<number>\d+(?:\.\d+)?)|(?P<sum>SUM\()|(?P<op>[-+(),]))",
    re.I,
)
_MOST_CELLS = 10_000  # a sum over more cells than any table holds is not the report's
_DEEPEST = 20  # formulas referring to formulas, as deep as any table's totals go


class Unsupported(Exception):
    """A formula this evaluator does not compute (a function, a cycle, text added)."""


def evaluate(formula: str, sheet: str, lookup: Lookup, depth: int = 0) -> Decimal:
    """The value of `formula` (with its leading =) on `sheet`, or Unsupported."""
    if depth > _DEEPEST:
        raise Unsupported(formula)
    tokens = _tokens(formula.removeprefix("="))
    parser = _Parser(tokens, sheet, lookup, depth)
    value = parser.expression()
    if parser.at != len(tokens):
        raise Unsupported(formula)
    return value


def _tokens(text: str) -> list[re.Match[str]]:
    tokens, at = [], 0
    text = text.rstrip()
    while at < len(text):
        match = _TOKEN.match(text, at)
        if match is None or match.end() == at:
            raise Unsupported(text)
        tokens.append(match)
        at = match.end()
    return tokens


class _Parser:
    """expression := term (("+" | "-") term)*; term := ["-"] (number | cell | SUM(args) |
    "(" expression ")"); args := (range | expression) ("," …)*."""

    def __init__(self, tokens: list[re.Match[str]], sheet: str, lookup: Lookup, depth: int):
        self.tokens, self.sheet, self.lookup, self.depth = tokens, sheet, lookup, depth
        self.at = 0

    def _peek(self) -> re.Match[str] | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def _take(self, op: str) -> bool:
        token = self._peek()
        if token is not None and token.group("op") == op:
            self.at += 1
            return True
        return False

    def expression(self) -> Decimal:
        value = self._term()
        while True:
            if self._take("+"):
                value += self._term()
            elif self._take("-"):
                value -= self._term()
            else:
                return value

    def _term(self) -> Decimal:
        if self._take("-"):
            return -self._term()
        token = self._peek()
        if token is None:
            raise Unsupported("end")
        self.at += 1
        if token.group("number"):
            return Decimal(token.group("number"))
        if token.group("ref"):
            if token.group("col2"):
                raise Unsupported("a range outside SUM")
            return self._cell(token, summed=False)
        if token.group("sum"):
            return self._sum()
        if token.group("op") == "(":
            value = self.expression()
            if not self._take(")"):
                raise Unsupported("unclosed")
            return value
        raise Unsupported(token.group(0))

    def _sum(self) -> Decimal:
        total = Decimal(0)
        while True:
            token = self._peek()
            if token is not None and token.group("ref") and token.group("col2"):
                self.at += 1
                total += sum(
                    (self._value(s, c, r, True) for s, c, r in _cells(token, self.sheet)),
                    Decimal(0),
                )
            else:
                total += self.expression()
            if self._take(")"):
                return total
            if not self._take(","):
                raise Unsupported("SUM")

    def _cell(self, token: re.Match[str], summed: bool) -> Decimal:
        ((sheet, column, row),) = _cells(token, self.sheet)
        return self._value(sheet, column, row, summed)

    def _value(self, sheet: str, column: int, row: int, summed: bool) -> Decimal:
        """A referred cell as the spreadsheet counts it: blank is 0; text is skipped by
        SUM and an error in `+` (numbers stored as text aside, which `+` converts)."""
        value = self.lookup(sheet, column, row)
        if value is None:
            return Decimal(0)
        if isinstance(value, bool):
            raise Unsupported("a truth value")
        if isinstance(value, int | float):
            return Decimal(repr(value))
        text = str(value)
        if text.startswith("="):
            return evaluate(text, sheet, self.lookup, self.depth + 1)
        if summed:
            return Decimal(0)
        try:
            return Decimal(text.strip())
        except InvalidOperation:
            raise Unsupported("text") from None


def _cells(token: re.Match[str], sheet: str) -> list[tuple[str, int, int]]:
    """The (sheet, column, row) a reference names, a range's cells row by row."""
    named = token.group("sheet")
    if named:
        sheet = named[1:-1].replace("''", "'") if named.startswith("'") else named
    first_col = column_index_from_string(token.group("col").upper())
    first_row = int(token.group("row"))
    last_col = column_index_from_string((token.group("col2") or token.group("col")).upper())
    last_row = int(token.group("row2") or token.group("row"))
    top, bottom = sorted((first_row, last_row))
    left, right = sorted((first_col, last_col))
    if (bottom - top + 1) * (right - left + 1) > _MOST_CELLS:
        raise Unsupported("too many cells")
    return [(sheet, c, r) for r in range(top, bottom + 1) for c in range(left, right + 1)]
