"""Splits listed for a proof by "only one split", and readings bounded by what each column
received (issue 13, crawler text)."""

from __future__ import annotations

import math

from gongkai.readers.column_rules import all_splits, received, within_received
from gongkai.readers.repair import Cells
from gongkai.readers.tokens import NUMBER, Token, text_to_tokens


def _numbers(text: str) -> list[Token]:
    return [t for t in text_to_tokens(text) if t.kind == NUMBER]


def test_every_split_of_a_short_run_is_listed() -> None:
    splits = all_splits(_numbers("1234"), 3)
    assert sorted(splits) == [(1, 2, 34), (1, 23, 4), (12, 3, 4)]


def test_a_split_never_starts_a_cell_with_a_zero() -> None:
    """「1050」: 1、05、0 is no split; a 0 of its own is."""
    assert sorted(all_splits(_numbers("1050"), 3)) == [(1, 0, 50), (10, 5, 0)]


def test_a_run_with_too_many_splits_to_list_gives_none() -> None:
    """Twenty-five digits for 7 cells: C(24, 6) = 134 596 splits, more than the search lists
    before it stops, so none is offered as the only one."""
    run = "1234567891234567891234567"
    assert math.comb(len(run) - 1, 6) > 5000
    assert all_splits(_numbers(run), 7) == []


def test_a_result_row_keeps_the_readings_within_what_its_column_received() -> None:
    """一 2、0… and 二 all 0: 予以公开's 2 can only be 自然人's; a blank and a 0 count alike."""
    bound = received({"new_received": [(2, 0, 0, 0, 0, 0, 2)], "carried_over": [(0,) * 7]})
    readings: list[Cells] = [(2, 0, None, None, None, None, 2), (None, 2, 0, None, None, None, 2)]
    assert within_received("granted", readings, bound) == readings[:1]


def test_readings_none_of_which_is_within_the_bound_are_all_kept() -> None:
    """The report's rows then disagree with each other: the bound proves nothing."""
    bound = (1, 0, 0, 0, 0, 0, 1)
    readings: list[Cells] = [(2, 0, 0, 0, 0, 0, 2), (0, 2, 0, 0, 0, 0, 2)]
    assert within_received("granted", readings, bound) == readings
    assert within_received("new_received", readings, (0,) * 7) == readings


def test_no_bound_while_new_or_carried_over_has_several_readings() -> None:
    options: dict[str, list[Cells]] = {
        "new_received": [(1, 0, 0, 0, 0, 0, 1), (0, 1, 0, 0, 0, 0, 1)]
    }
    assert received({**options, "carried_over": [(0,) * 7]}) is None
