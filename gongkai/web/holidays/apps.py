from __future__ import annotations

from django.apps import AppConfig


class HolidaysConfig(AppConfig):
    name = "gongkai.web.holidays"
    label = "holidays"
    verbose_name = "工作日历"
