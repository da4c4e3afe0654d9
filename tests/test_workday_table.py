"""The table of working days (`WorkdayTable`): the same days as counting day by day, on any
calendar, from any day, over any span."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.holiday_law import FIRST_YEAR, LAST_YEAR
from gongkai.workdays import (
    CalendarGap,
    InvalidPeriod,
    Pause,
    WorkCalendar,
    WorkdayTable,
    add_workdays,
    deadline,
    default_calendar,
    workdays_between,
)

D = dt.date
YEARS = range(2024, 2029)


@st.composite
def calendars(draw: st.DrawFn) -> WorkCalendar:
    """Some years official, each with weekdays off and weekend days worked at random (the
    others provisional, from the law); or the project's own table."""
    if draw(st.booleans()):
        return default_calendar()
    years = draw(st.frozensets(st.sampled_from(YEARS)))
    days = [d for y in sorted(years) for d in _days_of(y)]
    chosen = draw(st.frozensets(st.sampled_from(days), max_size=60)) if days else frozenset()
    holidays = frozenset(d for d in chosen if d.weekday() < 5)
    return WorkCalendar(years, holidays, frozenset(chosen - holidays))


def _days_of(year: int) -> list[dt.date]:
    return [
        D(year, 1, 1) + dt.timedelta(days=n)
        for n in range((D(year + 1, 1, 1) - D(year, 1, 1)).days)
    ]


starts = st.dates(D(2023, 10, 1), D(2028, 12, 31))
# The table's span around the start: sometimes not reaching the end of the period, or
# beginning after the start, when the count goes day by day.
spans = st.tuples(st.integers(-60, 30), st.integers(-10, 150))
pauses = st.lists(st.tuples(st.integers(0, 50), st.integers(0, 20)), max_size=2)


def _table(calendar: WorkCalendar, start: dt.date, span: tuple[int, int]) -> WorkdayTable:
    before, after = span
    return WorkdayTable(
        calendar, start + dt.timedelta(days=before), start + dt.timedelta(days=after)
    )


def _pauses(start: dt.date, drawn: list[tuple[int, int]]) -> tuple[Pause, ...]:
    return tuple((start + dt.timedelta(days=a), start + dt.timedelta(days=a + n)) for a, n in drawn)


@settings(max_examples=300, deadline=None)
@given(calendars(), starts, st.integers(1, 60), spans, pauses)
def test_the_table_finds_the_day_counting_day_by_day_finds(
    calendar: WorkCalendar,
    start: dt.date,
    days: int,
    span: tuple[int, int],
    drawn: list[tuple[int, int]],
) -> None:
    table, paused = _table(calendar, start, span), _pauses(start, drawn)
    assert table.add(start, days, paused) == add_workdays(calendar, start, days, paused)
    assert table.deadline(start, days, paused) == deadline(calendar, start, days, paused)


@settings(max_examples=200, deadline=None)
@given(calendars(), starts, st.integers(0, 90), spans)
def test_the_table_counts_the_days_between_as_counting_day_by_day(
    calendar: WorkCalendar, start: dt.date, length: int, span: tuple[int, int]
) -> None:
    end = start + dt.timedelta(days=length)
    table = _table(calendar, start, span)
    assert table.between(start, end) == workdays_between(calendar, start, end)


@given(st.dates(D(LAST_YEAR, 9, 1), D(LAST_YEAR, 12, 31)), st.integers(1, 60))
def test_past_the_years_of_the_law_the_table_refuses_as_counting_day_by_day(
    start: dt.date, days: int
) -> None:
    calendar = default_calendar()
    table = WorkdayTable(calendar, start, start + dt.timedelta(days=200))
    assert _outcome(lambda: table.add(start, days)) == _outcome(
        lambda: add_workdays(calendar, start, days)
    )


def _outcome(count: Callable[[], dt.date]) -> dt.date | str:
    try:
        return count()
    except CalendarGap as gap:
        return gap.code


def test_a_table_before_the_law_starts_at_its_first_year() -> None:
    calendar = default_calendar()
    table = WorkdayTable(calendar, D(FIRST_YEAR - 1, 12, 1), D(FIRST_YEAR, 3, 1))
    assert table.first == D(FIRST_YEAR, 1, 1)
    assert table.add(D(FIRST_YEAR, 1, 10), 20) == add_workdays(calendar, D(FIRST_YEAR, 1, 10), 20)


def test_the_table_refuses_bad_periods_as_counting_day_by_day() -> None:
    table = WorkdayTable(default_calendar(), D(2025, 1, 1), D(2025, 6, 30))
    with pytest.raises(InvalidPeriod):
        table.add(D(2025, 1, 2), 0)
    with pytest.raises(InvalidPeriod):
        table.add(D(2025, 1, 2), 5, [(D(2025, 1, 9), D(2025, 1, 3))])
