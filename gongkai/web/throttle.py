"""Rate limits of the public forms (issue 11): each address, and each agency, may submit only
so many applications an hour, and look up a case only so often; after the first few
applications from an address, a CAPTCHA (drawn here, offline) is asked too. The limits are
settings; the counters are in the shared cache (the database), so they hold across
processes and machines. Fixed one-hour windows: a burst at a window's edge may pass twice
the hourly number, which these limits can afford (django-ratelimit does the same; its key
includes the HTTP method, which the CAPTCHA's look-ahead cannot share, so the few lines are
here).
"""

from __future__ import annotations

import time
from typing import Any, TypeVar

from captcha.fields import CaptchaField
from django import forms
from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

Form = TypeVar("Form", bound=forms.BaseForm)
HOUR = 3600
TOO_MANY_APPLICATIONS = "本地址提交申请过于频繁，请一小时后再试"
AGENCY_BUSY = "该机关一小时内收到的网上申请已达上限，请稍后再试或以信函方式提交"
TOO_MANY_LOOKUPS = "查询过于频繁，请一小时后再试"


def address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the header the proxy in front sets."""
    header = settings.GONGKAI_CLIENT_IP_HEADER
    return str(request.META.get(header) or request.META.get("REMOTE_ADDR") or "")


def _key(counter: str, who: str) -> str:
    return f"throttle:{counter}:{who}:{int(time.time()) // HOUR}"


def count(counter: str, who: str) -> int:
    """How many times `who` was counted under `counter` this hour."""
    return int(caches["shared"].get(_key(counter, who), 0))


def counted(counter: str, who: str) -> int:
    """Count once more and return the new count (fixed one-hour windows)."""
    shared, key = caches["shared"], _key(counter, who)
    shared.add(key, 0, HOUR + 60)
    return int(shared.incr(key))


def apply_refusal(request: HttpRequest, agency_id: int | None) -> str:
    """Why an application may not be submitted now (empty if it may); counts it if it may."""
    if counted("apply", address(request)) > settings.GONGKAI_APPLY_PER_ADDRESS_HOUR:
        return TOO_MANY_APPLICATIONS
    busy = settings.GONGKAI_APPLY_PER_AGENCY_HOUR
    if agency_id is not None and counted("apply-agency", str(agency_id)) > busy:
        return AGENCY_BUSY
    return ""


def needs_captcha(request: HttpRequest) -> bool:
    """Whether this address has already sent its CAPTCHA-free applications this hour."""
    return count("apply", address(request)) >= settings.GONGKAI_APPLY_WITHOUT_CAPTCHA


def status_refusal(request: HttpRequest) -> str:
    """Why a case may not be looked up now (guessing codes is slowed down to a crawl)."""
    if counted("status", address(request)) > settings.GONGKAI_STATUS_PER_ADDRESS_HOUR:
        return TOO_MANY_LOOKUPS
    return ""


def with_captcha(form_class: type[Form]) -> type[Form]:
    """The form with a CAPTCHA: an arithmetic question drawn as a distorted image, offline."""
    field = CaptchaField(
        label="验证码（请计算图中算式，填写结果）",
        error_messages={"invalid": "验证码不正确，请重新计算", "required": "请填写验证码"},
    )
    attrs: dict[str, Any] = {"captcha": field}
    return type(f"{form_class.__name__}WithCaptcha", (form_class,), attrs)


def refused(request: HttpRequest, message: str) -> HttpResponse:
    """429 with the reason in words."""
    return render(request, "429.html", {"message": message}, status=429)
