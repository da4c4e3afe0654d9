"""Response statistics: working days to answer, late answers, extensions."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from gongkai.cases.responses import (
    Answered,
    ResponseStats,
    Timing,
    response_stats,
    timing_of,
    workday_table,
)
from gongkai.workdays import answer_deadline, default_calendar, workdays_between

D = dt.date
CALENDAR = default_calendar()


def _case(received: dt.date, answered: dt.date, **clock: object) -> Answered:
    return Answered(received, answered, clock.pop("start", received), **clock)  # type: ignore[arg-type]


def test_days_are_working_days_and_late_is_after_the_deadline() -> None:
    cases = [
        _case(D(2025, 9, 28), D(2025, 10, 31)),  # the 20th working day (National Day between)
        _case(D(2025, 9, 28), D(2025, 11, 3)),  # the next working day: late
        _case(D(2025, 9, 28), D(2025, 11, 28), extended=True),  # the 40th working day: on time
        _case(D(2025, 3, 3), D(2025, 3, 4)),  # one working day
    ]
    table = workday_table(CALENDAR, cases)
    stats = response_stats([table.timing(c) for c in cases])
    assert [timing_of(CALENDAR, c) for c in cases] == [
        Timing(20, False, False),
        Timing(21, True, False),
        Timing(40, False, True),
        Timing(1, False, False),
    ]
    assert stats == ResponseStats(answered=4, median_days=20.5, p90_days=40, late=1, extended=1)
    assert stats.late_share == 0.25


def test_pauses_do_not_count_towards_the_deadline() -> None:
    paused = _case(D(2025, 3, 3), D(2025, 4, 9), pauses=((D(2025, 3, 10), D(2025, 3, 21)),))
    plain = _case(D(2025, 3, 3), D(2025, 4, 9))
    assert timing_of(CALENDAR, paused) == Timing(26, False, False)
    assert timing_of(CALENDAR, plain) == Timing(26, True, False)


def test_nothing_answered_has_no_figures() -> None:
    assert response_stats([]) == ResponseStats(0, None, None, 0, 0)
    assert ResponseStats(0, None, None, 0, 0).late_share is None


def test_the_p90_is_a_day_that_was_taken_by_nearest_rank() -> None:
    timings = [Timing(d, False, False) for d in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30)]
    assert response_stats(timings).p90_days == 10  # rank ceil(0.9 × 11) = 10
    assert response_stats(timings[:10]).p90_days == 9  # rank 9 of 10


@given(
    st.dates(D(2020, 1, 1), D(2026, 6, 1)),
    st.integers(0, 80),
    st.booleans(),
)
def test_the_table_agrees_with_counting_day_by_day(
    received: dt.date, wait: int, extended: bool
) -> None:
    case = _case(received, received + dt.timedelta(days=wait), extended=extended)
    table = workday_table(CALENDAR, [case])
    assert table.between(case.received, case.answered) == workdays_between(
        CALENDAR, case.received, case.answered
    )
    expected = answer_deadline(CALENDAR, received, extend=extended).day
    assert table.due(case) == expected
