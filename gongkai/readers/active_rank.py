"""Which reading of a glued row of table 二 is likeliest.

Table 二 has no rules, so a glued run (「224312」 for 上一年项目数量 and 本年增/减) has several
readings and the row is flagged whichever is kept (`active._glued_row`). The one kept is
the likeliest by what real tables print: no purchase made for nothing, a year's change in
the number of items small beside the counts it changes, zeros common, and the other
figures of a row alike in size.
"""

from __future__ import annotations

from decimal import Decimal

from gongkai import catalog
from gongkai.readers.repair import Cells


def rank(row: catalog.ActiveRow, cells: Cells, fraction: str) -> tuple[int, ...]:
    """Lower for likelier readings: the fewest empty cells; an amount that goes with its
    count (`amount_mismatch`); the narrowest 本年增/减 (「224312」 is more often 2243、12 or
    22431、2 than 22、4312); then `likelihood` of the other cells."""
    signed = [i for i, f in enumerate(row.fields) if f.signed]
    change = sum(_width(c) for i, c in enumerate(cells) if i in signed and c is not None)
    others = tuple(c for i, c in enumerate(cells) if i not in signed)
    blanks = sum(c is None for c in cells)
    return blanks, amount_mismatch(row, cells, fraction), change, likelihood(others)


def amount_mismatch(row: catalog.ActiveRow, cells: Cells, fraction: str) -> int:
    """How far a count and the amount after it disagree: 1 when the amount in 万元 is below
    the count (purchases of under 1 万元 each on average, or of nothing), else 0.
    「183129380万元」 is likelier 1831 items for 29380 万元 than 18312938 items for 0."""
    ids = [f.id for f in row.fields]
    if ids != ["items", "amount"] or None in cells:
        return 0
    items, whole = cells
    return int(Decimal(f"{whole}{fraction}") < Decimal(items or 0))


def likelihood(cells: Cells) -> int:
    """Lower for likelier splits: each zero cell counts for one, and the figures that are not
    zero should have alike digit counts (glued figures of one row are alike):
    「63600」 is 636、0、0 and 「434304343」 is 4343、0、4343."""
    widths = [_width(c) for c in cells if c]
    unbalance = max(widths) - min(widths) if widths else 0
    return unbalance - sum(c == 0 for c in cells)


def _width(value: int) -> int:
    return len(str(abs(value)))
