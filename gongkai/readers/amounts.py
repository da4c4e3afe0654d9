"""Table 二's amounts, in 万元 as the templates have them.

An amount is read in 元 when its cell says so (「12500元」) or, the cell saying no unit, when
its column's header does (「本年收费金额（单位：元）」, 「采购总金额（元）」): the figure is
then divided by 10,000 and the row says so, naming which of the two stated the unit.
A cell's own unit wins over its header's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from gongkai import catalog, messages
from gongkai.model import Finding
from gongkai.readers.tokens import NUMBER, Segment, Token

# The unit an amount column's header states right after its name: 「金额（单位：元）」,
# 「金额(元)」, 「金额（单位：万元）」 (normalised text: half-width brackets and colon).
_HEADER_UNIT = re.compile(r"金额[(（\[【]?(?:单位[:：]?)?(万元|元)")


def header_unit(segments: Sequence[Segment]) -> str:
    """The unit table 二's amount header states ('' for none, or when its headers disagree).
    Each template has one money column, so any amount header is its: found among all the
    table's labels, as a layout of a cell a line parts a header from its row's figures."""
    units = {
        unit
        for segment in segments
        for unit in _HEADER_UNIT.findall("".join(segment.label.split()))
    }
    return units.pop() if len(units) == 1 else ""


def money_value(
    token: Token | None, row: catalog.ActiveRow, stated_unit: str
) -> tuple[str | None, Finding | None]:
    """The amount in 万元, and the finding that says it was converted from 元; `stated_unit`:
    the unit of its column's header."""
    if token is None or token.kind != NUMBER:
        return None, None
    text = str(token.value)
    unit = token.unit or stated_unit
    if unit != catalog.FEE_UNIT_YUAN or Decimal(text) == 0:
        return text, None  # 0 元 is 0 万元: nothing to convert, nothing to say
    converted = format((Decimal(text) / Decimal(10000)).normalize(), "f")
    template = messages.UNIT_CONVERTED if token.unit else messages.UNIT_CONVERTED_HEADER
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
