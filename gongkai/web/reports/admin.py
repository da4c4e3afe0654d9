from __future__ import annotations

from django.contrib import admin

from gongkai.web.reports.models import PublishedReport


@admin.register(PublishedReport)
class PublishedReportAdmin(admin.ModelAdmin[PublishedReport]):
    list_display = ("agency", "year", "template", "status", "errors", "warnings")
    list_filter = ("status", "year", "template")
    search_fields = ("agency__name",)
    readonly_fields = ("data", "source_name", "source_format", "source_sha256")
