"""`python -m gongkai.web export_open_data`: build the open-data files now (they are also
rebuilt in the background after every publication)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from gongkai.web.opendata.build import refresh
from gongkai.web.opendata.library import library


class Command(BaseCommand):
    help = "生成开放数据文件（CSV、数据字典、Parquet、JSON Lines），供公众在 /data/ 下载"

    def handle(self, *args: Any, **options: Any) -> None:
        built = refresh(settings.GONGKAI_OPEN_DATA_DIR, library)
        assert built is not None  # no request time: always builds
        size = sum(built.sizes.values()) / 1024 / 1024
        self.stdout.write(
            f"已由 {built.reports} 份已发布的报告生成开放数据文件"
            f"（{built.cells} 个单元格，共 {size:.1f} MB）：{settings.GONGKAI_OPEN_DATA_DIR}"
        )
