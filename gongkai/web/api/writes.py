"""The API's writing side (token holders): import report files, correct cells, sign off,
publish, correct a published report as a new edition.

Each view is the page's action behind the same door (access_* then one do_* action);
results come back as JSON, refusals in the one error shape.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, JsonResponse

from gongkai.roles import Need
from gongkai.signoff import SignoffStep
from gongkai.web.agencies.access import access_agency_by_id, person
from gongkai.web.api import errors
from gongkai.web.api.auth import token_view
from gongkai.web.edge import form_problems
from gongkai.web.reports.access import access_batch_by_id, access_report_by_id
from gongkai.web.reports.actions import (
    do_confirm_import,
    do_correct_cell,
    do_publish_report,
    do_queue_import,
    do_signoff,
    do_start_revision,
)
from gongkai.web.reports.forms import UploadForm
from gongkai.web.reports.models import ImportBatch, PublishedReport
from gongkai.web.reports.uploads import mismatches

_JSON = {"ensure_ascii": False}
NO_SUCH_STEP = "审签环节 step 应为 submitted（拟稿提交）、reviewed（审核）或 signed（签发）"


@token_view("POST")
def create_import(request: HttpRequest) -> JsonResponse:
    form = UploadForm(request.POST, request.FILES)
    form.fields["agency"].widget.choices = []
    if not form.is_valid():
        message = "；".join(form_problems(form))
        return errors.error_response("invalid_upload", message, 400)
    data = form.cleaned_data
    agency = access_agency_by_id(request.user, data["agency"], Need.HANDLE, "上传")
    batch = do_queue_import(agency, person(request), data["uploads"], data["year"])
    status = 202 if batch.status in (ImportBatch.Status.QUEUED, ImportBatch.Status.READING) else 201
    return JsonResponse(batch_json(batch), status=status, json_dumps_params=_JSON)


@token_view("GET")
def show_import(request: HttpRequest, batch_id: int) -> JsonResponse:
    found = access_batch_by_id(request.user, batch_id, Need.HANDLE)
    return JsonResponse(batch_json(found), json_dumps_params=_JSON)


@token_view("POST")
def confirm_import(request: HttpRequest, batch_id: int) -> JsonResponse:
    found = access_batch_by_id(request.user, batch_id, Need.HANDLE)
    body = _body(request) or {}
    acknowledged = body.get("acknowledge_mismatch") is True
    records = do_confirm_import(found, person(request), acknowledged=acknowledged)
    result = {"reports": [draft_json(r) for r in records]}
    return JsonResponse(result, status=201, json_dumps_params=_JSON)


def batch_json(batch: ImportBatch) -> dict[str, Any]:
    return {
        "id": batch.pk,
        "agency_id": batch.agency_id,
        "year": batch.year,
        "status": batch.status,
        "status_text": batch.get_status_display(),
        "files": [
            {
                "name": f.name,
                "problem": f.problem or None,
                "mismatches": mismatches(f, batch),
                "report": f.report,
            }
            for f in batch.files.defer("data").order_by("id")
        ],
    }


def draft_json(stored: PublishedReport) -> dict[str, Any]:
    return {
        "id": stored.pk,
        "agency_id": stored.agency_id,
        "year": stored.year,
        "status": stored.status,
        "edition": stored.edition,
        "errors": stored.errors,
        "warnings": stored.warnings,
        "findings": stored.report().to_json().get("findings", []),
        "url": f"/manage/reports/{stored.pk}/",
    }


def _body(request: HttpRequest) -> dict[str, Any] | None:
    """The JSON object a request carries, or None (no body, or not an object)."""
    try:
        body = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        return None
    return body if isinstance(body, dict) else None


@token_view("POST")
def correct(request: HttpRequest, report_id: int) -> JsonResponse:
    stored = access_report_by_id(request.user, report_id, Need.HANDLE)
    body = _body(request)
    if body is None:
        return errors.error_response("invalid_json", errors.BAD_JSON, 400)
    change = do_correct_cell(
        stored,
        person(request),
        str(body.get("cell", "")),
        "" if body.get("value") is None else str(body["value"]),
        str(body.get("reason", "")),
    )
    stored.refresh_from_db()
    return JsonResponse({"change": change, "report": draft_json(stored)}, json_dumps_params=_JSON)


@token_view("POST")
def signoff(request: HttpRequest, report_id: int) -> JsonResponse:
    stored = access_report_by_id(request.user, report_id, Need.READ)
    body = _body(request)
    if body is None:
        return errors.error_response("invalid_json", errors.BAD_JSON, 400)
    step = str(body.get("step", ""))
    if step not in {s.value for s in SignoffStep}:
        return errors.error_response("invalid_step", NO_SUCH_STEP, 400)
    do_signoff(
        stored,
        person(request),
        SignoffStep(step),
        note=str(body.get("note", "")),
        reason=str(body.get("reason", "")),
    )
    stored.refresh_from_db()
    return JsonResponse(draft_json(stored), status=201, json_dumps_params=_JSON)


@token_view("POST")
def publish(request: HttpRequest, report_id: int) -> JsonResponse:
    stored = do_publish_report(
        access_report_by_id(request.user, report_id, Need.PUBLISH), person(request)
    )
    return JsonResponse(draft_json(stored), json_dumps_params=_JSON)


@token_view("POST")
def revise(request: HttpRequest, report_id: int) -> JsonResponse:
    stored = access_report_by_id(request.user, report_id, Need.HANDLE)
    body = _body(request) or {}
    draft = do_start_revision(stored, person(request), str(body.get("reason", "")))
    return JsonResponse(draft_json(draft), status=201, json_dumps_params=_JSON)
