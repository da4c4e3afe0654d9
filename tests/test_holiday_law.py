"""The law's holidays and the provisional calendar, checked against every official year."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.holiday_law import LAST_YEAR, law_in_force, statutory_holidays
from gongkai.workdays import (
    Deadline,
    WorkCalendar,
    add_workdays,
    answer_deadline,
    deadline,
    default_calendar,
    workdays_between,
)

CAL = default_calendar()
OFFICIAL = sorted(CAL.years)
# The one year whose notice added days off beyond the law: 国务院办公厅关于延长2020年春节假期的通知
# (31 January off, and 1 February no longer a make-up working day).
EXTRA_DAYS_OFF = {2020: 2}


def _days(year: int) -> list[dt.date]:
    first = dt.date(year, 1, 1)
    return [first + dt.timedelta(days=n) for n in range((dt.date(year + 1, 1, 1) - first).days)]


def _without_notice(year: int) -> WorkCalendar:
    """The project's calendar as it was before `year`'s notice came out."""
    return WorkCalendar(CAL.years - {year}, CAL.holidays, CAL.workdays)


def test_the_law_for_2027_as_computed() -> None:
    assert [(h.day.isoformat(), h.name) for h in statutory_holidays(2027)] == [
        ("2027-01-01", "元旦"),
        ("2027-02-05", "春节"),  # 除夕
        ("2027-02-06", "春节"),  # 正月初一
        ("2027-02-07", "春节"),
        ("2027-02-08", "春节"),
        ("2027-04-05", "清明节"),
        ("2027-05-01", "劳动节"),
        ("2027-05-02", "劳动节"),
        ("2027-06-09", "端午节"),
        ("2027-09-15", "中秋节"),
        ("2027-10-01", "国庆节"),
        ("2027-10-02", "国庆节"),
        ("2027-10-03", "国庆节"),
    ]


@pytest.mark.parametrize("year", OFFICIAL)
def test_every_statutory_holiday_is_a_day_off_in_the_official_calendar(year: int) -> None:
    working = [h for h in statutory_holidays(year) if CAL.is_workday(h.day)]
    assert working == []


@pytest.mark.parametrize("year", range(2008, 2019))
def test_the_earlier_versions_of_the_law_agree_with_chinesecalendar(year: int) -> None:
    """Before the project's table starts, the 2007 and 2013 versions of the law are checked
    against chinesecalendar's record of those years' notices."""
    working = [h for h in statutory_holidays(year) if chinese_calendar.is_workday(h.day)]
    assert working == []


@pytest.mark.parametrize("year", OFFICIAL)
def test_an_official_year_gives_exactly_the_laws_days_off_beyond_weekends(year: int) -> None:
    """调休 moves days and 第六条 makes up for a holiday on a weekend; neither adds one. So
    weekdays off less weekend working days is the law's count (11, or 13 from 2025)."""
    days = _days(year)
    weekdays_off = sum(1 for d in days if d.weekday() < 5 and not CAL.is_workday(d))
    weekends_worked = sum(1 for d in days if d.weekday() >= 5 and CAL.is_workday(d))
    expected = len(statutory_holidays(year)) + EXTRA_DAYS_OFF.get(year, 0)
    assert weekdays_off - weekends_worked == expected


@given(year=st.integers(2008, LAST_YEAR))
def test_the_law_gives_eleven_days_until_2024_and_thirteen_from_2025(year: int) -> None:
    holidays = statutory_holidays(year)
    names = [h.name for h in holidays]
    assert len(holidays) == (13 if year >= 2025 else 11)
    assert names.count("春节") == (4 if year >= 2025 else 3)
    assert names.count("劳动节") == (2 if year >= 2025 else 1)
    assert all(h.day.year == year for h in holidays)
    spring = [h.day for h in holidays if h.name == "春节"]
    assert spring == [spring[0] + dt.timedelta(days=n) for n in range(len(spring))]
    assert dt.date(year, 1, 20) <= spring[0] <= dt.date(year, 2, 20)
    (qingming,) = [h.day for h in holidays if h.name == "清明节"]
    assert dt.date(year, 4, 4) <= qingming <= dt.date(year, 4, 6)
    (duanwu,) = [h.day for h in holidays if h.name == "端午节"]
    assert dt.date(year, 5, 25) <= duanwu <= dt.date(year, 6, 26)
    # 中秋 may share 1–3 October with 国庆: one day then, under both names.
    assert len({h.day for h in holidays}) >= len(holidays) - 1
    assert law_in_force(year).since <= year


@pytest.mark.parametrize("year", OFFICIAL)
def test_provisional_and_official_years_differ_only_around_the_holidays(year: int) -> None:
    """Where the arrangement moved a day (调休, a holiday bridged to a weekend), it did so
    within ten days of a statutory holiday: the provisional year is right everywhere else."""
    provisional = _without_notice(year)
    holidays = [h.day for h in statutory_holidays(year)]
    far = [
        d
        for d in _days(year)
        if provisional.is_workday(d) != CAL.is_workday(d)
        and min(abs((d - h).days) for h in holidays) > 10
    ]
    assert far == []


@settings(max_examples=300, deadline=None)
@given(
    received=st.dates(dt.date(2019, 1, 1), dt.date(2026, 10, 31)),
    days=st.sampled_from([7, 15, 20, 40]),
)
def test_a_provisional_deadline_is_at_most_five_working_days_early_or_two_late(
    received: dt.date, days: int
) -> None:
    """Back-tested on 2019–2026: computed as if the year's notice were not out, a deadline
    lands at most 5 working days before the official one, or 2 after."""
    calendar = _without_notice(received.year)
    guess = add_workdays(calendar, received, days)
    real = add_workdays(CAL, received, days)
    if guess <= real:
        assert workdays_between(CAL, guess, real) <= 5
    else:
        assert workdays_between(CAL, real, guess) <= 2


future = st.dates(dt.date(2025, 1, 1), dt.date(2031, 12, 31))


@given(received=future, days=st.integers(1, 40))
def test_a_deadline_is_provisional_exactly_when_it_counts_a_day_of_a_year_without_notice(
    received: dt.date, days: int
) -> None:
    due = deadline(CAL, received, days)
    assert CAL.is_workday(due.day)
    assert workdays_between(CAL, received, due.day) == days
    # The calendar holds every notice up to 2026: the counted days reach a year without one
    # exactly when the deadline falls after 2026.
    assert due.provisional == (due.day.year > 2026)


@given(received=future, days=st.integers(1, 39), later=st.integers(0, 30))
def test_add_workdays_is_monotone_in_days_and_in_the_start(
    received: dt.date, days: int, later: int
) -> None:
    assert add_workdays(CAL, received, days + 1) > add_workdays(CAL, received, days)
    start = received + dt.timedelta(days=later)
    assert add_workdays(CAL, start, days) >= add_workdays(CAL, received, days)


def test_adding_the_years_notice_makes_its_deadlines_official() -> None:
    received = dt.date(2026, 12, 20)
    assert answer_deadline(CAL, received) == Deadline(dt.date(2027, 1, 18), provisional=True)
    notice = WorkCalendar(frozenset({2027}), frozenset({dt.date(2027, 1, 1)}), frozenset())
    assert answer_deadline(CAL.extended(notice), received) == Deadline(dt.date(2027, 1, 18))
