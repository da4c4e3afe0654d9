"""The registers' forms, with the checks an officer needs told in plain words."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.web.agencies.models import Agency
from gongkai.web.cases.models import Application
from gongkai.web.edge import date_input
from gongkai.web.registers.models import Appeal, MonthlyFigure, Publication

DATE = date_input()
MESSAGES = {"required": "此项必填", "invalid": "格式不正确", "invalid_choice": "请从列表中选择"}


class PublicationForm(forms.ModelForm[Publication]):
    class Meta:
        model = Publication
        fields = [
            "kind",
            "title",
            "doc_number",
            "formed_on",
            "published_on",
            "repealed_on",
            "interpretation",
            "summary",
        ]
        widgets = {
            "formed_on": DATE,
            "published_on": DATE,
            "repealed_on": DATE,
            "summary": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {name: MESSAGES for name in fields}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        formed = data.get("formed_on")
        for name, label in (("published_on", "公开日期"), ("repealed_on", "废止日期")):
            if formed and data.get(name) and data[name] < formed:
                self.add_error(name, f"{label}不能早于制发日期")
        return data


class AppealForm(forms.ModelForm[Appeal]):
    case_number = forms.CharField(label="所涉申请编号", max_length=60, required=False)

    class Meta:
        model = Appeal
        fields = ["kind", "number", "filed_on", "result", "decided_on"]
        widgets = {"filed_on": DATE, "decided_on": DATE}
        error_messages = {name: MESSAGES for name in fields}

    def __init__(self, *args: Any, agency: Agency | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agency = agency

    def clean_case_number(self) -> Application | None:
        """The application the appeal arises from, by its number at this agency."""
        number = self.cleaned_data["case_number"].strip()
        if not number:
            return None
        found = Application.objects.filter(agency=self.agency, number=number).first()
        if found is None:
            raise forms.ValidationError(f"本机关没有编号为“{number}”的申请")
        return found

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        decided, result = data.get("decided_on"), data.get("result")
        if result and result != Appeal.Result.PENDING and not decided:
            self.add_error("decided_on", "已有结果的，请填写决定（判决）日期")
        if decided and data.get("filed_on") and decided < data["filed_on"]:
            self.add_error("decided_on", "决定日期不能早于申请日期")
        return data


class FiguresForm(forms.Form):
    file = forms.FileField(
        label="月度数据（CSV 或 Excel：年度，月份，事项，数值）",
        error_messages={"required": "请选择文件", "empty": "文件为空"},
    )


class MonthlyFigureForm(forms.ModelForm[MonthlyFigure]):
    """One month's figure typed in (the same checks as an imported line)."""

    class Meta:
        model = MonthlyFigure
        fields = ["year", "month", "row", "value"]
        error_messages = {name: MESSAGES for name in fields}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        month, value, row = data.get("month"), data.get("value"), data.get("row")
        if month is not None and not 1 <= month <= 12:
            self.add_error("month", "月份应为1至12")
        if value is not None and (value < 0 or (row != "fees" and value != int(value))):
            self.add_error("value", "应为不小于0的整数（收费金额可有小数，单位万元）")
        return data
