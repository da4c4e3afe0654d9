"""`python -m gongkai.web ingest PATH… --collection NAME`: reports in bulk into the library.

The core's run (`gongkai.ingest`: hashing, worker processes, batches) with the database as
its sink: each report collected under its agency (matched by name), unmatched names to the
review queue, unreadable files listed. Run it again after an interruption, on this machine
or on others over the same database: only files not yet there are read.
"""

from __future__ import annotations

import os
import socket
import sys
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai import messages
from gongkai.errors import GongkaiError
from gongkai.ingest.pool import WorkerLimits
from gongkai.ingest.progress import Progress, wanted
from gongkai.ingest.run import Summary, ingest
from gongkai.ingest.sources import Item, expand
from gongkai.ingest.urls import check_reachable
from gongkai.web.ingest.actions import do_finish_ingest, do_start_ingest
from gongkai.web.ingest.sink import DatabaseSink
from gongkai.web.reader_limits import reader_limits

SUMMARY = (
    "读取{read}份（共{pages}页）：收录{stored}份，待确认机关{pending}份；此前已导入{known}份，"
    "重复{duplicates}份，无法读取{failed}份；用时{seconds:.1f}秒（每秒{rate:.1f}份）。"
)
NO_USER = "没有用户“{name}”"
BAD_PART = "--part 应写作“第几份/共几份”，如 1/3（第1份，共3份）"
FAILURES_SHOWN = 20


class Command(BaseCommand):
    help = "批量收录年度报告到报告库：文件夹、压缩包或清单中的全部报告，按机关名称匹配机关"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="*", metavar="PATH", help="文件夹、压缩包或报告文件")
        parser.add_argument("--list", action="append", default=[], metavar="FILE", help="文件清单")
        parser.add_argument("--collection", required=True, help="收录集名称，如“2024年度全省报告”")
        parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="读取进程数")
        parser.add_argument(
            "--timeout", type=float, default=WorkerLimits.seconds, help="每个文件的读取时限（秒）"
        )
        parser.add_argument("--memory", type=int, metavar="MB", help="每个读取进程的内存上限（MB）")
        parser.add_argument("--user", help="记入审计记录的操作人（用户名）")
        parser.add_argument(
            "--part",
            metavar="K/N",
            help="多台机器分担同一批文件：本机只导入按顺序分成N份后的第K份",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["paths"] and not options["list"]:
            raise CommandError(messages.NOTHING_TO_INGEST, returncode=2)
        try:
            items = _part(expand(options["paths"], options["list"]), options["part"])
            check_reachable([i.url for i in items if i.url])
        except GongkaiError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        run = do_start_ingest(
            options["collection"],
            [*options["paths"], *options["list"]],
            user=_user(options["user"]),
            host=socket.gethostname(),
            workers=options["workers"],
        )
        sink = DatabaseSink(run)
        progress = Progress(len(items), sys.stderr) if wanted(sys.stderr) else None
        try:
            limits = WorkerLimits(options["timeout"], options["memory"])
            summary = ingest(
                items,
                sink,
                workers=options["workers"],
                limits=limits,
                reader_limits=reader_limits(),
                observer=progress,
            )
        finally:
            if progress:
                progress.close()
        do_finish_ingest(run, _figures(summary))
        self._say(summary, sink)
        if summary.failed:
            raise CommandError(f"{summary.failed}个文件无法读取", returncode=2)

    def _say(self, summary: Summary, sink: DatabaseSink) -> None:
        for failure in summary.failures[:FAILURES_SHOWN]:
            self.stderr.write(f"{failure.name}：{failure.message}")
        rate = summary.read / summary.seconds if summary.seconds else 0.0
        self.stdout.write(
            SUMMARY.format(
                **_figures(summary),
                stored=sink.counts["stored"],
                pending=sink.counts["pending"],
                rate=rate,
            )
        )


def _figures(summary: Summary) -> dict[str, float | int]:
    return {
        "read": summary.read,
        "pages": summary.pages,
        "known": summary.known,
        "duplicates": summary.duplicates,
        "failed": summary.failed,
        "seconds": round(summary.seconds, 1),
        "peak_mb": round(summary.peak_mb),
    }


def _part(items: list[Item], part: str | None) -> list[Item]:
    """The K-th of N runs of consecutive items (one agency's files stay together: fewer
    machines wait on each other's locks); every machine lists the same arguments alike."""
    if part is None:
        return items
    first, _, count = part.partition("/")
    numbers = all(x.isascii() and x.isdigit() for x in (first, count))
    if not numbers or not 1 <= int(first) <= int(count):
        raise CommandError(BAD_PART, returncode=2)
    k, n = int(first), int(count)
    return items[(k - 1) * len(items) // n : k * len(items) // n]


def _user(name: str | None) -> User | None:
    if name is None:
        return None
    user = User.objects.filter(username=name).first()
    if user is None:
        raise CommandError(NO_USER.format(name=name), returncode=2)
    return user
