"""Table 二's amounts, in 万元 as the templates have them.

An amount is read in 元 when its cell says so (「12500元」) or, the cell saying no unit, when
its column's header does (「本年收费金额（单位：元）」, 「采购总金额（元）」) or the table's
caption (「单位：元」 between section 二's heading and the table): the figure is then divided
by 10,000 and the row says so, naming what stated the unit. A cell's own unit wins over the
others; a header and a caption that disagree state none, and the rows with an amount say so.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal

from gongkai import catalog, messages
from gongkai.model import Finding
from gongkai.readers.tokens import NUMBER, Segment, Token

# The unit an amount column's header states right after its name: 「金额（单位：元）」,
# 「金额(元)」, 「金额（单位：万元）」 (normalised text: half-width brackets and colon).
_HEADER_UNIT = re.compile(r"金额[(（\[【]?(?:单位[:：]?)?(万元|元)")
# The unit a caption above the table states: 「单位：元」, 「（单位：元）」, 「金额单位：元」, or a
# list of the table's units whose money one is the amounts' (「单位：件、万元」). The table's
# only money column is its amounts', so a 元 or 万元 there is theirs; 「人民币」 may go before
# or after it (「单位：人民币元」, 「单位：元人民币」), and brackets may stand for the colon
# (「单位（元）」). The colon (or 为, or a bracket) and no other word after the unit: prose
# there may say 「本单位元旦期间……」.
_CAPTION_UNIT = re.compile(
    r"单位[:：为(（](?:[件份个条项次][、,，/]?)*(?:人民币)?(万元|元)(?:人民币)?(?![\u4e00-\u9fff])"
)


# What a conversion's message says stated the unit: the header, else the caption.
_STATED_BY = {"header": messages.UNIT_CONVERTED_HEADER, "caption": messages.UNIT_CONVERTED_CAPTION}


def stated_units(segments: Sequence[Segment], caption: str = "") -> dict[str, str]:
    """The units table 二's amount header and its caption state, each with what stated it
    first (the header); more than one: they disagree. Each template has one money column,
    so any amount header is its: found among all the table's labels, as a layout of a cell
    a line parts a header from its row's figures."""
    units = {
        unit: "header"
        for segment in segments
        for unit in _HEADER_UNIT.findall("".join(segment.label.split()))
    }
    for line in caption.splitlines():
        for unit in _CAPTION_UNIT.findall("".join(line.split())):
            units.setdefault(unit, "caption")
    return units


def money_value(
    token: Token | None, row: catalog.ActiveRow, units: Mapping[str, str]
) -> tuple[str | None, Finding | None]:
    """The amount in 万元, and the finding that says it was converted from 元 or that its
    unit is in doubt; `units`: the units its column's header and the table's caption state."""
    if token is None or token.kind != NUMBER:
        return None, None
    text = str(token.value)
    if Decimal(text) == 0:
        return text, None  # 0 元 is 0 万元: nothing to convert, nothing to say
    if not token.unit and len(units) > 1:
        return text, _unclear(token, row)
    # At most one unit is stated here (two that disagree returned above), or none.
    unit = token.unit or next(iter(units), "")
    if unit != catalog.FEE_UNIT_YUAN:
        return text, None
    converted = format((Decimal(text) / Decimal(10000)).normalize(), "f")
    template = messages.UNIT_CONVERTED if token.unit else _STATED_BY[units[unit]]
    message = template.format(
        where=f"表二「{row.label}」", printed=text + token.unit, converted=converted
    )
    return converted, Finding(
        rule="parse.unit_converted",
        severity="warning",
        row=row.id,
        line=token.line,
        found=text,
        expected=converted,
        message=message,
    )


def _unclear(token: Token, row: catalog.ActiveRow) -> Finding:
    """An amount whose header and caption state different units: read as printed, in 万元."""
    return Finding(
        rule="parse.unit_unclear",
        severity="warning",
        row=row.id,
        line=token.line,
        found=str(token.value),
        message=messages.UNIT_UNCLEAR.format(where=f"表二「{row.label}」", printed=token.value),
    )
