"""Compiling an agency's annual report from its registers into the report library."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from gongkai.annual.compile import compile_report
from gongkai.web.agencies.models import Agency
from gongkai.web.annual.records import last_years_report, year_records
from gongkai.web.audit.log import record
from gongkai.web.audit.models import EventType
from gongkai.web.reports.actions import keep_version, store_report, summary
from gongkai.web.reports.models import COMPILED_FORMAT, PublishedReport

COMPILED_NAME = "按登记数据编制"
RECOMPILED = "按登记数据重新编制"


def compiled_draft(agency: Agency, year: int) -> PublishedReport | None:
    return PublishedReport.objects.filter(
        agency=agency, year=year, status=PublishedReport.Status.DRAFT, source_format=COMPILED_FORMAT
    ).first()


@transaction.atomic
def do_compile_report(
    agency: Agency, user: User, year: int, sections: dict[str, str]
) -> PublishedReport:
    """The draft of `year` from the registers: a new one, or a new version of the same draft
    (whose earlier signatures then no longer count: what was signed has changed)."""
    report = compile_report(year_records(agency, year, sections), last_years_report(agency, year))
    found = compiled_draft(agency, year)
    draft = PublishedReport.objects.select_for_update().get(pk=found.pk) if found else None
    if draft is None:
        stored = store_report(
            agency,
            report,
            COMPILED_NAME,
            b"",
            user,
            source_format=COMPILED_FORMAT,
            note=COMPILED_NAME,
        )
        record(
            EventType.REPORT_COMPILED, stored, user=user, agency_id=agency.pk, after=summary(stored)
        )
        return stored
    before = summary(draft)
    draft.set_report(report)
    draft.save(update_fields=["data", "errors", "warnings"])
    keep_version(draft, user, RECOMPILED)
    record(
        EventType.REPORT_RECOMPILED,
        draft,
        user=user,
        agency_id=agency.pk,
        before=before,
        after=summary(draft),
    )
    return draft
