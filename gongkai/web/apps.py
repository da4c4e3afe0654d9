"""Third-party apps under the names a Chinese administrator reads in /admin/."""

from __future__ import annotations

from axes.apps import AppConfig as AxesAppConfig
from django_tasks_db.apps import TasksAppConfig


class TasksConfig(TasksAppConfig):
    verbose_name = "后台任务"

    def ready(self) -> None:
        super().ready()
        from gongkai.web.vendor_admin import register  # after the admin found theirs

        register()


class AxesConfig(AxesAppConfig):  # type: ignore[misc]  # django-axes is untyped
    verbose_name = "登录保护"
