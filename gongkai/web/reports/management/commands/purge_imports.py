"""`python -m gongkai.web purge_imports` (nightly, cron): expire the reads of workers that
died, and remove failed uploads' files after their retention period."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from gongkai.web.reports.actions import do_expire_stale_reads, do_purge_failed_imports


class Command(BaseCommand):
    help = "将读取进程已终止的批次标为读取失败；清除保存期满的读取失败的上传文件"

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        stale = dt.timedelta(seconds=settings.GONGKAI_READ_STALE_SECONDS)
        expired = do_expire_stale_reads(now, stale)
        kept = dt.timedelta(days=settings.GONGKAI_FAILED_UPLOAD_DAYS)
        purged = do_purge_failed_imports(now, kept)
        self.stdout.write(f"读取中断的批次：{len(expired)}；清除文件的批次：{purged}")
