"""Typed errors of the core. The CLI (and later the web edge) turns them into messages."""

from __future__ import annotations


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
