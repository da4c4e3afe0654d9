"""答复用时 and 重复内容 in a real browser, as a supervisor and as an agency's officer; the
screenshots go to test-artifacts/ for a person to look at."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from gongkai.roles import Role
from gongkai.web.agencies.models import Agency
from tests.web.conftest import ARTIFACTS, Office, holder
from tests.web.test_browser import _as
from tests.web.test_copies import Library, library  # noqa: F401 (a fixture)
from tests.web.test_responses import county  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _charted(page: Any, chart: str) -> None:
    page.wait_for_selector(f"#{chart} svg")


def test_a_supervisor_and_an_officer_see_answer_times_and_copies(
    tree: dict[str, Agency],
    county: tuple[Office, User],  # noqa: F811
    library: Library,  # noqa: F811
    live_server: Any,
    page: Any,
) -> None:
    holder("sup", tree["province"], Role.SUPERVISOR)
    url = live_server.url

    _as(page, url, "sup", url + "/manage/overview/responses/?year=2025&sort=median")
    _charted(page, "chart-agencies")
    rows = page.locator("table.responses tbody tr")
    assert rows.first.locator("td").first.inner_text() == "某县"
    assert "second" not in page.content()
    page.screenshot(path=str(ARTIFACTS / "supervisor-responses.png"), full_page=True)

    page.goto(url + "/manage/copies/?year=2025")
    assert page.locator("table.copies a").count() == 0  # nothing found yet
    page.get_by_role("button", name="查找2025年度某省报告的重复内容").click()
    page.wait_for_load_state()
    _charted(page, "chart-copies")
    page.screenshot(path=str(ARTIFACTS / "supervisor-copies.png"), full_page=True)
    page.locator("table.copies tbody tr").first.locator("a").first.click()
    page.wait_for_load_state()
    assert page.locator("#left mark").count() > 0 and page.locator("#right mark").count() > 0
    page.screenshot(path=str(ARTIFACTS / "supervisor-copy-pair.png"), full_page=True)

    _as(page, url, "officer", url + "/manage/cases/responses/?year=2025")
    _charted(page, "chart-months")
    assert page.locator("table.handlers tbody tr").count() == 2
    page.screenshot(path=str(ARTIFACTS / "officer-responses.png"), full_page=True)
    page.goto(url + "/manage/copies/?year=2025")
    assert page.locator("table.copies tbody tr").count() == 1
    page.screenshot(path=str(ARTIFACTS / "officer-copies.png"), full_page=True)
