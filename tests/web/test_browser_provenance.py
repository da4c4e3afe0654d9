"""The officer's preview in a real browser: a clicked cell's source marked where it was printed
(a box over the picture of a PDF page, scanned or not, the characters in the text).
Screenshots go to test-artifacts/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from gongkai.web.agencies.models import Agency, Membership
from gongkai.web.reports.models import PublishedReport
from tests.support.scans import scan_pdf
from tests.web.conftest import ARTIFACTS, seed_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEEDS = Path(__file__).parent.parent / "fixtures" / "seeds"


def _upload(page: Any, url: str, path: Path) -> PublishedReport:
    county = Agency.objects.create(name="盐池县人民政府办公室", level=Agency.Level.DEPARTMENT)
    user = User.objects.create_user("yanchi", password="pw-yanchi")
    Membership.objects.create(user=user, agency=county, role="officer")
    page.goto(url + "/accounts/login/")
    page.fill("#id_username", "yanchi")
    page.fill("#id_password", "pw-yanchi")
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()
    page.goto(url + "/manage/upload/")
    page.set_input_files("#id_uploads", str(path))
    page.get_by_role("button", name="上传并校验").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="确认导入").click()
    page.wait_for_load_state()
    return PublishedReport.objects.get()


@pytest.mark.parametrize("scanned", [False, True], ids=["pdf", "scan"])
def test_a_clicked_cell_is_boxed_on_the_pdf_page(
    live_server: Any, page: Any, tmp_path: Path, scanned: bool, settings: Any
) -> None:
    pdf = tmp_path / "盐池县2019年报.pdf"
    pdf.write_bytes(scan_pdf(seed_pdf("004"), seed=2) if scanned else seed_pdf("004"))
    # a scan is read by OCR while the upload waits: minutes on a loaded machine
    settings.GONGKAI_READ_SECONDS = 1800
    page.set_default_timeout(1_800_000)
    stored = _upload(page, live_server.url, pdf)
    name = "applications.granted.total"
    where = stored.data["provenance"][name]
    page.goto(f"{live_server.url}/manage/reports/{stored.pk}/?page={where['page']}")
    page.locator(f'td[data-cell="{name}"]').click()
    box = page.locator("#source-box")
    assert box.is_visible()
    image = page.locator("#source-page").bounding_box()
    inner = page.locator("#source-page").evaluate("i => [i.clientLeft, i.clientTop, i.clientWidth]")
    points = page.evaluate("JSON.parse(document.getElementById('page-points').textContent)")
    x, y, scale = image["x"] + inner[0], image["y"] + inner[1], inner[2] / points[0]
    drawn = box.bounding_box()
    left, top, right, bottom = where["box"]
    assert abs(drawn["x"] - (x + left * scale)) < 1
    assert abs(drawn["y"] - (y + top * scale)) < 1
    assert abs(drawn["width"] - (right - left) * scale) < 1
    assert abs(drawn["height"] - (bottom - top) * scale) < 1
    assert page.locator(f'td[data-cell="{name}"]').get_attribute("class") is not None
    box.scroll_into_view_if_needed()
    kind = "scan" if scanned else "pdf"
    page.screenshot(path=str(ARTIFACTS / f"provenance-{kind}.png"))
    page.locator("aside.source").screenshot(path=str(ARTIFACTS / f"provenance-{kind}-page.png"))


def test_a_clicked_cell_marks_its_characters_in_the_text(live_server: Any, page: Any) -> None:
    stored = _upload(page, live_server.url, SEEDS / "004_dcba8a3c48a24b57.txt")
    name = "applications.total.total"
    where = stored.data["provenance"][name]
    cell = page.locator(f'td[data-cell="{name}"]')
    cell.click()
    mark = page.locator(f"#L{where['line']} mark")
    assert mark.inner_text() == cell.inner_text().strip()
    assert page.locator("pre.source-text mark").count() == 1
    page.locator("li[data-cells] a.point").first.click()
    assert page.locator("td.pointed").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "provenance-text.png"))
