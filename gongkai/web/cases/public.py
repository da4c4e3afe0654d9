"""The applicant's side: apply online (第二十九条), then follow the case with its number and
the access code given at submission. Nothing personal is ever shown here."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.errors import GongkaiError
from gongkai.web.agencies.models import Agency
from gongkai.web.cases.actions import access_digest, do_register
from gongkai.web.cases.forms import PublicApplyForm, StatusForm
from gongkai.web.cases.models import Application
from gongkai.web.throttle import apply_refusal, needs_captcha, refused, status_refusal, with_captcha

NOT_FOUND = "申请编号或查询码不正确"
NO_AGENCY = "请选择受理机关"


def apply(request: HttpRequest) -> HttpResponse:
    form_class = with_captcha(PublicApplyForm) if needs_captcha(request) else PublicApplyForm
    if request.method == "POST":
        asked = request.POST.get("agency", "")
        refusal = apply_refusal(
            request, int(asked) if asked.isascii() and asked.isdigit() else None
        )
        if refusal:
            return refused(request, refusal)
    form = form_class(request.POST or None)
    # A region's agencies; a national deployment would pick the agency by region first.
    form.fields["agency"].widget.choices = list(Agency.objects.values_list("pk", "name"))
    if request.method == "POST" and form.is_valid():
        facts = dict(form.cleaned_data)
        agency = Agency.objects.filter(pk=facts.pop("agency")).first()
        if agency is None:
            form.add_error("agency", NO_AGENCY)
        else:
            # 第三十一条: an online application is received on the day both sides confirm it.
            facts |= {"channel": Application.Channel.ONLINE, "received_on": dt.date.today()}
            try:
                case, code = do_register(agency, None, facts)
            except GongkaiError as exc:
                form.add_error(None, str(exc))
            else:
                return render(request, "cases/applied.html", {"case": case, "code": code})
    return render(request, "cases/apply.html", {"form": form})


def status(request: HttpRequest) -> HttpResponse:
    if request.GET or request.method == "POST":
        refusal = status_refusal(request)
        if refusal:
            return refused(request, refusal)
    form = StatusForm(request.GET or None)
    case, problem = None, ""
    if request.GET and form.is_valid():
        case = (
            Application.objects.select_related("agency")
            .filter(
                number=form.cleaned_data["number"].strip(),
                access_digest=access_digest(form.cleaned_data["code"]),
            )
            .first()
        )
        problem = "" if case else NOT_FOUND
    context = {"form": form, "case": case, "problem": problem}
    return render(request, "cases/status.html", context, status=404 if problem else 200)
