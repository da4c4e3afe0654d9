"""Writing the audit log: every do_* action calls `record` once, inside its transaction."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Model, QuerySet

from gongkai.web.audit.models import AuditEvent, EventType


def record(
    event_type: EventType,
    target: Model | None,
    *,
    user: AbstractBaseUser | AnonymousUser | None,
    agency_id: int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
    kind: str = "",
) -> AuditEvent:
    """One event about `target` (its type is its model's name: report, case, …), or about
    records of a `kind` as a whole (an import of many agencies)."""
    made = audit_event(
        event_type,
        object_type(target) if target is not None else kind,
        target.pk if target is not None else None,
        user=user,
        agency_id=agency_id,
        before=before,
        after=after,
        reason=reason,
    )
    made.save(force_insert=True)
    return made


def audit_event(
    event_type: EventType,
    kind: str,
    object_id: int | None,
    *,
    user: AbstractBaseUser | AnonymousUser | None,
    agency_id: int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
) -> AuditEvent:
    """An event not yet written: `record` writes one, `record_all` many at once."""
    return AuditEvent(
        event_type=event_type,
        user_id=user.pk if user is not None and user.is_authenticated else None,
        agency_id=agency_id,
        object_type=kind,
        object_id=object_id,
        before=before,
        after=after,
        reason=reason,
    )


def record_all(events: list[AuditEvent]) -> None:
    """Many events of one action written in batches (an action that changes thousands of
    records, such as a corrected calendar, still records one event for each)."""
    AuditEvent.objects.bulk_create(events, batch_size=WRITTEN)


WRITTEN = 2_000  # events in one INSERT (SQLite's limit on parameters is 32,766)


def object_type(target: Model | type[Model]) -> str:
    return OBJECT_TYPES.get(target._meta.label_lower, target._meta.model_name or "")


# Object types by model, as the log names them (stable: filters and exports use them).
OBJECT_TYPES = {
    "reports.publishedreport": "report",
    "reports.importbatch": "import",
    "ingest.ingestrun": "ingest_run",
    "ingest.collectedfile": "collected_file",
    "copies.copyrun": "copy_run",
    "cases.application": "case",
    "registers.publication": "publication",
    "registers.monthlyfigure": "figure",
    "registers.appeal": "appeal",
    "agencies.agency": "agency",
    "agencies.membership": "membership",
    "auth.user": "person",
    "api.apitoken": "token",
    "cases.lettertemplate": "letter",
    "holidays.holidayyear": "calendar",
}


def events_of(target: Model) -> QuerySet[AuditEvent]:
    """The events about one record, oldest first."""
    return (
        AuditEvent.objects.filter(object_type=object_type(target), object_id=target.pk)
        .select_related("user")
        .order_by("at", "id")
    )
