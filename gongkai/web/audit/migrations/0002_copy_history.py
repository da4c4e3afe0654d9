"""The history kept before the one audit log (case steps, cell corrections) copied into it."""

from typing import Any

from django.db import migrations

CASE_REGISTERED, CASE_STEP, CASE_SPLIT, REPORT_CORRECTED = 201, 202, 203, 104


def copy_history(apps: Any, schema_editor: Any) -> None:
    AuditEvent = apps.get_model("audit", "AuditEvent")
    CaseEvent = apps.get_model("cases", "CaseEvent")
    ReportChange = apps.get_model("reports", "ReportChange")
    events = []
    for e in CaseEvent.objects.select_related("application").order_by("id").iterator():
        kind = {"register": CASE_REGISTERED, "split": CASE_SPLIT}.get(e.action, CASE_STEP)
        events.append(
            AuditEvent(
                event_type=kind,
                user_id=e.user_id,
                agency_id=e.application.agency_id,
                object_type="case",
                object_id=e.application_id,
                before={"state": e.from_state} if e.from_state else None,
                after={"action": e.action, "label": e.label, "state": e.to_state,
                       "on": e.on.isoformat()},
                reason=e.note,
            )
        )
    for c in ReportChange.objects.select_related("report").order_by("id").iterator():
        events.append(
            AuditEvent(
                event_type=REPORT_CORRECTED,
                user_id=c.user_id,
                agency_id=c.report.agency_id,
                object_type="report",
                object_id=c.report_id,
                before={"cell": c.cell, "value": c.old},
                after={"cell": c.cell, "new": c.new, "cleared": c.cleared,
                       "introduced": c.introduced},
                reason=c.reason,
            )
        )
    created = AuditEvent.objects.bulk_create(events)
    # Keep each event's original time (auto_now_add stamped them now).
    times = [e.at for e in CaseEvent.objects.order_by("id")] + [
        c.at for c in ReportChange.objects.order_by("id")
    ]
    for event, at in zip(created, times):
        AuditEvent.objects.filter(pk=event.pk).update(at=at)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("cases", "0006_split_from"),
        ("reports", "0006_signoff"),
    ]

    operations = [migrations.RunPython(copy_history, migrations.RunPython.noop)]
