"""Blocks of numbers printed apart from their labels: read every way the row rules allow."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gongkai.readers import blocks
from gongkai.readers.tables import ROW_RULE

A = (1, 2, 0, 0, 0, 0, 3)
B = (0, 5, 1, 0, 0, 0, 6)
C = (4, 0, 0, 0, 2, 0, 6)


def _read(values: list[int], k: int) -> blocks.BlockReading:
    return blocks.read_block(values, k, 7, ROW_RULE)


def test_rows_printed_row_by_row_are_read_so() -> None:
    reading = _read([*A, *B, *C], 3)
    assert (reading.rows, reading.status, reading.doubtful) == (
        [A, B, C],
        blocks.REGULAR,
        frozenset(),
    )


def test_rows_printed_column_by_column_are_read_so() -> None:
    values = [cell for column in zip(A, B, C) for cell in column]
    assert _read(values, 3).rows == [A, B, C]


def test_runs_read_either_way_are_put_back_and_the_moved_rows_said() -> None:
    values = [*A, *(cell for column in zip(B, C) for cell in column)]
    reading = _read(values, 3)
    assert (reading.rows, reading.status, reading.doubtful) == (
        [A, B, C],
        blocks.REPAIRED,
        frozenset({1, 2}),
    )


def test_both_orders_adding_up_is_a_doubt_on_the_rows_they_differ() -> None:
    zeros = (0,) * 7
    reading = _read([*zeros, *zeros, 1, 0, 0, 0, 0, 0, 1], 3)
    assert reading.status == blocks.AMBIGUOUS
    assert reading.doubtful == {2}  # (1,0,0,0,0,0,1) or (0,0,0,0,1,0,1)


def test_one_row_printed_unbalanced_keeps_the_order_the_others_prove() -> None:
    wrong = (0, 5, 1, 0, 0, 0, 7)
    reading = _read([*A, *wrong, *C], 3)
    assert (reading.rows, reading.status) == ([A, wrong, C], blocks.UNBALANCED)
    assert (reading.unbalanced, reading.doubtful) == (frozenset({1}), frozenset())


def test_numbers_that_fit_no_order_flag_every_row() -> None:
    reading = _read([*(1,) * 7, *(2,) * 7], 2)
    assert (reading.status, reading.doubtful) == (blocks.UNPROVEN, frozenset({0, 1}))


rows = st.lists(st.integers(0, 30), min_size=6, max_size=6).map(lambda c: (*c, sum(c)))


@given(block=st.lists(rows, min_size=2, max_size=5), cut=st.integers(1, 4))
def test_a_consistent_block_printed_in_two_runs_reads_back_or_is_flagged(
    block: list[tuple[int, ...]], cut: int
) -> None:
    head, tail = block[:cut], block[cut:]
    values = [c for row in head for c in row] + [c for col in zip(*tail) for c in col]
    reading = _read(values, len(block))
    wrong = {i for i, row in enumerate(block) if reading.rows[i] != row}
    assert wrong <= reading.doubtful
