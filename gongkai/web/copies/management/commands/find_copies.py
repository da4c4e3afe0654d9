"""`python -m gongkai.web find_copies [--year Y] [--region ID]`: copy detection over the
library's published reports, the result kept for the supervisors' page (/manage/copies/).
Run again for the same scope: the new result replaces the old."""

from __future__ import annotations

import os
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.web.agencies.models import Agency
from gongkai.web.copies.actions import do_find_copies

DONE = "比较已发布的报告{compared}份，发现重复{copies}处。"
NO_REGION = "没有编号为{id}的机关"
NO_USER = "没有用户“{name}”"


class Command(BaseCommand):
    help = "查找报告库中已发布年度报告之间重复的段落（同一机关上下年度、不同机关之间）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, help="年度（与上一年度的报告比较）；默认全部年度")
        parser.add_argument("--region", type=int, metavar="ID", help="地区（机关编号）；默认全部")
        parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="进程数")
        parser.add_argument("--user", help="记入审计记录的操作人（用户名）")

    def handle(self, *args: Any, **options: Any) -> None:
        region = None
        if options["region"] is not None:
            region = Agency.objects.filter(pk=options["region"]).first()
            if region is None:
                raise CommandError(NO_REGION.format(id=options["region"]), returncode=2)
        user = None
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(NO_USER.format(name=options["user"]), returncode=2)
        run = do_find_copies(options["year"], region, user=user, workers=options["workers"])
        self.stdout.write(DONE.format(compared=run.compared, copies=run.copies))
