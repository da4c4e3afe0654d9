"""Each answer's timing kept with the case (issue 14): set by the answering step, recomputed
for a corrected receipt day, a changed calendar and by the command; the grouped query gives
the core's figures on either database."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db.models import F
from django.db.models.functions import ExtractMonth
from django.test import override_settings
from django.utils import timezone
from django_tasks import task_backends
from django_tasks.backends.dummy import DummyBackend

from gongkai.cases.responses import ResponseStats, Timing, response_stats
from gongkai.holiday_notice import arrangement_of, arrangement_text
from gongkai.web.agencies.models import Agency
from gongkai.web.audit.models import AuditEvent, EventType
from gongkai.web.cases.actions import (
    changed_timings,
    do_correct_case,
    do_register,
    do_withdraw_case,
)
from gongkai.web.cases.models import Application
from gongkai.web.cases.response_sql import RANKS, stats_by
from gongkai.web.cases.responses import region_responses
from gongkai.web.holidays import tasks
from gongkai.web.holidays.models import HolidayYear
from gongkai.web.holidays.tasks import recount_timings
from gongkai.workdays import default_calendar
from tests.web.conftest import office, signed_in
from tests.web.test_calendar import _administrator
from tests.web.test_responses import FACTS, answered

pytestmark = pytest.mark.django_db
D = dt.date


def _timing(case: Application) -> Timing:
    case.refresh_from_db()
    return Timing(case.response_days, case.answered_late, case.answered_extended)  # type: ignore[arg-type]


def test_the_answer_keeps_its_timing_and_a_withdrawal_has_none(tree: dict[str, Agency]) -> None:
    people = office(tree["county"])
    county = tree["county"]
    late = answered(county, people, people.officer, "2025-03-03", "2025-04-01")
    extended = answered(county, people, people.officer, "2025-03-03", "2025-04-08", "2025-03-20")
    assert _timing(late) == Timing(21, True, False)
    assert _timing(extended) == Timing(25, False, True)
    case, _ = do_register(county, people.officer, {**FACTS, "received_on": D(2025, 3, 3)})
    withdrawn = do_withdraw_case(case, people.officer, D(2025, 3, 5), "电话撤回", case.version)
    assert withdrawn.answered_on == D(2025, 3, 5) and withdrawn.response_days is None
    stats = region_responses(Agency.objects.filter(pk=county.pk), 2025)[0][1]
    assert stats == ResponseStats(2, 23.0, 25, 1, 1)


def test_a_corrected_receipt_day_recomputes_the_timing(tree: dict[str, Agency]) -> None:
    """Answered on 03-31, the 20th working day after 03-03; received in fact on Friday
    02-28, it took 21 working days and was late."""
    people = office(tree["county"])
    case = answered(tree["county"], people, people.officer, "2025-03-03", "2025-03-31")
    assert _timing(case) == Timing(20, False, False)
    facts = {"received_on": D(2025, 2, 28)}
    do_correct_case(case, people.officer, facts, "登记时日期录错", case.version)
    assert _timing(case) == Timing(21, True, False)


def test_a_corrected_calendar_year_recomputes_the_answers_that_counted_its_days(
    tree: dict[str, Agency],
) -> None:
    """Answered on 04-01, the 21st working day after 03-03 (late); the administrator
    corrects 2025 with 10 March off: 20 working days, on time."""
    people = office(tree["county"])
    case = answered(tree["county"], people, people.officer, "2025-03-03", "2025-04-01")
    other = answered(tree["county"], people, people.officer, "2024-03-04", "2024-03-11")
    assert _timing(case) == Timing(21, True, False)
    corrected = arrangement_text(arrangement_of(default_calendar(), 2025)) + "\n2025年3月10日 放假"
    done = _administrator().post("/manage/calendar/", {"year": "2025", "text": corrected})
    assert done.status_code == 302
    assert _timing(case) == Timing(20, False, False)
    assert _timing(other) == Timing(5, False, False)
    body = signed_in(people.officer).get("/manage/cases/responses.json", {"year": 2025}).json()
    assert (body["total"]["median_days"], body["total"]["late"]) == (20.0, 0)


QUEUED = override_settings(
    TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
)
LAW_2025 = arrangement_text(arrangement_of(default_calendar(), 2025))


def _correct_2025(*days_off: str) -> str:
    """The administrator corrects 2025 with `days_off` (March's Mondays) off too; the page
    shown after."""
    corrected = LAW_2025 + "".join(f"\n2025年3月{day}日 放假" for day in days_off)
    client = signed_in(User.objects.get_or_create(username="admin", is_superuser=True)[0])
    done = client.post("/manage/calendar/", {"year": "2025", "text": corrected})
    assert done.status_code == 302
    return client.get(done["Location"]).content.decode()


def _run_queued() -> list[int | None]:
    """Run the queued tasks in order, as a worker would; what each recount wrote."""
    queue = task_backends["default"]
    assert isinstance(queue, DummyBackend)
    ran = [recount_timings(*result.args) for result in queue.results]
    queue.clear()
    return ran


@QUEUED
def test_a_corrected_year_is_saved_at_once_and_its_timings_recounted_in_the_background(
    tree: dict[str, Agency],
) -> None:
    people = office(tree["county"])
    case = answered(tree["county"], people, people.officer, "2025-03-03", "2025-04-01")
    page = _correct_2025("10")
    assert _timing(case) == Timing(21, True, False)  # not yet: the recount is queued
    assert "答复用时和是否逾期正在后台按新的安排重新计算，完成前答复用时统计仍为原来的数字" in page
    assert '2025年（第1次录入）：<span class="bad">答复用时正在按本次录入的安排重新计算' in page
    stale = "答复用时和是否逾期正在按新的安排重新计算，以下数字可能尚未更新"
    for figures in ("/manage/cases/responses/", "/manage/overview/responses/"):
        assert stale in _administrator_get(figures, {"year": 2025})
    assert stale in _administrator_get("/manage/overview/responses/", {"year": 2026})
    assert stale not in _administrator_get("/manage/overview/responses/", {"year": 2024})
    events = AuditEvent.objects.count()
    assert _run_queued() == [1]
    assert _timing(case) == Timing(20, False, False)
    assert AuditEvent.objects.count() == events  # the correction is the act, audited once
    assert AuditEvent.objects.filter(event_type=EventType.CALENDAR_YEAR_SET).count() == 1
    stored = HolidayYear.objects.get(year=2025)
    assert (stored.timings_revision, stored.recounting) == (1, False)
    counted = timezone.localtime(stored.timings_counted_at).strftime("%Y-%m-%d %H:%M")
    for figures in ("/manage/cases/responses/", "/manage/overview/responses/"):
        assert stale not in _administrator_get(figures, {"year": 2025})
    page = _administrator_get("/manage/calendar/", {"year": 2025})
    assert f"2025年（第1次录入）：答复用时已于{counted}按本次录入的安排重新计算" in page


def _administrator_get(path: str, query: dict[str, Any]) -> str:
    admin = User.objects.get(username="admin")
    return signed_in(admin).get(path, query).content.decode()


@QUEUED
def test_a_second_correction_while_one_is_queued_is_counted_the_last_calendar_wins(
    tree: dict[str, Agency],
) -> None:
    """Answered on 04-01 after 21 working days; 10 March off, then 10 and 17 March: 19."""
    people = office(tree["county"])
    case = answered(tree["county"], people, people.officer, "2025-03-03", "2025-04-01")
    _correct_2025("10")
    _correct_2025("10", "17")
    assert _run_queued() == [1, None]  # the first counts on the last calendar, the second skips
    assert _timing(case) == Timing(19, False, False)
    assert AuditEvent.objects.filter(event_type=EventType.CALENDAR_YEAR_SET).count() == 2


@QUEUED
def test_a_correction_while_a_recount_runs_makes_it_write_nothing_and_is_counted_after(
    tree: dict[str, Agency], monkeypatch: pytest.MonkeyPatch
) -> None:
    people = office(tree["county"])
    case = answered(tree["county"], people, people.officer, "2025-03-03", "2025-04-01")
    _correct_2025("10")

    def corrected_meanwhile(cases: Any, calendar: Any) -> Any:
        counted = changed_timings(cases, calendar)  # on the first correction's calendar
        _correct_2025("17", "24")
        return counted

    monkeypatch.setattr(tasks, "changed_timings", corrected_meanwhile)
    assert recount_timings(2025) is None
    assert _timing(case) == Timing(21, True, False)  # its stale figures were not written
    assert HolidayYear.objects.get(year=2025).recounting
    monkeypatch.undo()
    assert _run_queued() == [1, None]  # the first queued task counts on the last calendar
    assert _timing(case) == Timing(19, False, False)
    assert not HolidayYear.objects.get(year=2025).recounting


def test_the_command_fills_the_timings_of_answers_kept_without_them(
    tree: dict[str, Agency],
) -> None:
    people = office(tree["county"])
    case = answered(tree["county"], people, people.officer, "2025-03-03", "2025-04-01")
    Application.objects.update(response_days=None, answered_late=None, answered_extended=None)
    call_command("compute_response_times", "--year", "2024")
    assert Application.objects.get(pk=case.pk).response_days is None
    call_command("compute_response_times", "--year", "2025")
    assert _timing(case) == Timing(21, True, False)


@QUEUED
def test_the_command_does_the_recounts_a_dead_worker_left(tree: dict[str, Agency]) -> None:
    people = office(tree["county"])
    case = answered(tree["county"], people, people.officer, "2025-03-03", "2025-04-01")
    _correct_2025("10")
    call_command("compute_response_times", "--year", "2024")  # the queued task never ran
    assert _timing(case) == Timing(20, False, False)
    assert not HolidayYear.objects.get(year=2025).recounting


def _random_answers(agencies: list[Agency], rng: random.Random) -> list[Application]:
    made = []
    for agency in agencies:
        for serial in range(1, rng.randint(1, 40)):
            made.append(
                Application(
                    agency=agency,
                    year=2025,
                    serial=serial,
                    channel="letter",
                    applicant_type="natural_person",
                    applicant_name="某人",
                    contact="x",
                    request="y",
                    state="archived",
                    received_on=D(2025, 1, 2),
                    answered_on=D(2025, 1, 2) + dt.timedelta(days=rng.randint(1, 300)),
                    response_days=rng.choice((rng.randint(0, 60), 20, 20, 21)),  # with ties
                    answered_late=rng.random() < 0.2,
                    answered_extended=rng.random() < 0.1,
                )
            )
    return Application.objects.bulk_create(made)


@pytest.mark.parametrize("seed", range(6))
def test_the_grouped_query_gives_the_core_s_figures(tree: dict[str, Agency], seed: int) -> None:
    """On random answers of five agencies: per agency and per month, the database's default
    query and the window-ranks one (both on PostgreSQL) equal the core's `response_stats`."""
    rng = random.Random(seed)
    agencies = [tree[k] for k in ("province", "city", "county", "other")]
    made = _random_answers(rng.sample(agencies, rng.randint(1, 4)), rng)
    cases = Application.objects.all()
    for key, of in ((F("agency_id"), _agency), (ExtractMonth("answered_on"), _month)):
        expected: dict[object, list[Timing]] = {}
        for case in made:
            expected.setdefault(of(case), []).append(
                Timing(case.response_days, case.answered_late, case.answered_extended)  # type: ignore[arg-type]
            )
        wanted = {k: response_stats(v) for k, v in expected.items()}
        for method in ("", RANKS):  # the database's own, and the ranks on either
            assert stats_by(cases, key, method) == wanted


def _agency(case: Application) -> int:
    return case.agency_id


def _month(case: Application) -> int:
    return case.answered_on.month if case.answered_on else 0
