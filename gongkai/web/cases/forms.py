"""The register's forms: registering an application (officers and the public), taking a step,
and following a case with its number and access code."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.core.validators import MaxLengthValidator

from gongkai.cases.answers import GROUNDS
from gongkai.cases.step_facts import PARTIES, StepFacts, missing_facts
from gongkai.identity import id_problem, normalize_id
from gongkai.web.agencies.forms import seen_agency_field
from gongkai.web.cases.actions import CORRECTABLE
from gongkai.web.cases.ledger import DEFAULT_SORT, STATE_FILTERS, UNASSIGNED, LedgerFilter
from gongkai.web.cases.models import (
    APPLICANT_CHOICES,
    OUTCOME_CHOICES,
    Application,
    outcome_label,
)
from gongkai.web.cases.queries import INBOX_LABELS
from gongkai.web.edge import date_input

REQUIRED = {"required": "此项必填"}
TOO_LONG = "最多%(limit_value)d个字（现有%(show_value)d个字）"
NUMBER_MESSAGES = {
    "invalid": "应为整数",
    "min_value": "不能小于%(limit_value)s",
    "max_value": "不能大于%(limit_value)s",
}
ROWS = {"rows": 2}
REQUEST_LIMIT = 2000  # 第二十九条: a description of the information, not a document


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
        labels = {"id_number": "身份证明号码"}
        help_texts = {
            "id_number": "居民身份证号码、统一社会信用代码或其他证件号码；只保存遮盖后的号码",
            "contact": "电话、电子邮箱或通讯地址",
        }
        error_messages = {
            name: {
                "required": "此项必填",
                "invalid": "格式不正确",
                "invalid_choice": "请从列表中选择",
                "max_length": TOO_LONG,
            }
            for name in fields
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.fields["request"]
        assert isinstance(request, forms.CharField)
        request.max_length = REQUEST_LIMIT
        request.validators.append(MaxLengthValidator(REQUEST_LIMIT))
        request.widget.attrs["maxlength"] = str(REQUEST_LIMIT)

    def clean_id_number(self) -> str:
        return normalize_id(self.cleaned_data.get("id_number", ""))

    def clean(self) -> dict[str, Any]:
        """The identity number checked by its standard where it has one (GB 11643 for a
        person, GB 32100 for an organisation)."""
        data = super().clean() or {}
        person = data.get("applicant_type") == "natural_person"
        problem = id_problem(data.get("id_number", ""), person=person)
        if problem:
            self.add_error("id_number", problem)
        return data

    def clean_received_on(self) -> dt.date:
        received: dt.date = self.cleaned_data["received_on"]
        if received > dt.date.today():
            raise forms.ValidationError("收到申请日期不能晚于今天")
        return received


class PublicApplyForm(RegisterForm):
    """The online form: the applicant does not choose the channel or the date (第三十一条:
    online applications are received on the day both sides confirm: today)."""

    agency = forms.TypedChoiceField(
        label="向哪个机关申请",
        coerce=int,
        error_messages={"required": "请选择受理机关", "invalid_choice": "请从列表中选择受理机关"},
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
    # What the step's letter needs (gongkai.cases.step_facts); shown with its step only.
    correction_items = forms.CharField(
        label="需要补正的事项", max_length=500, required=False, widget=forms.Textarea(ROWS)
    )
    correction_days = forms.IntegerField(
        label="补正期限（工作日）", min_value=1, max_value=60, required=False, initial=15
    )
    addressee = forms.CharField(label="征求意见对象", max_length=100, required=False)
    party = forms.ChoiceField(label="对象类别", choices=list(PARTIES.items()), required=False)
    fee_kind = forms.ChoiceField(
        label="计收方式",
        choices=[("", "—"), ("items", "按件计收（第四条）"), ("pages", "按量计收（第五条）")],
        required=False,
    )
    fee_quantity = forms.IntegerField(
        label="件数或页数", min_value=1, max_value=100_000, required=False
    )
    fee_earlier_items = forms.IntegerField(
        label="本月此前已申请件数", min_value=0, max_value=100_000, required=False
    )
    provided = forms.CharField(
        label="提供的信息", max_length=500, required=False, widget=forms.Textarea(ROWS)
    )
    provided_form = forms.CharField(label="提供形式", max_length=100, required=False)
    withheld = forms.CharField(
        label="不予公开的内容", max_length=500, required=False, widget=forms.Textarea(ROWS)
    )
    ground = forms.ChoiceField(
        label="不予公开的理由",
        choices=[("", "—"), *((row, outcome_label(row)) for row in GROUNDS)],
        required=False,
    )
    answer_reason = forms.CharField(
        label="答复说明", max_length=500, required=False, widget=forms.Textarea(ROWS)
    )
    where_public = forms.CharField(label="已主动公开的途径", max_length=500, required=False)
    referral = forms.CharField(label="负责公开的机关及联系方式", max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages.setdefault("max_length", TOO_LONG)
            if isinstance(field, forms.IntegerField) and not isinstance(
                field.widget, forms.HiddenInput
            ):
                field.error_messages |= NUMBER_MESSAGES

    def step_facts(self) -> StepFacts:
        """What the officer typed for the step's letter."""
        data = self.cleaned_data
        texts = ("correction_items", "addressee", "fee_kind", "provided", "withheld", "ground")
        more = ("where_public", "referral")
        return StepFacts(
            **{name: data.get(name) or "" for name in (*texts, *more)},
            correction_days=data.get("correction_days"),
            party=data.get("party") or "third_party",
            fee_quantity=data.get("fee_quantity"),
            fee_earlier_items=data.get("fee_earlier_items"),
            form=data.get("provided_form") or "",
            reason=data.get("answer_reason") or "",
        )

    def clean_on(self) -> dt.date:
        on: dt.date = self.cleaned_data["on"]
        if on > dt.date.today():
            raise forms.ValidationError("办理日期不能晚于今天")
        return on

    def clean(self) -> dict[str, Any]:
        """What the chosen step's letter cannot go out without (gongkai.cases.step_facts)."""
        data = super().clean() or {}
        if not self.errors:
            action, note = data.get("action", ""), data.get("note", "")
            for problem in missing_facts(action, self.step_facts(), note):
                self.add_error(None, problem)
        return data


class StatusForm(forms.Form):
    """Following a case: the access code given at submission, and the number if known (an
    application has it once accepted; several parts of a split application share a code)."""

    number = forms.CharField(
        label="申请编号",
        max_length=60,
        required=False,
        error_messages={"max_length": TOO_LONG},
        help_text=(
            "如 依申请〔2026〕12号，括号写成 [ ]、【】或 ( ) 均可；不填则列出该查询码的全部申请"
        ),
    )
    code = forms.CharField(
        label="查询码",
        max_length=40,
        error_messages={"required": "请填写提交申请时给出的查询码", "max_length": TOO_LONG},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text="16位字母和数字，大小写、空格和连字符均可",
    )


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
    agency = seen_agency_field()
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
        # Its own ids: the case page also holds the step form, whose 说明 is id_note too.
        super().__init__(*args, **{"auto_id": "assign_%s", **kwargs})
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
