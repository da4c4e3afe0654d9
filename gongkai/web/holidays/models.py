"""The years of the State Council's holiday arrangement an administrator added: the working
calendar everywhere is the packaged table (gongkai/data/calendar.json) extended by these
(`gongkai.web.holidays.calendar.work_calendar`)."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q


class HolidayYear(models.Model):
    year = models.PositiveSmallIntegerField("年度", unique=True)
    # The year in the form of calendar.json: weekdays off, and weekend days worked (调休).
    holidays = models.JSONField("放假的工作日", default=list, blank=True)
    workdays = models.JSONField("调休上班日", default=list, blank=True)
    source = models.TextField("录入的原文", blank=True)
    revision = models.PositiveIntegerField("修订次数", default=1)
    # The answers' timings are counted again in the background after each correction
    # (holidays/tasks.py): the revision they were last counted on, and when. Behind
    # `revision` means a recount is queued or running.
    timings_revision = models.PositiveIntegerField("答复用时已按第几次录入重算", default=0)
    timings_counted_at = models.DateTimeField("答复用时重算完成时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "年度放假安排"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年放假安排"

    @property
    def recounting(self) -> bool:
        return self.timings_revision < self.revision

    def data(self) -> dict[str, list[str]]:
        return {"holidays": list(self.holidays), "workdays": list(self.workdays)}


# The years whose answers' timings are queued or being recounted (`HolidayYear.recounting`).
RECOUNTING = Q(timings_revision__lt=F("revision"))
