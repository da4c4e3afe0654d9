"""The readers' limits of this deployment (GONGKAI_READER_LIMITS), for every read of what
people upload; a setting the readers cannot take stops the site at its start (a system
check: migrate, runserver and the task worker run them) rather than at the first upload."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

from gongkai.readers.limits import InvalidLimits, Limits

BAD_SETTING = "设置 GONGKAI_READER_LIMITS 有误：{problem}"


def reader_limits() -> Limits:
    """The limits as set; resolving a mapping of a few names costs nothing, so it is done
    at each use (the check below has refused a bad one already)."""
    return Limits.resolve(settings.GONGKAI_READER_LIMITS)


def check_reader_limits(app_configs: Any, **kwargs: Any) -> list[checks.CheckMessage]:
    try:
        reader_limits()
    except InvalidLimits as exc:
        return [checks.Error(BAD_SETTING.format(problem=exc), id="gongkai.E001")]
    return []
