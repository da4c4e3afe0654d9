"""Every change to the report library goes through a do_* action: atomic, checked, stored."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max

from gongkai import checks
from gongkai.cells import NO_REASON, CorrectionError, cell_value, parse_value
from gongkai.errors import GongkaiError
from gongkai.model import Report
from gongkai.readers import read_bytes
from gongkai.readers.bundle import unpack
from gongkai.web.agencies.models import Agency
from gongkai.web.reports.models import (
    ImportBatch,
    ImportFile,
    PublishedReport,
    ReportChange,
    ReportVersion,
    Signoff,
)
from gongkai.web.reports.tasks import NO_YEAR, read_batch
from gongkai.workdays import annual_report_due


@transaction.atomic
def do_import_report(
    agency: Agency, data: bytes, filename: str, *, publish: bool = False
) -> PublishedReport:
    """Read, check and store one report file whole (any format the core reads).

    A reading error (GongkaiError) propagates before anything is stored.
    """
    report = read_bytes(data, filename)
    if report.year is None:
        raise ImportProblem(NO_YEAR, location=filename)
    return _store(agency, report.to_json(), filename, data, None, publish=publish)


COMPILED_NAME = "按登记数据编制"
COMPILED_FORMAT = "registers"


def store_compiled(agency: Agency, payload: dict[str, Any], user: User) -> PublishedReport:
    """A draft compiled from the agency's registers, kept like any imported report."""
    return _store(agency, payload, COMPILED_NAME, b"", user, source_format=COMPILED_FORMAT)


def _store(
    agency: Agency,
    payload: dict[str, Any],
    filename: str,
    data: bytes,
    user: User | None,
    *,
    publish: bool = False,
    source_format: str | None = None,
) -> PublishedReport:
    findings = payload.get("findings") or []
    errors = sum(1 for f in findings if f["severity"] == "error")
    source = payload.get("source") or {}
    record = PublishedReport(
        agency=agency,
        year=payload["year"],
        template=payload["template"],
        status=PublishedReport.Status.PUBLISHED if publish else PublishedReport.Status.DRAFT,
        published_on=payload.get("published_on"),
        data=payload,
        errors=errors,
        warnings=len(findings) - errors,
        source_name=filename,
        source_format=source_format or source.get("format", ""),
        source_sha256=source.get("sha256", ""),
        source=data,
    )
    record.full_clean()
    record.save()
    keep_version(
        record, user, filename if source_format else IMPORTED_VERSION.format(name=filename)
    )
    return record


