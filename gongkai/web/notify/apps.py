from __future__ import annotations

from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "gongkai.web.notify"
    label = "notify"
    verbose_name = "通知"
