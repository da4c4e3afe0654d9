from __future__ import annotations

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from gongkai.web.agencies.access import person
from gongkai.web.cases.actions import do_set_letter_wording
from gongkai.web.cases.models import LetterTemplate


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin[LetterTemplate]):
    list_display = ["kind", "title"]

    def save_model(
        self,
        request: HttpRequest,
        obj: LetterTemplate,
        form: ModelForm[LetterTemplate],
        change: bool,
    ) -> None:
        do_set_letter_wording(person(request), obj)

    def delete_model(self, request: HttpRequest, obj: LetterTemplate) -> None:
        do_set_letter_wording(person(request), obj, remove=True)

    def has_delete_permission(
        self, request: HttpRequest, obj: LetterTemplate | None = None
    ) -> bool:
        return obj is not None  # one at a time, so that each removal is audited
