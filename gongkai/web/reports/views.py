"""Officers' pages: upload report files, see them checked beside their source, correct, have
them signed off (三级审签) and publish; correct a published report as a new edition.

Thin views: parse the form, access_* (fetch + permission), one action, render.
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
from gongkai.readers.limits import Limits
from gongkai.readers.pages import page_count, page_png, page_points
from gongkai.roles import Need
from gongkai.signoff import STEP_LABELS, STEP_NEEDS, SignoffStep, next_step
from gongkai.web.agencies.access import (
    access_agency_by_id,
    agencies_for,
    may,
    person,
)
from gongkai.web.edge import download, int_param
from gongkai.web.reader_limits import reader_limits
from gongkai.web.reports.access import access_batch_by_id, access_report_by_id
from gongkai.web.reports.actions import (
    ImportProblem,
    do_confirm_import,
    do_correct_cell,
    do_publish_report,
    do_queue_import,
    do_retry_import,
    do_signoff,
    do_start_revision,
    signatures,
)
from gongkai.web.reports.forms import UploadForm
from gongkai.web.reports.history import corrections, editions, year_before
from gongkai.web.reports.models import ImportBatch, PublishedReport
from gongkai.web.reports.presenting import cell_sources, checked, source_lines
from gongkai.web.reports.uploads import mismatches

DASHBOARD_SIZE = 200


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    agencies = agencies_for(request.user, Need.READ)
    reports = (
        PublishedReport.objects.filter(agency__in=agencies)
        .select_related("agency")
        .defer("data", "source")
        .order_by("-year", "agency__path", "-id")[:DASHBOARD_SIZE]
    )
    batches = ImportBatch.objects.filter(user=person(request)).select_related("agency")[:10]
    return render(request, "reports/dashboard.html", {"reports": reports, "batches": batches})


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    choices = list(agencies_for(request.user, Need.HANDLE).values_list("pk", "name"))
    form = UploadForm(request.POST or None, request.FILES or None)
    form.fields["agency"].widget.choices = choices
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        agency = access_agency_by_id(request.user, data["agency"], Need.HANDLE, "上传")
        try:
            batch = do_queue_import(agency, person(request), data["uploads"], data["year"])
        except GongkaiError as exc:
            form.add_error("uploads", str(exc))
        else:
            return HttpResponseRedirect(f"/manage/imports/{batch.pk}/")
    return render(request, "reports/upload.html", {"form": form, "choices": choices})


@login_required
def batch(request: HttpRequest, batch_id: int) -> HttpResponse:
    return _batch_page(request, access_batch_by_id(request.user, batch_id, Need.HANDLE))


def _batch_page(request: HttpRequest, found: ImportBatch, problem: str = "") -> HttpResponse:
    files = []
    for upload in found.files.defer("data").order_by("id"):
        report = upload.read()
        shown = checked(report) if report else {}
        files.append({"file": upload, "mismatches": mismatches(upload, found), **shown})
    waiting = found.status in (ImportBatch.Status.QUEUED, ImportBatch.Status.READING)
    context = {
        "batch": found,
        "files": files,
        "waiting": waiting,
        "problem": problem,
        "mismatched": any(f["mismatches"] for f in files),
    }
    return render(request, "reports/batch.html", context, status=400 if problem else 200)


@login_required
@require_POST
def confirm_batch(request: HttpRequest, batch_id: int) -> HttpResponse:
    found = access_batch_by_id(request.user, batch_id, Need.HANDLE)
    acknowledged = request.POST.get("acknowledged") == "1"
    try:
        records = do_confirm_import(found, person(request), acknowledged=acknowledged)
    except ImportProblem as exc:
        return _batch_page(request, found, problem=str(exc))
    if len(records) == 1:
        return HttpResponseRedirect(f"/manage/reports/{records[0].pk}/")
    return HttpResponseRedirect("/manage/reports/")


@login_required
@require_POST
def retry_batch(request: HttpRequest, batch_id: int) -> HttpResponse:
    found = access_batch_by_id(request.user, batch_id, Need.HANDLE)
    try:
        do_retry_import(found, person(request))
    except ImportProblem as exc:
        return _batch_page(request, found, problem=str(exc))
    return HttpResponseRedirect(f"/manage/imports/{found.pk}/")


@login_required
def preview(request: HttpRequest, report_id: int) -> HttpResponse:
    return _preview(request, access_report_by_id(request.user, report_id, Need.READ))


def _preview(
    request: HttpRequest, stored: PublishedReport, problem: str = "", status: int = 200
) -> HttpResponse:
    report = stored.report()
    shown = checked(report)
    source = bytes(stored.source)
    limits = reader_limits()
    pages = page_count(source, limits)
    findings: list[Finding] = shown["errors"] + shown["warnings"]
    first = next((f.page for f in findings if f.page), 1)
    page = min(max(int_param(request, "page", first), 1), max(pages, 1))
    context = {
        **shown,
        "record": stored,
        "pages": range(1, pages + 1),
        "page": page,
        "cell_sources": cell_sources(report),
        "pointing": True,
        "page_points": _page_points(stored, source, page, limits) if pages else None,
        "lines": source_lines(source, findings) if stored.source_format == "text" else [],
        "sections": _sections(stored.report().sections or {}),
        "corrections": corrections(stored),
        "versions": stored.versions.select_related("user").defer("data")[:50],
        "signoffs": stored.signoffs.select_related("user").order_by("at", "id"),
        "current_version": stored.version_number(),
        "editions": editions(stored),
        "year_before": year_before(stored),
        "problem": problem,
        **_allowed(request, stored),
    }
    return render(request, "reports/preview.html", context, status=status)


def _page_points(
    stored: PublishedReport, source: bytes, page: int, limits: Limits
) -> list[float] | None:
    """The shown page's size in points (a picture's in pixels), by which cells' boxes are
    drawn on its picture."""
    if stored.source_format not in ("pdf", "ofd", "image"):
        return None
    try:
        return list(page_points(source, page, limits))
    except GongkaiError:
        return None


def _allowed(request: HttpRequest, stored: PublishedReport) -> dict[str, Any]:
    """What the person may do on this record now: the buttons the page shows."""
    draft = stored.status == PublishedReport.Status.DRAFT
    due = next_step(s.signature() for s in signatures(stored)) if draft else None
    user, agency = request.user, stored.agency
    return {
        "can_correct": draft and may(user, agency, Need.HANDLE),
        "next_signoff": (due.value, STEP_LABELS[due]) if due else None,
        "can_sign": due is not None and may(user, agency, STEP_NEEDS[due]),
        "can_publish": draft and due is None and may(user, agency, Need.PUBLISH),
        "can_revise": stored.status == PublishedReport.Status.PUBLISHED
        and may(user, agency, Need.HANDLE),
    }


def _sections(sections: dict[str, str]) -> list[tuple[str, list[str]]]:
    """The six sections' text, by heading, as the report has them."""
    return [
        (heading, [p for p in sections.get(section_id, "").split("\n") if p.strip()])
        for section_id, heading in catalog.SECTIONS
    ]


