"""The public portal: published reports by region, level, agency and year; each page has a
JSON twin; every report downloads in every format the core renders."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe

from gongkai import catalog
from gongkai.checks import errors
from gongkai.render import CONTENT_TYPES, TARGETS
from gongkai.render import render as render_report
from gongkai.render.html import table_html
from gongkai.render.layout import TABLES
from gongkai.web.edge import download
from gongkai.web.reports.forms import FilterForm
from gongkai.web.reports.history import corrections, editions
from gongkai.web.reports.models import PublishedReport
from gongkai.web.reports.presenting import confidence_text, flagged_cells, unread_tables
from gongkai.web.reports.queries import ReportFilter, listing, public_editions

PAGE_SIZE = 50


def _filtered(request: HttpRequest) -> tuple[FilterForm, ReportFilter | None]:
    form = FilterForm(request.GET or None)
    if not request.GET:
        return form, ReportFilter()
    return form, form.to_filter() if form.is_valid() else None


def report_list(request: HttpRequest) -> HttpResponse:
    form, selected = _filtered(request)
    reports = selected.apply(listing()) if selected else listing().none()
    paginator = CountedPaginator(reports, PAGE_SIZE, count_key=request.GET.urlencode())
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "portal/report_list.html",
        {
            "form": form,
            "page": page,
            "clause": selected.human_clause() if selected else "",
            "error": "" if selected else form.error_text(),
            "json_url": "reports.json?" + request.GET.urlencode(),
        },
    )


class CountedPaginator(Paginator[PublishedReport]):
    """Counting 100,000 published reports costs more than showing 50 of them; the library's
    counts change only when a report is published, so each filter's count is kept a while."""

    COUNT_SECONDS = 30

    def __init__(
        self, reports: QuerySet[PublishedReport], per_page: int, *, count_key: str
    ) -> None:
        super().__init__(reports, per_page)
        self.reports = reports
        self.count_key = "library-count:" + hashlib.sha256(count_key.encode()).hexdigest()

    @cached_property
    def count(self) -> int:
        counted = cache.get(self.count_key)
        if counted is None:
            counted = self.reports.count()
            cache.set(self.count_key, counted, self.COUNT_SECONDS)
        return int(counted)


def report_list_json(request: HttpRequest) -> JsonResponse:
    form, selected = _filtered(request)
    if selected is None:
        return JsonResponse(
            {"error": {"code": "invalid_filter", "message": form.error_text(), "status": 400}},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    reports = selected.apply(listing())[:PAGE_SIZE]
    return JsonResponse(
        {"filter": selected.human_clause(), "reports": [summary(r) for r in reports]},
        json_dumps_params={"ensure_ascii": False},
    )


def summary(record: PublishedReport) -> dict[str, object]:
    return {
        "id": record.pk,
        "agency": record.agency.name,
        "agency_id": record.agency_id,
        "year": record.year,
        "template": record.template,
        "published_on": record.published_on.isoformat() if record.published_on else None,
        "errors": record.errors,
        "warnings": record.warnings,
        "url": f"/reports/{record.pk}/",
    }


def _published_or_404(report_id: int) -> PublishedReport:
    """A published edition, current or replaced by a correction (both stay public)."""
    return get_object_or_404(public_editions(), pk=report_id)


def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    record = _published_or_404(report_id)
    report = record.report()
    tables = {section_id: mark_safe(table_html(rows(report))) for section_id, rows in TABLES}
    sections = [
        {
            "heading": heading,
            "paragraphs": [p for p in (report.sections or {}).get(section_id, "").split("\n") if p],
            "table": tables.get(section_id),
        }
        for section_id, heading in catalog.SECTIONS
    ]
    findings = report.findings or []
    return render(
        request,
        "portal/report_detail.html",
        {
            "record": record,
            "region": record.agency.region(),
            "sections": sections,
            "errors": errors(findings),
            "warnings": [f for f in findings if f.severity == "warning"],
            "targets": [t for t in TARGETS if t != "txt"],
            "changes": corrections(record),
            "editions": editions(record),
            "confidence": confidence_text(report),
            "flagged": flagged_cells(report),
            "unread": unread_tables(report),
        },
    )


def report_json(request: HttpRequest, report_id: int) -> JsonResponse:
    record = _published_or_404(report_id)
    return JsonResponse(record.data, json_dumps_params={"ensure_ascii": False})


def report_download(request: HttpRequest, report_id: int, target: str) -> HttpResponse:
    if target not in TARGETS:
        raise Http404
    record = _published_or_404(report_id)
    filename = f"{record.agency.name}{record.year}年政府信息公开工作年度报告.{target}"
    return download(render_report(record.report(), target), CONTENT_TYPES[target], filename)
