"""The files an answer releases (第三十六条第（二）项, 第三十七条): uploaded by the officer,
given to the applicant on the status page once the case is answered. For 部分公开 the
officer marks what to withhold and gongkai burns it in (gongkai.redact): the redacted copy is
released, its original is kept for the file but never given out."""

from __future__ import annotations

from django.db import models

from gongkai.web.cases.models import Application


class Release(models.Model):
    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.CASCADE, related_name="releases"
    )
    name = models.CharField("文件名", max_length=255)
    content_type = models.CharField("文件类型", max_length=100)
    data = models.BinaryField("文件")
    size = models.PositiveIntegerField("大小（字节）")
    released = models.BooleanField("提供给申请人", default=True)
    source = models.ForeignKey(
        "self",
        verbose_name="区分处理前的原件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="redactions",
    )
    boxes = models.JSONField("遮盖区域", default=list, blank=True)
    user = models.ForeignKey(
        "auth.User", verbose_name="上传人", null=True, blank=True, on_delete=models.PROTECT
    )
    at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "公开的信息文件"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def redacted(self) -> bool:
        return self.source_id is not None