@login_required
def source_page(request: HttpRequest, report_id: int, page: int) -> HttpResponse:
    stored = access_report_by_id(request.user, report_id, Need.READ)
    try:
        png = page_png(bytes(stored.source), page, reader_limits())
    except GongkaiError as exc:
        raise Http404(str(exc)) from exc
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
def source_file(request: HttpRequest, report_id: int) -> HttpResponse:
    stored = access_report_by_id(request.user, report_id, Need.READ)
    name = stored.source_name.rsplit("/", 1)[-1] or f"report-{stored.pk}"
    return download(bytes(stored.source), "application/octet-stream", name)


@login_required
def version_json(request: HttpRequest, report_id: int, number: int) -> JsonResponse:
    stored = access_report_by_id(request.user, report_id, Need.READ)
    version = get_object_or_404(stored.versions, number=number)
    return JsonResponse(version.data, json_dumps_params={"ensure_ascii": False})


@login_required
@require_POST
def correct(request: HttpRequest, report_id: int) -> HttpResponse:
    stored = access_report_by_id(request.user, report_id, Need.HANDLE)
    form = request.POST
    try:
        do_correct_cell(
            stored,
            person(request),
            form.get("cell", ""),
            form.get("value", ""),
            form.get("reason", ""),
        )
    except GongkaiError as exc:
        return _preview(request, stored, str(exc), status=exc.http_status)
    return HttpResponseRedirect(f"/manage/reports/{stored.pk}/")


NO_SUCH_STEP = "没有这个审签环节"


@login_required
@require_POST
def signoff(request: HttpRequest, report_id: int) -> HttpResponse:
    stored = access_report_by_id(request.user, report_id, Need.READ)
    asked = request.POST.get("step", "")
    if asked not in {s.value for s in SignoffStep}:
        return _preview(request, stored, NO_SUCH_STEP, status=400)
    try:
        do_signoff(
            stored,
            person(request),
            SignoffStep(asked),
            note=request.POST.get("note", ""),
            reason=request.POST.get("reason", ""),
        )
    except GongkaiError as exc:
        return _preview(request, stored, str(exc), status=exc.http_status)
    return HttpResponseRedirect(f"/manage/reports/{stored.pk}/")


@login_required
@require_POST
def publish(request: HttpRequest, report_id: int) -> HttpResponse:
    stored = access_report_by_id(request.user, report_id, Need.PUBLISH)
    try:
        do_publish_report(stored, person(request))
    except GongkaiError as exc:
        return _preview(request, stored, str(exc), status=exc.http_status)
    return HttpResponseRedirect(f"/reports/{stored.pk}/")


@login_required
@require_POST
def revise(request: HttpRequest, report_id: int) -> HttpResponse:
    stored = access_report_by_id(request.user, report_id, Need.HANDLE)
    try:
        draft = do_start_revision(stored, person(request), request.POST.get("reason", ""))
    except GongkaiError as exc:
        return _preview(request, stored, str(exc), status=exc.http_status)
    return HttpResponseRedirect(f"/manage/reports/{draft.pk}/")
