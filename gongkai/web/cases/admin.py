from __future__ import annotations

from django.contrib import admin

from gongkai.web.cases.models import LetterTemplate


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin[LetterTemplate]):
    list_display = ["kind", "title"]
