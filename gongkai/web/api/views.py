"""The read-only JSON API (public): agencies and published reports."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, JsonResponse

from gongkai.web.agencies.models import Agency
from gongkai.web.api import errors
from gongkai.web.api.openapi import openapi_document
from gongkai.web.api.paging import BadPage, Cursor, limit_of, page_after
from gongkai.web.portal.views import summary
from gongkai.web.reports.forms import FilterForm
from gongkai.web.reports.queries import listing, public_editions

_JSON = {"ensure_ascii": False}


def agencies(request: HttpRequest) -> JsonResponse:
    rows = Agency.objects.values("id", "name", "level", "parent_id")
    return JsonResponse({"agencies": list(rows)}, json_dumps_params=_JSON)


def reports(request: HttpRequest) -> JsonResponse:
    """A page of published reports, filtered; `next` is the URL of the page after it."""
    form = FilterForm(request.GET)
    if not form.is_valid():
        return errors.error_response("invalid_filter", form.error_text(), 400)
    try:
        given = request.GET.get("cursor")
        cursor = Cursor.decode(given) if given else None
        limit = limit_of(request.GET.get("limit"))
    except BadPage as exc:
        return errors.error_response(exc.code, exc.message, 400)
    rows, following = page_after(form.to_filter().apply(listing()), cursor, limit)
    body = {"reports": [summary(r) for r in rows], "next": _next_url(request, following)}
    return JsonResponse(body, json_dumps_params=_JSON)


def _next_url(request: HttpRequest, following: Cursor | None) -> str | None:
    if following is None:
        return None
    query = {k: v for k, v in request.GET.items() if k != "cursor"}
    return f"{request.path}?{urlencode({**query, 'cursor': following.encode()})}"


def report(request: HttpRequest, report_id: int) -> JsonResponse:
    record = public_editions().filter(pk=report_id).first()
    if record is None:
        return errors.error_response("not_found", errors.NOT_FOUND, 404)
    return JsonResponse(record.data, json_dumps_params=_JSON)


def not_found(request: HttpRequest) -> JsonResponse:
    return errors.error_response("not_found", errors.NO_SUCH_PATH, 404)


def openapi(request: HttpRequest) -> JsonResponse:
    return JsonResponse(openapi_document(), json_dumps_params=_JSON)
