"""The 台账 (issue 12): every case of every state, searched in Chinese, filtered, sorted,
paged, the filter said in words; its JSON twin, Excel export (masked per role, never an ID
number) and print view; inboxes as preset filters."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from gongkai.roles import Role
from gongkai.web.agencies.models import Agency
from gongkai.web.cases.actions import (
    StepInput,
    do_register,
    do_step,
    do_submit_online,
    do_withdraw_case,
)
from gongkai.web.cases.models import Application
from tests.web.conftest import Office, office, person, signed_in

pytestmark = pytest.mark.django_db

FACTS = {
    "channel": "letter",
    "applicant_type": "natural_person",
    "applicant_name": "张三丰",
    "id_number": "110101199003071234",
    "contact": "13800000000",
}


def _register(people: Office, agency: Agency, received: dt.date, **facts: Any) -> Application:
    given = {**FACTS, "received_on": received, "request": "某项信息", **facts}
    return do_register(agency, people.officer, given)[0]


@pytest.fixture
def county(tree: dict[str, Agency]) -> tuple[Office, list[Application]]:
    """A county's register: open, answered, withdrawn and waiting cases of two years."""
    people = office(tree["county"])
    road = _register(people, tree["county"], dt.date(2025, 9, 28), request="农村公路建设资金")
    school = _register(
        people,
        tree["county"],
        dt.date(2026, 3, 2),
        request="2025年学校食堂招标文件",
        applicant_type="commercial",
        applicant_name="某建设公司",
        channel="online",
    )
    for action, who in (("draft", people.officer), ("review", people.approver)):
        school = do_step(
            school, who, StepInput(action, dt.date(2026, 3, 9), school.version, "granted")
        )
    for action, who in (("sign", people.leader), ("answer", people.officer)):
        school = do_step(school, who, StepInput(action, dt.date(2026, 3, 10), school.version))
    gone = _register(people, tree["county"], dt.date(2026, 5, 6), request="征地补偿标准")
    gone = do_withdraw_case(gone, people.officer, dt.date(2026, 5, 8), "申请人电话撤回")
    pending, _ = do_submit_online(tree["county"], {**_online(), "request": "网上提交的申请"})
    return people, [road, school, gone, pending]


def _online() -> dict[str, str]:
    return {k: v for k, v in FACTS.items() if k != "channel"}


def _numbers(client: Client, **query: str) -> list[str]:
    body = client.get("/manage/cases/ledger.json", query).json()
    return [row["number"] for row in body["cases"]]


def test_the_ledger_lists_every_state_and_says_its_filter_in_words(
    tree: dict[str, Agency], county: tuple[Office, list[Application]]
) -> None:
    people, (road, school, gone, _pending) = county
    client = signed_in(people.officer)
    page = client.get("/manage/cases/").content.decode()
    assert "共 4 件" in page and "显示：全部" in page
    for case in (road, school, gone):
        assert case.number in page
    assert "（待受理，尚无编号）" in page and "申请人已撤回" in page and "已答复，待送达" in page
    assert "110101199003071234" not in page
    words = client.get(
        "/manage/cases/", {"year": "2026", "state": "closed", "channel": "online"}
    ).content.decode()
    assert "显示：2026年登记、已办结、网上申请，共 1 件" in words
    assert school.number in words and gone.number not in words


def test_the_ledger_searches_numbers_applicants_and_request_text(
    tree: dict[str, Agency], county: tuple[Office, list[Application]]
) -> None:
    people, (road, school, _gone, _) = county
    client = signed_in(people.officer)
    assert _numbers(client, q="食堂招标") == [school.number]  # words inside the request
    assert _numbers(client, q="公路建设") == [road.number]
    assert _numbers(client, q="招标食堂") == []  # every pair must be there
    assert _numbers(client, q="某建设") == [school.number]  # the applicant, for the office
    assert _numbers(client, q=road.number) == [road.number]
    for typed in ("[2025]1号", "2025-1", "〔2025〕001号", "（2025）1"):  # any pattern, brackets
        assert _numbers(client, q=typed) == [road.number], typed
    assert _numbers(client, q="〔2026〕1号") == [school.number]  # not the 2025 in its request
    # A supervisor sees applicants masked: a name is no way in for them.
    supervisor = person("city", tree["city"], Role.SUPERVISOR)
    assert _numbers(supervisor, q="某建设") == []
    assert _numbers(supervisor, q="食堂招标") == [school.number]


