"""`python -m gongkai.web compute_response_times [--year Y]`: every answered application's
timing (working days, late, extended) counted anew on the current calendar; then the
recounts of corrected years still waiting (a worker that died mid-run) are done here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gongkai.web.cases.actions import refresh_timings
from gongkai.web.cases.models import Application
from gongkai.web.holidays.calendar import work_calendar
from gongkai.web.holidays.tasks import recount_timings, waiting_years


class Command(BaseCommand):
    help = "按当前的工作日历重新计算已答复申请的答复用时、是否逾期、是否延期（统计答复用时所用）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, help="只计算该年度答复的申请")

    def handle(self, *args: Any, **options: Any) -> None:
        cases = Application.objects.all()
        if options["year"]:
            year = options["year"]
            cases = cases.filter(
                answered_on__gte=dt.date(year, 1, 1), answered_on__lt=dt.date(year + 1, 1, 1)
            )
        count = refresh_timings(cases, work_calendar())
        for year in waiting_years():
            count += recount_timings(year) or 0
        self.stdout.write(f"已更新 {count} 件申请的答复用时")
