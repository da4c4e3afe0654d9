"""The working calendar of the whole web system: the packaged table extended by the years an
administrator added. Every deadline the web computes asks `work_calendar()` (one small query;
the calendar itself is built once per set of stored years)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from gongkai.web.holidays.models import RECOUNTING, HolidayYear
from gongkai.workdays import WorkCalendar, calendar_from_data, default_calendar

Stored = tuple[tuple[int, tuple[str, ...], tuple[str, ...]], ...]


def work_calendar() -> WorkCalendar:
    return calendar_of(HolidayYear.objects.values_list("year", "holidays", "workdays"))


def calendar_of(rows: Iterable[tuple[int, list[str], list[str]]]) -> WorkCalendar:
    """The calendar with the stored years `rows` (year, holidays, workdays) added; also for
    a migration, which reads them through its historical model."""
    return _built(tuple(sorted((year, tuple(off), tuple(work)) for year, off, work in rows)))


@lru_cache(maxsize=16)
def _built(stored: Stored) -> WorkCalendar:
    if not stored:
        return default_calendar()
    years = {str(y): {"holidays": list(off), "workdays": list(work)} for y, off, work in stored}
    return default_calendar().extended(calendar_from_data({"years": years}))


def timings_recounting(year: int) -> bool:
    """Whether the timings of answers of `year` are being recounted after a correction (of
    that year, or of the year before, whose days an answer early in the year counts)."""
    return HolidayYear.objects.filter(RECOUNTING, year__in=(year - 1, year)).exists()
