"""Box plots of a measure over agencies: quartiles, Tukey's whiskers and the outliers."""

from __future__ import annotations

import statistics

from hypothesis import given
from hypothesis import strategies as st

from gongkai.spread import box, quantile

values = st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=60)


def test_the_quartiles_of_a_known_list_are_those_a_spreadsheet_gives() -> None:
    found = box([1, 2, 3, 4, 5, 6, 7, 8, 9, 100])
    assert found is not None
    assert (found.q1, found.median, found.q3) == (3.25, 5.5, 7.75)
    assert (found.low, found.high, found.count) == (1, 9, 10)
    assert found.is_outlier(100) and not found.is_outlier(9)


def test_no_values_make_no_box() -> None:
    assert box([]) is None


@given(values)
def test_the_quartiles_agree_with_the_standard_library(found: list[float]) -> None:
    if len(found) < 2:
        return
    expected = statistics.quantiles(found, n=4, method="inclusive")
    ordered = sorted(found)
    for share, value in zip((0.25, 0.5, 0.75), expected):
        assert abs(quantile(ordered, share) - value) <= 1e-6 * max(1.0, abs(value))


@given(values)
def test_the_whiskers_reach_every_value_but_the_outliers(found: list[float]) -> None:
    made = box(found)
    assert made is not None
    assert made.low <= made.high and made.q1 <= made.median <= made.q3
    inside = [v for v in found if not made.is_outlier(v)]
    assert (min(inside), max(inside)) == (made.low, made.high)
    assert made.count == len(found)


@given(values)
def test_the_order_of_the_values_does_not_matter(found: list[float]) -> None:
    assert box(found) == box(list(reversed(found)))
