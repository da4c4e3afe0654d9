"""One record of the registers (a catalogue entry, an appeal, a month's figure) with its
history, corrected with a reason: the old value stays in the audit event and shows here."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render

from gongkai.errors import GongkaiError
from gongkai.roles import Need
from gongkai.web.agencies.access import may, person
from gongkai.web.audit.log import events_of
from gongkai.web.audit.presenting import describe
from gongkai.web.edge import form_problems
from gongkai.web.registers.access import Record, access_record_by_id
from gongkai.web.registers.actions import (
    do_correct_appeal,
    do_correct_publication,
    do_set_figure,
)
from gongkai.web.registers.forms import (
    AppealCorrectionForm,
    CorrectionReason,
    PublicationCorrectionForm,
)
from gongkai.web.registers.models import Appeal, MonthlyFigure, Publication


class FigureCorrectionForm(CorrectionReason):
    value = forms.DecimalField(
        label="数值",
        max_digits=20,
        decimal_places=6,
        min_value=0,
        error_messages={"required": "此项必填", "invalid": "应为数字", "min_value": "不能为负"},
    )


@login_required
def publication(request: HttpRequest, record_id: int) -> HttpResponse:
    found = access_record_by_id(request.user, Publication, record_id, _need(request))
    assert isinstance(found, Publication)
    form = PublicationCorrectionForm(request.POST or None, instance=found)
    fields = [f for f in form.fields if f != "reason"]

    def act(data: dict[str, Any]) -> None:
        facts = {k: data[k] for k in fields}
        do_correct_publication(
            Publication.objects.get(pk=found.pk), person(request), facts, data["reason"]
        )

    return _page(request, found, form, act, found.title)


@login_required
def appeal(request: HttpRequest, record_id: int) -> HttpResponse:
    found = access_record_by_id(request.user, Appeal, record_id, _need(request))
    assert isinstance(found, Appeal)
    number = found.application.number if found.application else ""
    form = AppealCorrectionForm(
        request.POST or None, instance=found, agency=found.agency, initial={"case_number": number}
    )

    def act(data: dict[str, Any]) -> None:
        facts = {k: data[k] for k in ("kind", "number", "filed_on", "result", "decided_on")}
        fresh = Appeal.objects.get(pk=found.pk)
        do_correct_appeal(fresh, person(request), facts, data["case_number"], data["reason"])

    return _page(request, found, form, act, f"{found.get_kind_display()} {found.number}")


@login_required
def figure(request: HttpRequest, record_id: int) -> HttpResponse:
    found = access_record_by_id(request.user, MonthlyFigure, record_id, _need(request))
    assert isinstance(found, MonthlyFigure)
    form = FigureCorrectionForm(request.POST or None, initial={"value": found.value})

    def act(data: dict[str, Any]) -> None:
        f = found
        do_set_figure(
            f.agency, person(request), f.year, f.month, f.row, data["value"], data["reason"]
        )

    return _page(request, found, form, act, str(found))


def _need(request: HttpRequest) -> Need:
    return Need.HANDLE if request.method == "POST" else Need.READ


def _page(
    request: HttpRequest, found: Record, form: forms.BaseForm, act: Any, title: str
) -> HttpResponse:
    problem = ""
    if request.method == "POST":
        if form.is_valid():
            try:
                act(form.cleaned_data)
            except GongkaiError as exc:
                problem = str(exc)
            else:
                return HttpResponseRedirect(request.path)
        else:
            problem = "；".join(form_problems(form))
    history = [(e, describe(e.before), describe(e.after)) for e in events_of(found)]
    context = {
        "record": found,
        "title": title,
        "form": form if may(request.user, found.agency, Need.HANDLE) else None,
        "history": history,
        "problem": problem,
    }
    return render(request, "registers/record.html", context, status=400 if problem else 200)
