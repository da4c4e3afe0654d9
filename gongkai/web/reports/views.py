"""Officers' pages: upload report files, see them checked beside their source, correct, publish.

Thin views: parse the form, access_* with a permission check, one action, render.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from gongkai import catalog
from gongkai.errors import GongkaiError
from gongkai.model import Finding
from gongkai.readers.pages import page_count, page_png
from gongkai.web.agencies.access import Role, access_agency_by_id, agencies_for, person
from gongkai.web.edge import download
from gongkai.web.reports.actions import (
    COMPILED_FORMAT,
    SIGNOFF_ORDER,
    ImportProblem,
    PublishError,
    do_confirm_import,
    do_correct_cell,
    do_publish_report,
    do_queue_import,
    do_signoff,
)
from gongkai.web.reports.forms import UploadForm
from gongkai.web.reports.models import ImportBatch, PublishedReport, Signoff
from gongkai.web.reports.presenting import checked, source_lines

EDITORS = (Role.OFFICER, Role.APPROVER)
READERS = (*EDITORS, Role.LEADER, Role.SUPERVISOR)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    agencies = agencies_for(request.user, READERS)
    reports = (
        PublishedReport.objects.filter(agency__in=agencies)
        .select_related("agency")
        .defer("data", "source")
        .order_by("-year", "agency__path")[:200]
    )
    batches = ImportBatch.objects.filter(user=person(request))[:10]
    return render(request, "reports/dashboard.html", {"reports": reports, "batches": batches})


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    choices = list(agencies_for(request.user, EDITORS).values_list("pk", "name"))
    form = UploadForm(request.POST or None, request.FILES or None)
    form.fields["agency"].widget.choices = choices
    if request.method == "POST" and form.is_valid():
        agency = access_agency_by_id(request.user, form.cleaned_data["agency"], EDITORS, "上传")
        try:
            batch = do_queue_import(agency, person(request), form.cleaned_data["uploads"])
        except GongkaiError as exc:
            form.add_error("uploads", str(exc))
        else:
            return HttpResponseRedirect(f"/manage/imports/{batch.pk}/")
    return render(request, "reports/upload.html", {"form": form, "choices": choices})


def _batch(request: HttpRequest, batch_id: int, action: str) -> ImportBatch:
    batch = get_object_or_404(ImportBatch.objects.select_related("agency"), pk=batch_id)
    access_agency_by_id(request.user, batch.agency_id, EDITORS, action)
    return batch


@login_required
def batch(request: HttpRequest, batch_id: int, problem: str = "") -> HttpResponse:
    found = _batch(request, batch_id, "查看")
    files = [
        {"file": f, **(checked(f.report) if f.report else {})}
        for f in found.files.defer("data").order_by("id")
    ]
    waiting = found.status in (ImportBatch.Status.QUEUED, ImportBatch.Status.READING)
    context = {"batch": found, "files": files, "waiting": waiting, "problem": problem}
    return render(request, "reports/batch.html", context, status=400 if problem else 200)


@login_required
@require_POST
def confirm_batch(request: HttpRequest, batch_id: int) -> HttpResponse:
    found = _batch(request, batch_id, "导入")
    try:
        records = do_confirm_import(found, person(request))
    except ImportProblem as exc:
        return batch(request, batch_id, problem=str(exc))
    if len(records) == 1:
        return HttpResponseRedirect(f"/manage/reports/{records[0].pk}/")
    return HttpResponseRedirect("/manage/")


def _readable(request: HttpRequest, report_id: int, action: str) -> PublishedReport:
    record = get_object_or_404(PublishedReport.objects.select_related("agency"), pk=report_id)
    access_agency_by_id(request.user, record.agency_id, READERS, action)
    return record


@login_required
def preview(request: HttpRequest, report_id: int) -> HttpResponse:
    return _preview(request, _readable(request, report_id, "查看"))


def _preview(
    request: HttpRequest, record: PublishedReport, problem: str = "", status: int = 200
) -> HttpResponse:
    shown = checked(record.data)
    source = bytes(record.source)
    pages = page_count(source)
    findings: list[Finding] = shown["errors"] + shown["warnings"]
    first = next((f.page for f in findings if f.page), 1)
    context = {
        **shown,
        "record": record,
        "pages": range(1, pages + 1),
        "page": _page_number(request.GET.get("page"), first, pages),
        "lines": source_lines(source, findings) if record.source_format == "text" else [],
        "sections": _sections(record.data),
        "changes": record.changes.select_related("user")[:50],
        "versions": record.versions.select_related("user").defer("data")[:50],
        "signoffs": record.signoffs.select_related("user"),
        "next_signoff": _next_signoff(record),
        "problem": problem,
    }
    return render(request, "reports/preview.html", context, status=status)


def _sections(data: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """The six sections' text, by heading, as the report has them."""
    sections = data.get("sections") or {}
    return [
        (heading, [p for p in sections.get(section_id, "").split("\n") if p.strip()])
        for section_id, heading in catalog.SECTIONS
    ]


