"""One audit log: every change leaves exactly one event; the log cannot be changed; the people
who may read it see their part of it, filtered, in words, and exported."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from typing import Any

import pytest
from django.contrib.auth.models import User
from openpyxl import load_workbook

from gongkai.roles import Role
from gongkai.signoff import SignoffStep
from gongkai.web.agencies.actions import (
    do_deactivate_person,
    do_grant_role,
    do_invite_person,
    do_revoke_role,
)
from gongkai.web.agencies.models import Agency, Membership
from gongkai.web.api.actions import do_issue_token, do_revoke_token
from gongkai.web.audit.models import AppendOnly, AuditEvent, EventType
from gongkai.web.audit.presenting import FIELDS, HIDDEN
from gongkai.web.cases.actions import (
    StepInput,
    do_attach_file,
    do_register,
    do_split,
    do_step,
)
from gongkai.web.registers.actions import do_add_appeal, do_add_publication, do_set_figure
from gongkai.web.registers.imports import do_import_figures
from gongkai.web.reports.actions import (
    do_confirm_import,
    do_correct_cell,
    do_publish_report,
    do_queue_import,
    do_signoff,
    do_start_revision,
)
from tests.web.conftest import office, person, seed_bytes

pytestmark = pytest.mark.django_db
FACTS = {
    "channel": "letter",
    "received_on": dt.date(2025, 9, 28),
    "applicant_type": "natural_person",
    "applicant_name": "张三丰",
    "contact": "13800000000",
    "request": "甲文件\n乙文件",
}


def _one_event(kind: EventType, change: Callable[[], Any]) -> Any:
    before = AuditEvent.objects.count()
    result = change()
    made = list(AuditEvent.objects.order_by("id")[before:])
    assert [e.event_type for e in made] == [kind], [e.get_event_type_display() for e in made]
    return result


def test_every_action_leaves_exactly_one_event(tree: dict[str, Agency]) -> None:
    county = tree["county"]
    people = office(county)
    admin = User.objects.create_superuser("admin")
    batch = do_queue_import(county, people.officer, [seed_bytes("003")])
    # Queued, then read by the background task (which, without a queue, runs at once).
    kinds = list(AuditEvent.objects.order_by("id").values_list("event_type", flat=True))
    assert kinds == [EventType.IMPORT_QUEUED, EventType.IMPORT_READ]
    before = AuditEvent.objects.count()
    [draft] = do_confirm_import(batch, people.officer, acknowledged=True)
    kinds = [e.event_type for e in AuditEvent.objects.order_by("id")[before:]]
    assert kinds == [EventType.REPORT_IMPORTED, EventType.IMPORT_CONFIRMED]
    cell, printed = "applications.total.total", str(draft.report().applications.rows["total"][6])
    _one_event(
        EventType.REPORT_CORRECTED,
        lambda: do_correct_cell(draft, people.officer, cell, "9", "核对"),
    )
    _one_event(
        EventType.REPORT_CORRECTED,
        lambda: do_correct_cell(draft, people.officer, cell, printed, "还原"),
    )
    for who, signing in (
        (people.officer, SignoffStep.SUBMITTED),
        (people.approver, SignoffStep.REVIEWED),
        (people.leader, SignoffStep.SIGNED),
    ):
        _one_event(EventType.REPORT_SIGNED_OFF, partial(do_signoff, draft, who, signing))
    _one_event(EventType.REPORT_PUBLISHED, lambda: do_publish_report(draft, people.officer))
    _one_event(
        EventType.REPORT_REVISION_STARTED,
        lambda: do_start_revision(draft, people.officer, "更正"),
    )
    case, _ = _one_event(
        EventType.CASE_REGISTERED, lambda: do_register(county, people.officer, dict(FACTS))
    )
    step = StepInput("request_correction", dt.date(2025, 9, 30), case.version)
    case = _one_event(EventType.CASE_STEP, lambda: do_step(case, people.officer, step))
    _one_event(
        EventType.CASE_ATTACHMENT_ADDED,
        lambda: do_attach_file(case, people.officer, "身份证明.jpg", b"\xff\xd8"),
    )
    parts = do_split(case, people.officer, ["甲文件", "乙文件"], case.version)
    assert AuditEvent.objects.filter(event_type=EventType.CASE_SPLIT).count() == len(parts) == 2
    publication = {"kind": "other", "title": "通知", "formed_on": dt.date(2025, 3, 1)}
    _one_event(
        EventType.PUBLICATION_ADDED,
        lambda: do_add_publication(county, people.officer, publication),
    )
    _one_event(
        EventType.FIGURE_SET,
        lambda: do_set_figure(county, people.officer, 2025, 3, "licensing", Decimal(4)),
    )
    figures = "年度,月份,事项,数值\n2025,4,行政许可,5\n".encode()
    _one_event(
        EventType.FIGURES_IMPORTED,
        lambda: do_import_figures(county, people.officer, figures, "月度.csv"),
    )
    appeal = {"kind": "review", "number": "复1", "filed_on": dt.date(2025, 5, 1)}
    _one_event(EventType.APPEAL_ADDED, lambda: do_add_appeal(county, people.officer, appeal))
    token, _key = _one_event(EventType.TOKEN_ISSUED, lambda: do_issue_token(people.officer, "报送"))
    _one_event(EventType.TOKEN_REVOKED, lambda: do_revoke_token(people.officer, token))
    colleague = User.objects.create_user("colleague")
    held = _one_event(
        EventType.ROLE_GRANTED,
        lambda: do_grant_role(admin, colleague, county, Role.OFFICER, by_administrator=True),
    )
    _one_event(EventType.ROLE_REVOKED, lambda: do_revoke_role(admin, held, by_administrator=True))
    invited, _link = _one_event(
        EventType.PERSON_INVITED,
        lambda: do_invite_person(
            admin, county, {"username": "newcomer"}, [Role.OFFICER], by_administrator=True
        ),
    )
    _one_event(
        EventType.PERSON_DEACTIVATED,
        lambda: do_deactivate_person(admin, invited, county, by_administrator=True),
    )
    invited.refresh_from_db()
    assert not invited.is_active
    keys = {k for e in AuditEvent.objects.all() for k in {**(e.before or {}), **(e.after or {})}}
    assert keys - set(FIELDS) - HIDDEN == set()  # every field is said in Chinese on the page


def test_the_log_cannot_be_changed_or_deleted(tree: dict[str, Agency]) -> None:
    people = office(tree["county"])
    do_issue_token(people.officer, "报送")
    event = AuditEvent.objects.get()
    event.reason = "改写历史"
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(reason="改写历史")
    with pytest.raises(AppendOnly):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get().reason == ""


def test_each_reader_sees_their_part_filtered_and_exported(tree: dict[str, Agency]) -> None:
    county, other = tree["county"], tree["other"]
    for agency in (county, other):
        do_register(agency, office(agency, f"{agency.pk}-").officer, dict(FACTS))
    supervisor = person("city", tree["city"], Role.SUPERVISOR)
    page = supervisor.get("/manage/audit/").content.decode()
    assert page.count("登记申请") == 1 + 1  # the event, and the family/type choice
    assert supervisor.get("/manage/audit/", {"agency": other.pk}).status_code == 404
    officer = person("officer", county, Role.OFFICER)
    assert officer.get("/manage/audit/").status_code == 403
    assert officer.get("/manage/audit/", {"agency": county.pk}).status_code == 403
    query = {"agency": str(county.pk), "family": "2", "since": "2020-01-01"}
    filtered = supervisor.get("/manage/audit/", query).content.decode()
    assert "显示：某县及所属机关、依申请公开、2020-01-01起，共 1 条" in filtered
    wrong = supervisor.get("/manage/audit/", {"since": "昨天"})
    assert wrong.status_code == 400 and "日期格式应为" in wrong.content.decode()
    exported = supervisor.get("/manage/audit/audit.xlsx", {"agency": county.pk})
    sheet = load_workbook(io.BytesIO(exported.content)).active
    assert sheet is not None
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:3] == ["时间", "事项", "操作人"] and len(rows) == 2
    assert rows[1][1] == "登记申请" and rows[1][3] == "某县"
    twin = supervisor.get("/manage/audit/audit.json", {"agency": county.pk}).json()
    assert [e["event"] for e in twin["events"]] == ["登记申请"]


def test_an_agency_administrator_gives_roles_in_a_chinese_page(tree: dict[str, Agency]) -> None:
    county = tree["county"]
    admin = person("county-admin", county, Role.AGENCY_ADMIN)
    page = admin.get("/manage/people/").content.decode()
    assert (
        "某县：人员和角色" in page and "监督（含所属机关）" not in page
    )  # not the agency's to give
    invited = admin.post(
        f"/manage/people/{county.pk}/invite",
        {"username": "xiaowang", "full_name": "小王", "roles": ["officer"]},
    ).content.decode()
    assert "已邀请" in invited and "/accounts/reset/" in invited
    newcomer = User.objects.get(username="xiaowang")
    assert not newcomer.has_usable_password()
    assert list(newcomer.memberships.values_list("role", flat=True)) == ["officer"]
    refused = admin.post(
        f"/manage/people/{county.pk}/grant", {"username": "xiaowang", "role": "supervisor"}
    )
    assert refused.status_code == 400 and "请从列表中选择" in refused.content.decode()
    again = admin.post(
        f"/manage/people/{county.pk}/grant", {"username": "xiaowang", "role": "officer"}
    )
    assert "已有“公开专干”角色" in again.content.decode()
    held = Membership.objects.get(user=newcomer)
    admin.post(f"/manage/people/{county.pk}/deactivate/{held.pk}")
    newcomer.refresh_from_db()
    assert not newcomer.is_active and not newcomer.memberships.exists()
    assert admin.get("/manage/people/", {"agency": tree["other"].pk}).status_code == 404
    kinds = set(AuditEvent.objects.values_list("event_type", flat=True))
    assert {EventType.PERSON_INVITED, EventType.PERSON_DEACTIVATED} <= kinds
    log = person("root", county, Role.OFFICER)
    User.objects.filter(username="root").update(is_superuser=True)
    shown = log.get("/manage/audit/").content.decode()
    assert "用户名：xiaowang；角色：公开专干；机关：某县" in shown and "username" not in shown
    assert person("plain2", county, Role.OFFICER).get("/manage/people/").status_code == 404
