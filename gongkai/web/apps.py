"""Third-party apps under the names a Chinese administrator reads in /admin/."""

from __future__ import annotations

from django_tasks_db.apps import TasksAppConfig


class TasksConfig(TasksAppConfig):
    verbose_name = "后台任务"
