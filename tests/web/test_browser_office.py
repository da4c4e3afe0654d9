"""The office's year in a real browser (issue 12): the 台账 searched, filtered and exported;
an online application accepted and assigned, the inboxes and the 工作台; a year added to
the calendar and the deadlines recomputed. Screenshots go to test-artifacts/."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import override_settings
from openpyxl import load_workbook

from gongkai.holiday_notice import arrangement_of, arrangement_text
from gongkai.web.agencies.models import Agency, Membership
from gongkai.web.cases.actions import StepInput, do_register, do_step, do_submit_online
from gongkai.web.cases.models import Application
from gongkai.web.holidays.tasks import recount_timings
from gongkai.workdays import default_calendar
from tests.web.conftest import ARTIFACTS
from tests.web.test_browser import _as, _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FACTS = {
    "channel": "letter",
    "applicant_type": "natural_person",
    "applicant_name": "张三丰",
    "contact": "13800000000",
}


def _office(*people: tuple[str, str]) -> Agency:
    agency = Agency.objects.create(name="某县人民政府办公室", level=Agency.Level.DEPARTMENT)
    for name, role in people:
        user = User.objects.create_user(name, password=f"pw-{name}", first_name=name)
        Membership.objects.create(user=user, agency=agency, role=role)
    return agency


def _register(
    agency: Agency, who: str, received: dt.date, request: str, **more: str
) -> Application:
    facts = {**FACTS, "received_on": received, "request": request, **more}
    return do_register(agency, User.objects.get(username=who), facts)[0]


def test_the_ledger_is_searched_filtered_sorted_and_exported(live_server: Any, page: Any) -> None:
    agency = _office(("taizhang", "officer"))
    _register(agency, "taizhang", dt.date(2025, 9, 28), "2024年本县农村公路建设资金的使用情况")
    canteen = _register(
        agency,
        "taizhang",
        dt.date(2026, 3, 2),
        "2025年县一中学校食堂招标文件",
        applicant_type="commercial",
        applicant_name="某餐饮公司",
    )
    _register(agency, "taizhang", dt.date(2026, 6, 8), "本县义务教育学校名单")
    do_submit_online(
        agency, {k: v for k, v in FACTS.items() if k != "channel"} | {"request": "网上"}
    )
    _sign_in(page, live_server.url, "taizhang", "pw-taizhang")
    assert page.url == live_server.url + "/manage/"  # sign-in lands on the 工作台
    page.goto(live_server.url + "/manage/cases/")
    assert "共 4 件" in page.locator("#clause").inner_text()
    page.fill("#id_q", "食堂招标")
    page.get_by_role("button", name="查询").click()
    page.wait_for_load_state()
    assert page.locator("#clause").inner_text().startswith("显示：含“食堂招标”，共 1 件")
    assert canteen.number in page.locator("#ledger").inner_text()
    page.fill("#id_q", "")
    page.select_option("#id_state", "open")
    page.fill("#id_year", "2026")
    page.get_by_role("button", name="查询").click()
    page.wait_for_load_state()
    assert "显示：2026年登记、在办，共 2 件" in page.locator("#clause").inner_text()
    page.get_by_role("link", name="收到日期").click()
    page.wait_for_load_state()
    first = page.locator("#ledger tbody tr").first.inner_text()
    assert canteen.number in first and "↑" in page.locator("#ledger thead").inner_text()
    page.screenshot(path=str(ARTIFACTS / "ledger.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="导出 Excel").click()
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).worksheets[0]
    rows = list(sheet.values)
    assert rows[0][1] == "申请编号" and len(rows) == 3 and rows[1][6] == "某餐饮公司"
    printed = page.locator("#clause a", has_text="打印").get_attribute("href")
    page.goto(live_server.url + printed)
    assert "范围：2026年登记、在办；共 2 件" in page.locator("p.clause").inner_text()
    page.emulate_media(media="print")
    page.screenshot(path=str(ARTIFACTS / "ledger-print.png"), full_page=True)
    assert page.locator("button", has_text="打印").is_hidden()


def test_an_online_application_is_accepted_and_assigned_and_the_inboxes_follow(
    live_server: Any, page: Any
) -> None:
    agency = _office(("zhuanyuan", "officer"), ("kezhang", "approver"), ("xiaoli", "officer"))
    online = {k: v for k, v in FACTS.items() if k != "channel"}
    do_submit_online(agency, online | {"request": "本镇2025年低保名单"})
    do_submit_online(agency, online | {"request": "测试测试"})
    _sign_in(page, live_server.url, "kezhang", "pw-kezhang")
    assert page.locator("#inbox-intake b").inner_text() == "2"
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
    page.locator("#inbox-intake").click()
    page.wait_for_load_state()
    assert "显示：待受理，共 2 件" in page.locator("#clause").inner_text()
    page.locator("#ledger tbody tr", has_text="低保").get_by_role("link").first.click()
    page.wait_for_load_state()
    assert page.locator("#confirm input[type=date]").input_value() == dt.date.today().isoformat()
    page.screenshot(path=str(ARTIFACTS / "case-intake.png"), full_page=True)
    page.get_by_role("button", name="确认受理").click()
    page.wait_for_load_state()
    assert "办理中" in page.locator("h1").inner_text() and "〔" in page.locator("h1").inner_text()
    page.select_option("#assign select", label="xiaoli")
    page.fill("#assign input[name=note]", "请小李承办")
    page.get_by_role("button", name="分办").click()
    page.wait_for_load_state()
    assert page.locator("#assignee").inner_text() == "xiaoli"
    assert "承办人：kezhang → 承办人：xiaoli" in page.locator("table.events").inner_text()
    page.screenshot(path=str(ARTIFACTS / "case-assigned.png"), full_page=True)
    page.goto(live_server.url + "/manage/cases/?inbox=intake")
    page.locator("#ledger tbody tr", has_text="测试").get_by_role("link").first.click()
    page.wait_for_load_state()
    page.fill("#set-aside textarea", "内容为测试文字，不是政府信息公开申请")
    page.get_by_role("button", name="作无效申请处理").click()
    page.wait_for_load_state()
    assert "无效申请，未予受理" in page.locator("h1").inner_text()
    _as(page, live_server.url, "xiaoli", live_server.url + "/manage/")
    assert page.locator("#inbox-mine b").inner_text() == "1"
    assert page.locator("#inbox-intake b").inner_text() == "0"
    page.locator("#inbox-mine").click()
    page.wait_for_load_state()
    assert "低保" in page.locator("#ledger").inner_text()


def test_a_year_added_to_the_calendar_recomputes_the_deadlines(live_server: Any, page: Any) -> None:
    agency = _office(("chengban", "officer"), ("fuze", "approver"))
    case = _register(agency, "chengban", dt.date(2026, 11, 20), "某项信息")
    on = dt.date(2026, 11, 23)
    asked = StepInput("request_extension", on, case.version, note="需调取档案")
    case = do_step(case, User.objects.get(username="chengban"), asked, on)
    case = do_step(
        case, User.objects.get(username="fuze"), StepInput("extend", on, case.version), on
    )
    assert case.due_on == dt.date(2027, 1, 18) and case.due_provisional
    User.objects.create_superuser("xitong", password="pw-xitong")
    _sign_in(page, live_server.url, "xitong", "pw-xitong")
    page.goto(live_server.url + "/manage/calendar/?year=2027")
    assert "暂定" in page.locator("#years tr", has_text="2027年").inner_text()
    page.fill("#id_text", "2027年1月1日至3日 放假\n2027年1月9日（星期日） 上班")
    page.get_by_role("button", name="检查并保存").click()
    page.wait_for_load_state()
    problems = page.locator("#problems").inner_text()
    assert "第2行：2027年1月9日是星期六，不是星期日" in problems and "春节" in problems
    page.screenshot(path=str(ARTIFACTS / "calendar-problems.png"), full_page=True)
    notice = arrangement_text(arrangement_of(default_calendar(), 2027)) + "\n2027年1月4日至5日 放假"
    page.fill("#id_text", notice)
    page.get_by_role("button", name="检查并保存").click()
    page.wait_for_load_state()
    assert "1件在办申请的答复期限已重算" in page.locator("#done").inner_text()
    assert "2027-01-18（暂定）" in page.locator("#changes").inner_text()
    assert "2027-01-20" in page.locator("#changes").inner_text()
    page.screenshot(path=str(ARTIFACTS / "calendar-done.png"), full_page=True)
    _as(page, live_server.url, "chengban", live_server.url + "/manage/")
    assert "2027-01-20" in page.locator("#recomputed").inner_text()
    page.screenshot(path=str(ARTIFACTS / "dashboard-recomputed.png"), full_page=True)
    page.locator("#recomputed a").first.click()
    page.wait_for_load_state()
    assert "2027-01-18（暂定） → 2027-01-20" in page.locator("#recomputed").inner_text()
    assert page.locator("#due").inner_text().startswith("2027-01-20")
    page.screenshot(path=str(ARTIFACTS / "case-recomputed.png"), full_page=True)


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_a_corrected_year_says_its_answer_timings_are_recounted_then_when(
    live_server: Any, page: Any
) -> None:
    User.objects.create_superuser("xitong", password="pw-xitong")
    _sign_in(page, live_server.url, "xitong", "pw-xitong")
    page.goto(live_server.url + "/manage/calendar/?year=2025")
    page.fill("#id_text", arrangement_text(arrangement_of(default_calendar(), 2025)))
    page.get_by_role("button", name="检查并保存").click()
    page.wait_for_load_state()
    assert "答复用时和是否逾期正在后台按新的安排重新计算" in page.locator("#done").inner_text()
    stored = page.locator("#stored").inner_text()
    assert "2025年（第1次录入）：答复用时正在按本次录入的安排重新计算" in stored
    page.screenshot(path=str(ARTIFACTS / "calendar-recounting.png"), full_page=True)
    assert recount_timings(2025) == 0  # the queued task, as a worker runs it
    page.reload()
    assert "2025年（第1次录入）：答复用时已于" in page.locator("#stored").inner_text()
    assert "正在" not in page.locator("#done").inner_text()
    page.screenshot(path=str(ARTIFACTS / "calendar-recounted.png"), full_page=True)


def test_the_officer_and_the_leader_each_see_their_own_inboxes_and_read_the_calendar(
    live_server: Any, page: Any
) -> None:
    agency = _office(("zhuanyuan", "officer"), ("lingdao", "leader"))
    _register(agency, "zhuanyuan", dt.date(2026, 11, 2), "本县2025年财政预算执行情况")
    do_submit_online(
        agency, {k: v for k, v in FACTS.items() if k != "channel"} | {"request": "本镇低保名单"}
    )
    for who in ("zhuanyuan", "lingdao"):
        _as(page, live_server.url, who, live_server.url + "/manage/")
        leader = who == "lingdao"
        # The officer receives and handles, the leader 签发: each sees only their inboxes.
        assert page.locator("#inbox-sign").count() == int(leader)
        assert page.locator("#inbox-intake").count() == int(not leader)
        page.screenshot(path=str(ARTIFACTS / f"dashboard-{who}.png"), full_page=True)
        page.goto(live_server.url + "/manage/cases/")
        assert "共 2 件" in page.locator("#clause").inner_text()
        page.screenshot(path=str(ARTIFACTS / f"ledger-{who}.png"), full_page=True)
        page.locator("#ledger tbody tr", has_text="低保").get_by_role("link").first.click()
        page.wait_for_load_state()
        assert "待受理" in page.locator("h1").inner_text()
        page.screenshot(path=str(ARTIFACTS / f"intake-{who}.png"), full_page=True)
        page.goto(live_server.url + "/manage/calendar/")
        assert "暂定" in page.locator("#years").inner_text()
        assert page.locator("#arrangement").count() == 0  # only an administrator enters one
        page.screenshot(path=str(ARTIFACTS / f"calendar-{who}.png"), full_page=True)
