"""Accounting negatives in table 二: 「（3）」 for −3 under 2019's 本年增/减.

Brackets also hold item numbers (「（1）」 before a row's label, a 序号 column typed so), so
only a bracketed whole number that is a cell of its own, with a figure, a blank mark or the
row's end after it (not a label: an item number goes before its label), is read as
negative. In a column that counts, such a minus is `parse.negative_count` as any other
(`readers/negatives.py`): the row stays in doubt, as it was.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping

from gongkai.readers.trace import At

# A cell's end: a separator, a line's end, or two spaces.
_END = r"(?=[ \u3000]*(?:[\t|\n]|$)|[ \u3000]{2})"
# A bracketed whole number, the cell's whole text (normalised: half-width brackets).
_BRACKETED = re.compile(r"(?<![^\s|])\((\d{1,3}(?:,\d{3})+|\d+)\)" + _END)
# A label's start: a Chinese character or a bracket, but not the blank mark 「无」 alone in
# its cell (a zero as many offices type it).
_LABEL = re.compile(r"(?!无" + _END + r")[\u4e00-\u9fff(]")
# A cell's first character on its line (a bar parts cells, as a space does) and, below a
# line, the first character printed.
_CELL = re.compile(r"[^\s|]")
_PRINTED = re.compile(r"\S")
# A signed cell as the text printed it, its closing bracket after the token read.
_AS_PRINTED = re.compile(r"\((\d[\d,]*)\)")


def signed(text: str) -> str:
    """Table 二's text with each accounting negative written with a minus: 「(3)」 becomes
    「-3 」, the digits keeping their offsets (columns, provenance)."""
    breaks = [m.start() for m in re.finditer("\n", text)]
    pieces, last = [], 0
    for match in _BRACKETED.finditer(text):
        after = _next_cell(text, breaks, match.start(), match.end())
        if after is not None and _LABEL.match(text, after):
            continue  # an item number before its label
        pieces += [text[last : match.start()], "-", match.group(1), " "]
        last = match.end()
    return "".join(pieces) + text[last:]


def _next_cell(text: str, breaks: list[int], start: int, end: int) -> int | None:
    """Where the cell after the one at [start, end) starts: on its line, or, the cell
    standing alone on its line (a cell a line: the row's end and a label's item number
    look alike there), on the lines below; None where a row of cells ends with it.
    `breaks` are the text's line breaks: each search reads only up to the next cell, so a
    table of many cells on one line is read in linear time, not once per cell."""
    index = bisect.bisect_left(breaks, start)
    line_start = breaks[index - 1] + 1 if index else 0
    line_end = breaks[index] if index < len(breaks) else len(text)
    if rest := _CELL.search(text, end, line_end):
        return rest.start()
    if _CELL.search(text, line_start, start):
        return None
    below = _PRINTED.search(text, line_end)
    return below.start() if below else None


def as_printed(text: str, sources: Mapping[str, At]) -> dict[str, str]:
    """Table 二's cells read from an accounting negative, each as the report printed it
    (「（3）」), for a message to quote: the reading holds −3, which the report never
    printed. `text`: the normalised text `signed` was given pieces of; `sources`: where
    each cell was read, the token 「-3」 standing where 「(3」 was printed."""
    lines = text.split("\n")
    printed = {}
    for cell, at in sources.items():
        if at.start is None or at.end is None or not 0 < at.line <= len(lines):
            continue
        found = _AS_PRINTED.fullmatch(lines[at.line - 1], at.start, at.end + 1)
        if found:
            printed[cell] = f"（{found.group(1)}）"
    return printed
