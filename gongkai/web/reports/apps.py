from __future__ import annotations

from django.apps import AppConfig
from django.core import checks


class ReportsConfig(AppConfig):
    name = "gongkai.web.reports"
    verbose_name = "年度报告"

    def ready(self) -> None:
        from gongkai.web.reader_limits import check_reader_limits

        checks.register(check_reader_limits)
