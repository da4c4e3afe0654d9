"""The calendar page (issue 12): an administrator adds a year's official arrangement in
Chinese (typed, pasted or a file), every problem is shown, and every open case's deadline
is recomputed — each change audited and shown to its handler."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from gongkai.cases.clock import answer_due
from gongkai.cases.step_facts import StepFacts
from gongkai.holiday_notice import arrangement_of, arrangement_text, read_arrangement
from gongkai.web.agencies.models import Agency
from gongkai.web.audit.models import AuditEvent, EventType
from gongkai.web.cases.actions import StepInput, do_recompute_deadlines, do_register, do_step
from gongkai.web.cases.models import Application
from gongkai.web.cases.queries import counting_into
from gongkai.web.holidays.actions import do_set_calendar_year
from gongkai.web.holidays.calendar import work_calendar
from gongkai.web.holidays.models import HolidayYear
from gongkai.workdays import default_calendar
from tests.web.conftest import Office, office, signed_in

pytestmark = pytest.mark.django_db

# 2027 as the law alone gives it, and two more days off after New Year (a notice's 调休).
LAW_2027 = arrangement_text(arrangement_of(default_calendar(), 2027))
NOTICE_2027 = LAW_2027 + "\n2027年1月4日至5日 放假"


def _extended_case(tree: dict[str, Agency], people: Office) -> Application:
    """A case whose extended deadline falls in 2027 (provisional until the notice)."""
    facts = {
        "channel": "letter",
        "received_on": dt.date(2026, 11, 20),
        "applicant_type": "natural_person",
        "applicant_name": "王五",
        "contact": "x",
        "request": "y",
    }
    case, _ = do_register(tree["county"], people.officer, facts)
    on, today = dt.date(2026, 11, 23), dt.date(2026, 11, 23)
    asked = StepInput("request_extension", on, case.version, note="需调取档案")
    case = do_step(case, people.officer, asked, today)
    return do_step(case, people.approver, StepInput("extend", on, case.version), today)


def _administrator() -> Client:
    admin = User.objects.create_superuser("admin", password="pw-admin")
    return signed_in(admin)


def test_a_year_added_recomputes_open_deadlines_audited_and_shown_to_the_handler(
    tree: dict[str, Agency],
) -> None:
    people = office(tree["county"])
    case = _extended_case(tree, people)
    assert (case.due_on, case.due_provisional) == (dt.date(2027, 1, 18), True)
    assert (
        "2027-01-18（暂定）"
        in signed_in(people.officer).get(f"/manage/cases/{case.pk}/").content.decode()
    )
    admin = _administrator()
    page = admin.get("/manage/calendar/", {"year": "2027"}).content.decode()
    assert '2027年</td><td><span class="bad">暂定' in page and "2027年1月1日至3日 放假" in page
    done = admin.post("/manage/calendar/", {"year": "2027", "text": NOTICE_2027})
    assert done.status_code == 302 and done["Location"] == "/manage/calendar/?year=2027&done=1"
    case.refresh_from_db()
    assert (case.due_on, case.due_provisional) == (dt.date(2027, 1, 20), False)
    listed = admin.get(done["Location"]).content.decode()
    assert "1件在办申请的答复期限已重算" in listed and "2027-01-18（暂定）" in listed
    assert "2027年</td><td>正式" in listed
    event = AuditEvent.objects.get(event_type=EventType.DEADLINE_RECOMPUTED)
    assert (event.object_id, event.reason) == (case.pk, "录入2027年放假安排后重算")
    assert event.before == {"due_on": "2027-01-18", "provisional": True}
    assert AuditEvent.objects.filter(event_type=EventType.CALENDAR_YEAR_SET).count() == 1
    handler = signed_in(people.officer)
    shown = handler.get(f"/manage/cases/{case.pk}/").content.decode()
    assert (
        "答复期限已按新的放假安排调整（录入2027年放假安排后重算）：2027-01-18（暂定） → 2027-01-20"
        in shown
    )
    desk = handler.get("/manage/").content.decode()
    assert "答复期限调整" in desk and "2027-01-20" in desk and case.number in desk


def test_the_calendar_everywhere_is_the_packaged_one_and_the_stored_years(
    tree: dict[str, Agency],
) -> None:
    assert work_calendar() is default_calendar()
    _administrator().post("/manage/calendar/", {"year": "2027", "text": NOTICE_2027})
    calendar = work_calendar()
    assert calendar.is_official(2027) and not calendar.is_workday(dt.date(2027, 1, 4))
    assert HolidayYear.objects.get().revision == 1
    again = _administrator_again().post("/manage/calendar/", {"year": "2027", "text": LAW_2027})
    assert again.status_code == 302 and HolidayYear.objects.get().revision == 2
    assert work_calendar().is_workday(dt.date(2027, 1, 4))
    corrected = AuditEvent.objects.filter(event_type=EventType.CALENDAR_YEAR_SET).first()
    assert corrected is not None and "2027-01-04" in (corrected.before or {})["holidays"]


def _administrator_again() -> Client:
    return signed_in(User.objects.get(username="admin"))


def test_every_problem_of_an_arrangement_is_shown_and_nothing_is_stored(
    tree: dict[str, Agency],
) -> None:
    admin = _administrator()
    text = "2027年1月1日至3日 放假\n2027年1月9日（星期日） 上班\n春节 2月5日"
    refused = admin.post("/manage/calendar/", {"year": "2027", "text": text})
    page = refused.content.decode()
    assert refused.status_code == 400 and "未保存" in page
    assert "第2行：2027年1月9日是星期六，不是星期日" in page
    assert "第3行：“春节 2月5日”中的日期没有写明是放假还是上班" in page
    assert "清明节" in page  # a statutory holiday left out
    assert not HolidayYear.objects.exists()


def test_an_arrangement_comes_as_a_file(tree: dict[str, Agency]) -> None:
    lines = ["日期,类型"] + [
        f"{d.isoformat()},放假" for d in sorted(arrangement_of(default_calendar(), 2027).days_off)
    ]
    upload = SimpleUploadedFile("2027.csv", "\n".join(lines).encode("gb18030"))
    done = _administrator().post("/manage/calendar/", {"year": "2027", "text": "", "file": upload})
    assert done.status_code == 302 and work_calendar().is_official(2027)


def test_only_administrators_add_a_year(tree: dict[str, Agency]) -> None:
    officer = signed_in(office(tree["county"]).officer)
    page = officer.get("/manage/calendar/").content.decode()
    assert "工作日历" in page and 'id="arrangement"' not in page
    refused = officer.post("/manage/calendar/", {"year": "2027", "text": NOTICE_2027})
    assert refused.status_code == 403 and not HolidayYear.objects.exists()


LAW_2026 = arrangement_text(arrangement_of(default_calendar(), 2026))


def _open_cases(agencies: list[Agency], user: User, received: list[dt.date]) -> list[Application]:
    facts = {"channel": "letter", "applicant_type": "natural_person", "contact": "x"}
    return [
        do_register(
            agencies[n % 2],
            user,
            {**facts, "received_on": on, "applicant_name": "某人", "request": f"第{n}件"},
        )[0]
        for n, on in enumerate(received)
    ]


def test_a_corrected_year_moves_every_deadline_it_counts_each_change_audited(
    tree: dict[str, Agency],
) -> None:
    """2026 corrected (7 December off): each open case of either agency whose period counts
    that day gets the deadline counted day by day on the new calendar (a consultation's
    days left out, a 补正's clock counted from its receipt), one more version and one event
    saying what it was and what it is; the other cases, and a clock standing for a
    consultation, are left as they were."""
    admin = User.objects.create_superuser("admin", password="pw-admin")
    received = [dt.date(2026, 11, 1) + dt.timedelta(days=n) for n in range(0, 29, 2)]
    cases = _open_cases([tree["county"], tree["other"]], admin, received)
    officer = office(tree["county"]).officer  # cases 0 and 2 are the county's
    _consult(officer, cases[0], dt.date(2026, 11, 5), done=dt.date(2026, 11, 16))
    _consult(officer, cases[2], dt.date(2026, 11, 10))
    _correct(officer, cases[4], dt.date(2026, 11, 10), received=dt.date(2026, 11, 25))
    kept = {c.pk: c for c in Application.objects.all()}
    old = work_calendar()
    do_set_calendar_year(admin, read_arrangement(LAW_2026 + "\n2026年12月7日 放假", 2026), "")
    new = work_calendar()
    events = AuditEvent.objects.filter(event_type=EventType.DEADLINE_RECOMPUTED)
    written = {e.object_id: (e.agency_id, e.user_id, e.before, e.after, e.reason) for e in events}
    expected = {}
    for pk, case in kept.items():
        before, after = answer_due(old, case.work_clock()), answer_due(new, case.work_clock())
        stored = Application.objects.get(pk=pk)
        if before is None or after is None:  # the clock stands: no deadline to move
            assert (stored.due_on, stored.version) == (case.due_on, case.version) == (None, 2)
            continue
        assert (stored.due_on, stored.due_provisional) == (after.day, after.provisional)
        assert stored.version == case.version + (before != after)
        if before != after:
            expected[pk] = (
                case.agency_id,
                admin.pk,
                {"due_on": before.day.isoformat(), "provisional": False},
                {
                    "label": "按新的放假安排重算答复期限",
                    "due_on": after.day.isoformat(),
                    "provisional": False,
                },
                "录入2026年放假安排后重算",
            )
    assert written == expected and 0 < len(expected) < len(cases)
    assert cases[0].pk in expected  # paused, and moved
    assert cases[4].pk in expected  # counted from its 补正, received after the case


def _correct(officer: User, case: Application, on: dt.date, received: dt.date) -> None:
    """补正 asked for (第三十条) and received: the clock starts anew on the day it comes."""
    facts = StepFacts(correction_items="申请内容的年份", correction_days=10)
    asked = do_step(case, officer, StepInput("request_correction", on, case.version, facts=facts))
    given = StepInput("correction_received", received, asked.version)
    do_step(asked, officer, given, today=received)


def _consult(officer: User, case: Application, on: dt.date, done: dt.date | None = None) -> None:
    """A third party consulted (第三十二条): the clock stands until its opinion comes."""
    asked = StepInput("consult", on, case.version, facts=StepFacts(addressee="某公司"))
    case = do_step(case, officer, asked, today=on)
    if done is not None:
        do_step(case, officer, StepInput("consultation_done", done, case.version), today=done)


def test_recomputing_deadlines_takes_as_many_queries_for_many_cases_as_for_few(
    tree: dict[str, Agency],
) -> None:
    """The queries grow with the new deadlines (one UPDATE each), not with the cases."""
    admin = User.objects.create_superuser("admin", password="pw-admin")
    old = work_calendar()
    new = old.extended(read_arrangement(LAW_2026 + "\n2026年12月7日 放假", 2026).calendar())
    agencies = [tree["county"], tree["other"]]
    days = [dt.date(2026, 11, 20), dt.date(2026, 11, 23)]  # two deadlines, both moved

    def queries(received: list[dt.date]) -> tuple[int, int]:
        _open_cases(agencies, admin, received)
        with CaptureQueriesContext(connection) as done:
            changes = do_recompute_deadlines(old, new, admin, "核对")
        return len(changes), len(done.captured_queries)

    few = queries(days)
    many = queries(days * 20)
    assert (few[0], many[0]) == (2, 42)
    assert few[1] == many[1]


def test_a_corrected_calendar_reads_its_cases_from_the_deadline_index() -> None:
    """The save's query is one the index `application_deadline` answers (its condition
    implied, both columns in it): on a large register it reads no other case."""
    found = counting_into(dt.date(2026, 12, 7), dt.date(2027, 1, 4))
    with transaction.atomic():
        if connection.vendor == "postgresql":  # its plan for a large table, not an empty one
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
        plan = found.explain()
    assert "application_deadline" in plan