def _next_signoff(record: PublishedReport) -> tuple[str, str] | None:
    """(step, label) of the sign-off a compiled draft waits for, if any."""
    if record.source_format != COMPILED_FORMAT or record.status != PublishedReport.Status.DRAFT:
        return None
    done = {s.step for s in record.signoffs.all()}
    step = next((s for s in SIGNOFF_ORDER if s not in done), None)
    return (step.value, step.label) if step else None


def _page_number(asked: str | None, default: int, pages: int) -> int:
    number = int(asked) if asked and asked.isdigit() else default
    return min(max(number, 1), max(pages, 1))


@login_required
def source_page(request: HttpRequest, report_id: int, page: int) -> HttpResponse:
    record = _readable(request, report_id, "查看")
    try:
        png = page_png(bytes(record.source), page)
    except GongkaiError as exc:
        raise Http404(str(exc)) from exc
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
def source_file(request: HttpRequest, report_id: int) -> HttpResponse:
    record = _readable(request, report_id, "查看")
    name = record.source_name.rsplit("/", 1)[-1] or f"report-{record.pk}"
    return download(bytes(record.source), "application/octet-stream", name)


@login_required
def version_json(request: HttpRequest, report_id: int, number: int) -> JsonResponse:
    record = _readable(request, report_id, "查看")
    version = get_object_or_404(record.versions, number=number)
    return JsonResponse(version.data, json_dumps_params={"ensure_ascii": False})


@login_required
@require_POST
def correct(request: HttpRequest, report_id: int) -> HttpResponse:
    record = get_object_or_404(PublishedReport.objects.select_related("agency"), pk=report_id)
    access_agency_by_id(request.user, record.agency_id, EDITORS, "修改")
    form = request.POST
    try:
        do_correct_cell(
            record,
            person(request),
            form.get("cell", ""),
            form.get("value", ""),
            form.get("reason", ""),
        )
    except GongkaiError as exc:
        return _preview(request, record, str(exc), status=400)
    return HttpResponseRedirect(f"/manage/reports/{record.pk}/")


SIGNERS = {
    Signoff.Step.SUBMITTED: Role.OFFICER,
    Signoff.Step.REVIEWED: Role.APPROVER,
    Signoff.Step.SIGNED: Role.LEADER,
}


@login_required
@require_POST
def signoff(request: HttpRequest, report_id: int) -> HttpResponse:
    record = get_object_or_404(PublishedReport.objects.select_related("agency"), pk=report_id)
    step = request.POST.get("step", "")
    if step not in SIGNERS:
        return _preview(request, record, NO_SUCH_STEP, status=400)
    access_agency_by_id(request.user, record.agency_id, (SIGNERS[Signoff.Step(step)],), "审签")
    try:
        do_signoff(record, person(request), step, request.POST.get("note", ""))
    except GongkaiError as exc:
        return _preview(request, record, str(exc), status=400)
    return HttpResponseRedirect(f"/manage/reports/{record.pk}/")


NO_SUCH_STEP = "没有这个审签环节"


@login_required
@require_POST
def publish(request: HttpRequest, report_id: int) -> HttpResponse:
    record = get_object_or_404(PublishedReport, pk=report_id)
    access_agency_by_id(request.user, record.agency_id, EDITORS, "发布")
    try:
        do_publish_report(record)
    except PublishError as exc:
        return _preview(request, record, str(exc), status=409)
    return HttpResponseRedirect(f"/reports/{record.pk}/")
