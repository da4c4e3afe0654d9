"""The open-data pages in a real browser (Debian's Chromium through Playwright)."""

from __future__ import annotations

from typing import Any

import pytest

from gongkai.web.reports.models import PublishedReport
from tests.web.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_finds_the_open_data_and_downloads_a_file(
    demo: list[PublishedReport], live_server: Any, page: Any
) -> None:
    """The demo's five publications built the files (their tasks ran on commit)."""
    page.goto(live_server.url + "/")
    page.locator("header.site").get_by_role("link", name="开放数据").click()
    page.wait_for_load_state()
    assert "包含 5 份报告" in page.locator("#built").inner_text()
    assert page.locator("table.dictionary tbody tr").count() > 150
    page.screenshot(path=str(ARTIFACTS / "opendata.png"))  # the top: the dictionary is long
    with page.expect_download() as download:
        page.get_by_role("link", name="政府信息公开年报-报告.parquet").click()
    assert download.value.suggested_filename == "政府信息公开年报-报告.parquet"
    page.get_by_role("link", name="查询方法和示例").click()
    page.wait_for_load_state()
    assert page.locator("section.example").count() == 6
    page.screenshot(path=str(ARTIFACTS / "opendata-duckdb.png"))
