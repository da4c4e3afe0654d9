"""The report library: each report as the core's interchange format, with its source."""

from __future__ import annotations

from typing import Any

from django.db import models

from gongkai.cells import cell_label
from gongkai.model import Report
from gongkai.web.agencies.models import Agency


class PublishedReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        PUBLISHED = "published", "已发布"

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="reports"
    )
    year = models.PositiveSmallIntegerField("年度")
    template = models.CharField("格式", max_length=4)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.DRAFT)
    published_on = models.DateField("发布日期", null=True, blank=True)
    late = models.BooleanField("逾期发布", default=False)
    data = models.JSONField("报告数据")
    errors = models.PositiveIntegerField("错误数", default=0)
    warnings = models.PositiveIntegerField("警告数", default=0)
    source_name = models.CharField("原文件名", max_length=255, blank=True)
    source_format = models.CharField("原文件格式", max_length=10, blank=True)
    source_sha256 = models.CharField("原文件摘要", max_length=64, blank=True)
    source = models.BinaryField("原文件", editable=False)
    created_at = models.DateTimeField("导入时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "年度报告"
        ordering = ["-year", "-id"]
        indexes = [
            # The library lists published reports newest first: this index serves it.
            models.Index(fields=["status", "-year", "-id"], name="report_status_year"),
            models.Index(fields=["agency", "year"], name="report_agency_year"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year"],
                condition=models.Q(status="published"),
                name="report_one_published_per_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency.name} {self.year}年度"

    def report(self) -> Report:
        return Report.model_validate(self.data)

    def findings(self) -> list[dict[str, Any]]:
        findings: list[dict[str, Any]] = self.data.get("findings") or []
        return findings


class ReportChange(models.Model):
    """The audit trail of corrections: who changed which cell, when, from what to what, why,
    and which findings the change cleared or brought."""

    report = models.ForeignKey(
        PublishedReport, verbose_name="报告", on_delete=models.CASCADE, related_name="changes"
    )
    user = models.ForeignKey("auth.User", verbose_name="修改人", on_delete=models.PROTECT)
    at = models.DateTimeField("时间", auto_now_add=True)
    cell = models.CharField("单元格", max_length=80)
    old = models.JSONField("原值", null=True)
    new = models.JSONField("新值", null=True)
    reason = models.CharField("理由", max_length=500)
    cleared = models.JSONField("消除的问题", default=list)
    introduced = models.JSONField("新出现的问题", default=list)

    class Meta:
        verbose_name = verbose_name_plural = "修改记录"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.report} {self.cell}: {self.old} → {self.new}"

    def cell_label(self) -> str:
        return cell_label(self.cell)


class ReportVersion(models.Model):
    """The report's data as it stood after each import or correction, numbered from 1."""

    report = models.ForeignKey(
        PublishedReport, verbose_name="报告", on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField("版本号")
    data = models.JSONField("报告数据")
    errors = models.PositiveIntegerField("错误数", default=0)
    warnings = models.PositiveIntegerField("警告数", default=0)
    user = models.ForeignKey(
        "auth.User", verbose_name="操作人", null=True, blank=True, on_delete=models.PROTECT
    )
    at = models.DateTimeField("时间", auto_now_add=True)
    note = models.CharField("说明", max_length=200)

    class Meta:
        verbose_name = verbose_name_plural = "报告版本"
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.report} 第{self.number}版"


class ImportBatch(models.Model):
    """Files uploaded together: read in the background, confirmed and stored all or nothing."""

    class Status(models.TextChoices):
        QUEUED = "queued", "排队等待读取"
        READING = "reading", "正在读取"
        READY = "ready", "已读取，待确认"
        FAILED = "failed", "有文件无法读取"
        IMPORTED = "imported", "已导入"

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT)
    user = models.ForeignKey("auth.User", verbose_name="上传人", on_delete=models.PROTECT)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.QUEUED)
    created_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "导入批次"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.agency.name} 导入批次{self.pk}"


class ImportFile(models.Model):
    batch = models.ForeignKey(
        ImportBatch, verbose_name="批次", on_delete=models.CASCADE, related_name="files"
    )
    name = models.CharField("文件名", max_length=255)
    data = models.BinaryField("文件")
    report = models.JSONField("读取结果", null=True, blank=True)
    problem = models.CharField("无法读取的原因", max_length=500, blank=True)
    record = models.ForeignKey(
        PublishedReport,
        verbose_name="导入后的报告",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )

    class Meta:
        verbose_name = verbose_name_plural = "导入文件"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

    def errors(self) -> int:
        findings = (self.report or {}).get("findings") or []
        return sum(1 for f in findings if f["severity"] == "error")


class Signoff(models.Model):
    """三级审签 of a report compiled from the registers: submitted by the officer, reviewed by
    the head of the disclosure office, signed off by the leader; only then is it published."""

    class Step(models.TextChoices):
        SUBMITTED = "submitted", "拟稿提交"
        REVIEWED = "reviewed", "审核"
        SIGNED = "signed", "签发"

    report = models.ForeignKey(
        PublishedReport, verbose_name="报告", on_delete=models.CASCADE, related_name="signoffs"
    )
    step = models.CharField("环节", max_length=12, choices=Step.choices)
    user = models.ForeignKey("auth.User", verbose_name="签署人", on_delete=models.PROTECT)
    at = models.DateTimeField("时间", auto_now_add=True)
    note = models.CharField("意见", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "审签记录"
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "step"], name="signoff_once_per_step")
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.get_step_display()}"
