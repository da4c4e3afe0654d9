"""Copy detection as background work (the task queue's workers), e.g. after a season of
publications; the same action as the `find_copies` command.

A supervisor starts a run from the copies page. While it is queued or running, the same
scope is not queued again (a marker in the shared cache, so it holds across processes and
machines; it expires on its own if a worker dies mid-run)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.cache import caches
from django_tasks import task

from gongkai.web.agencies.models import Agency
from gongkai.web.copies.actions import do_find_copies

RUN_AT_MOST = 3600  # seconds a started run keeps others of its scope from being queued


def _marker(year: int, region: Agency | None) -> str:
    return f"copies-run:{year}:{region.pk if region else 'all'}"


def asked_at(year: int, region: Agency | None) -> dt.datetime | None:
    """When a run of this scope still queued or running was asked for (None: none is)."""
    stamp: str | None = caches["shared"].get(_marker(year, region))
    return dt.datetime.fromisoformat(stamp) if stamp else None


def ask_for_copies(year: int, region: Agency | None, user: User) -> bool:
    """Queue a run over the region's reports of `year` for `user`; False when one of the same
    scope is already queued or running."""
    now = dt.datetime.now(dt.UTC).isoformat()
    if not caches["shared"].add(_marker(year, region), now, RUN_AT_MOST):
        return False
    find_copies_task.enqueue(year, region.pk if region else None, user.pk)
    return True


@task()
def find_copies_task(year: int, region_id: int | None, user_id: int) -> None:
    region = Agency.objects.filter(pk=region_id).first() if region_id is not None else None
    try:
        do_find_copies(year, region, user=User.objects.filter(pk=user_id).first())
    finally:
        caches["shared"].delete(_marker(year, region))
