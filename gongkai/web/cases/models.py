"""The application register: each application, its number, its clock and its audited steps."""

from __future__ import annotations

import datetime as dt

from django.db import models

from gongkai import catalog
from gongkai.cases.clock import Clock
from gongkai.cases.letters import DEFAULTS
from gongkai.cases.procedure import STATE_LABELS, State
from gongkai.cases.table import APPLICANT_TYPES, OUTCOME_ROWS
from gongkai.web.agencies.models import Agency


def outcome_label(row_id: str) -> str:
    """三（三）不予公开 1.属于国家秘密: the row as an officer reads it in the printed table."""
    row = catalog.ALL_APPLICATION_ROWS[row_id]
    group = row.group if row.group and row.group != catalog.GROUP_RESULTS else ""
    return f"{group} {row.label}".strip()


APPLICANT_CHOICES = [(a, catalog.COLUMN_LABELS[a]) for a in APPLICANT_TYPES]
OUTCOME_CHOICES = [(r, outcome_label(r)) for r in OUTCOME_ROWS]
STATE_CHOICES = [(s.value, STATE_LABELS[s]) for s in State]
# The kinds an administrator can reword so far (征求意见函 to another agency joins them with
# the letter settings' migration).
LETTER_KINDS = [
    (kind, DEFAULTS[kind].title)
    for kind in ("correction", "consultation", "extension", "fee", "answer")
]


class CaseCounter(models.Model):
    """The last case number given per agency and year; locked while a number is taken, so
    numbers are unique and gap-free even when several officers register at once."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="case_counter_agency_year")
        ]


class Application(models.Model):
    class Channel(models.TextChoices):
        ONLINE = "online", "网上申请"
        LETTER = "letter", "信函"
        IN_PERSON = "in_person", "当面提交"
        FAX = "fax", "传真"
        EMAIL = "email", "电子邮件"

    agency = models.ForeignKey(
        Agency, verbose_name="受理机关", on_delete=models.PROTECT, related_name="applications"
    )
    year = models.PositiveSmallIntegerField("登记年度")
    serial = models.PositiveIntegerField("序号")
    number = models.CharField("申请编号", max_length=60)
    channel = models.CharField("申请方式", max_length=12, choices=Channel.choices)
    received_on = models.DateField("收到申请日期")
    applicant_type = models.CharField("申请人类型", max_length=20, choices=APPLICANT_CHOICES)
    applicant_name = models.CharField("申请人姓名或名称", max_length=100)
    id_number = models.CharField("身份证明号码", max_length=40, blank=True)
    contact = models.CharField("联系方式", max_length=200)
    request = models.TextField("申请公开的政府信息")
    original_request = models.TextField("拆分前的申请内容", blank=True)
    wanted_form = models.CharField("获取信息的方式", max_length=100, blank=True)
    state = models.CharField("状态", max_length=12, choices=STATE_CHOICES, default=State.REGISTERED)
    clock = models.JSONField("答复期限计时", default=dict)
    due_on = models.DateField("答复期限", null=True, blank=True)
    outcome = models.CharField("办理结果", max_length=40, choices=OUTCOME_CHOICES, blank=True)
    basis = models.CharField("依据", max_length=300, blank=True)
    fee_yuan = models.DecimalField("信息处理费（元）", max_digits=10, decimal_places=2, default=0)
    fee_paid_on = models.DateField("缴费日期", null=True, blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    delivered_on = models.DateField("送达日期", null=True, blank=True)
    delivery_method = models.CharField("送达方式", max_length=50, blank=True)
    assignee = models.ForeignKey(
        "auth.User", verbose_name="承办人", null=True, blank=True, on_delete=models.SET_NULL
    )
    access_digest = models.CharField("查询码摘要", max_length=64, editable=False)
    split_from = models.ForeignKey(
        "self",
        verbose_name="拆分自",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="split_parts",
    )
    version = models.PositiveIntegerField("版本", default=1)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "政府信息公开申请"
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "serial"], name="application_number_per_year"
            )
        ]
        indexes = [
            # Work lists: open cases of an agency by deadline.
            models.Index(fields=["agency", "state", "due_on"], name="application_worklist"),
            # Table 三: received in / answered in a year.
            models.Index(fields=["agency", "received_on"], name="application_received"),
            models.Index(fields=["agency", "answered_on"], name="application_answered"),
        ]

    def __str__(self) -> str:
        return self.number

    def state_label(self) -> str:
        return STATE_LABELS[State(self.state)]

    def work_clock(self) -> Clock:
        data = self.clock
        return Clock(
            start=dt.date.fromisoformat(data["start"]),
            pauses=tuple(
                (dt.date.fromisoformat(a), dt.date.fromisoformat(b)) for a, b in data["pauses"]
            ),
            stopped_since=dt.date.fromisoformat(data["stopped_since"])
            if data.get("stopped_since")
            else None,
            waiting_for_correction=data["waiting_for_correction"],
            extended=data["extended"],
            correction_requested=data.get("correction_requested", False),
        )

    def masked_name(self) -> str:
        return mask(self.applicant_name)


def clock_json(clock: Clock) -> dict[str, object]:
    return {
        "start": clock.start.isoformat(),
        "pauses": [[a.isoformat(), b.isoformat()] for a, b in clock.pauses],
        "stopped_since": clock.stopped_since.isoformat() if clock.stopped_since else None,
        "waiting_for_correction": clock.waiting_for_correction,
        "extended": clock.extended,
        "correction_requested": clock.correction_requested,
    }


def mask(text: str) -> str:
    """Keep the first character only: 张三丰 → 张**; lists never show applicants in full."""
    return text[:1] + "*" * min(len(text) - 1, 6) if text else ""


class Attachment(models.Model):
    """A file that came with the application or its correction (第二十九条: 身份证明 etc.)."""

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.CASCADE, related_name="attachments"
    )
    name = models.CharField("文件名", max_length=255)
    data = models.BinaryField("文件")
    size = models.PositiveIntegerField("大小（字节）")
    user = models.ForeignKey(
        "auth.User", verbose_name="上传人", null=True, blank=True, on_delete=models.PROTECT
    )
    at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "申请附件"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.name


class LetterTemplate(models.Model):
    """An administrator's wording of one kind of letter, replacing the default
    (gongkai.cases.letters.DEFAULTS); placeholders: gongkai.cases.placeholders."""

    kind = models.CharField("文书", max_length=20, unique=True, choices=LETTER_KINDS)
    title = models.CharField("标题", max_length=100)
    body = models.TextField("正文", help_text="段落之间空一行；大括号内为自动填写的内容")

    class Meta:
        verbose_name = verbose_name_plural = "文书模板"

    def __str__(self) -> str:
        return self.title
