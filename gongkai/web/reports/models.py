"""The report library: each report as the core's interchange format, with its source."""

from __future__ import annotations

from django.db import models
from django.db.models import Max

from gongkai.checks import errors
from gongkai.figures import FIGURES
from gongkai.model import Report
from gongkai.signoff import STEP_LABELS, Signature, SignoffStep
from gongkai.web.agencies.models import Agency


class PublishedReport(models.Model):
    """One edition of an agency's annual report: a draft, the published edition, or an
    earlier edition that a correction replaced (kept for ever, shown beside the current)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        PUBLISHED = "published", "已发布"
        SUPERSEDED = "superseded", "已被更正版本替代"

    class Origin(models.TextChoices):
        # The agency's own report, prepared here (uploaded or compiled), goes through
        # 三级审签 before it is published; a collected one was published by the agency
        # elsewhere and is kept in the library as it was printed.
        PREPARED = "prepared", "本机关编制"
        COLLECTED = "collected", "收录"

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="reports"
    )
    year = models.PositiveSmallIntegerField("年度")
    template = models.CharField("格式", max_length=4)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.DRAFT)
    origin = models.CharField(
        "来源", max_length=12, choices=Origin.choices, default=Origin.PREPARED
    )
    published_on = models.DateField("发布日期", null=True, blank=True)
    late = models.BooleanField("逾期发布", default=False)
    data = models.JSONField("报告数据")
    errors = models.PositiveIntegerField("错误数", default=0)
    warnings = models.PositiveIntegerField("警告数", default=0)
    errors_reason = models.TextField("存在错误仍发布的理由", blank=True)
    supersedes = models.ForeignKey(
        "self",
        verbose_name="更正的版本",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revisions",
    )
    edition = models.PositiveSmallIntegerField("发布版次", default=1)
    revision_reason = models.TextField("更正理由", blank=True)
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
        """The report as the core's typed object, its findings included."""
        return Report.model_validate(self.data)

    def set_report(self, report: Report) -> None:
        """Keep `report` as this record's data, its errors and warnings counted."""
        findings = report.findings or []
        self.data = report.to_json()
        self.errors = len(errors(findings))
        self.warnings = len(findings) - self.errors

    def compiled(self) -> bool:
        return self.source_format == COMPILED_FORMAT

    def version_number(self) -> int:
        """The number of the record's current version (each import or change makes one)."""
        return int(self.versions.aggregate(n=Max("number"))["n"] or 0)


COMPILED_FORMAT = "registers"
SIGNOFF_CHOICES = [(step.value, label) for step, label in STEP_LABELS.items()]


class ReportVersion(models.Model):
    """The report's data as it stood after each import or correction, numbered from 1."""

    report = models.ForeignKey(
        PublishedReport, verbose_name="报告", on_delete=models.PROTECT, related_name="versions"
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
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    claimed_at = models.DateTimeField("开始读取时间", null=True, blank=True)
    purged_at = models.DateTimeField("文件清除时间", null=True, blank=True)

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

    def read(self) -> Report | None:
        """What was read from the file, as the core's typed report (None if unreadable)."""
        return Report.model_validate(self.report) if self.report else None


class Signoff(models.Model):
    """One signature of 三级审签 (`gongkai.signoff`) on one version of a report: a change
    after signing makes a new version, which needs its own signatures; none is ever
    deleted."""

    report = models.ForeignKey(
        PublishedReport, verbose_name="报告", on_delete=models.PROTECT, related_name="signoffs"
    )
    version = models.PositiveIntegerField("所签版本")
    step = models.CharField("环节", max_length=12, choices=SIGNOFF_CHOICES)
    user = models.ForeignKey("auth.User", verbose_name="签署人", on_delete=models.PROTECT)
    at = models.DateTimeField("时间", auto_now_add=True)
    note = models.CharField("意见", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "审签记录"
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "version", "step"], name="signoff_once_per_version_step"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} 第{self.version}版 {self.get_step_display()}"

    def signature(self) -> Signature:
        return Signature(SignoffStep(self.step), self.user_id)


class ReportFigures(models.Model):
    """A report's figures (`gongkai.figures`) in columns, beside its state, so that a
    province's reports are summed and ranked in the database: one row per report, kept by
    every action that stores or publishes one (`reports.actions.keep_figures`), filled for
    older reports by the migration and by `refresh_figures`."""

    report = models.OneToOneField(
        PublishedReport,
        verbose_name="报告",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="figures",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name="机关",
        on_delete=models.CASCADE,
        related_name="report_figures",  # each agency's standing, summed in SQL
        db_index=False,
    )
    year = models.PositiveSmallIntegerField("年度")
    status = models.CharField("状态", max_length=12, choices=PublishedReport.Status.choices)
    edition = models.PositiveSmallIntegerField("发布版次", default=1)
    published_on = models.DateField("发布日期", null=True, blank=True)
    late = models.BooleanField("逾期发布", null=True, help_text="无发布日期的为空")
    errors = models.PositiveIntegerField("错误数", default=0)
    warnings = models.PositiveIntegerField("警告数", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "报告数据"
        indexes = [
            # Every analytics query: the current editions of a span of years, by agency.
            models.Index(fields=["status", "year", "agency"], name="figures_status_year"),
            models.Index(fields=["agency", "year"], name="figures_agency_year"),
        ]

    def __str__(self) -> str:
        return f"{self.report_id}"


for _figure in FIGURES:
    _field: models.Field[object, object] = (
        models.DecimalField(_figure.label, max_digits=20, decimal_places=6, null=True)
        if _figure.name == "fees_10k_yuan"
        else models.IntegerField(_figure.label, null=True)
    )
    ReportFigures.add_to_class(_figure.name, _field)
