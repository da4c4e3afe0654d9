"""The values of formulas a workbook saved without them (readers/formulas.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter

from gongkai.readers.formulas import Lookup, Unsupported, evaluate

Sheet = dict[tuple[int, int], object]


def _lookup(sheets: dict[str, Sheet]) -> Lookup:
    def value(title: str, column: int, row: int) -> object:
        if title not in sheets:
            raise Unsupported(title)
        return sheets[title].get((column, row))

    return value


def _ref(column: int, row: int) -> str:
    return f"{get_column_letter(column)}{row}"


@given(
    st.lists(st.integers(0, 10_000), min_size=1, max_size=8),
    st.lists(st.booleans(), min_size=8, max_size=8),
)
def test_a_sum_or_a_chain_of_additions_is_what_python_adds(
    figures: list[int], signs: list[bool]
) -> None:
    """SUM over a row, SUM of cells, and ±chains: the value the spreadsheet shows."""
    sheet: Sheet = {(column + 4, 7): n for column, n in enumerate(figures)}
    last = _ref(len(figures) + 3, 7)
    lookup = _lookup({"表三": sheet})
    assert evaluate(f"=SUM(D7:{last})", "表三", lookup) == sum(figures)
    cells = [_ref(c + 4, 7) for c in range(len(figures))]
    assert evaluate(f"=SUM({','.join(cells)})", "表三", lookup) == sum(figures)
    chain = "".join(("+" if plus else "-") + ref for plus, ref in zip(signs, cells))
    expected = sum(n if plus else -n for plus, n in zip(signs, figures))
    assert evaluate("=" + chain.removeprefix("+"), "表三", lookup) == expected


def test_sums_of_sums_blanks_and_text_count_as_a_spreadsheet_counts_them() -> None:
    sheets: dict[str, Sheet] = {
        "表三": {(1, 1): 3, (2, 1): "4", (3, 1): None, (4, 1): "=SUM(A1:C1)", (5, 1): 2.5},
        "Sheet 2": {(1, 1): "=表三!D1+'表三'!E1"},
    }
    lookup = _lookup(sheets)
    # SUM skips text (even text that looks like a number); + converts it; blank is 0.
    assert evaluate("=SUM(A1:C1)", "表三", lookup) == 3
    assert evaluate("=A1+B1+C1", "表三", lookup) == 7
    assert evaluate("=SUM(D1, 1) - (E1)", "表三", lookup) == Decimal("1.5")
    assert evaluate("='Sheet 2'!A1", "表三", lookup) == Decimal("5.5")
    assert evaluate("=-$A$1+10", "表三", lookup) == 7


@pytest.mark.parametrize(
    "formula",
    ["=AVERAGE(A1:B1)", "=A1*2", "=A1&B1", "=SUM(A1:B1", "=C1", "=Other!A1", "=A1:B1"],
)
def test_anything_else_has_no_value_here(formula: str) -> None:
    lookup = _lookup({"表三": {(1, 1): 1, (2, 1): 2, (3, 1): "=C1"}})
    with pytest.raises(Unsupported):
        evaluate(formula, "表三", lookup)
