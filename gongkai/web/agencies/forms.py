"""The agency administrator's forms: invite a colleague, give a role."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.roles import AGENCY_GRANTABLE, ROLE_LABELS, Role
from gongkai.web.agencies.models import Agency

MESSAGES = {"required": "此项必填", "invalid": "格式不正确", "invalid_choice": "请从列表中选择"}


def seen_agency_field() -> forms.ModelChoiceField[Agency]:
    """A filter by agency; the view narrows its choices to the agencies the person sees."""
    return forms.ModelChoiceField(
        label="机关",
        required=False,
        queryset=Agency.objects.none(),
        empty_label="全部",
        error_messages={"invalid_choice": "没有这个机关，或您无权查看"},
    )


def role_choices(by_administrator: bool) -> list[tuple[str, str]]:
    return [(r.value, ROLE_LABELS[r]) for r in Role if by_administrator or r in AGENCY_GRANTABLE]


class InviteForm(forms.Form):
    """A new colleague: an account and the roles it holds at the agency."""

    username = forms.CharField(label="用户名（登录用）", max_length=150, error_messages=MESSAGES)
    full_name = forms.CharField(label="姓名", max_length=150, error_messages=MESSAGES)
    email = forms.EmailField(
        label="电子邮箱", required=False, error_messages={"invalid": "电子邮箱格式不正确"}
    )
    roles = forms.MultipleChoiceField(
        label="角色",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请至少选择一个角色", "invalid_choice": "请从列表中选择"},
    )

    def __init__(self, *args: Any, by_administrator: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = role_choices(by_administrator)  # type: ignore[attr-defined]


class GrantForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150, error_messages=MESSAGES)
    role = forms.ChoiceField(label="角色", error_messages=MESSAGES)

    def __init__(self, *args: Any, by_administrator: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices(by_administrator)  # type: ignore[attr-defined]
