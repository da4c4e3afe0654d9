"""The 工作台 (issue 12): after sign-in, each inbox's count linked to its list, and where
the annual reports stand; 我的报告 moved to /manage/reports/."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from gongkai.roles import Role
from gongkai.web.agencies.models import Agency
from gongkai.web.cases.actions import StepInput, do_register, do_step, do_submit_online
from tests.web.conftest import draft_from_seed, office, person, signed_in

pytestmark = pytest.mark.django_db

FACTS = {
    "channel": "letter",
    "applicant_type": "natural_person",
    "applicant_name": "赵六",
    "contact": "x",
    "request": "y",
}


def _counts(page: str) -> dict[str, int]:
    found = re.findall(r'id="inbox-(\w+)"[^>]*><b>(\d+)</b>', page)
    return {key: int(n) for key, n in found}


def test_the_dashboard_counts_each_inbox_for_each_role(tree: dict[str, Agency]) -> None:
    people = office(tree["county"])
    today = dt.date.today()
    _overdue, _ = do_register(
        tree["county"], people.officer, {**FACTS, "received_on": today - dt.timedelta(days=60)}
    )
    drafted, _ = do_register(tree["county"], people.officer, {**FACTS, "received_on": today})
    do_step(drafted, people.officer, StepInput("draft", today, drafted.version, "granted"))
    do_submit_online(tree["county"], {k: v for k, v in FACTS.items() if k != "channel"})
    do_register(tree["other"], office(tree["other"], "o-").officer, {**FACTS, "received_on": today})
    officer = _counts(signed_in(people.officer).get("/manage/").content.decode())
    assert officer == {
        "mine": 2,
        "intake": 1,
        "soon": 0,
        "overdue": 1,
        "waiting": 0,
    }
    head = _counts(signed_in(people.approver).get("/manage/").content.decode())
    assert head["review"] == 1 and head["extension"] == 0 and head["mine"] == 0
    leader = _counts(signed_in(people.leader).get("/manage/").content.decode())
    assert leader == {"sign": 0, "soon": 0, "overdue": 1, "waiting": 0}
    region = _counts(person("city", tree["city"], Role.SUPERVISOR).get("/manage/").content.decode())
    assert region == {"soon": 0, "overdue": 1, "waiting": 0}
    page = signed_in(people.officer).get("/manage/").content.decode()
    assert 'href="/manage/cases/?inbox=overdue"' in page


def test_the_dashboard_shows_last_years_annual_report_against_its_due_date(
    tree: dict[str, Agency],
) -> None:
    people = office(tree["county"])
    year = dt.date.today().year - 1
    page = signed_in(people.officer).get("/manage/").content.decode()
    assert f"{year}年度政府信息公开工作年度报告" in page and "未编制" in page
    assert "某县" in page and f"{year + 1}-03-31" in page  # a government: 31 March


def test_sign_in_lands_on_the_dashboard_and_my_reports_moved(tree: dict[str, Agency]) -> None:
    people = office(tree["county"])
    people.officer.set_password("pw-officer")
    people.officer.save()
    client = Client()
    landed = client.post("/accounts/login/", {"username": "officer", "password": "pw-officer"})
    assert landed["Location"] == "/manage/"
    draft_from_seed(tree["county"], "003", people.officer)
    reports = client.get("/manage/reports/").content.decode()
    assert "<h1>我的报告</h1>" in reports and "某县" in reports
    nobody = person("nobody", tree["county"], Role.SUPERVISOR)
    assert "申请台账" in nobody.get("/manage/").content.decode()


def test_registering_is_offered_only_to_those_who_may_register(tree: dict[str, Agency]) -> None:
    staff = office(tree["county"])
    for user, offered in ((staff.officer, True), (staff.leader, False)):
        for url in ("/manage/", "/manage/cases/"):
            page = signed_in(user).get(url).content.decode()
            assert ("/manage/cases/register/" in page) == offered, (user.username, url)
