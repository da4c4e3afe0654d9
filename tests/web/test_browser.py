"""The portal in a real browser: Debian's Chromium driven by Playwright (never a downloaded one).

Screenshots go to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from gongkai.readers import read_path
from gongkai.roles import Role
from gongkai.web.agencies.models import Agency, Membership
from gongkai.web.reports.models import PublishedReport
from tests.web.conftest import ARTIFACTS, seed_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_reads_a_report_and_its_findings(
    demo: list[PublishedReport], live_server: Any, page: Any
) -> None:
    page.goto(live_server.url + "/")
    assert page.locator("table.list tbody tr").count() == 5
    page.screenshot(path=str(ARTIFACTS / "portal-list.png"), full_page=True)
    page.get_by_role("link", name="盐池县人民政府办公室").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "盐池县人民政府办公室2019年政府信息公开工作年度报告"
    errors = page.locator("section.findings li.bad")
    assert errors.count() == 4
    assert "三（七）总计「自然人」列填报为0" in errors.first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "portal-report.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="DOCX").click()
    assert download.value.suggested_filename.endswith(".docx")


def test_filter_on_a_phone_width_says_what_it_shows(
    demo: list[PublishedReport], live_server: Any, page: Any
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/")
    page.fill("#id_year", "2019")
    page.get_by_role("button", name="查询").click()
    page.wait_for_load_state()
    assert "显示：2019年度，共 1 份" in page.locator("p.clause").inner_text()
    page.screenshot(path=str(ARTIFACTS / "portal-phone.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, "the list page must not scroll sideways on a phone"


def _sign_in(page: Any, url: str, username: str, password: str) -> None:
    page.goto(url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()


def _as(page: Any, url: str, username: str, then: str) -> None:
    """Sign out, sign in as `username` (password pw-<username>) and open `then`."""
    page.context.clear_cookies()
    _sign_in(page, url, username, f"pw-{username}")
    page.goto(then)


def test_an_officer_uploads_a_pdf_corrects_it_and_it_is_signed_off_and_published(
    live_server: Any, page: Any, tmp_path: Path
) -> None:
    county = Agency.objects.create(name="盐池县人民政府办公室", level=Agency.Level.DEPARTMENT)
    for name, role in (("yanchi", "officer"), ("shenhe", "approver"), ("qianfa", "leader")):
        user = User.objects.create_user(name, password=f"pw-{name}")
        Membership.objects.create(user=user, agency=county, role=role)
    pdf = tmp_path / "盐池县2019年报.pdf"
    pdf.write_bytes(seed_pdf("004"))

    _sign_in(page, live_server.url, "yanchi", "pw-yanchi")
    page.goto(live_server.url + "/manage/upload/")
    page.set_input_files("#id_uploads", str(pdf))
    page.get_by_role("button", name="上传并校验").click()
    page.wait_for_load_state()
    assert "2019年度，4 个错误" in page.locator("details.file > summary").inner_text()
    page.screenshot(path=str(ARTIFACTS / "officer-batch.png"), full_page=True)
    page.get_by_role("button", name="确认导入").click()
    page.wait_for_load_state()

    assert page.locator("h3.bad").inner_text() == "发现 4 个错误"
    marked = page.locator("td.bad")
    assert marked.count() >= 2  # 三（七）总计 and the balance cells of two columns
    assert page.locator("aside.source img").evaluate("i => i.complete && i.naturalWidth") > 0
    page.screenshot(path=str(ARTIFACTS / "officer-preview.png"), full_page=True)
    page.locator('td[data-cell="active.regulations.made"]').click()  # the 2019 template's
    assert page.locator("#cell_label").inner_text() == "表二规章「本年新制作数量」"
    for column in ("natural_person", "total"):
        page.locator(f'td[data-cell="applications.total.{column}"]').click()
        assert page.input_value("#id_cell") == f"applications.total.{column}"
        assert page.locator("#cell_label").inner_text().startswith("表三（七）「")
        page.fill("#id_value", "2")
        page.fill("#id_reason", "原表总计漏填")
        page.get_by_role("button", name="更正并重新校验").click()
        page.wait_for_load_state()
    # no error left; the rows the reader doubted stay so, and the headline says so
    doubt = "未发现错误，另有 14 个单元格读取存疑"
    assert page.locator("h3.doubt").inner_text() == doubt
    assert page.locator("td.bad").count() == 0
    assert page.locator("table.changes tbody tr").count() == 2
    page.screenshot(path=str(ARTIFACTS / "officer-corrected.png"), full_page=True)
    assert page.get_by_role("button", name="确认发布").count() == 0  # not before 三级审签
    report_url = page.url
    page.get_by_role("button", name="拟稿提交").click()
    page.wait_for_load_state()
    _as(page, live_server.url, "shenhe", report_url)
    page.get_by_role("button", name="审核").click()
    page.wait_for_load_state()
    _as(page, live_server.url, "qianfa", report_url)
    page.get_by_role("button", name="签发").click()
    page.wait_for_load_state()
    assert page.locator("ol.signoffs li").count() == 3
    page.screenshot(path=str(ARTIFACTS / "leader-signed.png"), full_page=True)
    _as(page, live_server.url, "yanchi", report_url)
    page.get_by_role("button", name="确认发布").click()
    page.wait_for_load_state()

    public = page.context.browser.new_context(locale="zh-CN").new_page()
    public.goto(page.url)  # the published report, read by someone not signed in
    assert "未发现错误，另有 14 个单元格读取存疑" in public.locator("section.findings").inner_text()
    with public.expect_download() as download:
        public.get_by_role("link", name="DOCX").click()
    saved = tmp_path / "report.docx"
    download.value.save_as(saved)
    assert read_path(saved).applications.rows["total"][0] == 2


def test_a_supervisor_sees_the_year_in_charts(
    demo: list[PublishedReport], live_server: Any, page: Any
) -> None:
    from gongkai.web.agencies.models import Agency, Membership

    user = User.objects.create_user("wuzhong", password="pw-wuzhong-2021")
    city = Agency.objects.get(name="吴忠市")
    Membership.objects.create(user=user, agency=city, role=Role.SUPERVISOR)
    _sign_in(page, live_server.url, "wuzhong", "pw-wuzhong-2021")
    page.goto(live_server.url + "/manage/overview/?year=2021")
    assert "共 4 个机关：已发布 1" in page.locator("p.totals").inner_text()
    page.wait_for_selector("#chart-errors svg")
    assert page.locator("#chart-received svg text", has_text="青铜峡市人民政府").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "supervisor-overview.png"), full_page=True)


def test_an_application_goes_through_the_whole_procedure(live_server: Any, page: Any) -> None:
    office = Agency.objects.create(name="某县人民政府办公室", level=Agency.Level.DEPARTMENT)
    for name, role in (
        ("clerk", "officer"),
        ("clerk-head", "approver"),
        ("clerk-leader", "leader"),
    ):
        user = User.objects.create_user(name, password=f"pw-{name}-2025")
        Membership.objects.create(user=user, agency=office, role=role)
    _sign_in(page, live_server.url, "clerk", "pw-clerk-2025")
    page.goto(live_server.url + "/manage/cases/register/")
    page.select_option("#id_channel", "letter")
    page.fill("#id_received_on", "2025-09-28")
    page.select_option("#id_applicant_type", "natural_person")
    page.fill("#id_applicant_name", "张三丰")
    page.fill("#id_id_number", "110101199003071233")
    page.fill("#id_contact", "13800000000")
    page.fill("#id_request", "2024年本县农村公路建设资金的使用情况")
    page.get_by_role("button", name="登记").click()
    page.wait_for_load_state()
    assert "2025年10月31日" in page.locator("main").inner_text()
    page.get_by_role("link", name="办理该申请").click()
    page.wait_for_load_state()
    case_url = page.url
    steps = [  # (who, step, date, fields): 延期 and 审核 by the head of the office, 签发 by the
        # leader
        ("clerk", "request_correction", "2025-09-30", {"#id_correction_items": "所需文件的文号"}),
        ("clerk", "correction_received", "2025-10-20", {}),
        ("clerk", "consult", "2025-10-22", {"#id_addressee": "某建设公司"}),
        ("clerk", "consultation_done", "2025-10-28", {}),
        ("clerk", "request_extension", "2025-11-03", {"#id_note": "需会同财政部门核对"}),
        ("clerk-head", "extend", "2025-11-03", {"#id_note": "同意延期"}),
        ("clerk", "fee_notice", "2025-11-05", {"#id_fee_kind": "items", "#id_fee_quantity": "11"}),
        ("clerk", "fee_paid", "2025-11-10", {}),
        ("clerk", "draft", "2025-11-12", {"#id_outcome": "granted", "#id_provided": "资金拨付表"}),
        ("clerk-head", "review", "2025-11-13", {}),
        ("clerk-leader", "sign", "2025-11-14", {}),
        ("clerk", "answer", "2025-11-17", {}),
        ("clerk", "deliver", "2025-11-18", {"#id_delivery_method": "电子邮件"}),
    ]
    signed_in = "clerk"
    for who, action, on, extra in steps:
        if who != signed_in:
            page.context.clear_cookies()
            _sign_in(page, live_server.url, who, f"pw-{who}-2025")
            page.goto(case_url)
            signed_in = who
        page.select_option("#id_action", action)
        page.fill("#id_on", on)
        for selector, value in extra.items():
            if selector in ("#id_outcome", "#id_fee_kind"):
                page.select_option(selector, value)
            else:
                page.fill(selector, value)
        page.get_by_role("button", name="确定").click()
        page.wait_for_load_state()
        assert page.locator("#problem").count() == 0, page.locator("#problem").inner_text()
        if action == "extend":
            assert page.locator("#due").inner_text() == "2025-12-22（已延期）"
    assert page.locator("h1").inner_text().endswith("已送达，待归档")
    assert page.locator("table.events tbody tr").count() == 14
    page.screenshot(path=str(ARTIFACTS / "case-delivered.png"), full_page=True)
    with page.expect_download() as download:
        page.locator("ul.letters li", has_text="答复书").get_by_role("link", name="Word").click()
    assert download.value.suggested_filename.endswith("政府信息公开申请答复书.docx")


def test_a_year_of_work_becomes_the_published_annual_report(
    live_server: Any, page: Any, tmp_path: Path
) -> None:
    from gongkai.web.annual.demo import Office, generate_year

    office = Agency.objects.create(name="某县统计局", level=Agency.Level.DEPARTMENT)
    people = {}
    for name, role in (
        ("tongji", "officer"),
        ("tongji-shenhe", "approver"),
        ("tongji-qianfa", "leader"),
    ):
        people[name] = User.objects.create_user(name, password=f"pw-{name}")
        Membership.objects.create(user=people[name], agency=office, role=role)
    staff = Office(people["tongji"], people["tongji-shenhe"], people["tongji-qianfa"])
    generate_year(office, staff, 2025, seed=5)

    _sign_in(page, live_server.url, "tongji", "pw-tongji")
    page.goto(live_server.url + "/manage/annual/?year=2025")
    page.get_by_role("link", name="按登记数据编制").click()
    page.wait_for_load_state()
    page.fill(
        "#id_problems", "一是政策解读形式单一；二是答复说理不够充分。下一步将加强培训和审核。"
    )
    page.get_by_role("button", name="编制并校验").click()
    page.wait_for_load_state()
    assert page.locator("h3.ok").inner_text() == "勾稽关系无误"
    page.screenshot(path=str(ARTIFACTS / "annual-draft.png"), full_page=True)
    report_url = page.url
    page.get_by_role("button", name="拟稿提交").click()
    page.wait_for_load_state()
    for name, button in (("tongji-shenhe", "审核"), ("tongji-qianfa", "签发")):
        page.context.clear_cookies()
        _sign_in(page, live_server.url, name, f"pw-{name}")
        page.goto(report_url)
        page.get_by_role("button", name=button).click()
        page.wait_for_load_state()
        assert page.locator("#problem").count() == 0
    assert page.locator("ol.signoffs li").count() == 3
    page.context.clear_cookies()
    _sign_in(page, live_server.url, "tongji", "pw-tongji")
    page.goto(report_url)
    page.get_by_role("button", name="确认发布").click()
    page.wait_for_load_state()
    assert "某县统计局2025年政府信息公开工作年度报告" in page.locator("h1").inner_text()
    page.screenshot(path=str(ARTIFACTS / "annual-published.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="DOCX").click()
    saved = tmp_path / "report.docx"
    download.value.save_as(saved)
    record = PublishedReport.objects.get(agency=office, status="published")
    again, stored = read_path(saved), record.report()
    assert (again.year, again.agency) == (2025, "某县统计局")
    assert again.applications.rows == stored.applications.rows
    assert (again.active, again.appeals) == (stored.active, stored.appeals)


def test_an_officer_registers_a_document_and_the_public_finds_it(
    live_server: Any, page: Any
) -> None:
    office = Agency.objects.create(name="某县交通运输局", level=Agency.Level.DEPARTMENT)
    user = User.objects.create_user("jiaotong", password="pw-jiaotong-2025")
    Membership.objects.create(user=user, agency=office, role=Role.OFFICER)
    _sign_in(page, live_server.url, "jiaotong", "pw-jiaotong-2025")
    page.goto(live_server.url + "/manage/registers/?year=2025")
    page.locator("details", has_text="登记一件").first.locator("summary").click()
    form = page.locator("#publication")
    form.locator("#id_kind").select_option("normative_documents")
    form.locator("#id_title").fill("关于进一步规范农村公路建设资金管理的通知")
    form.locator("#id_doc_number").fill("某交发〔2025〕3号")
    form.locator("#id_formed_on").fill("2025-03-03")
    form.locator("#id_published_on").fill("2025-04-15")
    form.get_by_role("button", name="登记").click()
    page.wait_for_load_state()
    assert "1 件未在形成之日起20个工作日内公开" in page.locator("main").inner_text()
    page.screenshot(path=str(ARTIFACTS / "registers.png"), full_page=True)
    public = page.context.browser.new_context(
        locale="zh-CN", viewport={"width": 390, "height": 844}
    )
    phone = public.new_page()
    phone.goto(f"{live_server.url}/catalogue/{office.pk}/")
    phone.fill("input[name=q]", "建设资金")
    phone.get_by_role("button", name="搜索").click()
    phone.wait_for_load_state()
    assert "“建设资金”的结果，共 1 条" in phone.locator("p.clause").inner_text()
    phone.screenshot(path=str(ARTIFACTS / "catalogue-phone.png"), full_page=True)


def test_an_agency_administrator_invites_a_colleague_and_the_audit_log_shows_it(
    live_server: Any, page: Any
) -> None:
    city = Agency.objects.create(name="某市", level=Agency.Level.CITY)
    county = Agency.objects.create(name="某县人民政府", level=Agency.Level.COUNTY, parent=city)
    for name, agency, role in (
        ("guanli", county, "agency_admin"),
        ("jiandu", city, "supervisor"),
    ):
        user = User.objects.create_user(name, password=f"pw-{name}")
        Membership.objects.create(user=user, agency=agency, role=role)
    _sign_in(page, live_server.url, "guanli", "pw-guanli")
    page.get_by_role("link", name="人员和角色").click()
    page.wait_for_load_state()
    form = page.locator("#invite")
    form.locator("#id_username").fill("xiaowang")
    form.locator("#id_full_name").fill("王小明")
    form.get_by_label("公开专干").check()
    form.get_by_role("button", name="邀请").click()
    page.wait_for_load_state()
    assert "/accounts/reset/" in page.locator("#invited").inner_text()
    assert page.locator("table.people tbody tr", has_text="xiaowang").count() == 1
    page.screenshot(path=str(ARTIFACTS / "people.png"), full_page=True)

    _as(page, live_server.url, "jiandu", live_server.url + "/manage/audit/")
    rows = page.locator("table.audit tbody tr")
    assert rows.count() == 1 and "邀请人员" in rows.first.inner_text()
    assert "guanli" in rows.first.inner_text() and "某县人民政府" in rows.first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "audit-log.png"), full_page=True)


def test_a_supervisor_ranks_the_agencies_by_a_measure_said_in_words(
    demo: list[PublishedReport], live_server: Any, page: Any
) -> None:
    user = User.objects.create_user("nx", password="pw-nx-2021-rank")
    province = Agency.objects.get(name="宁夏回族自治区")
    Membership.objects.create(user=user, agency=province, role=Role.SUPERVISOR)
    _sign_in(page, live_server.url, "nx", "pw-nx-2021-rank")
    page.goto(live_server.url + "/manage/overview/?year=2021")
    page.get_by_role("link", name="各机关排名").click()
    page.locator("select[name=measure]").select_option(label="公开率")
    page.get_by_role("button", name="查看").click()
    assert "按“公开率”从高到低排列" in page.locator("#phrase").inner_text()
    page.wait_for_selector("#chart-ranking svg")
    assert page.locator("table.rankings tbody tr").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "supervisor-rankings.png"), full_page=True)


def test_an_administrator_names_the_agency_of_a_report_in_the_review_queue(
    demo: list[PublishedReport], live_server: Any, page: Any
) -> None:
    from gongkai.web.ingest.actions import do_start_ingest
    from gongkai.web.ingest.models import CollectedFile
    from tests.web.conftest import seed_bytes, seed_report

    run = do_start_ingest("2022年度试点", ["报告/"], user=None, host="", workers=1)
    name, data = seed_bytes("003")
    CollectedFile.objects.create(
        sha256="1" * 64,
        run=run,
        name=name,
        outcome=CollectedFile.Outcome.PENDING,
        reason=CollectedFile.Reason.UNMATCHED,
        agency_name="某县交通运输局",
        year=2022,
        data=seed_report("003").model_copy(update={"year": 2022}).to_json(),
        source=data,
    )
    User.objects.create_superuser("root", password="pw-root-2021-queue")
    _sign_in(page, live_server.url, "root", "pw-root-2021-queue")
    page.get_by_role("link", name="批量收录").click()
    page.get_by_role("link", name="待确认机关").click()
    page.locator("input[name=q]").fill("吴忠")
    page.get_by_role("button", name="查找").click()
    page.screenshot(path=str(ARTIFACTS / "ingest-pending.png"), full_page=True)
    wuzhong = Agency.objects.get(name="吴忠市")
    page.get_by_label("宁夏回族自治区 吴忠市").check()
    page.get_by_role("button", name="收录到该机关").click()
    page.wait_for_load_state()
    assert "没有待确认机关的报告" in page.content()
    assert PublishedReport.objects.filter(agency=wuzhong, year=2022).exists()
