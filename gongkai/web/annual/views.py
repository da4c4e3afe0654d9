"""The annual report's desk (under /manage/annual/): what is due when for each of the
person's agencies, and compiling the draft from the registers with the officer's own words."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render

from gongkai.roles import Need
from gongkai.web.agencies.access import access_agency_by_id, agencies_for, may, person
from gongkai.web.annual.actions import compiled_draft, do_compile_report
from gongkai.web.annual.records import last_years_report
from gongkai.web.edge import year_param
from gongkai.web.reports.actions import signatures
from gongkai.web.reports.models import PublishedReport
from gongkai.workdays import annual_report_due

REMIND_DAYS = 15  # calendar days before the due date when the desk starts to remind
DESK_SIZE = 200  # a person's own agencies; an administrator's whole tree is the overview's


class SectionsForm(forms.Form):
    overview = forms.CharField(
        label="一、总体情况（留空则按数据生成）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )
    problems = forms.CharField(
        label="五、存在的主要问题及改进情况",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": "请写明本年度存在的主要问题及改进情况"},
    )
    other_matters = forms.CharField(
        label="六、其他需要报告的事项（信息处理费收取情况自动写入）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )


@login_required
def desk(request: HttpRequest) -> HttpResponse:
    year, today = year_param(request, dt.date.today().year - 1, first=2019), dt.date.today()
    rows = []
    # The agencies whose report the person works on: its officers, reviewer and leader.
    agencies = agencies_for(request.user, Need.PUBLISH).order_by("path")
    for agency in agencies[:DESK_SIZE]:
        due = annual_report_due(year, government=agency.is_government())
        reports = PublishedReport.objects.filter(agency=agency, year=year).defer("data", "source")
        published = reports.filter(status=PublishedReport.Status.PUBLISHED).first()
        draft = reports.filter(status=PublishedReport.Status.DRAFT).order_by("-id").first()
        rows.append(
            {
                "agency": agency,
                "due": due,
                "days_left": (due - today).days,
                "published": published,
                "draft": draft,
                "signed": [s.get_step_display() for s in signatures(draft)] if draft else [],
                "remind": published is None and (due - today).days <= REMIND_DAYS,
                "can_compile": may(request.user, agency, Need.HANDLE),
            }
        )
    context = {"year": year, "rows": rows, "today": today, "more": agencies.count() > DESK_SIZE}
    return render(request, "annual/desk.html", context)


@login_required
def compile_draft(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    if not 2019 <= year <= dt.date.today().year:  # the 2019 Regulation's reports, up to now
        raise Http404
    agency = access_agency_by_id(request.user, agency_id, Need.HANDLE, "编制年度报告")
    draft = compiled_draft(agency, year)
    form = SectionsForm(request.POST or None, initial=_written(draft))
    if request.method == "POST" and form.is_valid():
        record = do_compile_report(agency, person(request), year, form.cleaned_data)
        return HttpResponseRedirect(f"/manage/reports/{record.pk}/")
    previous = last_years_report(agency, year)
    context = {
        "agency": agency,
        "year": year,
        "form": form,
        "draft": draft,
        "last_problems": (previous.sections or {}).get("problems", "") if previous else "",
    }
    return render(request, "annual/compile.html", context, status=400 if form.errors else 200)


def _written(draft: PublishedReport | None) -> dict[str, str]:
    """What the officer wrote last time (the fee sentence of section 六 is the data's)."""
    if draft is None:
        return {}
    sections = draft.data.get("sections") or {}
    other = sections.get("other_matters", "").split("\n", 1)
    return {
        "overview": sections.get("overview", ""),
        "problems": sections.get("problems", ""),
        "other_matters": other[1] if len(other) > 1 else "",
    }
