"""Figures an office typed with a full stop or an enumeration comma after each (「12。」,
「12、」), as a sentence or a list would end them.

Between tabs or bars the mark is a cell's leftover and the figure is read; printed a cell a
line, or spaced (text from a PDF), 「12、」 alone is also how a list serial looks, and read as
a label it parts every row from its figures. The table's shape tells them apart: where most
of its figure cells carry the same mark, the mark is the office's way of typing figures,
and each is read without it. A serial counts rows, far fewer than the table's figures; a
figure cell is also one typed as a blank mark (「—」 for 0), else a table of few figures
but seven serials reads its serials as figures, silently.
"""

from __future__ import annotations

import re

from gongkai.readers.tokens import BLANK_MARKS

# A cell's end: a separator, a line's end, or two spaces (one space goes on within a cell of
# space-aligned text: 「1、 属于国家秘密」 is a serial and its label).
_END = r"(?=[ \u3000]*(?:[\t|\n]|$)|[ \u3000]{2})"
# A whole number and the mark after it, the cell's whole text.
_MARKED = re.compile(r"(?<![^\s|])(\d+)([。、])" + _END, re.MULTILINE)
_BARE = re.compile(r"(?<![^\s|])\d+" + _END, re.MULTILINE)
# A figure cell typed as a blank mark (「—」, 「/」, 「无」), the longest spelling first.
_BLANK = re.compile(
    r"(?<![^\s|])(?:"
    + "|".join(re.escape(m) for m in sorted({m.strip() for m in BLANK_MARKS}, key=len)[::-1])
    + ")"
    + _END,
    re.MULTILINE,
)
# Fewer figures than this prove no habit: table 四 alone prints fifteen.
_FEWEST = 5


def unmarked(text: str) -> str:
    """A table's text with the mark after each of its figures blanked, where most of its
    figure cells carry it; else as it is. Blanked, not cut: the characters keep their
    offsets (columns, provenance)."""
    for mark in "。、":
        marked = [m for m in _MARKED.finditer(text) if m.group(2) == mark]
        figures = len(_BARE.findall(text)) + len(_BLANK.findall(text))
        if len(marked) >= _FEWEST and len(marked) > figures:
            cut = {m.end(1) for m in marked}
            text = "".join(" " if i in cut else c for i, c in enumerate(text))
    return text
