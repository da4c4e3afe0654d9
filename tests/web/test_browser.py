"""The portal in a real browser: Debian's Chromium driven by Playwright (never a downloaded one).

Screenshots go to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from gongkai.readers import read_path
from gongkai.web.agencies.models import Agency, Membership
from gongkai.web.reports.models import PublishedReport
from tests.web.conftest import seed_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent.parent.parent / "test-artifacts"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def page() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    assert os.path.exists(CHROMIUM), (
        "install Debian's chromium (scripts/install-system-packages.sh)"
    )
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        context = browser.new_context(locale="zh-CN", viewport={"width": 1200, "height": 900})
        yield context.new_page()
        browser.close()


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


def test_an_officer_uploads_a_pdf_corrects_it_and_publishes(
    live_server: Any, page: Any, tmp_path: Path
) -> None:
    county = Agency.objects.create(name="盐池县人民政府办公室", level=Agency.Level.DEPARTMENT)
    officer = User.objects.create_user("yanchi", password="pw-yanchi-2019")
    Membership.objects.create(user=officer, agency=county, role=Membership.Role.OFFICER)
    pdf = tmp_path / "盐池县2019年报.pdf"
    pdf.write_bytes(seed_pdf("004"))

    _sign_in(page, live_server.url, "yanchi", "pw-yanchi-2019")
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
    for column in ("natural_person", "total"):
        page.locator(f'td[data-cell="applications.total.{column}"]').click()
        assert page.input_value("#id_cell") == f"applications.total.{column}"
        page.fill("#id_value", "2")
        page.fill("#id_reason", "原表总计漏填")
        page.get_by_role("button", name="更正并重新校验").click()
        page.wait_for_load_state()
    assert page.locator("h3.ok").inner_text() == "勾稽关系无误"
    assert page.locator("td.bad").count() == 0
    assert page.locator("table.changes tbody tr").count() == 2
    page.screenshot(path=str(ARTIFACTS / "officer-corrected.png"), full_page=True)
    page.get_by_role("button", name="确认发布").click()
    page.wait_for_load_state()

    public = page.context.browser.new_context(locale="zh-CN").new_page()
    public.goto(page.url)  # the published report, read by someone not signed in
    assert "勾稽关系无误" in public.locator("section.findings").inner_text()
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
    Membership.objects.create(user=user, agency=city, role=Membership.Role.SUPERVISOR)
    _sign_in(page, live_server.url, "wuzhong", "pw-wuzhong-2021")
    page.goto(live_server.url + "/manage/overview/?year=2021")
    assert "共 4 个机关：已发布 1" in page.locator("p.totals").inner_text()
    page.wait_for_selector("#chart-errors svg")
    assert page.locator("#chart-received svg text", has_text="青铜峡市人民政府").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "supervisor-overview.png"), full_page=True)
