"""`python -m gongkai.web import_agencies FILE.csv`: agencies from a CSV, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.web.agencies.imports import AgencyImportError, do_import_agencies


class Command(BaseCommand):
    help = "从 CSV 文件导入行政机关（表头：名称，层级，上级，可选人口）；有一行出错则全部不导入"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("csv", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            created = do_import_agencies(options["csv"].read_bytes())
        except OSError as exc:
            raise CommandError(f"{options['csv']}：{exc.strerror}") from exc
        except AgencyImportError as exc:
            raise CommandError("\n".join(exc.problems)) from exc
        self.stdout.write(f"已导入 {len(created)} 个机关")
