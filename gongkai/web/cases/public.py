"""The applicant's side: apply online (第二十九条) to an agency chosen by region, then follow
the case with the access code given at submission (and its number, in any brackets): its
state and outcome in plain words, the answer letter and the released files to download,
and withdrawal while it is open. The code never travels in a URL: it is posted once, and
the session then remembers which cases this browser may follow. Nothing personal is shown.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_POST

from gongkai.cases.tracking import code_digest, normalize_number
from gongkai.errors import GongkaiError
from gongkai.render import CONTENT_TYPES
from gongkai.render.letter import letter_docx, letter_pdf
from gongkai.web.agencies.models import Agency
from gongkai.web.cases import actions, letters
from gongkai.web.cases.forms import PublicApplyForm, StatusForm
from gongkai.web.cases.models import Application
from gongkai.web.cases.presenting import applicant_letters, followed_case, may_withdraw
from gongkai.web.edge import download
from gongkai.web.throttle import apply_refusal, needs_captcha, refused, status_refusal, with_captcha

NOT_FOUND = "申请编号或查询码不正确"
FOLLOWING = "gongkai.following"  # the session's list of case ids the applicant has proven


def agency_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """The agencies that accept applications, grouped by their region (山西省 运城市 盐湖区)."""
    accepting = Agency.objects.filter(accepts_applications=True).order_by("path")
    paths = {p for a in accepting for p in _ancestors(a)}
    names = dict(Agency.objects.filter(pk__in=paths).values_list("pk", "name"))
    groups: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for agency in accepting:
        region = " ".join(names[i] for i in _ancestors(agency) if i in names)
        groups[region or "其他"].append((agency.pk, agency.name))
    return sorted(groups.items())


def _ancestors(agency: Agency) -> list[int]:
    return [int(x) for x in agency.path.strip("/").split("/") if x][:-1]


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
    form.fields["agency"].choices = [("", "请选择受理机关"), *agency_choices()]  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        facts = dict(form.cleaned_data)
        agency = Agency.objects.get(pk=facts.pop("agency"), accepts_applications=True)
        # 第三十一条: received on the day both sides confirm it; until an officer does, it
        # is 待受理, with no number (a flood of submissions takes none).
        try:
            case, code = actions.do_submit_online(agency, facts)
        except GongkaiError as exc:
            form.add_error(None, str(exc))
        else:
            _remember(request, [case])
            return render(request, "cases/applied.html", {"case": case, "code": code})
    return render(request, "cases/apply.html", {"form": form})


def status(request: HttpRequest) -> HttpResponse:
    """The lookup by POST (the code stays out of URLs and logs); GET shows the cases this
    browser has already proven it may follow."""
    form = StatusForm(request.POST if request.method == "POST" else None)
    found: list[Application] = []
    problem = ""
    if request.method == "POST":
        refusal = status_refusal(request)
        if refusal:
            return refused(request, refusal)
    if request.method == "POST" and form.is_valid():
        found = find_cases(form.cleaned_data["code"], form.cleaned_data["number"])
        problem = "" if found else NOT_FOUND
        _remember(request, found)
    elif request.method == "GET":
        found = list(_cases(request.session.get(FOLLOWING, [])))
    context = {
        "form": form,
        "cases": [followed_case(c) for c in found],
        "problem": problem,
    }
    return render(request, "cases/status.html", context, status=404 if problem else 200)


def find_cases(code: str, number: str) -> list[Application]:
    """The cases of an access code; only the one numbered `number` when one is typed."""
    cases = list(_cases_by(Application.objects.filter(access_digest=code_digest(code))))
    if not number.strip():
        return cases
    wanted = normalize_number(number)
    return [c for c in cases if normalize_number(c.number) == wanted]


def _cases(ids: list[int]) -> QuerySet[Application]:
    return _cases_by(Application.objects.filter(pk__in=ids))


def _cases_by(found: QuerySet[Application]) -> QuerySet[Application]:
    return found.select_related("agency").order_by("received_on", "serial")


def _remember(request: HttpRequest, cases: list[Application]) -> None:
    following = [c.pk for c in cases]
    earlier = [i for i in request.session.get(FOLLOWING, []) if i not in following]
    request.session[FOLLOWING] = (following + earlier)[:20]


def followed(request: HttpRequest, case_id: int) -> Application:
    """A case this browser has proven it may follow (by its code), or 404."""
    if case_id not in request.session.get(FOLLOWING, []):
        raise Http404(NOT_FOUND)
    return _cases([case_id]).get()


@require_POST
def forget(request: HttpRequest) -> HttpResponse:
    """On a shared computer: this browser stops following every case."""
    request.session.pop(FOLLOWING, None)
    return HttpResponseRedirect("/apply/status/")


LETTER_FORMATS = {"pdf": letter_pdf, "docx": letter_docx}


def applicant_letter(request: HttpRequest, case_id: int, kind: str, fmt: str) -> HttpResponse:
    """A letter addressed to the applicant (the answer once given), as PDF or Word."""
    case = followed(request, case_id)
    if kind not in dict(applicant_letters(case)) or fmt not in LETTER_FORMATS:
        raise Http404(NOT_FOUND)
    written = letters.letter(case, kind)
    if written is None:
        raise Http404(NOT_FOUND)
    data = LETTER_FORMATS[fmt](written)
    return download(data, CONTENT_TYPES[fmt], f"{case.number}{written.title}.{fmt}")


WITHDRAWN_BY_APPLICANT = "申请人通过网上查询页面撤回申请"


@require_POST
def withdraw(request: HttpRequest, case_id: int) -> HttpResponse:
    """The applicant withdraws an open application (the register's `do_withdraw_case`)."""
    case = followed(request, case_id)
    if not may_withdraw(case) or request.POST.get("confirm") != "yes":
        raise Http404(NOT_FOUND)
    reason = request.POST.get("reason", "").strip()[:500] or WITHDRAWN_BY_APPLICANT
    try:
        actions.do_withdraw_case(case, None, dt.date.today(), reason)
    except GongkaiError as exc:
        context = {"form": StatusForm(), "cases": [followed_case(case)], "problem": str(exc)}
        return render(request, "cases/status.html", context, status=400)
    return HttpResponseRedirect("/apply/status/")
