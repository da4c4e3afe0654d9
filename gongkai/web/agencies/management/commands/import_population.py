"""`python -m gongkai.web import_population FILE.csv`: agencies' population, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.web.agencies.imports import AgencyImportError, do_import_population


class Command(BaseCommand):
    help = "从 CSV 文件导入地区常住人口（表头：名称，上级，人口）；有一行出错则全部不导入"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("csv", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            changed = do_import_population(options["csv"].read_bytes())
        except OSError as exc:
            raise CommandError(f"{options['csv']}：{exc.strerror}") from exc
        except AgencyImportError as exc:
            raise CommandError("\n".join(exc.problems)) from exc
        self.stdout.write(f"已导入 {len(changed)} 个机关的人口")
