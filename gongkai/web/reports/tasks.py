"""Background work of the report library: reading uploaded files (OCR can take minutes).

A worker claims a queued batch, then reads each file in a child process within the time and
memory limits of the settings (`gongkai.readers.isolation`): a hostile file can end only its
own read, which is then named with its reason. A worker killed mid-read leaves its claim,
which expires (`do_expire_stale_reads`) and marks the batch failed, to be read again.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from gongkai.errors import GongkaiError
from gongkai.readers.isolation import Isolation, ReadCrashed, read_isolated
from gongkai.web.audit.log import record
from gongkai.web.audit.models import EventType
from gongkai.web.reader_limits import reader_limits
from gongkai.web.reports.models import ImportBatch, ImportFile

log = logging.getLogger(__name__)

NO_YEAR = "未能识别报告年度（标题中应有“××××年”）"
INTERNAL = "读取时发生内部错误，已记录，请联系管理员"
MiB = 1024 * 1024


@task()
def read_batch(batch_id: int) -> None:
    """Read every file of a batch and keep each result or the reason it cannot be read."""
    batch = _claim(batch_id)
    if batch is None:
        return  # another worker has it, or it was read already
    isolation = Isolation(settings.GONGKAI_READ_SECONDS, settings.GONGKAI_READ_MEMORY_MB * MiB)
    readable = True
    for upload in batch.files.all():
        upload.report, upload.problem = _read(upload, isolation)
        readable = readable and not upload.problem
        upload.save(update_fields=["report", "problem"])
    batch.status = ImportBatch.Status.READY if readable else ImportBatch.Status.FAILED
    batch.save(update_fields=["status"])
    record(
        EventType.IMPORT_READ,
        batch,
        user=None,
        agency_id=batch.agency_id,
        after={
            "status": batch.status,
            "problems": [f.name for f in batch.files.exclude(problem="")],
        },
    )


@transaction.atomic
def _claim(batch_id: int) -> ImportBatch | None:
    batch = ImportBatch.objects.select_for_update().filter(pk=batch_id).first()
    if batch is None or batch.status != ImportBatch.Status.QUEUED:
        return None
    batch.status, batch.claimed_at = ImportBatch.Status.READING, timezone.now()
    batch.save(update_fields=["status", "claimed_at"])
    return batch


def _read(upload: ImportFile, isolation: Isolation) -> tuple[dict[str, object] | None, str]:
    try:
        report = read_isolated(
            bytes(upload.data), upload.name, limits=reader_limits(), isolation=isolation
        )
    except ReadCrashed as exc:  # a fault of gongkai: the file is named, the fault logged
        log.error("reading an upload crashed: %s", exc.detail)
        return None, INTERNAL
    except GongkaiError as exc:
        return None, str(exc)
    if report.year is None:
        return None, NO_YEAR
    return report.to_json(), ""
