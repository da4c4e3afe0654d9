from __future__ import annotations

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "gongkai.web.api"
    verbose_name = "数据接口"
