"""The answers' timings counted again after a correction of a year's arrangement, as
background work (the task queue's workers): a million answers take minutes, the save does not
wait for them (docs/cases.md).

Every correction queues a recount of its year; the recount counts on the calendar as it
stands when it starts, so a correction made while one is queued is counted by it (the last
calendar wins) and the later task finds nothing left to do. A correction made while a recount
runs makes that recount's figures stale: it writes nothing and the later task counts anew.
`HolidayYear.revision` against `timings_revision` tells which corrections were counted."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from gongkai.cases.responses import Timing
from gongkai.web.cases.actions import changed_timings, write_timings
from gongkai.web.cases.models import Application
from gongkai.web.cases.timings import counting_days_of
from gongkai.web.holidays.calendar import work_calendar
from gongkai.web.holidays.models import RECOUNTING, HolidayYear
from gongkai.workdays import WorkCalendar


@task()
def recount_timings_task(year: int) -> None:
    recount_timings(year)


def recount_timings(year: int) -> int | None:
    """Count again the timings of the answers that counted a day of `year`, on the current
    calendar; how many changed (None: nothing left to count, or corrected again meanwhile)."""
    seen = _calendar_to_count(year)
    if seen is None:
        return None
    revision, calendar = seen
    changed = changed_timings(Application.objects.filter(counting_days_of(year)), calendar)
    return _write(year, revision, changed)


def waiting_years() -> list[int]:
    """The corrected years whose answers' timings are still to be recounted."""
    stale = HolidayYear.objects.filter(RECOUNTING).order_by("year")
    return list(stale.values_list("year", flat=True))


@transaction.atomic
def _calendar_to_count(year: int) -> tuple[int, WorkCalendar] | None:
    """The year's revision and the calendar, read together under the year's lock (a
    correction committing meanwhile is either both or neither)."""
    stored = HolidayYear.objects.select_for_update().filter(year=year).first()
    if stored is None or not stored.recounting:
        return None
    return stored.revision, work_calendar()


@transaction.atomic
def _write(year: int, revision: int, changed: dict[Timing, list[int]]) -> int | None:
    stored = HolidayYear.objects.select_for_update().get(year=year)
    if stored.revision != revision:  # corrected while counting: its own task counts anew
        return None
    written = write_timings(Application, changed)
    HolidayYear.objects.filter(pk=stored.pk).update(
        timings_revision=revision, timings_counted_at=timezone.now()
    )
    return written
