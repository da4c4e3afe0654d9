from __future__ import annotations

from django.apps import AppConfig


class WorkbenchConfig(AppConfig):
    name = "gongkai.web.workbench"
    label = "workbench"
    verbose_name = "工作台"
