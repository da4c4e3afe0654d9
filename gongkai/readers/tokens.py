"""Table text to tokens to segments.

A *token* is a label fragment, a number or an explicitly blank cell. A *segment* is
a run of label fragments followed by the run of cells printed after them: the
unit that is later anchored to a template row. The tokenizer knows every way a
table reaches us as text: tabs, `|` cells, one cell per line, runs of spaces, and
cells glued together with no separator at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from gongkai.grid import CUT, FROM_ABOVE, GOES_DOWN, SPANNED

LABEL, NUMBER, BLANK = "label", "number", "blank"

# A CJK-bearing parenthesis is label text even when it holds digits: (单位:万元,保留4位小数).
_PAREN_LABEL = re.compile(r"\([^()]*[\u4e00-\u9fff][^()]*\)")
# 1. / 2、 before a label is the item number, not a cell. Only one digit: in glued text
# "…1400000142.没有现成…" the 2 is the item number of the next row.
_ITEM = re.compile(r"(?:\(\s*\d{1,2}\s*\)|(\d)\s*[.、)])\s*(?=[\u4e00-\u9fff\"“])")
# 「第20条第(1)项」: a block header of table 二 typed with Arabic numerals, no cell.
_ARTICLE = re.compile(r"第\s*\(?\s*\d{1,3}\s*\)?\s*[条项款]")
# A change written in words or arrows (2019's 本年增/减: 「增加5」, 「减3」, 「↓3」) when they
# start the cell: signs as 「+5」 and 「−3」 are. Glued after a label they are left to it.
_RISE_WORDS = ("增加", "增", "↑")
# A figure's unit, after it or in brackets after it (「12件」, 「12(件)」: an office that types
# each cell's unit as the header would print it).
_UNITS = "万元|元|件|个|条|项|次|起"
_NUMBER = re.compile(
    r"(?:(?P<sign>[-\u2212])(?=\d)|(?<!\S)(?P<word>增加|减少|增|减|↑|↓)(?=\d)|(?<![\d.]))"
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?"
    rf"(?P<unit>\s*(?:{_UNITS}|\((?:{_UNITS})\)))?(?P<date>[年月日%])?"
)
# Marks typed in a cell with nothing to count; 「无」 is what many offices type in Word.
BLANK_MARKS = frozenset({"-", "—", "——", "/", "－", "\\", "--", "/ ", "无"})
# A cell holding only a zero typed as a character: the ideographic 〇, the circle the input
# method gives for it (○), 零 written out, or the letter O a typist takes for the digit.
ZERO_MARKS = frozenset({"〇", "○", "零", "O", "o"})
_SEPARATED = re.compile(r"[\t|]")
# In a space-aligned line, cells are runs of text with at most single spaces inside.
_ALIGNED_PIECE = re.compile(r"[^ \u3000]+(?: [^ \u3000]+)*")
_ANY_DIGIT = re.compile(r"\d")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(slots=True)
class Token:
    kind: str
    text: str
    line: int
    value: int | str | None = None
    unit: str = ""
    column: int = -1  # character offset in a space-aligned line (pdftotext -layout), else -1
    # Where the token was printed in its line: [start, end) character offsets (provenance);
    # an empty cell between separators has start == end.
    start: int = -1
    end: int = -1
    # A number sharing its table cell with another (columns merged in conversion: markitdown
    # prints 「| 0 0 |」): the table's cells no longer stand one to a column.
    shared: bool = False
    # A mark in a cell that is neither a figure nor a blank (a scan's 「?」, 「#VALUE!」): the
    # cell stands where it was printed, but what it holds is not known.
    unread: bool = False
    # A blank position covered by the merged cell of the figure before it (`grid.SPANNED`):
    # the figure's cell, not an empty one; `readers/spanned.py` reads it.
    spanned: bool = False
    # The figure of a cell merged over this row and the one above or below it
    # (`grid.GOES_DOWN`, `grid.FROM_ABOVE`): this row's, or the other's alone.
    down: bool = False
    # Such a figure of a cell not proven merged (`grid.CUT`): the row stands as printed
    # unless its rule proves another reading; printed blank in this row (`blank_first`).
    cut: bool = False
    blank_first: bool = False

    @property
    def digits(self) -> str | None:
        """The digit run of a plain non-negative integer, which glued text may need split."""
        if self.kind == NUMBER and isinstance(self.value, int):
            return self.text if self.text.isdigit() else None
        return None

    @property
    def negative(self) -> bool:
        return isinstance(self.value, int) and self.value < 0


@dataclass(slots=True)
class Segment:
    labels: list[Token] = field(default_factory=list)
    cells: list[Token] = field(default_factory=list)

    @property
    def label(self) -> str:
        return " ".join(t.text for t in self.labels)

    @property
    def numbers(self) -> int:
        return sum(1 for c in self.cells if c.kind == NUMBER)

    @property
    def line(self) -> int:
        first = self.labels or self.cells
        return first[0].line if first else 0


def text_to_tokens(text: str, first_line: int = 1, first_column: int = 0) -> list[Token]:
    """Tokens of a table region; `first_line` is the source line of its first line, which
    starts `first_column` characters into that line (a region may start mid-line)."""
    tokens: list[Token] = []
    for offset, line in enumerate(text.split("\n")):
        tokens += line_to_tokens(line, first_line + offset, 0 if offset else first_column)
    return tokens


def line_to_tokens(line: str, line_no: int, shift: int = 0) -> list[Token]:
    """Tokens of one line; their spans are counted from `shift` (where the line starts)."""
    if not line.strip():
        return []
    separated = bool(_SEPARATED.search(line))
    if separated:
        pieces = _separated_pieces(line)
        if line.rstrip().endswith("|"):
            pieces = pieces[:-1]
    else:
        pieces = [(m.group(0), m.start()) for m in _ALIGNED_PIECE.finditer(line)]
    tokens: list[Token] = []
    for raw, at in pieces:
        piece = raw.strip()
        at += shift + len(raw) - len(raw.lstrip())
        if piece == SPANNED:
            tokens.append(Token(BLANK, "", line_no, start=at, end=at, spanned=True))
            continue
        if piece.endswith((GOES_DOWN, CUT)) or piece.startswith((FROM_ABOVE, CUT)):
            tokens += _merged_down(piece, line_no, at)
            continue
        if not piece or piece in BLANK_MARKS:
            if separated or piece:
                tokens.append(Token(BLANK, piece, line_no, start=at, end=at + len(piece)))
            continue
        cell = cell_to_tokens(piece, line_no, -1 if separated else at - shift, at)
        if sum(t.kind == NUMBER for t in cell) > 1:
            _shared(cell, separated)
        tokens += cell
    has_number = any(t.kind == NUMBER for t in tokens)
    if separated:
        tokens = _unread_marks(tokens)
        has_number = has_number or any(t.unread for t in tokens)
    first_label = next((i for i, t in enumerate(tokens) if t.kind == LABEL), None)
    if first_label is None:
        return tokens
    if not has_number:
        # Header lines: their empty cells are the spans of merged headers, not blank values;
        # a mark (「—」, 「无」) is a cell, and a row of them a row with nothing to count.
        return [t for t in tokens if t.kind != BLANK or t.text]
    # Empty cells before a row's label are the label columns' spans (merged group cells);
    # numbers before it are cells (PDFium prints table 四's numbers, then a header's words).
    return [t for i, t in enumerate(tokens) if i >= first_label or t.kind != BLANK]


def _unread_marks(tokens: list[Token]) -> list[Token]:
    """Between separators, text with neither a figure nor a Chinese character after a row's
    label or first figure is a cell whose value was not read (a scan's 「?」): were it taken
    for the next row's label, the row would be one cell short and pass as complete with a
    blank shifted in front of it. Before them it may be the row's own label, unread."""
    first = next(
        (
            i
            for i, t in enumerate(tokens)
            if t.kind == NUMBER or (t.kind == LABEL and _CJK.search(t.text))
        ),
        len(tokens),
    )
    return [
        Token(BLANK, t.text, t.line, start=t.start, end=t.end, unread=True)
        if i > first and t.kind == LABEL and not _CJK.search(t.text)
        else t
        for i, t in enumerate(tokens)
    ]


def _shared(cell: list[Token], separated: bool) -> None:
    """Numbers printed in one cell: between separators, the table's columns were merged;
    in space-aligned text, numbers one space apart (「（一）予以公开 2 0 2」, PDFium's text) stand
    in no column, so they keep no column."""
    for token in cell:
        if separated:
            token.shared = True
        else:
            token.column = -1


def _separated_pieces(line: str) -> list[tuple[str, int]]:
    """The pieces between tabs and bars (one character each), with where each starts."""
    pieces, start = [], 0
    for piece in _SEPARATED.split(line):
        pieces.append((piece, start))
        start += len(piece) + 1
    return pieces


def _merged_down(piece: str, line_no: int, at: int) -> list[Token]:
    """The figure of a cell merged over rows (`grid.merged_down` marks only figures)."""
    figure = piece.strip(GOES_DOWN + FROM_ABOVE + CUT)
    tokens = cell_to_tokens(figure, line_no, -1, at + piece.index(figure))
    for token in tokens:
        token.down = token.kind == NUMBER
        token.cut = token.down and CUT in piece
        token.blank_first = token.down and piece.startswith(CUT)
    return tokens


def cell_to_tokens(cell: str, line_no: int, column: int = -1, at: int = 0) -> list[Token]:
    """Split one printed cell into label fragments and numbers (`column`: where it starts
    in a space-aligned line); numbers' spans are counted from `at`, the cell's start."""
    if (cell.isdigit() and cell.isascii()) or cell in ZERO_MARKS:
        value = 0 if cell in ZERO_MARKS else int(cell)
        return [Token(NUMBER, cell, line_no, value, column=column, start=at, end=at + len(cell))]
    if not _ANY_DIGIT.search(cell):
        return [Token(LABEL, cell, line_no, column=column)]
    protected = _protect(cell)
    tokens: list[Token] = []
    label_start = 0
    for match in _NUMBER.finditer(protected):
        if match.group("date"):
            continue
        if match.start() > label_start:
            _add_label(tokens, cell[label_start : match.start()], line_no)
        token = _number_token(match, line_no)
        token.start = at + match.start()
        token.end = at + (match.end("frac") if match.group("frac") else match.end("num"))
        if column >= 0:
            token.column = column + match.start()
        tokens.append(token)
        label_start = match.end()
    if label_start < len(cell):
        _add_label(tokens, cell[label_start:], line_no)
    return tokens


def _protect(cell: str) -> str:
    """Mask digits that belong to labels so that the number pattern skips them."""

    def mask(match: re.Match[str]) -> str:
        return re.sub(r"\d", "#", match.group(0))

    masked = _ARTICLE.sub(mask, _PAREN_LABEL.sub(mask, cell))
    return _ITEM.sub(lambda m: re.sub(r"\d", "#", m.group(0)), masked)


def _add_label(tokens: list[Token], text: str, line_no: int) -> None:
    text = text.strip()
    if text:
        tokens.append(Token(LABEL, text, line_no))


def _number_token(match: re.Match[str], line_no: int) -> Token:
    digits = match.group("num").replace(",", "")
    frac = match.group("frac") or ""
    word = match.group("word")
    # U+2212, the typeset minus, as well
    sign = "-" if match.group("sign") or (word and word not in _RISE_WORDS) else ""
    unit = (match.group("unit") or "").strip().strip("()")
    value: int | str
    value = sign + digits + frac if frac else int(sign + digits)
    return Token(NUMBER, digits if not frac else digits + frac, line_no, value, unit)


def tokens_to_segments(tokens: list[Token]) -> list[Segment]:
    """Group tokens: each segment is labels then the cells that follow them."""
    segments: list[Segment] = []
    current = Segment()
    for token in tokens:
        if token.kind == LABEL:
            if current.cells:
                segments.append(current)
                current = Segment()
            current.labels.append(token)
        else:
            current.cells.append(token)
    if current.cells or current.labels:
        # A trailing label is kept: it may be the end of the last row's wrapped label.
        segments.append(current)
    return segments


def token_value(token: Token | None) -> int | None:
    """The integer value of a cell token (`None` for a blank, a missing cell or a fraction)."""
    if token is None or token.kind != NUMBER:
        return None
    if isinstance(token.value, int):
        return token.value
    amount = Decimal(str(token.value))
    return int(amount) if amount == amount.to_integral_value() else None
