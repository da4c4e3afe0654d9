"""Every change to the report library is a do_* action: atomic, checked, stored, audited.

An agency's own report — uploaded or compiled from its registers — is a draft until it
has passed 三级审签 (`gongkai.signoff`); only then is it published. A published report is
never changed: a correction starts a new edition, signed off again, which replaces it on
publication while the earlier edition stays readable with its signatures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet

from gongkai import checks
from gongkai.cells import NO_REASON, CorrectionError, cell_label, cell_value, parse_value
from gongkai.errors import GongkaiError
from gongkai.figures import FIGURES, figures_of
from gongkai.model import Report
from gongkai.readers import read_bytes
from gongkai.readers.bundle import unpack
from gongkai.signoff import SignoffStep, check_signoff, is_signed
from gongkai.web.agencies.access import is_administrator, roles_at
from gongkai.web.agencies.models import Agency
from gongkai.web.audit.log import record
from gongkai.web.audit.models import EventType
from gongkai.web.opendata.tasks import refresh_after_commit
from gongkai.web.reader_limits import reader_limits
from gongkai.web.reports.models import (
    ImportBatch,
    ImportFile,
    PublishedReport,
    ReportFigures,
    ReportVersion,
    Signoff,
)
from gongkai.web.reports.tasks import NO_YEAR, read_batch
from gongkai.web.reports.uploads import mismatches
from gongkai.workdays import annual_report_due


class ImportProblem(GongkaiError):
    code = "reports.import"
    http_status = 409


class PublishError(GongkaiError):
    code = "reports.publish"
    http_status = 409


IMPORTED_VERSION = "导入原文件 {name}"
CORRECTED_VERSION = "更正 {cell}：{reason}"
REVISION_VERSION = "更正已发布的第{edition}版：{reason}"
NOT_READY = "该批次尚不能导入：{status}"
MISMATCH = "文件中的机关或年度与所选不一致，请核对后勾选“已核对”再导入"
ALREADY_PUBLISHED = (
    "该机关{year}年度已有已发布的报告；如需更正，请在已发布的报告上“更正已发布的报告”"
)
NOT_SIGNED = "报告须经拟稿提交、审核、签发后才能发布"
NOT_A_DRAFT = "只有草稿可以审签、更正和发布；已发布的报告请先“更正已发布的报告”"
NOT_PUBLISHED = "只有已发布的报告可以更正为新版本"
REVISION_OPEN = "该报告已有一份更正稿（第{id}号），请在那份稿上更正"
NO_REVISION_REASON = "请写明更正理由（将随新版本公开）"


def store_report(
    agency: Agency,
    report: Report,
    filename: str,
    data: bytes,
    user: User | None,
    *,
    origin: str = PublishedReport.Origin.PREPARED,
    source_format: str | None = None,
    note: str = "",
) -> PublishedReport:
    if report.year is None:
        raise ImportProblem(NO_YEAR, location=filename)
    source = report.source
    stored = PublishedReport(
        agency=agency,
        year=report.year,
        template=report.template,
        origin=origin,
        published_on=report.published_on,
        source_name=filename,
        source_format=source_format or (source.format if source else ""),
        source_sha256=source.sha256 if source else "",
        source=data,
    )
    stored.set_report(report)
    stored.full_clean()
    stored.save()
    keep_version(stored, user, note or IMPORTED_VERSION.format(name=filename))
    keep_figures(stored)
    return stored


def keep_version(stored: PublishedReport, user: User | None, note: str) -> ReportVersion:
    return ReportVersion.objects.create(
        report=stored,
        number=stored.version_number() + 1,
        data=stored.data,
        errors=stored.errors,
        warnings=stored.warnings,
        user=user,
        note=note[:200],
    )


_FIGURE_STATE = (
    "agency",
    "year",
    "status",
    "edition",
    "published_on",
    "late",
    "errors",
    "warnings",
)
_FIGURE_COLUMNS = [*_FIGURE_STATE, *(f.name for f in FIGURES)]
_REPORT_COLUMNS = ("pk", "agency_id", *_FIGURE_STATE[1:], "data")


def _figures_fields(values: dict[str, Any]) -> dict[str, Any]:
    """A figures row's fields from the report's (pk, state and data)."""
    return {
        "report_id": values["pk"],
        "agency_id": values["agency_id"],
        **{name: values[name] for name in _FIGURE_STATE[1:]},
        "late": values["late"] if values["published_on"] else None,
        **figures_of(values["data"]),
    }


def keep_figures(*stored: PublishedReport) -> None:
    """Write the figures rows of these reports as they now stand (one statement)."""
    rows = [{name: getattr(s, name) for name in _REPORT_COLUMNS} for s in stored]
    _write_figures(ReportFigures, [ReportFigures(**_figures_fields(r)) for r in rows])


def _write_figures(model: type[ReportFigures], rows: list[ReportFigures]) -> None:
    kept = {f.name for f in model._meta.concrete_fields}
    model.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["report"],
        update_fields=[c for c in _FIGURE_COLUMNS if c in kept],
    )


def refresh_figures(
    reports: QuerySet[PublishedReport], model: type[ReportFigures] = ReportFigures
) -> int:
    """Write the figures row of every report of `reports` anew, a chunk at a time (the
    migration that added them, and `refresh_figures` after the figures change)."""
    last, count = 0, 0
    while True:
        chunk = list(reports.filter(pk__gt=last).order_by("pk").values(*_REPORT_COLUMNS)[:2000])
        if not chunk:
            return count
        # A migration's model has the figures of its time: later figures are left out.
        kept = {f.attname for f in model._meta.concrete_fields}
        rows = [{k: v for k, v in _figures_fields(values).items() if k in kept} for values in chunk]
        _write_figures(model, [model(**row) for row in rows])
        last, count = chunk[-1]["pk"], count + len(chunk)


def summary(stored: PublishedReport) -> dict[str, Any]:
    return {
        "status": stored.status,
        "version": stored.version_number(),
        "errors": stored.errors,
        "warnings": stored.warnings,
    }


def collected_late(stored: PublishedReport) -> bool:
    """A report collected from elsewhere is late when its printed date is after the due date
    (第四十九条); without a date, nothing is said."""
    if stored.published_on is None:
        return False
    due = annual_report_due(stored.year, government=stored.agency.is_government())
    return stored.published_on > due


@transaction.atomic
def do_collect_report(
    agency: Agency, data: bytes, filename: str, user: User | None = None
) -> PublishedReport:
    """Keep in the library a report the agency published elsewhere, as it was printed.

    A reading error (GongkaiError) propagates before anything is stored.
    """
    report = read_bytes(data, filename, limits=reader_limits())
    stored = store_report(
        agency, report, filename, data, user, origin=PublishedReport.Origin.COLLECTED
    )
    stored.status = PublishedReport.Status.PUBLISHED
    stored.late = collected_late(stored)
    stored.save(update_fields=["status", "late"])
    keep_figures(stored)
    refresh_after_commit()
    record(
        EventType.REPORT_COLLECTED,
        stored,
        user=user,
        agency_id=agency.pk,
        after={**summary(stored), "source": filename},
    )
    return stored


@dataclass(frozen=True)
class Collecting:
    """A report read from a file the agency published elsewhere, its agency known."""

    agency: Agency
    report: Report
    name: str
    data: bytes


def store_collected(entries: Sequence[Collecting], user: User | None) -> list[PublishedReport]:
    """Many collected reports in a few statements: each published as printed, with its first
    version and its figures. The caller (a bulk action) has checked the agencies and years
    and audits the batch."""
    records = []
    for entry in entries:
        source, year = entry.report.source, entry.report.year
        if year is None:
            raise ImportProblem(NO_YEAR, location=entry.name)
        stored = PublishedReport(
            agency=entry.agency,
            year=year,
            template=entry.report.template,
            status=PublishedReport.Status.PUBLISHED,
            origin=PublishedReport.Origin.COLLECTED,
            published_on=entry.report.published_on,
            source_name=entry.name[-255:],
            source_format=source.format if source else "",
            source_sha256=source.sha256 if source else "",
            source=entry.data,
        )
        stored.set_report(entry.report)
        stored.late = collected_late(stored)
        records.append(stored)
    PublishedReport.objects.bulk_create(records)
    ReportVersion.objects.bulk_create(
        ReportVersion(
            report=stored,
            number=1,
            data=stored.data,
            errors=stored.errors,
            warnings=stored.warnings,
            user=user,
            note=IMPORTED_VERSION.format(name=stored.source_name)[:200],
        )
        for stored in records
    )
    keep_figures(*records)
    refresh_after_commit()
    return records


def do_queue_import(
    agency: Agency, user: User, uploads: list[tuple[str, bytes]], year: int | None = None
) -> ImportBatch:
    """Keep the uploaded files (zips opened) as a batch and have them read in the background.

    A broken zip is refused before anything is kept.
    """
    limits = reader_limits()
    files = [item for name, data in uploads for item in unpack(name, data, limits)]
    with transaction.atomic():
        batch = ImportBatch.objects.create(agency=agency, user=user, year=year)
        ImportFile.objects.bulk_create(
            ImportFile(batch=batch, name=name[:255], data=data) for name, data in files
        )
        record(
            EventType.IMPORT_QUEUED,
            batch,
            user=user,
            agency_id=agency.pk,
            after={"files": [name for name, _ in files], "year": year},
        )
    read_batch.enqueue(batch.pk)
    batch.refresh_from_db()
    return batch


@transaction.atomic
def do_confirm_import(
    batch: ImportBatch, user: User, *, acknowledged: bool = False
) -> list[PublishedReport]:
    """Store every file of a read batch as a draft report, all of them or none. Files whose
    agency or year differ from the batch's are stored only once the person has checked."""
    locked = ImportBatch.objects.select_for_update().select_related("agency").get(pk=batch.pk)
    if locked.status != ImportBatch.Status.READY:
        raise ImportProblem(NOT_READY.format(status=locked.get_status_display()))
    files = list(locked.files.all())
    if not acknowledged and any(mismatches(f, locked) for f in files):
        raise ImportProblem(MISMATCH)
    stored = []
    for upload in files:
        report = upload.read()
        assert report is not None  # a READY batch has every file read
        draft = store_report(locked.agency, report, upload.name, bytes(upload.data), user)
        upload.record = draft
        upload.save(update_fields=["record"])
        record(
            EventType.REPORT_IMPORTED,
            draft,
            user=user,
            agency_id=locked.agency_id,
            after={**summary(draft), "source": upload.name, "batch": locked.pk},
        )
        stored.append(draft)
    locked.status = ImportBatch.Status.IMPORTED
    locked.save(update_fields=["status"])
    record(
        EventType.IMPORT_CONFIRMED,
        locked,
        user=user,
        agency_id=locked.agency_id,
        after={"reports": [d.pk for d in stored], "acknowledged": acknowledged},
    )
    return stored


