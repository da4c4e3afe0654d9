"""The years of the State Council's holiday arrangement an administrator added: the working
calendar everywhere is the packaged table (gongkai/data/calendar.json) extended by these
(`gongkai.web.holidays.calendar.work_calendar`)."""

from __future__ import annotations

from django.db import models


class HolidayYear(models.Model):
    year = models.PositiveSmallIntegerField("年度", unique=True)
    # The year in the form of calendar.json: weekdays off, and weekend days worked (调休).
    holidays = models.JSONField("放假的工作日", default=list, blank=True)
    workdays = models.JSONField("调休上班日", default=list, blank=True)
    source = models.TextField("录入的原文", blank=True)
    revision = models.PositiveIntegerField("修订次数", default=1)

    class Meta:
        verbose_name = verbose_name_plural = "年度放假安排"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年放假安排"

    def data(self) -> dict[str, list[str]]:
        return {"holidays": list(self.holidays), "workdays": list(self.workdays)}
