from __future__ import annotations

from django.apps import AppConfig


class CopiesConfig(AppConfig):
    name = "gongkai.web.copies"
    label = "copies"
    verbose_name = "年度报告重复内容"
