"""Working days (工作日) and the statutory periods of 国务院令第711号, counted on them.

Periods are counted from the day after the starting day (民法典第二百零一条, as applied
to 条例 clocks in practice): the first working day after receipt is day 1. A working day
is a Monday–Friday that is not a statutory holiday, or a Saturday/Sunday made a working
day (调休). The holiday table is the project's own (`gongkai/data/calendar.json`, made
from the State Council's yearly notices, and the years an administrator adds).

A year without the notice is never a reason to stop work: its working days are computed
provisionally (暂定) from the law alone (`gongkai.holiday_law`): Monday to Friday less the
statutory holidays, with no 调休 (nobody can know it yet). Every deadline says whether it
counted a provisional day (`Deadline.provisional`), so that it is shown as 暂定 and computed
again once the year's notice is added (`gongkai.cases.recompute`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from gongkai import messages
from gongkai.errors import GongkaiError
from gongkai.holiday_law import FIRST_YEAR, LAST_YEAR, statutory_days

ANSWER_DAYS = 20  # 第三十三条第二款
EXTENSION_DAYS = 20  # 第三十三条第二款: 延长的期限最长不得超过20个工作日
CORRECTION_NOTICE_DAYS = 7  # 第三十条: 7个工作日内一次性告知补正
CONSULTATION_DAYS = 15  # 第三十二条、第三十四条
PUBLICATION_DAYS = 20  # 第二十六条
FEE_PAYMENT_DAYS = 20  # 109号 (recalled, not confirmed: ../shared/reference): 20个工作日内缴纳

Pause = tuple[dt.date, dt.date]


class CalendarGap(GongkaiError):
    """A date falls in a year no calendar can speak for (before the Regulation, or a typo)."""

    code = "calendar.gap"
    http_status = 422


class InvalidPeriod(GongkaiError):
    code = "calendar.invalid_period"


@dataclass(frozen=True)
class Deadline:
    """The last day of a period, and whether a day it counted lies in a year whose
    arrangement is not yet published (then it is 暂定 and may move)."""

    day: dt.date
    provisional: bool = False

    def __str__(self) -> str:
        return self.day.isoformat() + (PROVISIONAL_MARK if self.provisional else "")


PROVISIONAL_MARK = "（暂定）"


@dataclass(frozen=True)
class WorkCalendar:
    years: frozenset[int]  # the years whose State Council notice the calendar holds
    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]

    def is_official(self, year: int) -> bool:
        return year in self.years

    def is_workday(self, day: dt.date) -> bool:
        if day.year not in self.years:
            return day.weekday() < 5 and day not in provisional_days_off(day.year)
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def provisional_years(self, start: dt.date, end: dt.date) -> tuple[int, ...]:
        """The years without a notice among the days after `start` up to `end`."""
        first = (start + dt.timedelta(days=1)).year
        return tuple(y for y in range(first, end.year + 1) if y not in self.years)

    def extended(self, other: WorkCalendar) -> WorkCalendar:
        """This calendar with `other`'s years added or replacing the same years."""
        keep_h = {d for d in self.holidays if d.year not in other.years}
        keep_w = {d for d in self.workdays if d.year not in other.years}
        return WorkCalendar(
            self.years | other.years,
            frozenset(keep_h | other.holidays),
            frozenset(keep_w | other.workdays),
        )


def provisional_days_off(year: int) -> frozenset[dt.date]:
    """The weekdays off in a year without its notice: the law's holidays, nothing more."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CalendarGap(messages.CALENDAR_GAP.format(year=year, first=FIRST_YEAR, last=LAST_YEAR))
    return statutory_days(year)


def calendar_from_data(data: Mapping[str, Any]) -> WorkCalendar:
    """A calendar from the JSON form of `gongkai/data/calendar.json`."""
    try:
        years = data["years"]
        holidays = {_date(d) for year in years.values() for d in year.get("holidays", [])}
        workdays = {_date(d) for year in years.values() for d in year.get("workdays", [])}
        known = frozenset(int(y) for y in years)
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise InvalidPeriod(messages.BAD_CALENDAR.format(detail=exc)) from exc
    stray = sorted(str(d) for d in holidays | workdays if d.year not in known)
    if stray:
        raise InvalidPeriod(messages.BAD_CALENDAR.format(detail="、".join(stray[:3])))
    return WorkCalendar(known, frozenset(holidays), frozenset(workdays))


@lru_cache(maxsize=1)
def default_calendar() -> WorkCalendar:
    """The project's own table (immutable, so read once per process)."""
    text = resources.files("gongkai.data").joinpath("calendar.json").read_text("utf-8")
    return calendar_from_data(json.loads(text))


