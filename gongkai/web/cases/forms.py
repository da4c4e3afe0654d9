"""The register's forms: registering an application (officers and the public), taking a step,
and following a case with its number and access code."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth.models import User

from gongkai.web.agencies.models import Agency
from gongkai.web.cases.actions import CORRECTABLE
from gongkai.web.cases.ledger import DEFAULT_SORT, STATE_FILTERS, UNASSIGNED, LedgerFilter
from gongkai.web.cases.models import APPLICANT_CHOICES, OUTCOME_CHOICES, Application
from gongkai.web.cases.queries import INBOX_LABELS
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
    # Blank for an application not yet accepted (it has no number until then).
    number = forms.CharField(label="申请编号", max_length=60, required=False)
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


# ---------------------------------------------------------------------------------------
# The 台账's filter, 分办, intake and corrections (the office's side of issue 12).

FILTER_MESSAGES = {"invalid_choice": "请从列表中选择", "invalid": "格式不正确"}


def optional_date(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=date_input(),
        error_messages={"invalid": "日期格式应为 2026-01-31"},
    )


class LedgerForm(forms.Form):
    """The 台账's filters from the address; a wrong value is said in words, never a 500."""

    q = forms.CharField(label="查找（编号、申请人、申请内容）", required=False, max_length=50)
    inbox = forms.ChoiceField(label="待办", required=False, error_messages=FILTER_MESSAGES)
    agency = forms.ModelChoiceField(
        label="机关",
        required=False,
        queryset=Agency.objects.none(),
        empty_label="全部",
        error_messages={"invalid_choice": "没有这个机关，或您无权查看"},
    )
    year = forms.IntegerField(
        label="登记年度",
        required=False,
        min_value=2008,
        max_value=2100,
        widget=forms.NumberInput(attrs={"size": 5}),
        error_messages={
            "invalid": "年度应为四位数字",
            "min_value": "年度应在2008年至2100年之间",
            "max_value": "年度应在2008年至2100年之间",
        },
    )
    state = forms.ChoiceField(label="状态", required=False, error_messages=FILTER_MESSAGES)
    outcome = forms.ChoiceField(label="办理结果", required=False, error_messages=FILTER_MESSAGES)
    channel = forms.ChoiceField(label="申请方式", required=False, error_messages=FILTER_MESSAGES)
    applicant_type = forms.ChoiceField(
        label="申请人类型", required=False, error_messages=FILTER_MESSAGES
    )
    handler = forms.ChoiceField(label="承办人", required=False, error_messages=FILTER_MESSAGES)
    due_from = optional_date("答复期限自")
    due_to = optional_date("至")
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, agencies: Any, handlers: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        any_ = [("", "全部")]
        field = self.fields
        field["agency"].queryset = agencies  # type: ignore[attr-defined]
        field["inbox"].choices = [*any_, *INBOX_LABELS.items()]  # type: ignore[attr-defined]
        field["state"].choices = [*any_, *STATE_FILTERS]  # type: ignore[attr-defined]
        field["outcome"].choices = [*any_, *OUTCOME_CHOICES]  # type: ignore[attr-defined]
        field["channel"].choices = [*any_, *Application.Channel.choices]  # type: ignore[attr-defined]
        field["applicant_type"].choices = [*any_, *APPLICANT_CHOICES]  # type: ignore[attr-defined]
        people = [(str(u.pk), u.get_full_name() or u.username) for u in handlers]
        field["handler"].choices = [*any_, (UNASSIGNED, "尚未分办"), *people]  # type: ignore[attr-defined]
        self.handlers = {str(u.pk): u for u in handlers}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("due_from"), data.get("due_to")
        if start and end and end < start:
            self.add_error("due_to", "答复期限的截止日期不能早于起始日期")
        return data

    def to_filter(self) -> LedgerFilter:
        data = self.cleaned_data
        handler = data.get("handler") or ""
        return LedgerFilter(
            agency=data.get("agency"),
            year=data.get("year"),
            state=data.get("state") or "",
            outcome=data.get("outcome") or "",
            channel=data.get("channel") or "",
            applicant_type=data.get("applicant_type") or "",
            handler=self.handlers.get(handler),
            unassigned=handler == UNASSIGNED,
            due_from=data.get("due_from"),
            due_to=data.get("due_to"),
            q=(data.get("q") or "").strip(),
            inbox=data.get("inbox") or "",
            sort=data.get("sort") or DEFAULT_SORT,
        )


class AssignForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    assignee = forms.ChoiceField(label="承办人", error_messages=REQUIRED | FILTER_MESSAGES)
    note = forms.CharField(label="说明", max_length=500, required=False)

    def __init__(self, *args: Any, handlers: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = [(str(u.pk), u.get_full_name() or u.username) for u in handlers]
        self.fields["assignee"].choices = people  # type: ignore[attr-defined]
        self.handlers = {str(u.pk): u for u in handlers}

    def chosen(self) -> User:
        return self.handlers[self.cleaned_data["assignee"]]


class ConfirmReceiptForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    on = forms.DateField(
        label="确认受理日期（收到申请之日）",
        widget=date_input(),
        error_messages={"required": "请填写确认受理日期", "invalid": "日期格式应为 2026-01-31"},
    )


class ReasonForm(forms.Form):
    """A step that needs only a reason (作无效处理) or a day and a reason (撤回)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    on = optional_date("日期")
    reason = forms.CharField(
        label="理由",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages=REQUIRED,
    )


class CaseFactsForm(forms.ModelForm[Application]):
    """The facts of a case as registered, corrected with a reason (the audit keeps the old)."""

    reason = forms.CharField(label="更正理由", max_length=500, error_messages=REQUIRED)

    class Meta:
        model = Application
        fields = list(CORRECTABLE)
        widgets = {"received_on": date_input(), "request": forms.Textarea(attrs={"rows": 4})}
        error_messages = RegisterForm.Meta.error_messages

    def facts(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "reason"}
