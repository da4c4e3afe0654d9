"""An agency's year of records, read from the registers into the core's YearRecords."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Sum

from gongkai.annual.compile import YearRecords
from gongkai.annual.registers import AppealFacts, DocumentFacts, YearFigures
from gongkai.model import Report
from gongkai.web.agencies.models import Agency
from gongkai.web.cases.models import Application
from gongkai.web.cases.queries import table_three
from gongkai.web.registers.models import MonthlyFigure, Publication
from gongkai.web.reports.models import PublishedReport

DOCUMENT_KINDS = (Publication.Kind.REGULATIONS, Publication.Kind.NORMATIVE)


def year_records(agency: Agency, year: int, sections: dict[str, str]) -> YearRecords:
    end = dt.date(year, 12, 31)
    documents = agency.publications.filter(kind__in=DOCUMENT_KINDS, formed_on__lte=end)
    sums = dict(
        MonthlyFigure.objects.filter(agency=agency, year=year)
        .values("row")
        .annotate(total=Sum("value"))
        .values_list("row", "total")
    )
    paid = Application.objects.filter(agency=agency, fee_paid_on__year=year).aggregate(
        total=Sum("fee_yuan")
    )["total"]
    return YearRecords(
        agency=agency.name,
        year=year,
        applications=table_three(Agency.objects.filter(pk=agency.pk), year),
        documents=tuple(
            DocumentFacts(d.kind, d.formed_on, d.repealed_on)  # type: ignore[arg-type]
            for d in documents.only("kind", "formed_on", "repealed_on")
        ),
        figures=YearFigures(
            licensing=int(sums.get("licensing", 0)),
            penalty=int(sums.get("penalty", 0)),
            coercion=int(sums.get("coercion", 0)),
            fees_10k_yuan=sums.get("fees", Decimal(0)),
        ),
        appeals=tuple(
            AppealFacts(a.kind, a.filed_on, a.result, a.decided_on)  # type: ignore[arg-type]
            for a in agency.appeals.filter(filed_on__year=year)
        ),
        fees_yuan=paid or Decimal(0),
        problems=sections.get("problems", ""),
        other=sections.get("other_matters", ""),
        sections={k: v for k, v in sections.items() if k == "overview"},
    )


def last_years_report(agency: Agency, year: int) -> Report | None:
    """The agency's published report of the year before (imported or compiled alike)."""
    record = PublishedReport.objects.filter(
        agency=agency, year=year - 1, status=PublishedReport.Status.PUBLISHED
    ).first()
    return record.report() if record else None
