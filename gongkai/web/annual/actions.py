"""Compiling an agency's annual report from its registers into the report library."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from gongkai.annual.compile import compile_report
from gongkai.web.agencies.models import Agency
from gongkai.web.annual.records import last_years_report, year_records
from gongkai.web.reports.actions import keep_version, store_compiled
from gongkai.web.reports.models import PublishedReport

RECOMPILED = "按登记数据重新编制"


@transaction.atomic
def do_compile(agency: Agency, user: User, year: int, sections: dict[str, str]) -> PublishedReport:
    """The draft of `year` from the registers: a new one, or the same draft compiled again
    (a new version, its sign-offs cleared, since what was signed has changed)."""
    report = compile_report(year_records(agency, year, sections), last_years_report(agency, year))
    payload = report.to_json()
    draft = (
        PublishedReport.objects.select_for_update()
        .filter(
            agency=agency, year=year, status=PublishedReport.Status.DRAFT, source_format="registers"
        )
        .first()
    )
    if draft is None:
        return store_compiled(agency, payload, user)
    findings = payload.get("findings") or []
    draft.data = payload
    draft.errors = sum(1 for f in findings if f["severity"] == "error")
    draft.warnings = len(findings) - draft.errors
    draft.save(update_fields=["data", "errors", "warnings"])
    draft.signoffs.all().delete()
    keep_version(draft, user, RECOMPILED)
    return draft
