"""Response statistics: working days to answer, late answers, extensions."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from gongkai.cases.responses import (
    Answered,
    ResponseStats,
    grouped_stats,
    response_stats,
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
    stats = response_stats(cases, workday_table(CALENDAR, cases))
    assert stats == ResponseStats(answered=4, median_days=20.5, p90_days=40, late=1, extended=1)
    assert stats.late_share == 0.25


def test_pauses_do_not_count_towards_the_deadline() -> None:
    paused = _case(D(2025, 3, 3), D(2025, 4, 9), pauses=((D(2025, 3, 10), D(2025, 3, 21)),))
    plain = _case(D(2025, 3, 3), D(2025, 4, 9))
    table = workday_table(CALENDAR, [paused, plain])
    assert response_stats([paused], table).late == 0
    assert response_stats([plain], table).late == 1


def test_nothing_answered_has_no_figures() -> None:
    assert response_stats([], None) == ResponseStats(0, None, None, 0, 0)
    assert ResponseStats(0, None, None, 0, 0).late_share is None


def test_groups_keep_their_first_seen_order() -> None:
    cases = [_case(D(2025, 3, 3), D(2025, 3, 4)), _case(D(2025, 1, 6), D(2025, 1, 7))]
    table = workday_table(CALENDAR, cases)
    grouped = grouped_stats([("2025-03", cases[0]), ("2025-01", cases[1])], table)
    assert list(grouped) == ["2025-03", "2025-01"]


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
