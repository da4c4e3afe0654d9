"""The public portal: published reports, their pages, JSON twins and downloads."""

from __future__ import annotations

import random
from typing import Any

import pytest
from django.test import Client

from gongkai import catalog
from gongkai.readers import read_bytes, read_path
from gongkai.render.html import render_html
from gongkai.web.agencies.models import Agency
from gongkai.web.reports.actions import do_correct_cell, do_start_revision, store_report
from gongkai.web.reports.models import PublishedReport
from tests.support.corpus import cms
from tests.support.reports import report_from_rng
from tests.web.conftest import SEEDS, draft_from_seed, office, sign_and_publish, signed_in

pytestmark = pytest.mark.django_db


def test_front_page_lists_published_reports_with_agency_names(
    demo: list[PublishedReport], client: Client, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(3):
        page = client.get("/").content.decode()
    for name in (
        "运城市盐湖区人民政府办公室",
        "大同市云州区人民政府",
        "嵩县人民政府",
        "青铜峡市人民政府",
        "盐池县人民政府办公室",
    ):
        assert name in page
    assert "显示：全部，共 5 份" in page
    assert "4 个错误" in page


def test_filters_say_what_they_do_and_select_the_subtree(
    demo: list[PublishedReport], client: Client
) -> None:
    ningxia = Agency.objects.get(name="宁夏回族自治区")
    page = client.get("/", {"region": ningxia.pk, "year": 2021}).content.decode()
    assert f"显示：2021年度、{ningxia.name}及所属机关，共 1 份" in page
    assert ">青铜峡市人民政府</a>" in page and ">盐池县人民政府办公室</a>" not in page


def test_a_wrong_filter_is_explained_in_chinese(
    demo: list[PublishedReport], client: Client
) -> None:
    page = client.get("/", {"year": "二〇二一"}).content.decode()
    assert "年度应为四位数字，如 2021" in page


def test_report_page_shows_findings_tables_and_sections(
    demo: list[PublishedReport], client: Client
) -> None:
    record = PublishedReport.objects.get(agency__name="盐池县人民政府办公室")
    page = client.get(f"/reports/{record.pk}/").content.decode()
    assert "校验发现 4 个错误" in page
    assert "三（七）总计「自然人」列填报为0，但各办理结果之和为2（原文第74行）" in page
    assert "收到和处理政府信息公开申请情况" in page and "<table>" in page
    assert "宁夏回族自治区 吴忠市 盐池县" in page


def test_json_twin_is_the_core_reading(demo: list[PublishedReport], client: Client) -> None:
    record = PublishedReport.objects.get(agency__name="嵩县人民政府")
    twin = client.get(f"/reports/{record.pk}.json").json()
    core = read_path(next(SEEDS.glob("002_*.txt"))).to_json()
    assert {k: twin[k] for k in ("agency", "year", "active", "applications")} == {
        k: core[k] for k in ("agency", "year", "active", "applications")
    }
    listing = client.get("/reports.json", {"q": "嵩县"}).json()
    assert [r["agency"] for r in listing["reports"]] == ["嵩县人民政府"]


@pytest.mark.parametrize(("target", "magic"), [("pdf", b"%PDF"), ("docx", b"PK"), ("xlsx", b"PK")])
def test_downloads_in_every_format(
    demo: list[PublishedReport], client: Client, target: str, magic: bytes
) -> None:
    record = demo[0]
    response = client.get(f"/reports/{record.pk}/download/{target}")
    assert response.status_code == 200
    assert response.content.startswith(magic)
    assert "attachment" in response["Content-Disposition"]


def test_drafts_are_not_public(db: None, client: Client) -> None:
    agency = Agency.objects.create(name="某县交通运输局", level=Agency.Level.DEPARTMENT)
    draft = draft_from_seed(agency, "003")
    assert client.get(f"/reports/{draft.pk}/").status_code == 404
    assert client.get(f"/api/reports/{draft.pk}").status_code == 404
    assert "某县交通运输局" not in client.get("/").content.decode()


def test_a_correction_is_a_new_edition_shown_beside_the_first(
    demo: list[PublishedReport],
) -> None:
    record = next(r for r in demo if r.errors)
    people = office(record.agency)
    draft = do_start_revision(record, people.officer, "原表总计漏填")
    do_correct_cell(draft, people.officer, "applications.total.natural_person", "2", "原表漏填")
    second = sign_and_publish(draft, people, reason="其余不一致为原表如此，按原样公开")
    page = Client().get(f"/reports/{second.pk}/").content.decode()
    assert "更正记录" in page and "表三（七）「自然人」：0 → 2（原表漏填）" in page
    assert "第2版" in page and "更正理由：原表总计漏填" in page
    assert "officer" not in page
    first = Client().get(f"/reports/{record.pk}/").content.decode()
    assert "已被更正后的版本替代" in first and f"/reports/{second.pk}/" in first


def test_a_report_page_says_how_sure_its_reading_is(
    demo: list[PublishedReport], client: Client
) -> None:
    record = PublishedReport.objects.get(agency__name="盐池县人民政府办公室")
    page = client.get(f"/reports/{record.pk}/").content.decode()
    assert "读取：共198个单元格，按原文版面读出99个，按勾稽关系修复29个，存疑70个。" in page


def test_a_correction_keeps_the_doubts_of_the_reading(tree: dict[str, Agency]) -> None:
    """Regression (issue 13): checking again after a correction forgot which rows the reader
    doubted, so the rules it had said as warnings came back as errors."""
    path = SEEDS.parent / "issue-13" / "issue-13-libreoffice-108.txt"
    people = office(tree["county"])
    draft = store_report(tree["county"], read_path(path), path.name, path.read_bytes(), None)
    assert draft.errors == 0 and draft.warnings > 0
    # Table 三 is read by its print order (all its rules hold); table 四 stays in doubt.
    do_correct_cell(draft, people.officer, "appeals.review.upheld", "6", "核对原文")
    draft.refresh_from_db()
    assert draft.errors == 0
    preview = signed_in(people.officer).get(f"/manage/reports/{draft.pk}/").content.decode()
    assert "存疑" in preview and "请对照原文核对" in preview


@pytest.mark.parametrize(
    "seed, headline", [("002", "未发现错误，另有 5 个单元格读取存疑"), ("003", "勾稽关系无误")]
)
def test_the_headline_says_when_figures_may_be_misread(
    tree: dict[str, Agency], seed: str, headline: str
) -> None:
    """Regression (issue 13): a report with no error but doubted cells was headed 「勾稽关系无误」
    in green, on the preview and on the public page, as if every figure were sure."""
    agency = tree["county"]
    people = office(agency)
    draft = draft_from_seed(agency, seed)
    preview = signed_in(people.officer).get(f"/manage/reports/{draft.pk}/").content.decode()
    assert headline in preview
    published = sign_and_publish(draft, people, reason="已对照原文核对")
    public = Client().get(f"/reports/{published.pk}/").content.decode()
    assert headline in public
    assert ("勾稽关系无误" in public) == (seed == "003")


def test_the_preview_says_which_table_is_a_picture_not_read(tree: dict[str, Agency]) -> None:
    """Regression (issue 13): a web page whose table 三 is a picture on the site's server,
    with the year's figures in a sentence above it, was previewed with rows said missing
    (and the sentence read as a row), not with the table said to be a picture; said only
    among the collapsed notices, the blank table looked read. It is said under the headline,
    on the preview and on the public page."""
    printed = report_from_rng(random.Random(13), "2021")
    sections = {section_id: "" for section_id, _ in catalog.SECTIONS}
    prose = "全年共受理政府信息公开申请792件（含上年结转9件）。"
    report = printed.model_copy(update={"sections": {**sections, "applications": prose}})
    data = cms.picture_link(render_html(report))
    people = office(tree["county"])
    draft = store_report(tree["county"], read_bytes(data, "年报.html"), "年报.html", data, None)
    preview = signed_in(people.officer).get(f"/manage/reports/{draft.pk}/").content.decode()
    said = (
        '<p class="doubt unread">表三（收到和处理政府信息公开申请情况）在原文中是图片，'
        "无法读取，按空白处理，请核对原文或改交文字版</p>"
    )
    assert said in preview
    published = sign_and_publish(draft, people, reason="已对照原文核对")
    assert said in Client().get(f"/reports/{published.pk}/").content.decode()
