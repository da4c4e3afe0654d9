"""Bulk ingest into the library: named collections, each run of the command, and every file
a run has seen — stored as a collected report, waiting for a person to name its agency, or
unreadable — keyed by the sha256 of its bytes, once for all runs and machines."""

from __future__ import annotations

from django.db import models

from gongkai.web.reports.models import PublishedReport


class Collection(models.Model):
    """Reports gathered together (a province's 2024 reports, an evaluator's sample)."""

    name = models.CharField("名称", max_length=100, unique=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "收录集"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class IngestRun(models.Model):
    """One `ingest` command on one machine; a killed run has no end (its files stay)."""

    collection = models.ForeignKey(
        Collection, verbose_name="收录集", on_delete=models.PROTECT, related_name="runs"
    )
    user = models.ForeignKey(
        "auth.User", verbose_name="操作人", null=True, blank=True, on_delete=models.PROTECT
    )
    host = models.CharField("计算机", max_length=100, blank=True)
    sources = models.JSONField("导入的文件夹、压缩包或清单", default=list)
    started_at = models.DateTimeField("开始时间", auto_now_add=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    summary = models.JSONField("结果", default=dict)

    class Meta:
        verbose_name = verbose_name_plural = "批量导入"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.collection} 第{self.pk}次导入"


class CollectedFile(models.Model):
    class Outcome(models.TextChoices):
        STORED = "stored", "已收录"
        PENDING = "pending", "待确认机关"
        FAILED = "failed", "无法读取"
        DISMISSED = "dismissed", "不予收录"

    class Reason(models.TextChoices):
        UNMATCHED = "unmatched", "机关名称在机关名录中找不到"
        AMBIGUOUS = "ambiguous", "机关名称可能指多个机关"
        YEAR_TAKEN = "year_taken", "该机关该年度已有报告"
        NO_YEAR = "no_year", "未能识别报告年度"

    sha256 = models.CharField("文件摘要", max_length=64, unique=True, null=True, blank=True)
    run = models.ForeignKey(
        IngestRun, verbose_name="批量导入", on_delete=models.PROTECT, related_name="files"
    )
    name = models.CharField("文件", max_length=500)
    outcome = models.CharField("结果", max_length=12, choices=Outcome.choices)
    reason = models.CharField("待确认的原因", max_length=12, choices=Reason.choices, blank=True)
    agency_name = models.CharField("报告所写机关", max_length=200, blank=True)
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    candidates = models.JSONField("可能的机关", default=list)
    pages = models.PositiveIntegerField("页数", null=True, blank=True)
    report = models.OneToOneField(
        PublishedReport,
        verbose_name="收录的报告",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="collected_file",
    )
    # What a pending file waits with: the report as read, and the file itself.
    data = models.JSONField("读取结果", null=True, blank=True)
    source = models.BinaryField("原文件", default=b"", editable=False)
    problem = models.CharField("无法读取的原因", max_length=500, blank=True)
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "收录文件"
        ordering = ["id"]
        indexes = [models.Index(fields=["outcome", "id"], name="collected_outcome")]

    def __str__(self) -> str:
        return self.name
