"""The supervisors' analytics in a real browser: each page reached from the menu, its chart
drawn (ECharts, SVG) beside its table. Screenshots go to test-artifacts/."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from gongkai.roles import Role
from gongkai.web.agencies.models import Agency, Membership
from gongkai.web.reports.models import PublishedReport
from tests.web.conftest import ARTIFACTS
from tests.web.test_browser import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_supervisor_opens_each_analytics_page_from_the_menu(
    demo: list[PublishedReport], live_server: Any, page: Any
) -> None:
    user = User.objects.create_user("zongdu", password="pw-zongdu-2021")
    for top in Agency.objects.filter(parent=None):
        Membership.objects.create(user=user, agency=top, role=Role.SUPERVISOR)
    _sign_in(page, live_server.url, "zongdu", "pw-zongdu-2021")
    page.goto(live_server.url + "/manage/overview/?year=2021")

    page.get_by_role("link", name="报告情况").click()
    page.locator("select[name=from]").select_option("2019")
    page.get_by_role("button", name="查看").click()
    assert "年度：2019年至2021年" in page.locator("#filter-words").inner_text()
    page.wait_for_selector("#chart-standing svg")
    assert page.locator("table.standing tbody tr").count() >= 5
    page.screenshot(path=str(ARTIFACTS / "supervisor-standing.png"), full_page=True)

    page.get_by_role("link", name="逐年趋势").click()
    page.locator("select[name=measure]").select_option(label="新收申请")
    page.get_by_role("button", name="查看").click()
    page.wait_for_selector("#chart-trend svg")
    assert page.locator("table.trends tbody tr").first.inner_text().startswith("合计")
    page.screenshot(path=str(ARTIFACTS / "supervisor-trends.png"), full_page=True)

    page.get_by_role("link", name="分布与离群").click()
    page.locator("select[name=measure]").select_option(label="公开率")
    page.get_by_role("button", name="查看").click()
    page.wait_for_selector("#chart-box svg")
    assert "中位数" in page.locator("table.distributions thead").inner_text()
    page.screenshot(path=str(ARTIFACTS / "supervisor-distributions.png"), full_page=True)

    page.get_by_role("link", name="各机关排名").click()
    page.get_by_role("link", name="与第一名逐格对比").first.click()
    page.wait_for_load_state()
    assert "个不同（已标出）" in page.locator("#summary").inner_text()
    assert page.locator("table.compare tr.changed").count() >= 1
    page.wait_for_selector("#chart-compare svg")
    page.screenshot(path=str(ARTIFACTS / "supervisor-compare.png"), full_page=True)

    # Issue 14: two reports chosen by agency and year, from the menu's 逐格对比.
    left, right = PublishedReport.objects.filter(status="published").order_by("id")[:2]
    page.locator("nav.filters").get_by_role("link", name="逐格对比", exact=True).click()
    page.wait_for_load_state()
    for side, report in (("a", left), ("b", right)):
        page.locator(f"select[name=agency_{side}]").select_option(str(report.agency_id))
        page.locator(f"select[name=year_{side}]").select_option(str(report.year))
    page.screenshot(path=str(ARTIFACTS / "supervisor-compare-picker.png"), full_page=True)
    page.get_by_role("button", name="对比").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/manage/overview/compare/?a={left.pk}&b={right.pk}")
    names = f"{left.agency.name}{left.year}年度与{right.agency.name}{right.year}年度"
    assert page.locator("h1").inner_text().startswith(names)
    assert "个不同（已标出）" in page.locator("#summary").inner_text()
    page.screenshot(path=str(ARTIFACTS / "supervisor-compare-picked.png"), full_page=True)
