from __future__ import annotations

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "gongkai.web.audit"
    verbose_name = "审计记录"
