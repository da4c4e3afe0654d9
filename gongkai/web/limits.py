"""Request bodies refused by their declared size before a byte is read: a 1 GB body must not
be written to disk for the form to say it is too large (issue 11).

Uploads of report files may be large (GONGKAI_MAX_UPLOAD_MB); every other request carries a
form or a JSON body of a few kilobytes (GONGKAI_MAX_REQUEST_KB). Django reads a body only as
far as CONTENT_LENGTH says, so the declared length is the whole of what can arrive.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from gongkai.web.api.errors import error_response

# Where files are sent: the officers' upload, the API's, attachments and released documents.
UPLOAD_PATHS = ("/manage/upload/", "/api/imports", "/manage/cases/", "/manage/registers/")
TOO_LARGE = "提交的内容超过{limit}，请缩小文件或分批上传"


class RequestSizeLimit:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        declared = _declared_length(request)
        limit, words = allowed_length(request.path)
        if declared is None or declared > limit:
            return _refusal(request, words if declared is not None else "允许的长度")
        return self.get_response(request)


def allowed_length(path: str) -> tuple[int, str]:
    """The largest body a path accepts, in bytes, and the same said in words."""
    if path.startswith(UPLOAD_PATHS):
        mb = settings.GONGKAI_MAX_UPLOAD_MB
        return mb * 1024 * 1024, f"{mb}MB"
    kb = settings.GONGKAI_MAX_REQUEST_KB
    return kb * 1024, f"{kb}KB"


def _declared_length(request: HttpRequest) -> int | None:
    """The body's declared length (0 without a body); None if it is not a number."""
    text = request.META.get("CONTENT_LENGTH") or "0"
    return int(text) if text.isascii() and text.isdigit() else None


def _refusal(request: HttpRequest, limit: str) -> HttpResponse:
    message = TOO_LARGE.format(limit=limit)
    if request.path.startswith("/api/"):
        return error_response("too_large", message, 413)
    body = render_to_string("413.html", {"message": message}, request)
    return HttpResponse(body, status=413)
