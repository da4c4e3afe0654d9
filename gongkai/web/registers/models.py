"""The registers of proactive disclosure (主动公开) and of appeals (复议、诉讼).

A `Publication` is one entry of the agency's public catalogue (政府信息公开目录); 规章 and
行政规范性文件 among them make table 二 (1). `MonthlyFigure` holds the other figures of table
二 month by month; `Appeal` each administrative review or lawsuit, making table 四.
"""

from __future__ import annotations

import datetime as dt

from django.db import models

from gongkai.search import index_text
from gongkai.web.agencies.models import Agency
from gongkai.web.holidays.calendar import work_calendar
from gongkai.workdays import PUBLICATION_DAYS, CalendarGap, add_workdays


class Publication(models.Model):
    class Kind(models.TextChoices):
        REGULATIONS = "regulations", "规章"
        NORMATIVE = "normative_documents", "行政规范性文件"
        OTHER = "other", "其他政府信息"

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="publications"
    )
    kind = models.CharField("类别", max_length=24, choices=Kind.choices)
    title = models.CharField("标题", max_length=300)
    doc_number = models.CharField("文号", max_length=100, blank=True)
    formed_on = models.DateField("制发（形成）日期")
    repealed_on = models.DateField("废止日期", null=True, blank=True)
    published_on = models.DateField("公开日期", null=True, blank=True)
    interpretation = models.CharField("政策解读（标题或链接）", max_length=300, blank=True)
    summary = models.TextField("内容摘要", blank=True)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = verbose_name_plural = "主动公开信息"
        ordering = ["-formed_on", "-id"]
        indexes = [
            models.Index(fields=["agency", "kind", "formed_on"], name="publication_kind_formed"),
            models.Index(fields=["agency", "published_on"], name="publication_published"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_text = index_text(" ".join((self.title, self.doc_number, self.summary)))
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def publication_due(self) -> dt.date | None:
        """第二十六条: published within 20 working days of its forming."""
        try:
            return add_workdays(work_calendar(), self.formed_on, PUBLICATION_DAYS)
        except CalendarGap:
            return None

    def late(self, today: dt.date | None = None) -> bool:
        due = self.publication_due()
        if due is None:
            return False
        return (self.published_on or today or dt.date.today()) > due


class MonthlyFigure(models.Model):
    class Row(models.TextChoices):
        LICENSING = "licensing", "行政许可"
        PENALTY = "penalty", "行政处罚"
        COERCION = "coercion", "行政强制"
        FEES = "fees", "行政事业性收费（万元）"

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField("年度")
    month = models.PositiveSmallIntegerField("月份")
    row = models.CharField("事项", max_length=12, choices=Row.choices)
    value = models.DecimalField("数值", max_digits=20, decimal_places=6)

    class Meta:
        verbose_name = verbose_name_plural = "表二月度数据"
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "month", "row"], name="monthly_figure_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}年{self.month}月 {self.get_row_display()}"


class Appeal(models.Model):
    class Kind(models.TextChoices):
        REVIEW = "review", "行政复议"
        LITIGATION_DIRECT = "litigation_direct", "行政诉讼（未经复议直接起诉）"
        LITIGATION_AFTER_REVIEW = "litigation_after_review", "行政诉讼（复议后起诉）"

    class Result(models.TextChoices):
        PENDING = "pending", "尚未审结"
        UPHELD = "upheld", "结果维持"
        CORRECTED = "corrected", "结果纠正"
        OTHER = "other", "其他结果"

    agency = models.ForeignKey(
        Agency, verbose_name="被申请（被诉）机关", on_delete=models.PROTECT, related_name="appeals"
    )
    kind = models.CharField("类别", max_length=24, choices=Kind.choices)
    number = models.CharField("案号", max_length=100, blank=True)
    filed_on = models.DateField("申请（起诉）日期")
    result = models.CharField("结果", max_length=12, choices=Result.choices, default="pending")
    decided_on = models.DateField("决定（判决）日期", null=True, blank=True)
    application = models.ForeignKey(
        "cases.Application",
        verbose_name="所涉申请",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appeals",
    )

    class Meta:
        verbose_name = verbose_name_plural = "行政复议和行政诉讼"
        ordering = ["-filed_on", "-id"]
        indexes = [models.Index(fields=["agency", "filed_on"], name="appeal_filed")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"
