"""Which open cases' deadlines change when the calendar changes (a year's notice added or
corrected): the web applies each change, audits it and tells the case's handler.

A deadline depends only on the days after its clock's start up to the deadline itself: a
clock whose counted days all lie outside the changed years keeps its deadline, and one whose
deadline falls before the first day that changed keeps its day (only its 暂定 mark may go).
Neither is counted again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from gongkai.cases.clock import Clock, is_running
from gongkai.workdays import Deadline, WorkCalendar, WorkdayTable, answer_days

K = TypeVar("K", bound=Hashable)
SPAN = dt.timedelta(days=120)  # 40 working days and more: a period extended over 春节


@dataclass(frozen=True)
class DeadlineChange(Generic[K]):
    key: K  # the caller's name for the case (its id)
    old: Deadline
    new: Deadline

    @property
    def moved(self) -> bool:
        """The day changed (not only its 暂定 mark)."""
        return self.old.day != self.new.day


def changed_years(old: WorkCalendar, new: WorkCalendar) -> frozenset[int]:
    """The years in which some day is a working day in one calendar and not the other."""
    years = old.years ^ new.years
    for year in old.years & new.years:
        if _year_days(old, year) != _year_days(new, year):
            years |= {year}
    return frozenset(years)


def changed_deadlines(
    clocks: Mapping[K, Clock], old: WorkCalendar, new: WorkCalendar
) -> list[DeadlineChange[K]]:
    """Every running clock whose answer deadline (its day, or its 暂定 mark) differs between
    the old and the new calendar, in the order of `clocks`. Counted on a table of working
    days per calendar (built once), the same deadlines as `answer_due` gives one by one."""
    years = changed_years(old, new)
    running = {key: clock for key, clock in clocks.items() if is_running(clock)}
    if not years or not running:
        return []
    first = first_changed_day(old, new, years)
    before_table, after_table = (_table(calendar, running.values()) for calendar in (old, new))
    changes = []
    for key, clock in running.items():
        before = _due(before_table, clock)
        if not _touches(clock.start, before.day, years):
            continue
        if first is None or before.day < first:  # the same days counted, to the same day
            after = Deadline(before.day, bool(new.provisional_years(clock.start, before.day)))
        else:
            after = _due(after_table, clock)
        if after != before:
            changes.append(DeadlineChange(key, before, after))
    return changes


def _table(calendar: WorkCalendar, clocks: Iterable[Clock]) -> WorkdayTable:
    """A table over every day the clocks' deadlines can count (longer periods: day by day)."""
    starts = [clock.start for clock in clocks]
    return WorkdayTable(calendar, min(starts), max(starts) + SPAN)


def _due(table: WorkdayTable, clock: Clock) -> Deadline:
    return table.deadline(clock.start, answer_days(clock.extended), clock.pauses)


def first_changed_day(
    old: WorkCalendar, new: WorkCalendar, years: frozenset[int]
) -> dt.date | None:
    """The first day that is a working day in one calendar and not in the other."""
    for year in sorted(years):
        day = dt.date(year, 1, 1)
        while day.year == year:
            if old.is_workday(day) != new.is_workday(day):
                return day
            day += dt.timedelta(days=1)
    return None


def changed_span(old: WorkCalendar, new: WorkCalendar) -> tuple[dt.date, dt.date] | None:
    """The first and the last day that can change a deadline between the two calendars: a
    working day in one and not the other, or any day of a year with a notice in only one
    (its 暂定 mark). A clock whose deadline falls before the first, or which starts on or
    after the last, counts none of them: its deadline stays (the save reads only the others)."""
    days = [day for year in changed_years(old, new) for day in _changed_ends(old, new, year)]
    return (min(days), max(days)) if days else None


def _changed_ends(old: WorkCalendar, new: WorkCalendar, year: int) -> tuple[dt.date, ...]:
    """The first and last day of `year` that differ between the calendars (none if none)."""
    if (year in old.years) != (year in new.years):
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    (old_off, old_on), (new_off, new_on) = _year_days(old, year), _year_days(new, year)
    differ = (old_off ^ new_off) | (old_on ^ new_on)
    return (min(differ), max(differ)) if differ else ()


def _touches(start: dt.date, end: dt.date, years: frozenset[int]) -> bool:
    first = (start + dt.timedelta(days=1)).year
    return any(first <= year <= end.year for year in years)


def _year_days(calendar: WorkCalendar, year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    holidays = frozenset(d for d in calendar.holidays if d.year == year and d.weekday() < 5)
    workdays = frozenset(d for d in calendar.workdays if d.year == year and d.weekday() >= 5)
    return holidays, workdays