def _locked_draft(stored: PublishedReport) -> PublishedReport:
    locked = PublishedReport.objects.select_for_update().select_related("agency").get(pk=stored.pk)
    if locked.status != PublishedReport.Status.DRAFT:
        raise PublishError(NOT_A_DRAFT)
    return locked


def signatures(stored: PublishedReport) -> list[Signoff]:
    """The signatures on the record's current version, in order."""
    return list(stored.signoffs.filter(version=stored.version_number()).select_related("user"))


@transaction.atomic
def do_signoff(
    stored: PublishedReport,
    user: User,
    step: SignoffStep,
    *,
    note: str = "",
    reason: str = "",
) -> Signoff:
    """One step of 三级审签 on the draft's current version (`gongkai.signoff` decides)."""
    locked = _locked_draft(stored)
    done = [s.signature() for s in signatures(locked)]
    check_signoff(
        step,
        done,
        user.pk,
        roles_at(user, locked.agency),
        errors=locked.errors,
        reason=reason,
        administrator=is_administrator(user),
    )
    if step == SignoffStep.SUBMITTED:
        locked.errors_reason = reason.strip() if locked.errors else ""
        locked.save(update_fields=["errors_reason"])
    signed = Signoff.objects.create(
        report=locked,
        version=locked.version_number(),
        step=step,
        user=user,
        note=note.strip()[:300],
    )
    record(
        EventType.REPORT_SIGNED_OFF,
        locked,
        user=user,
        agency_id=locked.agency_id,
        after={"step": step.value, "version": signed.version, "errors": locked.errors},
        reason=" ".join(x for x in (note.strip(), reason.strip()) if x),
    )
    return signed