def test_the_ledger_filters_sorts_and_refuses_wrong_values_in_words(
    tree: dict[str, Agency], county: tuple[Office, list[Application]]
) -> None:
    people, (road, school, gone, _pending) = county
    client = signed_in(people.officer)
    assert _numbers(client, sort="number") == [road.number, school.number, gone.number, ""]
    assert _numbers(client, sort="-number") == [gone.number, school.number, road.number, ""]
    assert _numbers(client, state="not_received") == [""]
    assert _numbers(client, outcome="other.other") == [gone.number]
    assert _numbers(client, applicant_type="commercial") == [school.number]
    assert _numbers(client, handler=str(people.officer.pk), sort="received_on") == [
        road.number,
        school.number,
        gone.number,
    ]
    assert _numbers(client, handler="none") == [""]
    assert _numbers(client, due_from="2025-10-01", due_to="2025-11-30") == [road.number]
    wrong = client.get("/manage/cases/", {"state": "flying", "due_from": "tomorrow"})
    text = wrong.content.decode()
    assert wrong.status_code == 400 and "请从列表中选择" in text and "日期格式应为" in text


def test_the_excel_export_keeps_the_offices_columns_masked_per_role(
    tree: dict[str, Agency], county: tuple[Office, list[Application]]
) -> None:
    people, (_road, *_) = county
    own = load_workbook(
        io.BytesIO(signed_in(people.officer).get("/manage/cases/ledger.xlsx").content)
    )
    rows = list(own.worksheets[0].values)
    assert rows[0][:8] == (
        "序号",
        "申请编号",
        "受理机关",
        "收到申请日期",
        "申请方式",
        "申请人类型",
        "申请人",
        "联系方式",
    )
    first = rows[1]
    assert len(rows) == 5 and "张三丰" in [r[6] for r in rows[1:]]
    assert all("110101199003071234" not in str(v) for r in rows for v in r)
    supervisor = person("city", tree["city"], Role.SUPERVISOR)
    masked = load_workbook(io.BytesIO(supervisor.get("/manage/cases/ledger.xlsx").content))
    names = [r[6] for r in list(masked.worksheets[0].values)[1:]]
    assert "张三丰" not in names and "张**" in names
    assert all(r[7] in ("", None) for r in list(masked.worksheets[0].values)[1:])  # no contact
    assert first[0] == 1


def test_the_print_view_prints_what_the_filter_chose(
    tree: dict[str, Agency], county: tuple[Office, list[Application]]
) -> None:
    people, (road, school, *_) = county
    page = signed_in(people.officer).get("/manage/cases/print/", {"q": "食堂"}).content.decode()
    assert "范围：含“食堂”；共 1 件" in page and school.number in page
    assert road.number not in page and "print.css" in page


def test_inboxes_are_preset_filters_of_the_ledger(
    tree: dict[str, Agency], county: tuple[Office, list[Application]]
) -> None:
    people, (road, _school, _gone, _pending) = county
    officer = signed_in(people.officer)
    assert _numbers(officer, inbox="mine") == [road.number]
    assert _numbers(officer, inbox="intake") == [""]
    assert (
        "显示：待受理，共 1 件"
        in officer.get("/manage/cases/", {"inbox": "intake"}).content.decode()
    )
    road = do_step(
        road, people.officer, StepInput("draft", dt.date(2025, 10, 9), road.version, "granted")
    )
    assert _numbers(signed_in(people.approver), inbox="review") == [road.number]
    assert _numbers(officer, inbox="review") == []  # not theirs to review: nothing there


def test_the_ledger_stays_within_a_few_queries(
    tree: dict[str, Agency], county: tuple[Office, list[Application]]
) -> None:
    people, _ = county
    client = signed_in(people.officer)
    client.get("/manage/cases/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/manage/cases/", {"q": "食堂"}).status_code == 200
    assert len(queries) <= 12, [q["sql"] for q in queries]
