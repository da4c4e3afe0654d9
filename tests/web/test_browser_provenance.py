"""The officer's preview in a real browser: a clicked cell's source marked where it was printed
(a box over the picture of a PDF page, scanned or not, the characters in the text).
Screenshots go to test-artifacts/."""

from __future__ import annotations

import io
import math
import random
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from PIL import Image

from gongkai.readers import read_path
from gongkai.render import render
from gongkai.render.html import render_html
from gongkai.web.agencies.models import Agency, Membership
from gongkai.web.reports.models import PublishedReport
from tests.support.corpus import wps
from tests.support.corpus.ofd import pdf_to_ofd
from tests.support.corpus.tablepicture import applications_pdf, table_picture
from tests.support.scans import scan_pdf
from tests.support.variants import headers_as_th, turned_pdf
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


@pytest.mark.parametrize("kind", ["upright", "turned", "scan", "ofd", "ofd-lying"])
def test_a_clicked_cell_is_boxed_on_the_pdf_page(
    live_server: Any, page: Any, tmp_path: Path, kind: str, settings: Any
) -> None:
    # turned: stored running up the page and shown upright by /Rotate, as landscape pages are;
    # ofd: the PDF written as OFD, its page drawn by the preview; ofd-lying: its content
    # turned by a CTM on a landscape page, drawn upright
    pdf = tmp_path / ("盐池县2019年报.ofd" if kind.startswith("ofd") else "盐池县2019年报.pdf")
    printed = seed_pdf("004")
    made = {
        "upright": lambda: printed,
        "turned": lambda: turned_pdf(printed),
        "scan": lambda: scan_pdf(printed, seed=2),
        "ofd": lambda: pdf_to_ofd(printed),
        "ofd-lying": lambda: pdf_to_ofd(turned_pdf(printed, 90, shown=False)),
    }
    pdf.write_bytes(made[kind]())
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
    # the box frames printed ink on the picture: the figure, not the page's margin
    box.evaluate("b => { b.style.visibility = 'hidden'; }")
    under = Image.open(io.BytesIO(page.screenshot(clip=box.bounding_box())))
    assert min(under.convert("L").tobytes()) < 128
    box.evaluate("b => { b.style.visibility = ''; }")
    suffix = "" if kind == "upright" else f"-{kind}"
    page.screenshot(path=str(ARTIFACTS / f"provenance-pdf{suffix}.png"))
    page.locator("aside.source").screenshot(
        path=str(ARTIFACTS / f"provenance-pdf{suffix}-page.png")
    )


def test_a_clicked_html_cell_is_said_by_its_row_and_column(
    live_server: Any, page: Any, tmp_path: Path
) -> None:
    # label cells as th beside the figures' td, and merged cells: neither counts in the
    # element's own index, both count in the row and column a person reads
    html = tmp_path / "盐池县2019年报.html"
    report = read_path(SEEDS / "004_dcba8a3c48a24b57.txt")
    html.write_text(headers_as_th(render(report, "html").decode()), "utf-8")
    stored = _upload(page, live_server.url, html)
    page.goto(f"{live_server.url}/manage/reports/{stored.pk}/")
    page.locator('td[data-cell="applications.granted.total"]').click()
    said = page.locator("#source-where")
    assert said.inner_text() == "原文件中的位置：网页中第2个表格第6行第10列"
    page.locator('td[data-cell="applications.new_received.natural_person"]').click()
    assert said.inner_text() == "原文件中的位置：网页中第2个表格第4行第4列"
    said.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "provenance-html.png"))


def test_a_clicked_cell_read_from_a_pasted_picture_is_said_by_the_picture(
    live_server: Any, page: Any, tmp_path: Path, settings: Any
) -> None:
    """Table 三 pasted into Word as a picture: the picture cannot be marked as text is, so
    the preview names the picture and where in it the figure was read."""
    report = read_path(SEEDS / "004_dcba8a3c48a24b57.txt")
    shot = table_picture(applications_pdf(render_html(report)), random.Random(1))
    document = tmp_path / "盐池县2019年报.docx"
    document.write_bytes(wps.picture(render(report, "docx"), shot))
    settings.GONGKAI_READ_SECONDS = 1800  # the picture is read by OCR while the upload waits
    page.set_default_timeout(1_800_000)
    stored = _upload(page, live_server.url, document)
    name = "applications.granted.total"
    where = stored.data["provenance"][name]
    assert where["picture"] == 1
    page.goto(f"{live_server.url}/manage/reports/{stored.pk}/")
    page.locator(f'td[data-cell="{name}"]').click()
    said = page.locator("#source-where")
    left, top = (math.floor(v + 0.5) for v in where["box"][:2])  # as Math.round
    assert said.inner_text() == (
        "原文件中的位置：第1张图片中（表格以图片插入，经文字识别读取），"
        f"距图片左边约{left}像素、上边约{top}像素处"
    )
    assert not page.locator("#source-box").is_visible()
    said.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "provenance-docx-picture.png"))


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
