"""`python -m gongkai.web refresh_figures`: every report's figures row written anew."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from gongkai.web.reports.actions import refresh_figures
from gongkai.web.reports.models import PublishedReport


class Command(BaseCommand):
    help = "重新计算每份报告用于统计分析的数据（统计口径更新后运行一次）"

    def handle(self, *args: Any, **options: Any) -> None:
        count = refresh_figures(PublishedReport.objects.all())
        self.stdout.write(f"已更新 {count} 份报告的统计数据")
