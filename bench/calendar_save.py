"""One save of a year's arrangement by an administrator, timed, in a process of its own:
run by `bench/cases.py --recompute` with PYTHONPATH set to the checkout measured (this one,
or another's given by `--against`), on the database the bench filled.

Reads the arrangement's text on standard input and prints one JSON line: the save's wall
and CPU seconds (this process; the database's work is in the wall time only), how many
deadlines changed, and a digest of the changes and of their audit events (the same digest
from two checkouts: the same deadlines, the same events).

    PYTHONPATH=<checkout> python bench/calendar_save.py YEAR < arrangement.txt
"""

from __future__ import annotations

import hashlib
import json
import sys
import time

import django
from django.test import override_settings

QUEUED = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def main() -> None:
    year, text = int(sys.argv[1]), sys.stdin.read()
    django.setup()
    from django.contrib.auth.models import User

    import gongkai
    from gongkai.holiday_notice import read_arrangement
    from gongkai.web.audit.models import AuditEvent, EventType
    from gongkai.web.holidays.actions import do_set_calendar_year

    admin = User.objects.get(username="bench-admin")
    arrangement = read_arrangement(text, year)
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    with override_settings(TASKS=QUEUED):  # the answers' recount queued, as in production
        wall, cpu = time.perf_counter(), time.process_time()
        changes = do_set_calendar_year(admin, arrangement, text)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    events = AuditEvent.objects.filter(id__gt=last, event_type=EventType.DEADLINE_RECOMPUTED)
    written = events.order_by("object_id").values_list(
        "object_id", "agency_id", "user_id", "before", "after", "reason"
    )
    print(
        json.dumps(
            {
                "checkout": gongkai.__file__,
                "wall": wall,
                "cpu": cpu,
                "changes": len(changes),
                "digest": _digest(sorted(map(repr, changes))),
                "events": _digest([json.dumps(row, sort_keys=True) for row in written]),
            }
        )
    )


def _digest(lines: list[str]) -> str:
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]


if __name__ == "__main__":
    main()
