"""Every change to the registers is a do_* action: validated, stored and audited at once."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from gongkai.web.agencies.models import Agency
from gongkai.web.audit.log import record
from gongkai.web.audit.models import EventType
from gongkai.web.cases.models import Application
from gongkai.web.registers.models import Appeal, MonthlyFigure, Publication


@transaction.atomic
def do_add_publication(agency: Agency, user: User | None, facts: dict[str, Any]) -> Publication:
    """A document or other information the agency published (its catalogue, table 二)."""
    added = Publication(agency=agency, **facts)
    added.full_clean()
    added.save()
    record(
        EventType.PUBLICATION_ADDED,
        added,
        user=user,
        agency_id=agency.pk,
        after={k: v for k, v in facts.items() if k != "summary"},
    )
    return added


@transaction.atomic
def do_set_figure(
    agency: Agency, user: User | None, year: int, month: int, row: str, value: Decimal
) -> MonthlyFigure:
    """One month's figure of table 二, replacing what was there."""
    old = MonthlyFigure.objects.filter(agency=agency, year=year, month=month, row=row).first()
    figure, _ = MonthlyFigure.objects.update_or_create(
        agency=agency, year=year, month=month, row=row, defaults={"value": value}
    )
    record(
        EventType.FIGURE_SET,
        figure,
        user=user,
        agency_id=agency.pk,
        before={"value": old.value} if old else None,
        after={"year": year, "month": month, "row": row, "value": value},
    )
    return figure


@transaction.atomic
def do_add_appeal(
    agency: Agency,
    user: User | None,
    facts: dict[str, Any],
    application: Application | None = None,
) -> Appeal:
    """An administrative review or lawsuit about the agency's disclosure work (table 四)."""
    added = Appeal(agency=agency, application=application, **facts)
    added.full_clean()
    added.save()
    record(
        EventType.APPEAL_ADDED,
        added,
        user=user,
        agency_id=agency.pk,
        after={**facts, "application": application.number if application else None},
    )
    return added
