"""The supervising office's overview: its subtree only, every agency's state, checked figures,
late publication, a JSON twin and an XLSX export that agree with the page."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from gongkai.roles import Role
from gongkai.web.agencies.models import Agency
from gongkai.web.reports.models import PublishedReport
from tests.web.conftest import person

pytestmark = pytest.mark.django_db


def _agency(name: str) -> Agency:
    return Agency.objects.get(name=name)


def test_a_city_sees_every_agency_below_it_and_nothing_else(
    demo: list[PublishedReport],
) -> None:
    supervisor = person("wuzhong", _agency("吴忠市"), Role.SUPERVISOR)
    body = supervisor.get("/manage/overview/overview.json", {"year": 2021}).json()
    names = [a["agency"] for a in body["agencies"]]
    assert names == ["吴忠市", "青铜峡市人民政府", "盐池县", "盐池县人民政府办公室"]
    by_name = {a["agency"]: a for a in body["agencies"]}
    assert by_name["青铜峡市人民政府"]["state"] == "已发布"
    assert by_name["盐池县人民政府办公室"]["state"] == "未提交"  # its report is 2019's
    assert by_name["青铜峡市人民政府"]["due"] == "2022-03-31"  # a government: 31 March
    assert by_name["盐池县人民政府办公室"]["due"] == "2022-01-31"  # a department: 31 January
    record = PublishedReport.objects.get(agency__name="青铜峡市人民政府")
    figures = record.data["applications"]["rows"]
    assert by_name["青铜峡市人民政府"]["new_received"] == figures["new_received"][6]
    assert by_name["青铜峡市人民政府"]["carry_forward"] == figures["carry_forward"][6]
    assert body["totals"] == {
        "agencies": 4,
        "published": 1,
        "drafts": 0,
        "missing": 3,
        "with_errors": 0,
        "late": 3,  # nothing at all from three agencies, long past their dates
    }
    older = supervisor.get("/manage/overview/overview.json", {"year": 2019}).json()
    by_name = {a["agency"]: a for a in older["agencies"]}
    assert by_name["盐池县人民政府办公室"]["errors"] == 4


def test_late_publication_is_marked_late(demo: list[PublishedReport]) -> None:
    record = PublishedReport.objects.get(agency__name="盐池县人民政府办公室")
    record.published_on = dt.date(2020, 2, 3)
    record.save()
    supervisor = person("wuzhong", _agency("吴忠市"), Role.SUPERVISOR)
    rows = supervisor.get("/manage/overview/overview.json", {"year": 2019}).json()["agencies"]
    row = next(r for r in rows if r["agency"] == "盐池县人民政府办公室")
    assert (row["published_on"], row["due"], row["late"]) == ("2020-02-03", "2020-01-31", True)
    page = supervisor.get("/manage/overview/", {"year": 2019}).content.decode()
    assert "2020-02-03（逾期）" in page
    assert "vendor/echarts/echarts.min.js" in page and 'id="chart-errors"' in page


def test_the_export_has_the_same_rows_as_the_page(demo: list[PublishedReport]) -> None:
    supervisor = person("shanxi", _agency("山西省"), Role.SUPERVISOR)
    body = supervisor.get("/manage/overview/overview.json", {"year": 2021}).json()
    response = supervisor.get("/manage/overview/overview.xlsx", {"year": 2021})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("机关", "层级", "状态")
    assert [r[0] for r in rows[1:]] == [a["agency"] for a in body["agencies"]]
    assert [r[8] for r in rows[1:]] == [a["new_received"] for a in body["agencies"]]
    assert "宁夏" not in "".join(str(r[0]) for r in rows)


def test_an_officer_sees_only_their_agency_and_a_bad_year_falls_back(
    tree: dict[str, Agency],
) -> None:
    nobody = person("nobody", tree["county"], Role.OFFICER)
    body = nobody.get("/manage/overview/overview.json", {"year": "abc"}).json()
    assert [a["agency"] for a in body["agencies"]] == ["某县"]
