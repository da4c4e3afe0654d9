"""The 工作台 (/manage/, shown after sign-in): how many cases wait in each of the person's
inboxes, each linked to its list in the 台账; deadlines a new calendar moved for the cases
they handle; and where each of their agencies' annual reports stands against its due date."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.roles import Need
from gongkai.web.agencies.access import agencies_for
from gongkai.web.annual.queries import reports_due
from gongkai.web.cases.queries import INBOXES, inbox, recomputed_for

REPORT_ROWS = 50  # agencies shown; a supervisor's whole region is the overview's


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user, today = request.user, dt.date.today()
    boxes = [
        {"key": box.key, "label": box.label, "count": inbox(user, box.key, today).count()}
        for box in INBOXES
        if agencies_for(user, box.need).exists()
    ]
    agencies = agencies_for(user, Need.PUBLISH).order_by("path")
    context = {
        "boxes": boxes,
        "recomputed": recomputed_for(user, today),
        "reports": reports_due(agencies[:REPORT_ROWS], today.year - 1, today),
        "report_year": today.year - 1,
        "today": today,
        "registers": agencies_for(user, Need.HANDLE).exists(),
    }
    return render(request, "workbench/dashboard.html", context)
