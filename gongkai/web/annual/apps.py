from __future__ import annotations

from django.apps import AppConfig


class AnnualConfig(AppConfig):
    name = "gongkai.web.annual"
    label = "annual"
    verbose_name = "年度报告编制"
