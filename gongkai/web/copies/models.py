"""Copies found between the library's published reports (`gongkai.copies`): which section of
which two reports repeat each other, by how much, and where. Supervisory information: shown
to the agencies' supervisors and to each agency's own people, never on the public pages."""

from __future__ import annotations

from django.db import models

from gongkai import catalog
from gongkai.web.agencies.models import Agency
from gongkai.web.reports.models import PublishedReport

SECTION_CHOICES = list(catalog.SECTIONS)


class CopyRun(models.Model):
    """One run of copy detection over a scope: the published reports of a year (with each
    agency's report of the year before) in a region; no year or no region: all of them."""

    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    region = models.ForeignKey(
        Agency, verbose_name="地区", null=True, blank=True, on_delete=models.CASCADE
    )
    compared = models.PositiveIntegerField("比较的报告（份）")
    copies = models.PositiveIntegerField("发现重复（处）")
    user = models.ForeignKey(
        "auth.User", verbose_name="操作人", null=True, blank=True, on_delete=models.SET_NULL
    )
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "重复内容查找"
        ordering = ["-at", "-id"]


class SectionCopy(models.Model):
    """One section of two published reports that repeat each other.

    `left` is the earlier report (by year); `right_share` is the share of the right report's
    section found in the left one (for one agency's two years: how much of this year's
    repeats last year's). `passages`: [[left start, end], [right start, end], [[left span,
    right span], …]] in each section's text, the identical pieces last (gongkai.copies).
    """

    section = models.CharField("部分", max_length=20, choices=SECTION_CHOICES)
    left = models.ForeignKey(
        PublishedReport, verbose_name="较早的报告", on_delete=models.CASCADE, related_name="+"
    )
    right = models.ForeignKey(
        PublishedReport, verbose_name="较晚的报告", on_delete=models.CASCADE, related_name="+"
    )
    left_share = models.FloatField("较早报告该部分的重复比例")
    right_share = models.FloatField("较晚报告该部分的重复比例")
    same_agency = models.BooleanField("同一机关")
    passages = models.JSONField("重复的段落", default=list)

    class Meta:
        verbose_name = verbose_name_plural = "年度报告重复内容"
        constraints = [
            models.UniqueConstraint(fields=["section", "left", "right"], name="section_copy_once")
        ]
        indexes = [models.Index(fields=["right", "section"], name="section_copy_right")]