@transaction.atomic
def do_publish_report(
    stored: PublishedReport, user: User, today: dt.date | None = None
) -> PublishedReport:
    """Publish a signed draft, dated today: the agency's report of the year, or the new
    edition of a published one (which it then replaces)."""
    locked = _locked_draft(stored)
    if not is_signed(s.signature() for s in signatures(locked)):
        raise PublishError(NOT_SIGNED)
    replaced = _replaced(locked)
    locked.published_on = today or dt.date.today()
    report = locked.report().model_copy(update={"published_on": locked.published_on})
    locked.set_report(report)
    if replaced is None:
        due = annual_report_due(locked.year, government=locked.agency.is_government())
        locked.late = locked.published_on > due
    else:
        locked.late, locked.edition = replaced.late, replaced.edition + 1
        replaced.status = PublishedReport.Status.SUPERSEDED
        replaced.save(update_fields=["status"])
    locked.status = PublishedReport.Status.PUBLISHED
    locked.save(update_fields=["status", "published_on", "data", "late", "edition"])
    keep_figures(locked, *([replaced] if replaced else []))
    refresh_after_commit()
    record(
        EventType.REPORT_PUBLISHED,
        locked,
        user=user,
        agency_id=locked.agency_id,
        after={
            **summary(locked),
            "published_on": locked.published_on,
            "edition": locked.edition,
            "replaces": replaced.pk if replaced else None,
        },
    )
    return locked


