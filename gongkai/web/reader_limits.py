"""The readers' limits of this deployment (GONGKAI_READER_LIMITS), for every read of what
people upload. settings.py refuses a setting the readers cannot take as any process of the
site starts (the web server runs no system checks), so none is made here."""

from __future__ import annotations

from django.conf import settings

from gongkai.readers.limits import Limits


def reader_limits() -> Limits:
    """The limits as set; resolving a mapping of a few names costs nothing, so it is done
    at each use."""
    return Limits.resolve(settings.GONGKAI_READER_LIMITS)
