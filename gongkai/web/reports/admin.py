from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from gongkai.web.reports.models import PublishedReport


@admin.register(PublishedReport)
class PublishedReportAdmin(admin.ModelAdmin[PublishedReport]):
    """Reports are read here only: they change through 更正 and 三级审签 in /manage/."""

    list_display = ("agency", "year", "edition", "template", "status", "errors", "warnings")
    list_filter = ("status", "year", "template")
    search_fields = ("agency__name",)
    exclude = ("data", "source")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: PublishedReport | None = None
    ) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: PublishedReport | None = None
    ) -> bool:
        return False