def _replaced(draft: PublishedReport) -> PublishedReport | None:
    """The published edition a draft will replace; refuse a second report for the year."""
    current = (
        PublishedReport.objects.select_for_update()
        .filter(agency=draft.agency, year=draft.year, status=PublishedReport.Status.PUBLISHED)
        .first()
    )
    if current is None:
        return None
    if draft.supersedes_id != current.pk:
        raise PublishError(ALREADY_PUBLISHED.format(year=draft.year))
    return current


@transaction.atomic
def do_start_revision(stored: PublishedReport, user: User, reason: str) -> PublishedReport:
    """A draft of a new edition of a published report, to correct and sign off again."""
    if not reason.strip():
        raise PublishError(NO_REVISION_REASON)
    locked = PublishedReport.objects.select_for_update().get(pk=stored.pk)
    if locked.status != PublishedReport.Status.PUBLISHED:
        raise PublishError(NOT_PUBLISHED)
    open_draft = locked.revisions.filter(status=PublishedReport.Status.DRAFT).first()
    if open_draft is not None:
        raise PublishError(REVISION_OPEN.format(id=open_draft.pk))
    draft = PublishedReport.objects.create(
        agency_id=locked.agency_id,
        year=locked.year,
        template=locked.template,
        origin=PublishedReport.Origin.PREPARED,
        data=locked.data,
        errors=locked.errors,
        warnings=locked.warnings,
        supersedes=locked,
        revision_reason=reason.strip(),
        source_name=locked.source_name,
        source_format=locked.source_format,
        source_sha256=locked.source_sha256,
        source=locked.source,
    )
    keep_version(draft, user, REVISION_VERSION.format(edition=locked.edition, reason=reason))
    keep_figures(draft)
    record(
        EventType.REPORT_REVISION_STARTED,
        draft,
        user=user,
        agency_id=draft.agency_id,
        after={"replaces": locked.pk, "edition": locked.edition},
        reason=reason.strip(),
    )
    return draft


