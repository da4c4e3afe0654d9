"""The office's own actions on a case (POST from its page): confirm an online application's
receipt or set it aside as 无效, 分办, record a withdrawal, correct the facts with a reason.
Thin: the form, access_case_by_id, one action; a refusal is shown on the case's page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_POST

from gongkai.errors import GongkaiError
from gongkai.roles import Need
from gongkai.web.agencies.access import person
from gongkai.web.agencies.models import Agency
from gongkai.web.cases.access import access_case_by_id
from gongkai.web.cases.actions import (
    do_assign_case,
    do_confirm_receipt,
    do_correct_case,
    do_set_aside,
    do_withdraw_case,
)
from gongkai.web.cases.forms import AssignForm, CaseFactsForm, ConfirmReceiptForm, ReasonForm
from gongkai.web.cases.models import Application
from gongkai.web.cases.office import assignable
from gongkai.web.cases.queries import handlers_of
from gongkai.web.cases.views import detail_page
from gongkai.web.edge import form_problems

Act = Callable[[Application, Any], object]


def _act(request: HttpRequest, case_id: int, form: forms.BaseForm, act: Act) -> HttpResponse:
    """Check the form, take the action, back to the case; or the case with the problem."""
    case = access_case_by_id(request.user, case_id, Need.HANDLE)
    if not form.is_valid():
        return detail_page(request, case, None, "；".join(form_problems(form)))
    try:
        act(case, form.cleaned_data)
    except GongkaiError as exc:
        case.refresh_from_db()
        return detail_page(request, case, None, str(exc), exc.http_status)
    return HttpResponseRedirect(f"/manage/cases/{case.pk}/")


@login_required
@require_POST
def confirm_receipt(request: HttpRequest, case_id: int) -> HttpResponse:
    form = ConfirmReceiptForm(request.POST)
    user = person(request)
    return _act(
        request, case_id, form, lambda c, d: do_confirm_receipt(c, user, d["on"], d["version"])
    )


@login_required
@require_POST
def set_aside(request: HttpRequest, case_id: int) -> HttpResponse:
    user = person(request)
    act: Act = lambda c, d: do_set_aside(c, user, d["reason"], d["version"])  # noqa: E731
    return _act(request, case_id, ReasonForm(request.POST), act)


@login_required
@require_POST
def withdraw(request: HttpRequest, case_id: int) -> HttpResponse:
    user = person(request)

    def act(case: Application, data: dict[str, Any]) -> object:
        on = data.get("on") or dt.date.today()
        return do_withdraw_case(case, user, on, data["reason"], data["version"])

    return _act(request, case_id, ReasonForm(request.POST), act)


@login_required
@require_POST
def assign(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id, Need.HANDLE)
    user = person(request)
    # The agency's other handlers too: an assignment the person may not make reaches the
    # action and is refused there as such (403), not as a wrong choice.
    everyone = handlers_of(Agency.objects.filter(pk=case.agency_id))
    form = AssignForm(request.POST, handlers=[*assignable(user, case), *everyone])

    def act(case: Application, data: dict[str, Any]) -> object:
        return do_assign_case(case, user, form.chosen(), data["version"], data["note"])

    return _act(request, case_id, form, act)


@login_required
@require_POST
def correct(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id, Need.HANDLE)
    form = CaseFactsForm(request.POST, instance=Application.objects.get(pk=case.pk))
    user, version = person(request), _version(request)

    def act(case: Application, data: dict[str, Any]) -> object:
        return do_correct_case(case, user, form.facts(), data["reason"], version)

    return _act(request, case_id, form, act)


def _version(request: HttpRequest) -> int:
    given = request.POST.get("version", "")
    return int(given) if given.isascii() and given.isdigit() and len(given) < 10 else 0
