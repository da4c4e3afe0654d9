from __future__ import annotations

from django.apps import AppConfig


class OpenDataConfig(AppConfig):
    name = "gongkai.web.opendata"
    verbose_name = "开放数据"
