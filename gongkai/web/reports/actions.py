"""Every change to the report library goes through a do_* action: atomic, checked, stored."""

from __future__ import annotations

import copy

from django.contrib.auth.models import User
from django.db import transaction

from gongkai import checks
from gongkai.errors import GongkaiError
from gongkai.model import Report
from gongkai.readers import read_bytes
from gongkai.web.agencies.models import Agency
from gongkai.web.reports.corrections import NO_REASON, CorrectionError, cell_value, parse_value
from gongkai.web.reports.models import PublishedReport, ReportChange


@transaction.atomic
def do_import_report(
    agency: Agency, data: bytes, filename: str, *, publish: bool = False
) -> PublishedReport:
    """Read, check and store one report file whole (any format the core reads).

    A reading error (GongkaiError) propagates before anything is stored.
    """
    report = read_bytes(data, filename)
    payload = report.to_json()
    findings = payload.get("findings") or []
    errors = sum(1 for f in findings if f["severity"] == "error")
    record = PublishedReport(
        agency=agency,
        year=report.year or 0,
        template=report.template,
        status=PublishedReport.Status.PUBLISHED if publish else PublishedReport.Status.DRAFT,
        published_on=report.published_on,
        data=payload,
        errors=errors,
        warnings=len(findings) - errors,
        source_name=filename,
        source_format=report.source.format if report.source else "",
        source_sha256=report.source.sha256 if report.source else "",
        source=data,
    )
    record.full_clean()
    record.save()
    return record


class PublishError(GongkaiError):
    code = "reports.publish"


ALREADY_PUBLISHED = "该机关{year}年度已有已发布的报告"


@transaction.atomic
def do_publish_report(record: PublishedReport) -> PublishedReport:
    """Publish a checked draft; one published report per agency and year."""
    clash = PublishedReport.objects.filter(
        agency=record.agency, year=record.year, status=PublishedReport.Status.PUBLISHED
    ).exclude(pk=record.pk)
    if clash.exists():
        raise PublishError(ALREADY_PUBLISHED.format(year=record.year))
    record.status = PublishedReport.Status.PUBLISHED
    record.save(update_fields=["status"])
    return record


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
