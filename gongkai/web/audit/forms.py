"""The audit log's filter form; a wrong value is told in words, never a server error."""

from __future__ import annotations

from django import forms

from gongkai.web.agencies.forms import seen_agency_field
from gongkai.web.audit.models import EventType
from gongkai.web.audit.queries import FAMILIES, AuditFilter
from gongkai.web.edge import date_input, form_problems

DATE = date_input()


class AuditFilterForm(forms.Form):
    agency = seen_agency_field()
    family = forms.TypedChoiceField(
        label="类别",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "全部"), *FAMILIES.items()],
        error_messages={"invalid_choice": "请从列表中选择类别"},
    )
    event_type = forms.TypedChoiceField(
        label="事项",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "全部"), *EventType.choices],
        error_messages={"invalid_choice": "请从列表中选择事项"},
    )
    person = forms.CharField(label="操作人（用户名）", required=False, max_length=150)
    since = forms.DateField(
        label="起",
        required=False,
        widget=DATE,
        error_messages={"invalid": "日期格式应为 2026-01-31"},
    )
    until = forms.DateField(
        label="止",
        required=False,
        widget=DATE,
        error_messages={"invalid": "日期格式应为 2026-01-31"},
    )

    def to_filter(self) -> AuditFilter:
        data = self.cleaned_data
        return AuditFilter(
            agency=data.get("agency"),
            family=data.get("family"),
            event_type=data.get("event_type"),
            person=(data.get("person") or "").strip(),
            since=data.get("since"),
            until=data.get("until"),
        )

    def error_text(self) -> str:
        return "；".join(form_problems(self))
