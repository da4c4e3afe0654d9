"""Which open cases' deadlines change when the calendar changes (a year's notice added or
corrected): the web applies each change, audits it and tells the case's handler.

A deadline depends only on the days after its clock's start up to the deadline itself, so a
clock whose counted days all lie outside the changed years keeps its deadline and is not
computed again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from gongkai.cases.clock import Clock, answer_due
from gongkai.workdays import Deadline, WorkCalendar

K = TypeVar("K", bound=Hashable)


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
    the old and the new calendar, in the order of `clocks`."""
    years = changed_years(old, new)
    changes = []
    for key, clock in clocks.items():
        before = answer_due(old, clock)
        if before is None or not _touches(clock.start, before.day, years):
            continue
        after = answer_due(new, clock)
        if after is not None and after != before:
            changes.append(DeadlineChange(key, before, after))
    return changes


def _touches(start: dt.date, end: dt.date, years: frozenset[int]) -> bool:
    first = (start + dt.timedelta(days=1)).year
    return any(first <= year <= end.year for year in years)


def _year_days(calendar: WorkCalendar, year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    holidays = frozenset(d for d in calendar.holidays if d.year == year and d.weekday() < 5)
    workdays = frozenset(d for d in calendar.workdays if d.year == year and d.weekday() >= 5)
    return holidays, workdays
