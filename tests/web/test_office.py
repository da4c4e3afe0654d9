"""The office's handling of the register (issue 12): intake of online applications
(第三十一条), 无效, withdrawal and table 三; 分办 and its audit; corrections with reasons;
every step's date today or earlier; 延期 asked by the handler and decided by the head."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client

from gongkai.roles import NotPermitted, Role
from gongkai.web.agencies.models import Agency
from gongkai.web.audit.log import events_of
from gongkai.web.audit.models import AuditEvent, EventType
from gongkai.web.cases.actions import (
    CaseProblem,
    StepInput,
    do_assign_case,
    do_confirm_receipt,
    do_correct_case,
    do_register,
    do_set_aside,
    do_step,
    do_submit_online,
    do_withdraw_case,
)
from gongkai.web.cases.models import Application
from gongkai.web.cases.queries import table_three
from tests.web.conftest import holder, office, person, signed_in

pytestmark = pytest.mark.django_db

ONLINE = {
    "applicant_type": "natural_person",
    "applicant_name": "李四",
    "contact": "13900000000",
    "request": "本镇2025年低保名单",
}


def _table(agency: Agency, year: int) -> dict[str, list[int]]:
    return table_three(Agency.objects.filter(pk=agency.pk), year)


def test_a_flood_of_online_applications_takes_no_number_and_counts_nowhere(
    tree: dict[str, Agency],
) -> None:
    county = tree["county"]
    for _ in range(30):
        do_submit_online(county, dict(ONLINE))
    assert Application.objects.filter(agency=county, state="submitted").count() == 30
    assert set(Application.objects.values_list("number", flat=True)) == {""}
    assert _table(county, dt.date.today().year)["new_received"][6] == 0
    people = office(county)
    junk = Application.objects.filter(agency=county).order_by("id")
    kept = do_confirm_receipt(junk[0], people.officer, dt.date.today(), 1)
    do_set_aside(junk[1], people.officer, "内容为测试文字，不是政府信息公开申请", 1)
    assert kept.number.endswith("1号") and kept.due_on is not None
    table = _table(county, dt.date.today().year)
    assert table["new_received"][6] == 1 and table["carry_forward"][6] == 1
    second = do_confirm_receipt(junk[2], people.officer, dt.date.today(), 1)
    assert second.serial == 2  # numbers follow acceptance, gap-free


def test_confirming_receipt_starts_the_clock_on_the_day_both_sides_confirm(
    tree: dict[str, Agency],
) -> None:
    case, _ = do_submit_online(tree["county"], dict(ONLINE))
    people = office(tree["county"])
    today = dt.date.today()
    with pytest.raises(CaseProblem, match="不能早于申请人网上提交的日期"):
        do_confirm_receipt(case, people.officer, today - dt.timedelta(days=3), case.version)
    with pytest.raises(Exception, match="不能是以后的日期"):
        do_confirm_receipt(case, people.officer, today + dt.timedelta(days=1), case.version)
    with pytest.raises(NotPermitted):
        do_confirm_receipt(case, people.leader, today, case.version)
    confirmed = do_confirm_receipt(case, people.officer, today, case.version)
    assert (confirmed.received_on, confirmed.clock["start"]) == (today, today.isoformat())
    assert confirmed.year == today.year and confirmed.state == "registered"
    kinds = [e.event_type for e in events_of(confirmed)]
    assert kinds == [EventType.CASE_SUBMITTED, EventType.CASE_RECEIPT_CONFIRMED]


def test_set_aside_needs_a_reason_the_applicant_sees(tree: dict[str, Agency]) -> None:
    case, code = do_submit_online(tree["county"], dict(ONLINE))
    officer = office(tree["county"]).officer
    with pytest.raises(CaseProblem, match="请写明作无效申请处理的理由"):
        do_set_aside(case, officer, "  ", case.version)
    do_set_aside(case, officer, "申请内容为广告，不是政府信息公开申请", case.version)
    page = Client().post("/apply/status/", {"number": "", "code": code}).content.decode()
    assert "无效申请，未予受理" in page and "申请内容为广告" in page


def test_a_withdrawn_application_closes_as_other_in_table_three(tree: dict[str, Agency]) -> None:
    people = office(tree["county"])
    facts = {**ONLINE, "channel": "letter", "received_on": dt.date(2025, 12, 20)}
    case, _ = do_register(tree["county"], people.officer, facts)
    assert _table(tree["county"], 2025)["carry_forward"][6] == 1
    # The applicant withdraws from the status page (the other helper's button calls this).
    case = do_withdraw_case(case, None, dt.date(2026, 1, 5), "", today=dt.date(2026, 1, 5))
    assert (case.state, case.outcome, case.answered_on) == (
        "withdrawn",
        "other.other",
        dt.date(2026, 1, 5),
    )
    assert case.closing_reason == "申请人通过网上查询页面撤回申请"
    y2026 = _table(tree["county"], 2026)
    assert y2026["carried_over"][6] == 1 and y2026["other.other"][6] == 1
    assert y2026["carry_forward"][6] == 0
    with pytest.raises(Exception, match="不能“申请人撤回申请”"):
        do_withdraw_case(case, people.officer, dt.date(2026, 1, 6), "再次撤回")


def test_an_officer_records_a_withdrawal_from_the_case_page(tree: dict[str, Agency]) -> None:
    people = office(tree["county"])
    facts = {**ONLINE, "channel": "letter", "received_on": dt.date(2026, 11, 2)}
    case, _ = do_register(tree["county"], people.officer, facts)
    client = signed_in(people.officer)
    page = client.get(f"/manage/cases/{case.pk}/").content.decode()
    assert "记录申请人撤回申请" in page
    posted = client.post(
        f"/manage/cases/{case.pk}/withdraw",
        {"version": case.version, "on": "2026-11-03", "reason": "申请人来电撤回"},
    )
    assert posted.status_code == 302
    case.refresh_from_db()
    assert (
        case.state == "withdrawn"
        and "申请人来电撤回" in client.get(f"/manage/cases/{case.pk}/").content.decode()
    )


def test_assignment_by_the_head_or_an_officer_taking_their_own(tree: dict[str, Agency]) -> None:
    people = office(tree["county"])
    colleague = holder("colleague", tree["county"], Role.OFFICER)
    outsider = holder("outsider", tree["other"], Role.OFFICER)
    case, _ = do_submit_online(tree["county"], dict(ONLINE))
    assert case.assignee is None
    with pytest.raises(NotPermitted, match="分办须由审核"):
        do_assign_case(case, people.officer, colleague, case.version)
    case = do_assign_case(case, people.officer, people.officer, case.version)  # 认领
    case = do_assign_case(case, people.officer, colleague, case.version, "本周由其值班")  # 转交
    with pytest.raises(NotPermitted):
        do_assign_case(case, people.officer, people.officer, case.version)  # not theirs now
    with pytest.raises(CaseProblem, match="outsider不是本机关可以办理申请的人员"):
        do_assign_case(case, people.approver, outsider, case.version)
    with pytest.raises(CaseProblem, match="leader不是本机关"):  # 签发 does not handle
        do_assign_case(case, people.approver, User.objects.get(username="leader"), case.version)
    case = do_assign_case(case, people.approver, people.officer, case.version)  # 分办
    assigned = events_of(case).filter(event_type=EventType.CASE_ASSIGNED)
    assert [(e.before, (e.after or {})["assignee"]) for e in assigned] == [
        ({"assignee": None}, "officer"),
        ({"assignee": "officer"}, "colleague"),
        ({"assignee": "colleague"}, "officer"),
    ]
    mine = signed_in(people.officer).get("/manage/cases/ledger.json", {"inbox": "mine"})
    assert [row["handler"] for row in mine.json()["cases"]] == []  # not received: not open


def test_assignment_from_the_case_page(tree: dict[str, Agency]) -> None:
    people = office(tree["county"])
    colleague = holder("colleague", tree["county"], Role.OFFICER)
    facts = {**ONLINE, "channel": "letter", "received_on": dt.date(2026, 11, 2)}
    case, _ = do_register(tree["county"], people.officer, facts)
    head = signed_in(people.approver)
    page = head.get(f"/manage/cases/{case.pk}/").content.decode()
    assert 'id="assign"' in page and "colleague" in page
    head.post(
        f"/manage/cases/{case.pk}/assign", {"version": case.version, "assignee": colleague.pk}
    )
    case.refresh_from_db()
    assert case.assignee == colleague
    mine = signed_in(colleague).get("/manage/cases/ledger.json", {"inbox": "mine"}).json()
    assert [row["number"] for row in mine["cases"]] == [case.number]
    history = head.get(f"/manage/cases/{case.pk}/").content.decode()
    assert "承办人：officer → 承办人：colleague" in history
    refused = signed_in(people.leader).post(
        f"/manage/cases/{case.pk}/assign", {"version": case.version, "assignee": colleague.pk}
    )
    assert refused.status_code == 403


def test_case_facts_are_corrected_with_a_reason_and_the_clock_follows(
    tree: dict[str, Agency],
) -> None:
    people = office(tree["county"])
    facts = {**ONLINE, "channel": "letter", "received_on": dt.date(2025, 9, 29)}
    case, _ = do_register(tree["county"], people.officer, facts)
    assert case.due_on == dt.date(2025, 11, 3)
    today = dt.date(2025, 10, 20)
    with pytest.raises(CaseProblem, match="请写明更正的理由"):
        do_correct_case(case, people.officer, {"channel": "email"}, "", case.version, today)
    with pytest.raises(CaseProblem, match="没有修改任何内容"):
        do_correct_case(case, people.officer, {"channel": "letter"}, "核对", case.version, today)
    with pytest.raises(CaseProblem, match="不能改到其他年度"):
        moved = {"received_on": dt.date(2024, 12, 30)}
        do_correct_case(case, people.officer, moved, "核对邮戳", case.version, today)
    fixed = {"received_on": dt.date(2025, 9, 28), "applicant_name": "李斯"}
    case = do_correct_case(case, people.officer, fixed, "核对邮戳和身份证明", case.version, today)
    assert case.due_on == dt.date(2025, 10, 31) and case.applicant_name == "李斯"
    event = events_of(case).get(event_type=EventType.CASE_CORRECTED)
    assert event.before == {"received_on": "2025-09-29", "applicant_name": "李四"}
    assert event.reason == "核对邮戳和身份证明"
    case = do_step(
        case,
        people.officer,
        StepInput("request_correction", dt.date(2025, 10, 9), case.version),
        today,
    )
    late = {"received_on": dt.date(2025, 10, 10)}
    with pytest.raises(CaseProblem, match="不能晚于已办理步骤的日期（2025-10-09）"):
        do_correct_case(case, people.officer, late, "核对", case.version, today)
    # The audit page shows the applicant masked; the case's own history to the office in full.
    shown = signed_in(people.officer).get(f"/manage/cases/{case.pk}/").content.decode()
    assert "申请人姓名或名称：李四" in shown


def test_every_step_is_dated_today_or_earlier(tree: dict[str, Agency]) -> None:
    people = office(tree["county"])
    facts = {**ONLINE, "channel": "letter", "received_on": dt.date(2025, 9, 28)}
    case, _ = do_register(tree["county"], people.officer, facts)
    ahead = StepInput("request_correction", dt.date(2025, 10, 2), case.version)
    with pytest.raises(Exception, match="晚于今天（2025-10-01）"):
        do_step(case, people.officer, ahead, today=dt.date(2025, 10, 1))
    page = signed_in(people.officer).get(f"/manage/cases/{case.pk}/").content.decode()
    assert f'max="{dt.date.today().isoformat()}"' in page
    assert f'value="{dt.date.today().isoformat()}"' in page


def test_an_extension_is_asked_with_a_reason_and_shown_until_the_head_decides(
    tree: dict[str, Agency],
) -> None:
    people = office(tree["county"])
    facts = {**ONLINE, "channel": "letter", "received_on": dt.date(2025, 9, 28)}
    case, _ = do_register(tree["county"], people.officer, facts)
    on = dt.date(2025, 10, 20)
    with pytest.raises(CaseProblem, match="请写明申请延期的理由"):
        do_step(case, people.officer, StepInput("request_extension", on, case.version))
    asked = StepInput("request_extension", on, case.version, note="涉及多个部门，需协调")
    case = do_step(case, people.officer, asked)
    head = signed_in(people.approver).get(f"/manage/cases/{case.pk}/").content.decode()
    assert "承办人 officer 于 2025-10-20 申请延期，理由：涉及多个部门，需协调" in head
    assert "批准延期" in head and "不予延期" in head
    officer_page = signed_in(people.officer).get(f"/manage/cases/{case.pk}/").content.decode()
    assert "批准延期" not in officer_page and "待审核人" in officer_page
    inbox = signed_in(people.approver).get("/manage/cases/ledger.json", {"inbox": "extension"})
    assert [r["number"] for r in inbox.json()["cases"]] == [case.number]


def test_the_audit_page_masks_corrected_applicants(tree: dict[str, Agency]) -> None:
    people = office(tree["county"])
    facts = {**ONLINE, "channel": "letter", "received_on": dt.date(2025, 9, 28)}
    case, _ = do_register(tree["county"], people.officer, facts)
    do_correct_case(case, people.officer, {"applicant_name": "李斯"}, "核对", case.version)
    audit = person("city", tree["city"], Role.SUPERVISOR).get("/manage/audit/").content.decode()
    assert "申请人姓名或名称：李*" in audit and "李斯" not in audit and "李四" not in audit
    assert AuditEvent.objects.filter(event_type=EventType.CASE_CORRECTED).count() == 1
