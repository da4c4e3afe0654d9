from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse

from gongkai.cases.letters import DEFAULTS
from gongkai.cases.placeholders import KIND_NAMES, KINDS, PLACEHOLDERS, check_wording
from gongkai.web.agencies.access import person
from gongkai.web.cases.actions import do_set_letter_wording
from gongkai.web.cases.models import LetterTemplate


class LetterTemplateForm(forms.ModelForm[LetterTemplate]):
    """A wording is checked before it is saved: placeholders that exist for its kind, the
    ones it cannot do without, braces and punctuation (gongkai.cases.placeholders)."""

    class Meta:
        model = LetterTemplate
        fields = ["kind", "title", "body"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind in KINDS:
            for problem in check_wording(kind, data.get("title", ""), data.get("body", "")):
                self.add_error(None, problem)
        return data


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin[LetterTemplate]):
    list_display = ["kind", "title"]
    form = LetterTemplateForm
    change_form_template = "admin/cases/lettertemplate/change_form.html"

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        """The placeholders beside the editor, with the kinds each may be used in, and the
        default wording of every kind to start from."""
        guide = {
            "placeholders": [
                (p, [KIND_NAMES[k] for k in p.kinds], " ".join(p.kinds)) for p in PLACEHOLDERS
            ],
            "defaults": [(k, KIND_NAMES[k], DEFAULTS[k]) for k in KINDS],
        }
        return super().changeform_view(
            request, object_id, form_url, {**(extra_context or {}), **guide}
        )

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
