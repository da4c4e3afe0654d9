from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from gongkai.web.notify.events import deadlines


class Command(BaseCommand):
    help = "提醒各机关3个工作日内到期和已超期的申请（每日运行一次，如由 cron 调用）"

    def handle(self, *args: Any, **options: Any) -> None:
        import datetime as dt

        sent = deadlines(dt.date.today())
        self.stdout.write(f"已发出{sent}条期限提醒")
