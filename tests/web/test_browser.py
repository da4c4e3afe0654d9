"""The portal in a real browser: Debian's Chromium driven by Playwright (never a downloaded one).

Screenshots go to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gongkai.web.reports.models import PublishedReport

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
