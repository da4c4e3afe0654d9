"""The read-only JSON API (public): agencies and published reports."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse

from gongkai.web.agencies.models import Agency
from gongkai.web.api import errors
from gongkai.web.api.openapi import openapi_document
from gongkai.web.portal.views import PAGE_SIZE, summary
from gongkai.web.reports.forms import FilterForm
from gongkai.web.reports.queries import listing, public_editions

_JSON = {"ensure_ascii": False}


def agencies(request: HttpRequest) -> JsonResponse:
    rows = Agency.objects.values("id", "name", "level", "parent_id")
    return JsonResponse({"agencies": list(rows)}, json_dumps_params=_JSON)


def reports(request: HttpRequest) -> JsonResponse:
    form = FilterForm(request.GET)
    if not form.is_valid():
        return errors.error_response("invalid_filter", form.error_text(), 400)
    selected = form.to_filter().apply(listing())[:PAGE_SIZE]
    return JsonResponse({"reports": [summary(r) for r in selected]}, json_dumps_params=_JSON)


def report(request: HttpRequest, report_id: int) -> JsonResponse:
    record = public_editions().filter(pk=report_id).first()
    if record is None:
        return errors.error_response("not_found", errors.NOT_FOUND, 404)
    return JsonResponse(record.data, json_dumps_params=_JSON)


def not_found(request: HttpRequest) -> JsonResponse:
    return errors.error_response("not_found", errors.NO_SUCH_PATH, 404)


def openapi(request: HttpRequest) -> JsonResponse:
    return JsonResponse(openapi_document(), json_dumps_params=_JSON)
