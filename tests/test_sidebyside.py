"""Two reports cell by cell, in the printed order, with the change said in words."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from gongkai.sidebyside import CellPair, side_by_side, summary

SEED = Path(__file__).parent / "fixtures" / "seeds"


def _seed() -> dict[str, object]:
    data: dict[str, object] = json.loads(next(SEED.glob("003_*.expected.json")).read_text())
    return data


def test_a_report_beside_itself_is_the_same_in_every_cell() -> None:
    pairs = side_by_side(_seed(), _seed())
    assert pairs and not any(p.changed for p in pairs)
    assert summary(pairs) == f"表二、表三、表四共{len(pairs)}个单元格，数据完全相同。"


def test_the_cells_come_in_the_printed_order_of_tables_two_three_four() -> None:
    names = [p.cell for p in side_by_side(_seed(), _seed())]
    tables = [n.split(".")[0] for n in names]
    assert tables == sorted(tables, key=["active", "applications", "appeals"].index)
    assert (
        names.index("applications.new_received.natural_person")
        < names.index("applications.new_received.total")
        < names.index("applications.carried_over.natural_person")
    )


def test_a_changed_cell_is_marked_and_said_in_words() -> None:
    before, after = _seed(), _seed()
    rows = after["applications"]["rows"]  # type: ignore[index]
    rows["granted"][0] += 4
    after["active"]["fees"]["amount_10k_yuan"] = "1.5"  # type: ignore[index]
    pairs = {p.cell: p for p in side_by_side(before, after)}
    granted = pairs["applications.granted.natural_person"]
    assert granted.changed and granted.label == "表三（一）「自然人」"
    assert granted.words().startswith("增加4")
    fees = pairs["active.fees.amount_10k_yuan"]
    assert fees.words() == "减少15953.026468（100.0%）"
    assert sum(p.changed for p in pairs.values()) == 2


def test_a_cell_only_one_report_holds_is_said_blank_on_the_other_side() -> None:
    after = copy.deepcopy(_seed())
    del after["appeals"]["review"]  # type: ignore[attr-defined]
    pairs = {p.cell: p for p in side_by_side(_seed(), after)}
    assert pairs["appeals.review.total"].words() == "后者空白"


numbers = st.one_of(st.none(), st.integers(0, 10**6), st.decimals(0, 10**6, places=2))


@given(numbers, numbers)
def test_the_difference_is_what_takes_the_left_value_to_the_right(
    left: int | Decimal | None, right: int | Decimal | None
) -> None:
    pair = CellPair("applications.granted.total", "", left, right)
    assert (pair.words() == "相同") == (left == right)
    if left is not None and right is not None:
        assert left + pair.difference == right  # type: ignore[operator]
        assert pair.words().startswith(
            "增加" if right > left else "减少" if right < left else "相同"
        )


def test_every_cell_is_labelled_as_the_printed_report_labels_it() -> None:
    """Regression (issue 14): cells of rows whose ids hold a dot (三（三）1 不予公开：属于国家
    秘密, id withheld.state_secret) were shown by their internal name."""
    pairs = {p.cell: p for p in side_by_side(_seed(), _seed())}
    assert pairs["applications.withheld.state_secret.total"].label == "表三（三）1「总计」"
    assert not [p.label for p in pairs.values() if "." in p.label or p.label.isascii()]