@transaction.atomic
def do_correct_cell(
    stored: PublishedReport, user: User, cell: str, typed: str, reason: str
) -> dict[str, Any]:
    """Change one cell of a draft, check the report again at once, and keep the change.

    Findings about reading the source stay; the rules are checked anew on the new data.
    Returns the change as the audit log keeps it.
    """
    if not reason.strip():
        raise CorrectionError(NO_REASON)
    locked = _locked_draft(stored)
    data = locked.report().to_json()
    container, key, old = cell_value(data, cell)
    container[key] = parse_value(cell, typed)
    before = _error_keys(locked.report())
    corrected = checks.recheck(Report.model_validate(data))
    after = _error_keys(corrected)
    locked.set_report(corrected)
    locked.save(update_fields=["data", "errors", "warnings"])
    keep_figures(locked)
    note = CORRECTED_VERSION.format(cell=cell_label(cell), reason=reason.strip())
    keep_version(locked, user, note)
    change = {
        "cell": cell,
        "new": container[key],
        "cleared": sorted(before - after),
        "introduced": sorted(after - before),
    }
    record(
        EventType.REPORT_CORRECTED,
        locked,
        user=user,
        agency_id=locked.agency_id,
        before={"cell": cell, "value": old},
        after=change,
        reason=reason.strip(),
    )
    return {**change, "old": old, "reason": reason.strip()}


def _error_keys(report: Report) -> set[str]:
    return {
        f"{f.rule}:{f.column or f.group or f.row or ''}"
        for f in checks.errors(report.findings or [])
    }


INTERRUPTED = "读取中断（读取进程意外终止），请点击“重新读取”"
NOT_FAILED = "只有读取失败的批次可以重新读取"
PURGED = "文件已按保存期限清除，请重新上传"


@transaction.atomic
def do_retry_import(batch: ImportBatch, user: User) -> ImportBatch:
    """Read a failed batch again (after a worker died, or a limit was raised)."""
    locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if locked.status != ImportBatch.Status.FAILED:
        raise ImportProblem(NOT_FAILED)
    if locked.purged_at is not None:
        raise ImportProblem(PURGED)
    locked.files.update(report=None, problem="")
    locked.status, locked.claimed_at = ImportBatch.Status.QUEUED, None
    locked.save(update_fields=["status", "claimed_at"])
    record(EventType.IMPORT_RETRIED, locked, user=user, agency_id=locked.agency_id)
    read_batch.enqueue(locked.pk)  # queued in the same transaction (or read at once, in tests)
    return locked


@transaction.atomic
def do_expire_stale_reads(now: dt.datetime, stale: dt.timedelta) -> list[ImportBatch]:
    """Batches whose reading worker died (claimed longer ago than `stale`): failed, each
    unread file named as interrupted, to be read again."""
    expired = list(
        ImportBatch.objects.select_for_update(skip_locked=True).filter(
            status=ImportBatch.Status.READING, claimed_at__lt=now - stale
        )
    )
    for batch in expired:
        batch.files.filter(report__isnull=True, problem="").update(problem=INTERRUPTED)
        batch.status = ImportBatch.Status.FAILED
        batch.save(update_fields=["status"])
        record(
            EventType.IMPORT_READ,
            batch,
            user=None,
            agency_id=batch.agency_id,
            after={"status": batch.status, "problems": [INTERRUPTED]},
        )
    return expired


@transaction.atomic
def do_purge_failed_imports(now: dt.datetime, kept: dt.timedelta) -> int:
    """Remove the files of batches that failed longer ago than `kept`; returns how many
    batches. Their names and reasons stay (the batch page says the files are gone)."""
    old = ImportBatch.objects.select_for_update(skip_locked=True).filter(
        status=ImportBatch.Status.FAILED, purged_at__isnull=True, created_at__lt=now - kept
    )
    purged = 0
    for batch in old:
        files = batch.files.all()
        names = list(files.values_list("name", flat=True))
        files.update(data=b"")
        batch.purged_at = now
        batch.save(update_fields=["purged_at"])
        record(
            EventType.IMPORT_PURGED,
            batch,
            user=None,
            agency_id=batch.agency_id,
            after={"files": names},
        )
        purged += 1
    return purged
