"""Every change to the report library goes through a do_* action: atomic, checked, stored."""

from __future__ import annotations

from django.db import transaction

from gongkai.errors import GongkaiError
from gongkai.readers import read_bytes
from gongkai.web.agencies.models import Agency
from gongkai.web.reports.models import PublishedReport


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
