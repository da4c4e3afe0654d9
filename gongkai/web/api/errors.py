"""One error shape for every API error: {"error": {"code", "message", "status"}}."""

from __future__ import annotations

from django.http import JsonResponse


def error_response(code: str, message: str, status: int) -> JsonResponse:
    return JsonResponse(
        {"error": {"code": code, "message": message, "status": status}},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


NOT_FOUND = "没有这份报告，或尚未发布"
NO_SUCH_PATH = "没有这个接口"
FORBIDDEN = "您没有这项操作的权限"
NOT_YOURS = "没有这项记录"
BAD_JSON = "请求体应为 JSON 对象"
