"""The API's OpenAPI 3.1 description, served at /api/openapi.json."""

from __future__ import annotations

from typing import Any

from gongkai.model import report_json_schema
from gongkai.web.agencies.models import Agency

ERROR = {"$ref": "#/components/schemas/Error"}
ID = {"in": "path", "required": True, "schema": {"type": "integer"}}


def _write(
    summary: str, ok: str, body: dict[str, Any] | None = None, **extra: Any
) -> dict[str, Any]:
    """A token holder's call: its refusals all come in the error shape."""
    refusals = {
        "400": "请求有误（文件、单元格或数值）",
        "401": "缺少或无效的令牌",
        "403": "没有该机关的相应权限",
        "404": "没有这项记录",
        "409": "当前状态下不能这样做（如已发布、已导入）",
    }
    operation: dict[str, Any] = {
        "summary": summary,
        "security": [{"token": []}],
        "responses": {
            "200": {"description": ok},
            **{
                code: {"description": text, "content": {"application/json": {"schema": ERROR}}}
                for code, text in refusals.items()
            },
        },
        **extra,
    }
    if body is not None:
        operation["requestBody"] = body
    return operation


UPLOAD = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["agency", "uploads"],
                "properties": {
                    "agency": {"type": "integer", "description": "机关编号"},
                    "uploads": {
                        "type": "array",
                        "items": {"type": "string", "format": "binary"},
                        "description": "年度报告文件（任何可读格式）或其 ZIP 压缩包",
                    },
                },
            }
        }
    },
}
CORRECTION = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["cell", "value", "reason"],
                "properties": {
                    "cell": {"type": "string", "example": "applications.total.natural_person"},
                    "value": {"type": ["integer", "string", "null"]},
                    "reason": {"type": "string", "minLength": 1},
                },
            }
        }
    },
}


def _json_body(required: list[str], **properties: dict[str, Any]) -> dict[str, Any]:
    schema = {"type": "object", "required": required, "properties": properties}
    return {"required": bool(required), "content": {"application/json": {"schema": schema}}}


SIGNOFF = _json_body(
    ["step"],
    step={
        "type": "string",
        "enum": ["submitted", "reviewed", "signed"],
        "description": "submitted 拟稿提交（公开专干）、reviewed 审核、signed 签发，依次办理",
    },
    note={"type": "string", "description": "意见"},
    reason={"type": "string", "description": "报告仍有错误时提交的发布理由（随报告公开）"},
)
REVISION = _json_body(["reason"], reason={"type": "string", "description": "更正理由"})
CONFIRM = _json_body(
    [],
    acknowledge_mismatch={
        "type": "boolean",
        "description": "文件中的机关或年度与所选不一致时，确认已核对",
    },
)
WRITE_PATHS: dict[str, Any] = {
    "/api/imports": {
        "post": _write("上传并读取年度报告文件（201 已读取；202 排队读取中）", "导入批次", UPLOAD)
    },
    "/api/imports/{id}": {
        "get": _write("导入批次的读取结果", "导入批次", parameters=[{"name": "id", **ID}])
    },
    "/api/imports/{id}/confirm": {
        "post": _write(
            "确认导入：全部文件作为草稿保存，或全部不保存",
            "草稿报告",
            CONFIRM,
            parameters=[{"name": "id", **ID}],
        )
    },
    "/api/reports/{id}/corrections": {
        "post": _write(
            "更正一个单元格并立即重新校验（记入修改记录）",
            "更正结果与报告的校验结果",
            CORRECTION,
            parameters=[{"name": "id", **ID}],
        )
    },
    "/api/reports/{id}/signoffs": {
        "post": _write(
            "三级审签的一步（拟稿提交 → 审核 → 签发，各由其角色办理；审核与签发不能为同一人）",
            "审签后的报告",
            SIGNOFF,
            parameters=[{"name": "id", **ID}],
        )
    },
    "/api/reports/{id}/publish": {
        "post": _write(
            "发布已签发的草稿（更正稿发布后替代原版本）",
            "已发布的报告",
            parameters=[{"name": "id", **ID}],
        )
    },
    "/api/reports/{id}/revisions": {
        "post": _write(
            "更正已发布的报告：生成新版本的草稿，经审签后发布",
            "更正稿（草稿）",
            REVISION,
            parameters=[{"name": "id", **ID}],
        )
    },
}


def openapi_document() -> dict[str, object]:
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
                            "content": {"application/json": {"schema": ERROR}},
                        },
                    },
                }
            },
            **WRITE_PATHS,
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
                            "content": {"application/json": {"schema": ERROR}},
                        },
                    },
                }
            },
        },
        "components": {
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
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
            },
        },
    }
