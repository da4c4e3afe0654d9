"""The read-only JSON API (public): agencies and published reports."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse

from gongkai.model import report_json_schema
from gongkai.web.agencies.models import Agency
from gongkai.web.api import errors
from gongkai.web.portal.views import PAGE_SIZE, summary
from gongkai.web.reports.forms import FilterForm
from gongkai.web.reports.queries import listing, published

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
    record = published().filter(pk=report_id).first()
    if record is None:
        return errors.error_response("not_found", errors.NOT_FOUND, 404)
    return JsonResponse(record.data, json_dumps_params=_JSON)


def not_found(request: HttpRequest) -> JsonResponse:
    return errors.error_response("not_found", errors.NO_SUCH_PATH, 404)


def openapi(request: HttpRequest) -> JsonResponse:
    return JsonResponse(openapi_document(), json_dumps_params=_JSON)


def openapi_document() -> dict[str, object]:
    error = {"$ref": "#/components/schemas/Error"}
    filters = [
        {"name": "year", "in": "query", "schema": {"type": "integer"}},
        {
            "name": "region",
            "in": "query",
            "schema": {"type": "integer"},
            "description": "机关编号：该机关及其全部下属",
        },
        {
            "name": "level",
            "in": "query",
            "schema": {"type": "string", "enum": [c for c, _ in Agency.Level.choices]},
        },
        {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 50}},
    ]
    return {
        "openapi": "3.1.0",
        "info": {"title": "gongkai 政府信息公开年度报告接口", "version": "1"},
        "paths": {
            "/api/agencies": {
                "get": {
                    "summary": "行政机关",
                    "responses": {"200": {"description": "全部行政机关"}},
                }
            },
            "/api/reports": {
                "get": {
                    "summary": "已发布的年度报告",
                    "parameters": filters,
                    "responses": {
                        "200": {"description": "报告摘要"},
                        "400": {
                            "description": "筛选条件有误",
                            "content": {"application/json": {"schema": error}},
                        },
                    },
                }
            },
            "/api/reports/{id}": {
                "get": {
                    "summary": "一份年度报告（数据格式 gongkai.annual-report/1）",
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer"},
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "报告",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Report"}
                                }
                            },
                        },
                        "404": {
                            "description": "没有这份报告",
                            "content": {"application/json": {"schema": error}},
                        },
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Report": report_json_schema(),
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {
                        "error": {
                            "type": "object",
                            "required": ["code", "message", "status"],
                            "properties": {
                                "code": {"type": "string"},
                                "message": {"type": "string"},
                                "status": {"type": "integer"},
                            },
                        }
                    },
                },
            }
        },
    }
