"""Pages read side by side (gongkai.readers.overlap): results in order, few pages in memory."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.readers.overlap import overlapped


@given(items=st.lists(st.integers()), workers=st.integers(1, 4))
def test_results_come_in_the_order_of_the_items(items: list[int], workers: int) -> None:
    assert overlapped(items, lambda item: item * 2, workers) == [item * 2 for item in items]


def test_at_most_one_item_more_than_the_workers_is_in_memory() -> None:
    made: list[int] = []
    done: list[int] = []
    held: list[int] = []  # items made and not yet done, each time one is made

    def items() -> Iterator[int]:
        for item in range(20):
            made.append(item)
            held.append(len(made) - len(done))
            yield item

    def work(item: int) -> int:
        time.sleep(0.01)
        done.append(item)
        return item

    assert overlapped(items(), work, 2) == list(range(20))
    assert max(held) <= 3


def test_a_failing_item_fails_the_whole() -> None:
    def work(item: int) -> int:
        if item == 3:
            raise ValueError(item)
        return item

    with pytest.raises(ValueError):
        overlapped(range(6), work, 2)
