"""Who is calling the API: the person behind an `Authorization: Bearer <key>` token.

Writing through the API needs a token (no session cookie, so no CSRF exposure); the token
carries exactly its owner's permissions, checked by the same access_* functions as pages.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from gongkai.errors import GongkaiError
from gongkai.web.api import errors
from gongkai.web.api.actions import note_use
from gongkai.web.api.models import ApiToken, key_hash

NO_TOKEN = "缺少或无效的接口令牌（请求头 Authorization: Bearer <令牌>）"
WRONG_METHOD = "该接口只接受 {methods} 请求"

View = Callable[..., JsonResponse]


def token_user(request: HttpRequest) -> User | None:
    scheme, _, key = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        return None
    token = ApiToken.objects.select_related("user").filter(digest=key_hash(key.strip())).first()
    if token is None or not token.user.is_active:
        return None
    note_use(token)
    return token.user


def token_view(*methods: str) -> Callable[[View], View]:
    """An API view for a token holder: wrong method, no token, refusal and bad input all come
    back in the one error shape."""

    def decorate(view: View) -> View:
        @csrf_exempt
        @wraps(view)
        def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> JsonResponse:
            if request.method not in methods:
                message = WRONG_METHOD.format(methods="、".join(methods))
                return errors.error_response("method_not_allowed", message, 405)
            user = token_user(request)
            if user is None:
                return errors.error_response("unauthorized", NO_TOKEN, 401)
            request.user = user
            try:
                return view(request, *args, **kwargs)
            except PermissionDenied as exc:
                return errors.error_response("forbidden", str(exc) or errors.FORBIDDEN, 403)
            except Http404:
                return errors.error_response("not_found", errors.NOT_YOURS, 404)
            except GongkaiError as exc:
                return errors.error_response(exc.code, str(exc), exc.http_status)

        return wrapped

    return decorate
