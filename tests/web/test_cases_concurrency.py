"""Several officers at once, on a real PostgreSQL server: case numbers never repeat or skip,
and two steps on one case never both succeed. (SQLite serialises every write, so these run
where the question is real: `scripts/with-postgres.sh` in `make test`.)"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import pytest
from django.contrib.auth.models import User
from django.db import connection

from gongkai.errors import GongkaiError
from gongkai.roles import Role
from gongkai.web.agencies.models import Agency, Membership
from gongkai.web.audit.log import events_of
from gongkai.web.cases.actions import Conflict, StepInput, do_register, do_step
from gongkai.web.cases.models import Application

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]
T = TypeVar("T")
FACTS = {
    "channel": "online",
    "received_on": dt.date(2025, 3, 3),
    "applicant_type": "natural_person",
    "applicant_name": "某人",
    "contact": "x",
    "request": "y",
}


def _in_thread(work: Callable[[], T]) -> Callable[[], T]:
    def run() -> T:
        try:
            return work()
        finally:
            connection.close()  # each thread has its own connection; leave none open

    return run


def test_parallel_registrations_number_without_gaps_or_repeats() -> None:
    agency = Agency.objects.create(name="某县", level=Agency.Level.COUNTY)
    user = User.objects.create_user("clerk")

    def register() -> int:
        return do_register(agency, user, dict(FACTS))[0].serial

    with ThreadPoolExecutor(max_workers=8) as pool:
        serials = list(pool.map(lambda _: _in_thread(register)(), range(80)))
    assert sorted(serials) == list(range(1, 81))
    assert Application.objects.filter(agency=agency).count() == 80


def test_two_steps_on_one_case_at_once_one_wins() -> None:
    agency = Agency.objects.create(name="某县", level=Agency.Level.COUNTY)
    user = User.objects.create_user("clerk")
    Membership.objects.create(user=user, agency=agency, role=Role.OFFICER)
    outcomes = []
    for _ in range(10):
        case, _code = do_register(agency, user, dict(FACTS))
        steps = [
            StepInput("request_correction", dt.date(2025, 3, 4), case.version),
            StepInput("consult", dt.date(2025, 3, 4), case.version),
        ]

        def attempt(given: StepInput, case: Application = case) -> str:
            try:
                do_step(case, user, given)
            except Conflict:
                return "conflict"
            except GongkaiError as exc:
                return f"refused: {exc}"
            return "done"

        with ThreadPoolExecutor(max_workers=2) as pool:
            results = sorted(pool.map(lambda s: _in_thread(lambda: attempt(s))(), steps))
        outcomes.append(results)
        case.refresh_from_db()
        assert case.version == 2 and len(events_of(case)) == 2
        assert case.state in ("correction", "consulting")
    assert all(r == ["conflict", "done"] for r in outcomes), outcomes
