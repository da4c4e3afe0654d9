"""The API's writing side (token holders): import report files, correct cells, publish.

Each view is the page's action behind the same permission check; results come back as JSON.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404

from gongkai.web.agencies.access import access_agency_by_id, person
from gongkai.web.api import errors
from gongkai.web.api.auth import token_view
from gongkai.web.edge import form_problems
from gongkai.web.reports.actions import (
    do_confirm_import,
    do_correct_cell,
    do_publish_report,
    do_queue_import,
)
from gongkai.web.reports.forms import UploadForm
from gongkai.web.reports.models import ImportBatch, PublishedReport
from gongkai.web.reports.views import EDITORS

_JSON = {"ensure_ascii": False}


@token_view("POST")
def create_import(request: HttpRequest) -> JsonResponse:
    form = UploadForm(request.POST, request.FILES)
    form.fields["agency"].widget.choices = []
    if not form.is_valid():
        message = "；".join(form_problems(form))
        return errors.error_response("invalid_upload", message, 400)
    agency = access_agency_by_id(request.user, form.cleaned_data["agency"], EDITORS, "上传")
    batch = do_queue_import(agency, person(request), form.cleaned_data["uploads"])
    status = 202 if batch.status in (ImportBatch.Status.QUEUED, ImportBatch.Status.READING) else 201
    return JsonResponse(batch_json(batch), status=status, json_dumps_params=_JSON)


def _batch(request: HttpRequest, batch_id: int, action: str) -> ImportBatch:
    batch = get_object_or_404(ImportBatch, pk=batch_id)
    access_agency_by_id(request.user, batch.agency_id, EDITORS, action)
    return batch


@token_view("GET")
def show_import(request: HttpRequest, batch_id: int) -> JsonResponse:
    return JsonResponse(batch_json(_batch(request, batch_id, "查看")), json_dumps_params=_JSON)


@token_view("POST")
def confirm_import(request: HttpRequest, batch_id: int) -> JsonResponse:
    records = do_confirm_import(_batch(request, batch_id, "导入"), person(request))
    body = {"reports": [draft_json(r) for r in records]}
    return JsonResponse(body, status=201, json_dumps_params=_JSON)


def batch_json(batch: ImportBatch) -> dict[str, Any]:
    return {
        "id": batch.pk,
        "agency_id": batch.agency_id,
        "status": batch.status,
        "status_text": batch.get_status_display(),
        "files": [
            {"name": f.name, "problem": f.problem or None, "report": f.report}
            for f in batch.files.defer("data").order_by("id")
        ],
    }


def draft_json(record: PublishedReport) -> dict[str, Any]:
    return {
        "id": record.pk,
        "agency_id": record.agency_id,
        "year": record.year,
        "status": record.status,
        "errors": record.errors,
        "warnings": record.warnings,
        "findings": record.findings(),
        "url": f"/manage/reports/{record.pk}/",
    }


def _report(request: HttpRequest, report_id: int, action: str) -> PublishedReport:
    record = get_object_or_404(PublishedReport.objects.select_related("agency"), pk=report_id)
    access_agency_by_id(request.user, record.agency_id, EDITORS, action)
    return record


@token_view("POST")
def correct(request: HttpRequest, report_id: int) -> JsonResponse:
    record = _report(request, report_id, "修改")
    try:
        body = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        body = None
    if not isinstance(body, dict):
        return errors.error_response("invalid_json", errors.BAD_JSON, 400)
    change = do_correct_cell(
        record,
        person(request),
        str(body.get("cell", "")),
        "" if body.get("value") is None else str(body["value"]),
        str(body.get("reason", "")),
    )
    record.refresh_from_db()
    result = {
        "change": {
            "cell": change.cell,
            "old": change.old,
            "new": change.new,
            "reason": change.reason,
            "cleared": change.cleared,
            "introduced": change.introduced,
        },
        "report": draft_json(record),
    }
    return JsonResponse(result, json_dumps_params=_JSON)


@token_view("POST")
def publish(request: HttpRequest, report_id: int) -> JsonResponse:
    record = do_publish_report(_report(request, report_id, "发布"))
    return JsonResponse(draft_json(record), json_dumps_params=_JSON)
