"""Copy detection as background work (the task queue's workers), e.g. after a season of
publications; the same action as the `find_copies` command."""

from __future__ import annotations

from django_tasks import task

from gongkai.web.agencies.models import Agency
from gongkai.web.copies.actions import do_find_copies


@task()
def find_copies_task(year: int | None, region_id: int | None) -> None:
    region = Agency.objects.filter(pk=region_id).first() if region_id is not None else None
    do_find_copies(year, region, user=None)
