"""The application register: each application, its number, its clock and its audited steps."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models

from gongkai import catalog
from gongkai.cases.clock import Clock
from gongkai.cases.letters import DEFAULTS
from gongkai.cases.placeholders import KINDS
from gongkai.cases.procedure import OPEN, STATE_LABELS, State
from gongkai.cases.table import APPLICANT_TYPES, OUTCOME_ROWS
from gongkai.web.agencies.models import Agency
from gongkai.web.cases.search_words import search_texts
from gongkai.workdays import Deadline


def outcome_label(row_id: str) -> str:
    """三（三）不予公开 1.属于国家秘密: the row as an officer reads it in the printed table."""
    row = catalog.ALL_APPLICATION_ROWS[row_id]
    group = row.group if row.group and row.group != catalog.GROUP_RESULTS else ""
    return f"{group} {row.label}".strip()


APPLICANT_CHOICES = [(a, catalog.COLUMN_LABELS[a]) for a in APPLICANT_TYPES]
OUTCOME_CHOICES = [(r, outcome_label(r)) for r in OUTCOME_ROWS]
STATE_CHOICES = [(s.value, STATE_LABELS[s]) for s in State]
# The kinds an administrator can reword (gongkai.cases.placeholders.KINDS).
LETTER_KINDS = [(kind, DEFAULTS[kind].title) for kind in KINDS]


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
    # An online application has no number and no receipt day until an officer confirms it
    # (第三十一条); one set aside as 无效 never gets them, so it never counts in table 三.
    serial = models.PositiveIntegerField("序号", null=True, blank=True)
    number = models.CharField("申请编号", max_length=60, blank=True)
    channel = models.CharField("申请方式", max_length=12, choices=Channel.choices)
    received_on = models.DateField("收到申请日期", null=True, blank=True)
    applicant_type = models.CharField("申请人类型", max_length=20, choices=APPLICANT_CHOICES)
    applicant_name = models.CharField("申请人姓名或名称", max_length=100)
    # Kept only masked, with a keyed hash to find the same number again (gongkai.identity).
    id_number = models.CharField("身份证明号码（遮盖）", max_length=40, blank=True)
    id_digest = models.CharField("身份证明号码摘要", max_length=64, blank=True, editable=False)
    contact = models.CharField("联系方式", max_length=200)
    request = models.TextField("申请公开的政府信息")
    original_request = models.TextField("拆分前的申请内容", blank=True)
    wanted_form = models.CharField("获取信息的方式", max_length=100, blank=True)
    state = models.CharField("状态", max_length=12, choices=STATE_CHOICES, default=State.REGISTERED)
    clock = models.JSONField("答复期限计时", default=dict)
    due_on = models.DateField("答复期限", null=True, blank=True)
    due_provisional = models.BooleanField(
        "答复期限暂定", default=False, help_text="期限计算用到了尚无国务院放假通知的年份"
    )
    outcome = models.CharField("办理结果", max_length=40, choices=OUTCOME_CHOICES, blank=True)
    basis = models.CharField("依据", max_length=300, blank=True)
    fee_yuan = models.DecimalField("信息处理费（元）", max_digits=10, decimal_places=2, default=0)
    fee_paid_on = models.DateField("缴费日期", null=True, blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    # What the answer took (gongkai.cases.responses.Timing), kept by the answering step and
    # recomputed when the receipt day or the calendar changes (docs/cases.md, 答复用时): the
    # 答复用时 figures are then one grouped query. Empty for a case not answered (withdrawn too).
    response_days = models.PositiveSmallIntegerField(
        "答复用时（工作日）", null=True, blank=True, editable=False
    )
    answered_late = models.BooleanField("逾期答复", null=True, blank=True, editable=False)
    answered_extended = models.BooleanField("延期后答复", null=True, blank=True, editable=False)
    delivered_on = models.DateField("送达日期", null=True, blank=True)
    delivery_method = models.CharField("送达方式", max_length=50, blank=True)
    assignee = models.ForeignKey(
        "auth.User", verbose_name="承办人", null=True, blank=True, on_delete=models.SET_NULL
    )
    access_digest = models.CharField("查询码摘要", max_length=64, editable=False, db_index=True)
    split_from = models.ForeignKey(
        "self",
        verbose_name="拆分自",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="split_parts",
    )
    # What the steps recorded for their letters, by letter kind (gongkai.cases.step_facts).
    letter_facts = models.JSONField("文书内容", default=dict, blank=True)
    closing_reason = models.CharField("无效或撤回的理由", max_length=500, blank=True)
    # What the 台账's search box finds, as overlapping character pairs (gongkai.search), kept
    # by save(): the request (and the number), and apart the applicant, whom only the
    # handling office may search by. On PostgreSQL each has a GIN-indexed tsvector twin.
    search_text = models.TextField("检索用字", editable=False, default="")
    search_name = models.TextField("检索用申请人", editable=False, default="")
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
            # 答复用时 read from the index alone (PostgreSQL; elsewhere a plain partial index).
            models.Index(
                fields=["agency", "answered_on"],
                include=["response_days", "answered_late", "answered_extended", "assignee"],
                condition=models.Q(response_days__isnull=False),
                name="application_timing",
            ),
            # 待我办理: a handler's open cases, wherever they are.
            models.Index(fields=["assignee", "state"], name="application_assignee"),
            # The 台账 in number order, and by deadline across states.
            models.Index(fields=["agency", "year", "serial"], name="application_ledger"),
            models.Index(fields=["agency", "due_on"], name="application_due"),
            # A corrected calendar: the cases with a deadline counting a changed day, found
            # in the index alone (due on or after the first, received before the last).
            models.Index(
                fields=["due_on", "received_on"],
                condition=models.Q(due_on__isnull=False),
                name="application_deadline",
            ),
            # A region's 台账, newest first (read backwards: received_on DESC NULLS FIRST).
            models.Index(fields=["received_on", "id"], name="application_newest"),
        ]

    def __str__(self) -> str:
        return self.number or NO_NUMBER

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text, self.search_name = search_texts(
            self.year, self.serial, self.request, self.original_request, self.applicant_name
        )
        fields = kwargs.get("update_fields")
        if fields is not None and SEARCHED & set(fields):
            kwargs["update_fields"] = {*fields, "search_text", "search_name"}
        super().save(*args, **kwargs)

    def received(self) -> bool:
        """Confirmed (第三十一条): it has a number, a receipt day and a clock."""
        return self.received_on is not None

    def label(self) -> str:
        """How people name the case: its number, or that it has none yet."""
        return self.number or NO_NUMBER

    def due_text(self) -> str:
        """The deadline as shown everywhere: 2027-01-18（暂定）, or why there is none."""
        if self.due_on is None:
            return "" if self.state not in OPEN_VALUES else CLOCK_STOPPED
        return str(Deadline(self.due_on, self.due_provisional))

    def state_label(self) -> str:
        return STATE_LABELS[State(self.state)]

    def work_clock(self) -> Clock:
        return clock_from_json(self.clock)

    def masked_name(self) -> str:
        return mask(self.applicant_name)


NO_NUMBER = "（待受理，尚无编号）"
SEARCHED = frozenset({"serial", "request", "original_request", "applicant_name"})
CLOCK_STOPPED = "计时暂停"
OPEN_VALUES = frozenset(s.value for s in OPEN)


def clock_from_json(data: dict[str, Any]) -> Clock:
    """The clock as stored in `Application.clock`."""
    stopped = data.get("stopped_since")
    return Clock(
        start=dt.date.fromisoformat(data["start"]),
        pauses=tuple(
            (dt.date.fromisoformat(a), dt.date.fromisoformat(b)) for a, b in data["pauses"]
        ),
        stopped_since=dt.date.fromisoformat(stopped) if stopped else None,
        waiting_for_correction=data["waiting_for_correction"],
        extended=data["extended"],
        correction_requested=data.get("correction_requested", False),
    )


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
