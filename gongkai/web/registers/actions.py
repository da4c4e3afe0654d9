"""Every change to the registers is a do_* action: validated, stored and audited at once."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Model

from gongkai import messages
from gongkai.errors import GongkaiError
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
    agency: Agency,
    user: User | None,
    year: int,
    month: int,
    row: str,
    value: Decimal,
    reason: str = "",
) -> MonthlyFigure:
    """One month's figure of table 二; replacing a different value is a correction and
    needs a reason (the old value stays in the audit event)."""
    old = MonthlyFigure.objects.filter(agency=agency, year=year, month=month, row=row).first()
    correcting = old is not None and old.value != value
    if correcting and not reason.strip():
        raise RegisterProblem(messages.REASON_NEEDED.format(what="更正已填报数据"))
    figure, _ = MonthlyFigure.objects.update_or_create(
        agency=agency, year=year, month=month, row=row, defaults={"value": value}
    )
    record(
        EventType.FIGURE_CORRECTED if correcting else EventType.FIGURE_SET,
        figure,
        user=user,
        agency_id=agency.pk,
        before={"value": old.value} if old else None,
        after={"year": year, "month": month, "row": row, "value": value},
        reason=reason.strip()[:500],
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


class RegisterProblem(GongkaiError):
    code = "registers.invalid"


def _correct(target: Model, facts: dict[str, Any], reason: str) -> tuple[dict[str, Any], ...]:
    """Apply the changed `facts` to `target` (checked, saved); the fields as they were and
    as they became. Refused without a reason or without a change."""
    why = reason.strip()[:500]
    if not why:
        raise RegisterProblem(messages.REASON_NEEDED.format(what="更正"))
    changed = {k: v for k, v in facts.items() if getattr(target, k) != v}
    if not changed:
        raise RegisterProblem(messages.NOTHING_CHANGED)
    before = {k: getattr(target, k) for k in changed}
    for name, value in changed.items():
        setattr(target, name, value)
    target.full_clean()
    target.save()
    return before, changed


@transaction.atomic
def do_correct_publication(
    publication: Publication, user: User, facts: dict[str, Any], reason: str
) -> Publication:
    """Correct a catalogue entry with a reason; what it said stays in the audit event."""
    before, after = _correct(publication, facts, reason)
    record(
        EventType.PUBLICATION_CORRECTED,
        publication,
        user=user,
        agency_id=publication.agency_id,
        before=before,
        after=after,
        reason=reason.strip()[:500],
    )
    return publication


@transaction.atomic
def do_correct_appeal(
    appeal: Appeal,
    user: User,
    facts: dict[str, Any],
    application: Application | None,
    reason: str,
) -> Appeal:
    """Correct an administrative review or lawsuit (its result once decided, a wrong date)."""
    before, after = _correct(appeal, {**facts, "application": application}, reason)
    for shown in (before, after):  # the application as people name it: its number
        if "application" in shown:
            shown["application"] = shown["application"].number if shown["application"] else None
    record(
        EventType.APPEAL_CORRECTED,
        appeal,
        user=user,
        agency_id=appeal.agency_id,
        before=before,
        after=after,
        reason=reason.strip()[:500],
    )
    return appeal
