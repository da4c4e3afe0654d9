"""What the navigation offers a signed-in person: only the pages their roles open."""

from __future__ import annotations

from django.http import HttpRequest

from gongkai.roles import Need
from gongkai.web.agencies.access import agencies_for, is_administrator


def navigation(request: HttpRequest) -> dict[str, bool]:
    user = getattr(request, "user", None)  # a request refused before authentication has none
    if user is None or not user.is_authenticated:
        return {}
    administrator = is_administrator(user)
    return {
        "nav_people": administrator or agencies_for(user, Need.MANAGE_PEOPLE).exists(),
        "nav_audit": administrator or agencies_for(user, Need.AUDIT).exists(),
        "nav_admin": administrator,
    }
