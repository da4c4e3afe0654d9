"""Third-party apps' pages in /admin/ with Chinese column names: django-tasks-db and
django-axes name some columns after attributes ("Task name", "Status") and describe their
records in English (`__str__`), which no translation catalogue reaches. The records of
sign-in attempts are listed only: their own pages would show that English description."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from axes.admin import (
    AccessAttemptAdmin,
    AccessFailureLogAdmin,
    AccessLogAdmin,
    IsLockedOutFilter,
)
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.http import HttpRequest
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult


class TaskResultAdmin(DBTaskResultAdmin):
    list_display = (  # type: ignore[assignment]  # a tuple of another length
        "number",
        "task",
        "status",
        "enqueued_at",
        "started_at",
        "finished_at",
    )

    @admin.display(description="编号", ordering="id")
    def number(self, obj: DBTaskResult[Any, Any]) -> str:
        return str(obj.id)

    @admin.display(description="任务")
    def task(self, obj: DBTaskResult[Any, Any]) -> str:
        return obj.task_name

    @admin.display(description="调用栈")
    def formatted_traceback(self, obj: DBTaskResult[Any, Any]) -> str:
        return super().formatted_traceback(obj)

    @admin.display(description="最早运行时间")
    def display_run_after(self, obj: DBTaskResult[Any, Any]) -> datetime | str:
        return super().display_run_after(obj)


class _ListedOnly:
    list_display_links = None

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and request.user.is_superuser

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AttemptAdmin(_ListedOnly, AccessAttemptAdmin):  # type: ignore[misc]  # untyped
    list_filter = ["attempt_time", IsLockedOutFilter]  # not by path: paths are English

    @admin.display(description="状态")
    def status(self, obj: AccessAttempt) -> str:
        return str(super().status(obj))

    @admin.display(description="失效时间")
    def expiration(self, obj: AccessAttempt) -> Any:
        return super().expiration(obj)


class FailureAdmin(_ListedOnly, AccessFailureLogAdmin):  # type: ignore[misc]  # untyped
    list_filter = ["attempt_time", "locked_out"]


class LogAdmin(_ListedOnly, AccessLogAdmin):  # type: ignore[misc]  # untyped
    list_filter = ["attempt_time", "logout_time"]


def register() -> None:
    """Called once the admin has discovered the apps' own registrations."""
    for model, model_admin in (
        (DBTaskResult, TaskResultAdmin),
        (AccessAttempt, AttemptAdmin),
        (AccessFailureLog, FailureAdmin),
        (AccessLog, LogAdmin),
    ):
        admin.site.unregister(model)
        admin.site.register(model, model_admin)
