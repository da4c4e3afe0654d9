"""The register's forms: registering an application (officers and the public), taking a step,
and following a case with its number and access code."""

from __future__ import annotations

import datetime as dt

from django import forms

from gongkai.web.cases.models import OUTCOME_CHOICES, Application
from gongkai.web.edge import date_input

REQUIRED = {"required": "此项必填"}


class RegisterForm(forms.ModelForm[Application]):
    """What 第二十九条 asks of an application: who, what, in what form; and for officers how
    and when it was received (第三十一条)."""

    class Meta:
        model = Application
        fields = [
            "channel",
            "received_on",
            "applicant_type",
            "applicant_name",
            "id_number",
            "contact",
            "request",
            "wanted_form",
        ]
        widgets = {
            "received_on": date_input(),
            "request": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            name: {
                "required": "此项必填",
                "invalid": "格式不正确",
                "invalid_choice": "请从列表中选择",
            }
            for name in fields
        }

    def clean_received_on(self) -> dt.date:
        received: dt.date = self.cleaned_data["received_on"]
        if received > dt.date.today():
            raise forms.ValidationError("收到申请日期不能晚于今天")
        return received


class PublicApplyForm(RegisterForm):
    """The online form: the applicant does not choose the channel or the date (第三十一条:
    online applications are received on the day both sides confirm: today)."""

    agency = forms.IntegerField(
        widget=forms.Select, label="向哪个机关申请", error_messages=REQUIRED
    )

    class Meta(RegisterForm.Meta):
        fields = [f for f in RegisterForm.Meta.fields if f not in ("channel", "received_on")]


class StepForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    on = forms.DateField(
        label="办理日期",
        widget=date_input(),
        error_messages={"required": "请填写办理日期", "invalid": "日期格式应为 2025-10-09"},
    )
    outcome = forms.ChoiceField(
        label="办理结果", choices=[("", "—"), *OUTCOME_CHOICES], required=False
    )
    basis = forms.CharField(label="依据", max_length=300, required=False)
    delivery_method = forms.CharField(label="送达方式", max_length=50, required=False)
    fee_yuan = forms.DecimalField(
        label="信息处理费（元）",
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
        error_messages={"invalid": "金额应为数字", "min_value": "金额不能为负"},
    )
    note = forms.CharField(label="说明", max_length=500, required=False)

    def clean_on(self) -> dt.date:
        on: dt.date = self.cleaned_data["on"]
        if on > dt.date.today():
            raise forms.ValidationError("办理日期不能晚于今天")
        return on


class StatusForm(forms.Form):
    number = forms.CharField(label="申请编号", max_length=60, error_messages=REQUIRED)
    code = forms.CharField(label="查询码", max_length=20, error_messages=REQUIRED)


MAX_ATTACHMENT = 20 * 1024 * 1024


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label="附件", error_messages={"required": "请选择文件", "empty": "文件为空"}
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_ATTACHMENT:
            raise forms.ValidationError("附件超过20MB")
        return upload