def keep_version(record: PublishedReport, user: User | None, note: str) -> ReportVersion:
    number = (record.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    return ReportVersion.objects.create(
        report=record,
        number=number,
        data=record.data,
        errors=record.errors,
        warnings=record.warnings,
        user=user,
        note=note[:200],
    )


class ImportProblem(GongkaiError):
    code = "reports.import"
    http_status = 409


IMPORTED_VERSION = "导入原文件 {name}"
CORRECTED_VERSION = "更正 {cell}：{reason}"
NOT_READY = "该批次尚不能导入：{status}"


def do_queue_import(agency: Agency, user: User, uploads: list[tuple[str, bytes]]) -> ImportBatch:
    """Keep the uploaded files (zips opened) as a batch and have them read in the background.

    A broken zip is refused before anything is kept.
    """
    files = [item for name, data in uploads for item in unpack(name, data)]
    with transaction.atomic():
        batch = ImportBatch.objects.create(agency=agency, user=user)
        ImportFile.objects.bulk_create(
            ImportFile(batch=batch, name=name[:255], data=data) for name, data in files
        )
    read_batch.enqueue(batch.pk)
    batch.refresh_from_db()
    return batch


@transaction.atomic
def do_confirm_import(batch: ImportBatch, user: User) -> list[PublishedReport]:
    """Store every file of a read batch as a draft report, all of them or none."""
    locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if locked.status != ImportBatch.Status.READY:
        raise ImportProblem(NOT_READY.format(status=locked.get_status_display()))
    records = []
    for upload in locked.files.all():
        assert upload.report is not None  # a READY batch has every file read
        record = _store(locked.agency, upload.report, upload.name, bytes(upload.data), user)
        upload.record = record
        upload.save(update_fields=["record"])
        records.append(record)
    locked.status = ImportBatch.Status.IMPORTED
    locked.save(update_fields=["status"])
    return records


class PublishError(GongkaiError):
    code = "reports.publish"
    http_status = 409


ALREADY_PUBLISHED = "该机关{year}年度已有已发布的报告"


NOT_SIGNED = "按登记数据编制的报告须经审核、签发后才能发布"


@transaction.atomic
def do_publish_report(record: PublishedReport, today: dt.date | None = None) -> PublishedReport:
    """Publish a checked draft; one published report per agency and year. A compiled report
    is published once signed off, dated today, and recorded as late after its due date."""
    clash = PublishedReport.objects.filter(
        agency=record.agency, year=record.year, status=PublishedReport.Status.PUBLISHED
    ).exclude(pk=record.pk)
    if clash.exists():
        raise PublishError(ALREADY_PUBLISHED.format(year=record.year))
    fields = ["status"]
    if record.source_format == COMPILED_FORMAT:
        if not record.signoffs.filter(step=Signoff.Step.SIGNED).exists():
            raise PublishError(NOT_SIGNED)
        record.published_on = today or dt.date.today()
        record.data = {**record.data, "published_on": record.published_on.isoformat()}
        due = annual_report_due(record.year, government=record.agency.is_government())
        record.late = record.published_on > due
        fields += ["published_on", "data", "late"]
    record.status = PublishedReport.Status.PUBLISHED
    record.save(update_fields=fields)
    return record


SIGNOFF_ORDER = (Signoff.Step.SUBMITTED, Signoff.Step.REVIEWED, Signoff.Step.SIGNED)
SIGNOFF_OUT_OF_ORDER = "请按 拟稿提交 → 审核 → 签发 的顺序办理，当前应为“{step}”"
SIGNOFF_DONE = "该报告已经签发"
SIGNOFF_ERRORS = "报告还有{n}个错误，更正后才能提交审核"
SIGNOFF_NOT_DRAFT = "只有按登记数据编制的草稿需要审签"


@transaction.atomic
def do_signoff(record: PublishedReport, user: User, step: str, note: str = "") -> Signoff:
    """One step of 三级审签, in order; a draft with errors cannot be submitted."""
    locked = PublishedReport.objects.select_for_update().get(pk=record.pk)
    if locked.source_format != COMPILED_FORMAT or locked.status != PublishedReport.Status.DRAFT:
        raise PublishError(SIGNOFF_NOT_DRAFT)
    done = set(locked.signoffs.values_list("step", flat=True))
    due = next((s for s in SIGNOFF_ORDER if s not in done), None)
    if due is None:
        raise PublishError(SIGNOFF_DONE)
    if step != due:
        raise PublishError(SIGNOFF_OUT_OF_ORDER.format(step=Signoff.Step(due).label))
    if step == Signoff.Step.SUBMITTED and locked.errors:
        raise PublishError(SIGNOFF_ERRORS.format(n=locked.errors))
    return Signoff.objects.create(report=locked, step=step, user=user, note=note.strip()[:300])


@transaction.atomic
def do_correct_cell(
    record: PublishedReport, user: User, cell: str, typed: str, reason: str
) -> ReportChange:
    """Change one cell, check the report again at once, and keep the change in the audit trail.

    Findings about reading the source stay; the rules are checked anew on the new data.
    """
    if not reason.strip():
        raise CorrectionError(NO_REASON)
    locked = PublishedReport.objects.select_for_update().get(pk=record.pk)
    data = copy.deepcopy(locked.data)
    container, key, old = cell_value(data, cell)
    new = parse_value(cell, typed)
    container[key] = new
    before = _error_keys(data.get("findings") or [])
    report = Report.model_validate({k: v for k, v in data.items() if k != "findings"})
    kept = [
        f
        for f in data.get("findings") or []
        if f["rule"].startswith("parse.") and f["rule"] != "parse.blank_cell"
    ]
    findings = kept + [f.model_dump(exclude_none=True) for f in checks.check_report(report)]
    after = _error_keys(findings)
    data["findings"] = findings
    locked.data = data
    locked.errors = sum(1 for f in findings if f["severity"] == "error")
    locked.warnings = len(findings) - locked.errors
    locked.save(update_fields=["data", "errors", "warnings"])
    keep_version(locked, user, CORRECTED_VERSION.format(cell=cell, reason=reason.strip()))
    locked.signoffs.all().delete()  # what was signed has changed
    return ReportChange.objects.create(
        report=locked,
        user=user,
        cell=cell,
        old=old,
        new=new,
        reason=reason.strip(),
        cleared=sorted(before - after),
        introduced=sorted(after - before),
    )


def _error_keys(findings: list[dict[str, object]]) -> set[str]:
    return {
        f"{f['rule']}:{f.get('column') or f.get('group') or f.get('row') or ''}"
        for f in findings
        if f["severity"] == "error"
    }
