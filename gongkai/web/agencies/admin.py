from __future__ import annotations

from django.contrib import admin

from gongkai.web.agencies.models import Agency


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin[Agency]):
    list_display = ("name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("name",)
