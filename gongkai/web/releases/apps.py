from __future__ import annotations

from django.apps import AppConfig


class ReleasesConfig(AppConfig):
    name = "gongkai.web.releases"
    label = "releases"
    verbose_name = "公开的信息文件"
