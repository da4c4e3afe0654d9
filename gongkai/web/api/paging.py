"""Keyset ("cursor") pages of the published reports, newest year first.

An offset costs the rows it skips, so page 2,000 of a national library would read 100,000
rows; a cursor names the last report of the page before (its year and id, the list's
order) and the next page starts right after it in the index. The cursor is opaque to
callers: URL-safe base64 of "year.id", so that its form can change without breaking them.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from gongkai.errors import GongkaiError
from gongkai.web.reports.models import PublishedReport

DEFAULT_LIMIT = 50
MAX_LIMIT = 500


class BadPage(GongkaiError):
    code = "invalid_page"


@dataclass(frozen=True)
class Cursor:
    year: int
    id: int

    def encode(self) -> str:
        return base64.urlsafe_b64encode(f"{self.year}.{self.id}".encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str) -> Cursor:
        try:
            year, _, ident = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).partition(b".")
            return cls(int(year), int(ident))
        except (binascii.Error, ValueError):
            raise BadPage("翻页参数 cursor 无效，请使用上一页返回的 next 链接") from None


def limit_of(text: str | None) -> int:
    if not text:
        return DEFAULT_LIMIT
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_LIMIT:
        raise BadPage(f"每页条数 limit 应为1至{MAX_LIMIT}的整数")
    return int(text)


def page_after(
    reports: QuerySet[PublishedReport], cursor: Cursor | None, limit: int
) -> tuple[list[PublishedReport], Cursor | None]:
    """The `limit` reports after `cursor` in (-year, -id) order, and the cursor of the next
    page (None on the last). `reports` must be in that order."""
    if cursor is not None:
        after = Q(year__lt=cursor.year) | Q(year=cursor.year, id__lt=cursor.id)
        reports = reports.filter(after)
    rows = list(reports[: limit + 1])
    last = rows[limit - 1] if len(rows) > limit else None
    return rows[:limit], Cursor(last.year, last.pk) if last else None
