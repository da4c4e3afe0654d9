from __future__ import annotations

from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "gongkai.web.ingest"
    label = "ingest"
    verbose_name = "批量收录"
