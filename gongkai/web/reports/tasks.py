"""Background work of the report library: reading uploaded files (OCR can take minutes)."""

from __future__ import annotations

import logging

from django_tasks import task

from gongkai.errors import GongkaiError
from gongkai.readers import read_bytes
from gongkai.web.audit.log import record
from gongkai.web.audit.models import EventType
from gongkai.web.reports.models import ImportBatch, ImportFile

log = logging.getLogger(__name__)

NO_YEAR = "未能识别报告年度（标题中应有“××××年”）"
INTERNAL = "读取时发生内部错误，已记录，请联系管理员"


@task()
def read_batch(batch_id: int) -> None:
    """Read every file of a batch and keep each result or the reason it cannot be read."""
    batch = ImportBatch.objects.get(pk=batch_id)
    batch.status = ImportBatch.Status.READING
    batch.save(update_fields=["status"])
    readable = True
    for upload in batch.files.all():
        upload.report, upload.problem = _read(upload)
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


def _read(upload: ImportFile) -> tuple[dict[str, object] | None, str]:
    try:
        report = read_bytes(bytes(upload.data), upload.name)
    except GongkaiError as exc:
        return None, str(exc)
    except Exception:  # a reader bug must not lose the batch: the file is named, the bug logged
        log.exception("reading %s failed", upload.name)
        return None, INTERNAL
    if report.year is None:
        return None, NO_YEAR
    return report.to_json(), ""
