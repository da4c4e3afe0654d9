"""A row-number column before a table's labels (issue 13): each row's serial is no cell.

Some offices number the rows of a table in a first column. Kept, each row's serial ends
the row above, whose last cell it then seems to be (「9」 read as 行政处罚's figure,
silently). A serial is the whole number without unit that starts a line just before a
row's label: on the label's line, or alone on its own line where a cell stands a line
(pdftotext raw, a copy from a PDF viewer). Two things tell such a number for a serial:

- the column's header 「序号」 (`catalog.SERIAL_HEADER`, 「序 号」 padded too), for numbers on
  their label's line: nothing but a serial starts a row's line there;
- the count itself, whatever the header (「编号」, 「No.」, none): such numbers counting 1, 2,
  3, … through the table. A number alone on its line before a label may as well be the
  last cell of the row above, so a run proves a column only from `RUN` numbers on, and
  its numbers are dropped only when the table then reads plainly where it did not with
  them (`better_reading`): a real figure that happens to continue the count, dropped,
  leaves its row a cell short, and that reading is not taken.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from gongkai import catalog
from gongkai.readers.pagecells import Reading, plain
from gongkai.readers.tables import TableResult
from gongkai.readers.tokens import LABEL, NUMBER, Segment, Token, tokens_to_segments

# Two numbers counting up are common among small figures, three before three labels much
# rarer; and a table cut by a page may show only a few numbered rows at a time. A longer run
# would buy little: what keeps a real figure that continues a count is the reading
# (`better_reading`), which a dropped figure leaves a cell short, not the run's length.
RUN = 3
# A block's title in table 二 (「第二十条第（一）项」, 「第20条第(1)项」).
_BLOCK_TITLE = re.compile(r"第[\d一二三四五六七八九十〇]{1,4}条")


def without_serials(tokens: list[Token]) -> list[Token]:
    """A table headed 序号 less each row's serial printed on its label's line."""
    if not any(
        t.kind == LABEL and "".join(t.text.split()) == catalog.SERIAL_HEADER for t in tokens
    ):
        return tokens
    serials = {k for k in _row_starts(tokens) if tokens[k + 1].line == tokens[k].line}
    return [token for k, token in enumerate(tokens) if k not in serials]


def without_counted(tokens: list[Token]) -> list[Token]:
    """`tokens` less the numbers before rows' labels that count the rows 1, 2, 3, …"""
    serials = counted_serials(tokens)
    return [token for k, token in enumerate(tokens) if k not in serials]


def counted_serials(tokens: list[Token]) -> set[int]:
    """Positions of the numbers before rows' labels that, in order through the table, count
    up by one in runs of `RUN` or more. A number that does not continue a run starts one of
    its own: a block's title between two rows (「第二十条第（五）项」) follows the last cell
    of the row above, which is no serial but does not break the count."""
    runs: dict[int, list[int]] = {}  # the value that continues a run: the run's positions
    ended: list[list[int]] = []
    for k in _row_starts(tokens):
        value = tokens[k].value
        assert isinstance(value, int)
        run = runs.pop(value, [])
        if value + 1 in runs:
            ended.append(runs.pop(value + 1))
        runs[value + 1] = [*run, k]
    return {k for run in [*ended, *runs.values()] if len(run) >= RUN for k in run}


def better_reading(usual: Reading, reader: Callable[[list[Segment]], TableResult]) -> Reading:
    """The usual reading, or that of the table less its counted serials (read by `reader`)
    where the usual one is not plain, there are such serials, and that one is plain."""
    if plain(usual[1]):
        return usual
    tokens = [token for segment in usual[0] for token in (*segment.labels, *segment.cells)]
    if not counted_serials(tokens):
        return usual
    kept = tokens_to_segments(without_counted(tokens))
    again = kept, reader(kept)
    return again if plain(again[1]) else usual


def _row_starts(tokens: list[Token]) -> list[int]:
    """Positions of whole numbers without unit that start a line just before a row's label,
    on the label's line or alone on their own. Not before a block's title (「第二十条第（五）
    项」): no row is numbered there, and the number is the last cell of the row above (a 3
    there once took the place of the next row's serial 3 in the count)."""
    return [
        k
        for k, token in enumerate(tokens[:-1])
        if token.kind == NUMBER
        and isinstance(token.value, int)
        and token.value > 0
        and not token.unit
        and tokens[k + 1].kind == LABEL
        and not _BLOCK_TITLE.match("".join(tokens[k + 1].text.split()))
        and (k == 0 or tokens[k - 1].line != token.line)
    ]
