from __future__ import annotations

from django import forms

from gongkai.web.edge import FIRST_YEAR, LAST_YEAR

ERRORS = {
    "agency": {"required": "请选择机关", "invalid": "请选择机关", "min_value": "请选择机关"},
    "year": {
        "invalid": "年度应为四位数字，如 2024",
        "min_value": "年度不早于 2008 年",
        "max_value": "年度不晚于 2100 年",
    },
    "reason": {"required": "请写明不予收录的理由", "max_length": "理由不超过 200 个字"},
}


class AssignForm(forms.Form):
    """The agency: one of the candidates, or one found by name."""

    agency = forms.IntegerField(label="机关", min_value=1, error_messages=ERRORS["agency"])
    year = forms.IntegerField(
        label="年度",
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages=ERRORS["year"],
    )


class DismissForm(forms.Form):
    reason = forms.CharField(label="理由", max_length=200, error_messages=ERRORS["reason"])
