"""Typed errors of the core. The CLI (and later the web edge) turns them into messages."""

from __future__ import annotations

from gongkai.messages import LIMITS, OVER_LIMIT, OVER_LIMIT_UNCOUNTED


class GongkaiError(Exception):
    """Base error: `code` is stable, `message` is plain Chinese for the user."""

    code = "gongkai.error"
    http_status = 400

    def __init__(self, message: str, *, location: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        return f"{self.location}：{self.message}" if self.location else self.message


class UnreadableInput(GongkaiError):
    """The bytes cannot be decoded or are not text at all."""

    code = "input.unreadable"


class NotAReport(GongkaiError):
    """The input is text but holds none of the annual report's tables."""

    code = "input.not_a_report"
    http_status = 422


class InvalidReport(GongkaiError):
    """A JSON report that does not follow the interchange format."""

    code = "input.invalid_report"
    http_status = 422


class OverLimit(UnreadableInput):
    """The input is larger than a reader's limit allows (gongkai.readers.limits)."""

    code = "input.over_limit"
    http_status = 413

    def __init__(
        self, limit: str, found: int | None, allowed: int, *, location: str | None = None
    ) -> None:
        what, unit, scale = LIMITS[limit]
        template = OVER_LIMIT if found is not None else OVER_LIMIT_UNCOUNTED
        found_text = _scaled(found, scale) if found is not None else ""
        message = template.format(
            what=what, found=found_text, limit=_scaled(allowed, scale), unit=unit
        )
        super().__init__(message, location=location)
        self.limit, self.found, self.allowed = limit, found, allowed

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt from its fields when it crosses a process boundary (readers.isolation).
        return (_over_limit, (self.limit, self.found, self.allowed, self.location))


def _over_limit(limit: str, found: int | None, allowed: int, location: str | None) -> OverLimit:
    return OverLimit(limit, found, allowed, location=location)


def _scaled(number: int, scale: int) -> str:
    return f"{number / scale:,.1f}" if scale > 1 else f"{number:,}"


class InternalError(GongkaiError):
    """A fault of gongkai itself, not of the input: the edge asks people to report it."""

    code = "internal"
    http_status = 500
