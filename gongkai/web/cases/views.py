"""Officers' pages of the register (under /manage/cases/): work lists, registering, a case with
its next steps and history, and table 三 compiled from the register with the cases behind
every cell."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from gongkai import catalog, checks
from gongkai.cases.procedure import STEPS, State, steps_from
from gongkai.cases.table import APPLICANT_TYPES, TEMPLATE
from gongkai.errors import GongkaiError
from gongkai.model import Report
from gongkai.render import CONTENT_TYPES
from gongkai.render.letter import letter_docx, letter_pdf
from gongkai.roles import Need
from gongkai.web.agencies.access import access_agency_by_id, agencies_for, may, person
from gongkai.web.agencies.models import Agency
from gongkai.web.audit.log import events_of
from gongkai.web.cases import letters
from gongkai.web.cases.access import access_case_by_id
from gongkai.web.cases.actions import (
    SPLIT_STATES,
    StepInput,
    do_attach_file,
    do_register,
    do_split,
    do_step,
)
from gongkai.web.cases.forms import AttachmentForm, RegisterForm, StepForm
from gongkai.web.cases.models import Application, outcome_label
from gongkai.web.cases.queries import WORK_LISTS, cell_filter, fee_hint, table_three, work_list
from gongkai.web.edge import download, form_problems, int_param, year_param


@login_required
def cases(request: HttpRequest) -> HttpResponse:
    which = request.GET.get("list", "open")
    if which not in dict(WORK_LISTS):
        which = "open"
    found = work_list(agencies_for(request.user, Need.READ), which, request.user.pk)
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    personal = {c.agency_id for c in page if may(request.user, c.agency, Need.READ_PERSONAL)}
    context = {
        "page": page,
        "lists": WORK_LISTS,
        "which": which,
        "today": dt.date.today(),
        "personal": personal,
    }
    return render(request, "cases/list.html", context)


@login_required
def register(request: HttpRequest) -> HttpResponse:
    choices = list(agencies_for(request.user, Need.HANDLE).values_list("pk", "name"))
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        agency_id = request.POST.get("agency", "")
        agency = access_agency_by_id(
            request.user,
            int(agency_id) if agency_id.isascii() and agency_id.isdigit() else 0,
            Need.HANDLE,
            "登记",
        )
        try:
            case, code = do_register(agency, person(request), form.cleaned_data)
        except GongkaiError as exc:
            form.add_error("received_on", str(exc))
        else:
            return render(request, "cases/registered.html", {"case": case, "code": code})
    return render(request, "cases/register.html", {"form": form, "choices": choices})


@login_required
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    return _detail(request, access_case_by_id(request.user, case_id, Need.READ))


def _detail(
    request: HttpRequest, case: Application, form: StepForm | None = None, problem: str = ""
) -> HttpResponse:
    steps = [s for s in steps_from(State(case.state)) if may(request.user, case.agency, s.need)]
    handler = may(request.user, case.agency, Need.HANDLE)
    context = {
        "case": case,
        "steps": steps,
        "form": form or StepForm(initial={"version": case.version, "on": dt.date.today()}),
        "events": _history(case),
        "personal": may(request.user, case.agency, Need.READ_PERSONAL),
        "handler": handler,
        "letters": letters.available(case),
        "attachments": case.attachments.defer("data"),
        "attachment_form": AttachmentForm(),
        "fee_hint": fee_hint(case),
        "can_split": handler and case.state in SPLIT_STATES,
        "parts": case.split_parts.all(),
        "problem": problem,
    }
    return render(request, "cases/detail.html", context, status=400 if problem else 200)


def _history(case: Application) -> list[dict[str, object]]:
    """The case's audit events as its 办理记录: the statutory date, step, person, note."""
    return [
        {
            "on": (e.after or {}).get("on", ""),
            "label": (e.after or {}).get("label") or e.get_event_type_display(),
            "user": e.user,
            "note": e.reason,
            "at": e.at,
        }
        for e in events_of(case)
    ]


