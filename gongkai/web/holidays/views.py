"""The working calendar page (/manage/calendar/): which years are official and which are
computed provisionally, and — for administrators — adding a year's official arrangement,
after which every open case's deadline is recomputed and the changes are listed."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render

from gongkai.holiday_notice import arrangement_of, arrangement_text
from gongkai.web.agencies.access import is_administrator, person
from gongkai.web.audit.models import AuditEvent, EventType
from gongkai.web.cases.models import Application
from gongkai.web.cases.queries import due_of
from gongkai.web.edge import form_problems, year_param
from gongkai.web.holidays.actions import RECOMPUTED, do_set_calendar_year
from gongkai.web.holidays.calendar import work_calendar
from gongkai.web.holidays.forms import ArrangementForm, next_year
from gongkai.web.holidays.models import RECOUNTING, HolidayYear

ONLY_ADMINISTRATORS = "只有系统管理员可以录入放假安排"
SHOWN_CHANGES = 500


@login_required
def calendar_page(request: HttpRequest) -> HttpResponse:
    admin = is_administrator(request.user)
    if request.method == "POST":
        if not admin:
            raise PermissionDenied(ONLY_ADMINISTRATORS)
        form = ArrangementForm(request.POST, request.FILES)
        if form.is_valid() and form.arrangement is not None:
            changes = do_set_calendar_year(person(request), form.arrangement, form.source)
            year = form.arrangement.year
            return HttpResponseRedirect(f"/manage/calendar/?year={year}&done={len(changes)}")
        return _page(request, form, form.data.get("year", ""), status=400)
    year = year_param(request, next_year(), first=2019)
    text = arrangement_text(arrangement_of(work_calendar(), year))
    form = ArrangementForm(initial={"year": year, "text": text})
    return _page(request, form if admin else None, str(year))


def _page(
    request: HttpRequest, form: ArrangementForm | None, year: str, status: int = 200
) -> HttpResponse:
    calendar = work_calendar()
    this = dt.date.today().year
    context = {
        "form": form,
        "problems": form_problems(form) if form is not None and form.errors else [],
        "years": [(y, calendar.is_official(y)) for y in range(2019, this + 3)],
        "stored": HolidayYear.objects.all(),
        "recounting": _recounting(year),
        "year": year,
        "done": request.GET.get("done", ""),
        "changes": _changes(year) if form is not None and request.GET.get("done") else [],
    }
    return render(request, "holidays/calendar.html", context, status=status)


def _recounting(year: str) -> bool:
    """Whether the answers' timings of `year` (as the page was given it) are being recounted."""
    if not (year.isascii() and year.isdigit() and len(year) == 4):
        return False
    return HolidayYear.objects.filter(RECOUNTING, year=int(year)).exists()


def _changes(year: str) -> list[dict[str, object]]:
    """The deadlines entering `year` moved, as the audit log keeps them (administrators)."""
    events = list(
        AuditEvent.objects.filter(
            event_type=EventType.DEADLINE_RECOMPUTED, reason=RECOMPUTED.format(year=year)
        )
        .select_related("agency")
        .order_by("-at", "-id")[:SHOWN_CHANGES]
    )
    numbers = dict(
        Application.objects.filter(pk__in=[e.object_id for e in events]).values_list("pk", "number")
    )
    return [
        {
            "case": e.object_id,
            "number": numbers.get(e.object_id or 0, ""),
            "agency": e.agency.name if e.agency else "",
            "old": due_of(e.before),
            "new": due_of(e.after),
        }
        for e in events
    ]
