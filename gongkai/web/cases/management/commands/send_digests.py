"""`python -m gongkai.web send_digests`: run daily (cron or a systemd timer)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from gongkai.web.cases.digest import send_digests


class Command(BaseCommand):
    help = "向承办人发送即将到期和已逾期申请的每日提醒邮件"

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"已发送 {send_digests()} 封提醒邮件")
