"""The open-data files rebuilt in the background whenever the published library changes.

Every action that publishes (a signed report, a correction's new edition, a collected
report, a bulk collection) calls `refresh_after_commit`: once its transaction commits, a
task is queued with the moment it was asked for. Many publications in a row queue many
tasks, but they build once: each waits for the build lock and does nothing when the files
already began after its request (`build.refresh`).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django_tasks import task

from gongkai.web.opendata.build import refresh
from gongkai.web.opendata.library import library

log = logging.getLogger(__name__)


@task()
def refresh_open_data(requested_at: str) -> None:
    asked = dt.datetime.fromisoformat(requested_at)
    built = refresh(settings.GONGKAI_OPEN_DATA_DIR, library, asked)
    if built is not None:
        log.info("open data built from %d reports in %s", built.reports, built.folder)


def refresh_after_commit() -> None:
    """Queue a rebuild for when the caller's transaction has committed (the build must read
    the publication), or at once outside a transaction."""
    transaction.on_commit(_enqueue)


def _enqueue() -> None:
    refresh_open_data.enqueue(dt.datetime.now(dt.UTC).isoformat())
