"""The column rules of table 三, and a glued row that only they can read.

Table 三's columns add up: 三（七）总计 is the sum of the results, and 一 + 二 = 三（七） + 四,
in each of the seven columns. A row whose glued digits add up in no reading (its printed
总计 is off: 「120006019」 for 12、0、0、0、6、0 and a 总计 of 19) is still fixed by its
columns: each applicant's cell is what the other rows leave of its column. When exactly one
split of the printed digits makes all six applicant columns add up, six independent sums
agree with it: that split is the reading, and the row's own 总计, printed as it stands, is
the report's error (the 总计 column, which holds it, is not asked to add up).

Those sums hold only where the report prints no error; one bound holds even where it does:
an application is answered, or carried over to next year, only once it has been received,
so no cell of a result row (三（一）…（七）, 四) exceeds its column's 一 + 二. A row with several
readings that add up (「2 0 2」 for seven cells) keeps those within it (`within_received`).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence

from gongkai import catalog
from gongkai.readers.repair import Cells, consistent_readings, narrowed
from gongkai.readers.tokens import Token

Figures = tuple[int, ...]  # a row's cells, every one a number
_APPLICANT_COLUMNS = 6
_RECEIVED = ("new_received", "carried_over")
_MAX_TRIALS = 4096  # splits × the other rows' readings tried
_MAX_SPLITS = 5000  # above it the split search may stop early, and one found proves nothing


def broken_column_rules(rows: dict[str, Cells], row_ids: list[str]) -> set[tuple[str, int]]:
    """The column rules of table 三 that `rows` break: (rule, column index)."""
    outcome_ids = catalog.outcome_row_ids(row_ids)
    broken = set()
    for c in range(7):
        col = {rid: rows[rid][c] or 0 for rid in row_ids}
        if col["total"] != sum(col[r] for r in outcome_ids):
            broken.add(("applications.total", c))
        if col["new_received"] + col["carried_over"] != col["total"] + col["carry_forward"]:
            broken.add(("applications.balance", c))
    return broken


def rule_contributions(row_ids: Sequence[str]) -> Callable[[int, Figures], tuple[int, ...]]:
    """The same rules as what each row adds to them, per column: 一 + 二 − 七 − 四, and
    （一）+ … +（六）− 七. They all hold when the rows' contributions sum to zero (the
    print-order search adds them up row by row, `readers/staircase.py`)."""
    outcomes = set(catalog.outcome_row_ids(list(row_ids)))
    balance = [
        1 if r in _RECEIVED else -1 if r in ("total", "carry_forward") else 0 for r in row_ids
    ]
    total = [1 if r in outcomes else -1 if r == "total" else 0 for r in row_ids]

    def add(row: int, cells: Figures) -> tuple[int, ...]:
        return tuple(balance[row] * x for x in cells) + tuple(total[row] * x for x in cells)

    return add


def column_rules_held(rows: dict[str, Cells], row_ids: list[str]) -> int:
    return 2 * 7 - len(broken_column_rules(rows, row_ids))


def column_proven_reading(
    tokens: Sequence[Token], row_id: str, options: dict[str, list[Cells]], row_ids: list[str]
) -> Cells | None:
    """The one split of the row's printed `tokens` into 7 cells under which every applicant
    column of the table adds up, the other rows read in one of their `options` (rows with
    several readings are tried in each); None if no split or several do, or if there are
    too many to try."""
    splits = all_splits(tokens, 7)
    open_rows = [r for r in row_ids if r != row_id and len(options[r]) > 1]
    if len(splits) * math.prod(len(options[r]) for r in open_rows) > _MAX_TRIALS:
        return None
    fixed = {r: options[r][0] for r in row_ids}
    fitting = {
        cells
        for cells in splits
        for combo in itertools.product(*(options[r] for r in open_rows))
        if _applicant_columns_hold({**fixed, **dict(zip(open_rows, combo)), row_id: cells}, row_ids)
    }
    return fitting.pop() if len(fitting) == 1 else None


def all_splits(tokens: Sequence[Token], size: int) -> list[Cells]:
    """Every split of the tokens' digits into `size` cells, rules aside; none when there may
    be too many to list them all (a proof by "only one split" needs them all)."""
    digits = sum(len(t.digits or "") for t in tokens)
    if math.comb(max(digits - 1, 0), size - 1) > _MAX_SPLITS:
        return []
    return consistent_readings(tokens, size, ()).cells


def _applicant_columns_hold(rows: dict[str, Cells], row_ids: list[str]) -> bool:
    return all(c >= _APPLICANT_COLUMNS for _, c in broken_column_rules(rows, row_ids))


def received(options: Mapping[str, Sequence[Cells]]) -> tuple[int, ...] | None:
    """一 + 二 in each column, when each of the two rows has one reading (else None)."""
    rows = [options.get(r, ()) for r in _RECEIVED]
    if any(len(readings) != 1 for readings in rows):
        return None
    new, carried = (readings[0] for readings in rows)
    return tuple((a or 0) + (b or 0) for a, b in zip(new, carried))


def within_received(
    row_id: str, readings: Sequence[Cells], bound: tuple[int, ...] | None
) -> list[Cells]:
    """The readings of a result row with no cell above its column's 一 + 二 (`bound`); all of
    them for the rows 一 and 二 themselves, without a bound, or when none is within it (the
    report's rows then disagree, and the bound proves nothing)."""
    if bound is None or row_id in _RECEIVED:
        return list(readings)
    return narrowed(readings, lambda r: all((c or 0) <= b for c, b in zip(r, bound)))
