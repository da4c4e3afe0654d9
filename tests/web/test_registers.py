"""The registers of proactive disclosure and of appeals, the monthly figures' import, and the
public catalogue searched in Chinese (on SQLite here, on PostgreSQL in `make test`)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook

from gongkai.roles import Role
from gongkai.web.agencies.models import Agency
from gongkai.web.registers.models import Appeal, MonthlyFigure, Publication
from tests.web.conftest import person

pytestmark = pytest.mark.django_db

DOCUMENT = {
    "kind": "normative_documents",
    "title": "关于进一步规范农村公路建设资金管理的通知",
    "doc_number": "某政发〔2025〕3号",
    "formed_on": "2025-03-03",
    "published_on": "2025-04-15",
    "interpretation": "《关于进一步规范农村公路建设资金管理的通知》政策解读",
    "summary": "明确农村公路建设资金的拨付程序",
}


def test_documents_are_registered_and_late_ones_flagged(tree: dict[str, Agency]) -> None:
    officer = person("officer", tree["county"], Role.OFFICER)
    url = f"/manage/registers/{tree['county'].pk}/publications"
    assert officer.post(url, DOCUMENT).status_code == 302
    page = officer.get("/manage/registers/", {"year": 2025}).content.decode()
    # 3 March to 15 April is more than 20 working days (第二十六条).
    assert "1 件未在形成之日起20个工作日内公开" in page
    bad = officer.post(url, {**DOCUMENT, "published_on": "2025-01-01", "title": ""})
    text = bad.content.decode()
    assert bad.status_code == 400 and "公开日期不能早于制发日期" in text and "此项必填" in text
    assert Publication.objects.count() == 1
    stranger = person("stranger", tree["other"], Role.OFFICER)
    assert stranger.post(url, DOCUMENT).status_code == 404


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("figures.csv", text.encode("gb18030"))


def test_monthly_figures_import_all_or_nothing(tree: dict[str, Agency]) -> None:
    officer = person("officer", tree["county"], Role.OFFICER)
    url = f"/manage/registers/{tree['county'].pk}/figures?year=2025"
    wrong = (
        "年度,月份,事项,数值\n2025,1,行政许可,12\n2025,13,行政处罚,3\n"
        "2025,2,行政收费,1\n2025,2,行政强制,1.5\n"
    )
    response = officer.post(url, {"file": _csv(wrong)})
    text = response.content.decode()
    assert response.status_code == 400
    assert "第3行：月份“13”应为1至12" in text and "第4行：事项“行政收费”" in text
    assert "第5行：数值“1.5”应为不小于0的整数" in text
    assert MonthlyFigure.objects.count() == 0
    good = (
        "年度,月份,事项,数值\n2025,1,行政许可,12\n2025,2,行政许可,8\n"
        "2025,1,行政事业性收费,0.015954\n"
    )
    assert officer.post(url, {"file": _csv(good)}).status_code == 302
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["年度", "月份", "事项", "数值"])
    sheet.append([2025, 3, "行政处罚", 4])
    out = io.BytesIO()
    book.save(out)
    upload = SimpleUploadedFile("figures.xlsx", out.getvalue())
    assert officer.post(url, {"file": upload}).status_code == 302
    page = officer.get("/manage/registers/", {"year": 2025}).content.decode()
    assert "<td>行政许可</td><td>20</td>" in page
    assert "<td>行政事业性收费（万元）</td><td>0.015954</td>" in page
    assert "<td>行政处罚</td><td>4</td>" in page


def test_appeals_are_registered_with_their_application(tree: dict[str, Agency]) -> None:
    officer = person("officer", tree["county"], Role.OFFICER)
    url = f"/manage/registers/{tree['county'].pk}/appeals"
    fields = {"kind": "review", "number": "（2025）复字第3号", "filed_on": "2025-05-06"}
    missing = officer.post(url, {**fields, "result": "upheld", "case_number": "无此号"})
    text = missing.content.decode()
    assert "请填写决定（判决）日期" in text and "本机关没有编号为“无此号”的申请" in text
    assert officer.post(url, {**fields, "result": "pending"}).status_code == 302
    assert Appeal.objects.get().result == "pending"


def test_the_catalogue_finds_chinese_words(tree: dict[str, Agency]) -> None:
    county = tree["county"]
    for title, published in (
        ("关于进一步规范农村公路建设资金管理的通知", "2025-04-01"),
        ("关于做好城乡低保资金发放工作的通知", "2025-05-01"),
        ("关于公路养护的内部通知", None),
    ):
        Publication.objects.create(
            agency=county,
            kind="normative_documents",
            title=title,
            formed_on="2025-03-01",
            published_on=published,
        )
    client = Client()

    def found(query: str) -> int:
        page = client.get(f"/catalogue/{county.pk}/", {"q": query}).content.decode()
        return page.count("<tr><td>")

    assert found("公路") == 1  # the unpublished one is not in the public catalogue
    assert found("资金") == 2
    assert found("低保资金") == 1
    assert found("路建") == 1 and found("金管理") == 1
    assert found("养老") == 0
    assert found("") == 2


def test_a_months_figure_is_typed_in_and_replaced(tree: dict[str, Agency]) -> None:
    officer = person("officer", tree["county"], Role.OFFICER)
    url = f"/manage/registers/{tree['county'].pk}/figure?year=2025"
    fields = {"year": "2025", "month": "4", "row": "penalty", "value": "3"}
    assert officer.post(url, fields).status_code == 302
    assert officer.post(url, {**fields, "value": "5"}).status_code == 302
    assert MonthlyFigure.objects.get().value == 5
    bad = officer.post(url, {**fields, "month": "13", "value": "2.5"})
    text = bad.content.decode()
    assert bad.status_code == 400 and "月份应为1至12" in text and "应为不小于0的整数" in text
    assert MonthlyFigure.objects.get().value == 5