def load_calendar(extra: Path | None = None) -> WorkCalendar:
    """The built-in calendar, extended by an administrator's file when one is given."""
    calendar = default_calendar()
    if extra is None:
        return calendar
    try:
        data = json.loads(extra.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise InvalidPeriod(messages.BAD_CALENDAR.format(detail=exc), location=str(extra)) from exc
    return calendar.extended(calendar_from_data(data))


def add_workdays(
    calendar: WorkCalendar, start: dt.date, days: int, pauses: Sequence[Pause] = ()
) -> dt.date:
    """The day on which the `days`-th working day after `start` falls.

    Days inside a pause (both ends included) do not count: the time a third party or
    another agency takes to give its opinion (第三十三条第三款), or a fee notice.
    """
    if days < 1:
        raise InvalidPeriod(messages.BAD_DAYS.format(days=days))
    for begin, end in pauses:
        if end < begin:
            raise InvalidPeriod(messages.BAD_PAUSE.format(begin=begin, end=end))
    day, counted = start, 0
    while counted < days:
        day += dt.timedelta(days=1)
        if calendar.is_workday(day) and not (pauses and _paused(day, pauses)):
            counted += 1
    return day


def deadline(
    calendar: WorkCalendar, start: dt.date, days: int, pauses: Sequence[Pause] = ()
) -> Deadline:
    """`add_workdays`, marked 暂定 when a day it counted lies in a year without its notice."""
    day = add_workdays(calendar, start, days, pauses)
    return Deadline(day, provisional=bool(calendar.provisional_years(start, day)))


def answer_deadline(
    calendar: WorkCalendar,
    received: dt.date,
    *,
    days: int = ANSWER_DAYS,
    extend: bool = False,
    pauses: Sequence[Pause] = (),
) -> Deadline:
    """The last day to answer an application received on `received` (第三十三条)."""
    return deadline(calendar, received, days + (EXTENSION_DAYS if extend else 0), pauses)


def answer_days(extended: bool) -> int:
    """The working days of the answer period (第三十三条): 20, or 40 once extended."""
    return ANSWER_DAYS + (EXTENSION_DAYS if extended else 0)


class WorkdayTable:
    """Working days counted once over a span of dates, so that counting between two days and
    finding the day a period ends are lookups, not steps day by day: for recounting a
    region's answers, or every open case's deadline after a change of the calendar.

    The same results as `add_workdays`, `deadline` and `workdays_between` (a property test
    holds them equal); a period with pauses, or one running off the span, is counted day by
    day (which also refuses a bad period as it always has).
    """

    def __init__(self, calendar: WorkCalendar, first: dt.date, last: dt.date) -> None:
        # The span stays within the years the law can speak for: beyond them the day-by-day
        # count raises `CalendarGap` as it always has.
        self.calendar = calendar
        self.first = max(first, dt.date(FIRST_YEAR, 1, 1))
        self.cumulative: list[int] = []  # working days from `first` up to each day
        self.unofficial: list[int] = []  # days in a year without its notice, the same way
        count = unofficial = 0
        day, last = self.first, min(last, dt.date(LAST_YEAR, 12, 31))
        while day <= last:
            count += calendar.is_workday(day)
            unofficial += day.year not in calendar.years
            self.cumulative.append(count)
            self.unofficial.append(unofficial)
            day += dt.timedelta(days=1)

    def _index(self, day: dt.date) -> int | None:
        at = (day - self.first).days
        return at if 0 <= at < len(self.cumulative) else None

    def between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (`workdays_between`)."""
        at, to = self._index(start), self._index(end)
        if at is None or to is None:
            return workdays_between(self.calendar, start, end)
        return self.cumulative[to] - self.cumulative[at]

    def add(self, start: dt.date, days: int, pauses: Sequence[Pause] = ()) -> dt.date:
        """The day the `days`-th working day after `start` falls on (`add_workdays`)."""
        span = self._period(start, days, pauses)
        if span is None:
            return add_workdays(self.calendar, start, days, pauses)
        return self.first + dt.timedelta(days=span[1])

    def deadline(self, start: dt.date, days: int, pauses: Sequence[Pause] = ()) -> Deadline:
        """`add`, marked 暂定 as `deadline` marks it: when a day it counted (after `start`, up
        to the last) lies in a year without its notice."""
        span = self._period(start, days, pauses)
        if span is None:
            return deadline(self.calendar, start, days, pauses)
        at, end = span
        provisional = self.unofficial[end] > self.unofficial[at]
        return Deadline(self.first + dt.timedelta(days=end), provisional)

    def _period(self, start: dt.date, days: int, pauses: Sequence[Pause]) -> tuple[int, int] | None:
        """The indexes of the period's start and last day; None when counted day by day."""
        at = self._index(start)
        if pauses or days < 1 or at is None:  # pauses are rare
            return None
        end = bisect.bisect_left(self.cumulative, self.cumulative[at] + days, lo=at)
        return (at, end) if end < len(self.cumulative) else None


def workdays_between(calendar: WorkCalendar, start: dt.date, end: dt.date) -> int:
    """How many working days fall after `start`, up to and including `end`."""
    return sum(1 for day in _days_after(start, end) if calendar.is_workday(day))


def _days_after(start: dt.date, end: dt.date) -> Iterable[dt.date]:
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        yield day


def _paused(day: dt.date, pauses: Sequence[Pause]) -> bool:
    return any(begin <= day <= end for begin, end in pauses)


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def annual_report_due(year: int, *, government: bool) -> dt.date:
    """The day by which the annual report on `year` must be published (第四十九条): a
    government department's by 31 January, a government's own by 31 March (calendar days)."""
    return dt.date(year + 1, 3, 31) if government else dt.date(year + 1, 1, 31)