@login_required
@require_POST
def step(request: HttpRequest, case_id: int) -> HttpResponse:
    action = request.POST.get("action", "")
    need = STEPS[action].need if action in STEPS else Need.HANDLE
    case = access_case_by_id(request.user, case_id, need)
    form = StepForm(request.POST)
    if not form.is_valid():
        problems = "；".join(form_problems(form))
        return _detail(request, case, form, problems)
    data = form.cleaned_data
    given = StepInput(
        action=data["action"],
        on=data["on"],
        version=data["version"],
        outcome=data["outcome"],
        basis=data["basis"],
        note=data["note"],
        delivery_method=data["delivery_method"],
        fee_yuan=data["fee_yuan"],
    )
    try:
        do_step(case, person(request), given)
    except GongkaiError as exc:
        case.refresh_from_db()
        return _detail(request, case, None, str(exc))
    return HttpResponseRedirect(f"/manage/cases/{case.pk}/")


def _scope(request: HttpRequest) -> tuple[QuerySet[Agency], str]:
    """The agencies asked for: one agency and those below it, or all the person may see."""
    scope = agencies_for(request.user, Need.READ)
    agency_id = int_param(request, "agency", 0)
    if agency_id:
        chosen = access_agency_by_id(request.user, agency_id, Need.READ)
        scope = scope.filter(path__startswith=chosen.path)
    return scope, str(agency_id or "")


@login_required
def table(request: HttpRequest) -> HttpResponse:
    """Table 三 of one agency (or the whole region a supervisor oversees) from the register."""
    scope, agency_id = _scope(request)
    year = year_param(request)
    rows = table_three(scope, year)
    report = Report.model_validate(
        {"year": year, "template": TEMPLATE, "active": {}, "applications": {"rows": rows}}
    )
    findings = [f for f in checks.check_report(report) if f.rule.startswith("applications.")]
    labelled = [
        (
            row_id,
            outcome_label(row_id),
            list(zip((*APPLICANT_TYPES, ""), cells)),
        )
        for row_id, cells in rows.items()
    ]
    context = {
        "year": year,
        "rows": labelled,
        "columns": [catalog.COLUMN_LABELS[c] for c in catalog.COLUMN_IDS],
        "findings": findings,
        "agency": agency_id,
        "agencies": agencies_for(request.user, Need.READ).values_list("pk", "name"),
    }
    return render(request, "cases/table.html", context)


@login_required
def cell_cases(request: HttpRequest) -> HttpResponse:
    """The applications behind one cell of table 三."""
    row, applicant = request.GET.get("row", ""), request.GET.get("applicant", "")
    if row not in catalog.ALL_APPLICATION_ROWS or row == "total":
        raise Http404
    scope, _ = _scope(request)
    year = year_param(request)
    found = Application.objects.filter(agency__in=scope).filter(cell_filter(row, year))
    if applicant in APPLICANT_TYPES:
        found = found.filter(applicant_type=applicant)
    page = Paginator(found.select_related("agency").order_by("received_on", "id"), 50)
    context = {
        "page": page.get_page(request.GET.get("page")),
        "row": outcome_label(row),
        "applicant": catalog.COLUMN_LABELS.get(applicant, "全部申请人"),
        "year": year,
    }
    return render(request, "cases/cell.html", context)


@login_required
@require_POST
def split(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id, Need.HANDLE)
    version = request.POST.get("version", "")
    items = request.POST.get("items", "").splitlines()
    try:
        do_split(
            case,
            person(request),
            items,
            int(version) if version.isascii() and version.isdigit() else 0,
        )
    except GongkaiError as exc:
        case.refresh_from_db()
        return _detail(request, case, None, str(exc))
    return HttpResponseRedirect(f"/manage/cases/{case.pk}/")


@login_required
@require_POST
def attach(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id, Need.HANDLE)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        problems = "；".join(form_problems(form))
        return _detail(request, case, None, problems)
    upload = form.cleaned_data["file"]
    do_attach_file(case, person(request), upload.name, upload.read())
    return HttpResponseRedirect(f"/manage/cases/{case.pk}/")


@login_required
def attachment(request: HttpRequest, case_id: int, attachment_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id, Need.READ_PERSONAL)
    found = get_object_or_404(case.attachments, pk=attachment_id)
    return download(bytes(found.data), "application/octet-stream", found.name)


LETTER_FORMATS = ("docx", "pdf")


@login_required
def letter_file(request: HttpRequest, case_id: int, kind: str, fmt: str) -> HttpResponse:
    case = access_case_by_id(request.user, case_id, Need.READ_PERSONAL)
    written = letters.letter(case, kind)
    if written is None or fmt not in LETTER_FORMATS:
        raise Http404
    data = letter_docx(written) if fmt == "docx" else letter_pdf(written)
    return download(data, CONTENT_TYPES[fmt], f"{case.number}{written.title}.{fmt}")
