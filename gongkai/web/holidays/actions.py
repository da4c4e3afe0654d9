"""An administrator adds (or corrects) a year's official arrangement; every open case whose
deadline it moves is recomputed in the same transaction, each change audited; the answered
cases' timings are recounted in the background (holidays/tasks.py)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from gongkai.cases.recompute import DeadlineChange
from gongkai.holiday_notice import YearArrangement, arrangement_of
from gongkai.web.audit.log import record
from gongkai.web.audit.models import EventType
from gongkai.web.cases.actions import do_recompute_deadlines
from gongkai.web.holidays.calendar import work_calendar
from gongkai.web.holidays.models import HolidayYear
from gongkai.web.holidays.tasks import recount_timings_task

RECOMPUTED = "录入{year}年放假安排后重算"


@transaction.atomic
def do_set_calendar_year(
    user: User, arrangement: YearArrangement, source: str
) -> list[DeadlineChange[int]]:
    """Store the year's arrangement (replacing one stored before) and recompute the open
    cases' deadlines; returns the changes made."""
    old = work_calendar()
    data = arrangement.to_data()
    stored = HolidayYear.objects.select_for_update().filter(year=arrangement.year).first()
    year = arrangement.year
    before = arrangement_of(old, year).to_data() if old.is_official(year) else None
    if stored is None:
        stored = HolidayYear(year=arrangement.year, revision=0)
    stored.holidays, stored.workdays = data["holidays"], data["workdays"]
    stored.source = source[:20000]
    stored.revision += 1
    stored.full_clean()
    stored.save()
    record(
        EventType.CALENDAR_YEAR_SET,
        stored,
        user=user,
        agency_id=None,
        before=before,
        after={"year": arrangement.year, **data},
    )
    # Queued in the same transaction: the correction and its recount commit together (the
    # recount runs at once, inside it, in tests).
    recount_timings_task.enqueue(year)
    reason = RECOMPUTED.format(year=arrangement.year)
    return do_recompute_deadlines(old, work_calendar(), user, reason)
