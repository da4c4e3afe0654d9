from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from gongkai.web.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    """The audit log, read only (it is append-only: nothing here can change it)."""

    list_display = ("at", "event_type", "user", "agency", "object_type", "object_id", "reason")
    list_filter = ("event_type", "object_type")
    search_fields = ("reason", "agency__name", "user__username")
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False
