"""The supervisors' analytics: each agency's standing over years, a measure's trend, its
spread over agencies with the outliers, and two reports cell by cell; each page with its
filter said in words, a JSON twin and an XLSX export, and only the person's scope."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from gongkai.roles import Role
from gongkai.web.agencies.models import Agency
from gongkai.web.reports.actions import Collecting, store_collected
from gongkai.web.reports.models import PublishedReport, ReportFigures
from gongkai.web.supervision import picker
from tests.web.conftest import person, seed_bytes, seed_report

pytestmark = pytest.mark.django_db

L = Agency.Level
RECEIVED = {"某县": 10, "乙县": 11, "丙县": 12, "丁县": 13, "戊县": 100}


@pytest.fixture
def region(tree: dict[str, Agency]) -> dict[str, Agency]:
    """Five counties under the city with reports of 2020 and 2021 (戊县 has none of 2020);
    received 10…13 and 100 in 2021, half that in 2020; one report in the other city."""
    counties = {"某县": tree["county"]}
    for name in list(RECEIVED)[1:]:
        counties[name] = Agency.objects.create(name=name, level=L.COUNTY, parent=tree["city"])
    name, data = seed_bytes("003")
    made = []
    for year in (2020, 2021):
        report = seed_report("003").model_copy(update={"year": year})
        for agency in [*counties.values(), tree["other"]]:
            made.append(Collecting(agency, report, name, data))
    stored = store_collected(made, None)
    for held in stored:
        received = RECEIVED.get(held.agency.name, 7) // (2 if held.year == 2020 else 1)
        ReportFigures.objects.filter(report=held).update(
            received=received, answered=received, granted=received // 2, errors=0, late=False
        )
    PublishedReport.objects.filter(agency=counties["戊县"], year=2020).update(year=2019)
    ReportFigures.objects.filter(agency=counties["戊县"], year=2020).update(year=2019)
    ReportFigures.objects.filter(agency=counties["乙县"], year=2021).update(
        late=True, errors=2, edition=2
    )
    return {**tree, **counties}


def test_the_standing_of_each_agency_over_years_with_counts_at_the_top(
    region: dict[str, Agency],
) -> None:
    client = person("督查", region["city"], Role.SUPERVISOR)
    asked = {"from": "2020", "to": "2021", "level": "county"}
    page = client.get("/manage/overview/standing/", asked).content.decode()
    assert "范围：本人可查看的全部机关；层级：县级；年度：2020年至2021年" in page
    body = client.get("/manage/overview/standing.json", asked).json()
    assert body["totals"] == {
        "agencies": 5,
        "complete": 4,
        "missing": 1,
        "late": 1,
        "with_errors": 1,
        "corrected": 1,
    }
    first, second = body["agencies"][:2]
    assert (first["agency"], first["missing"], first["published"]) == ("戊县", 1, 1)
    assert (second["agency"], second["late"], second["errors"]) == ("乙县", 1, 2)
    assert "另一市" not in page


def test_a_trend_sums_the_figures_of_the_region_and_of_each_sub_region(
    region: dict[str, Agency],
) -> None:
    client = person("督查", region["province"], Role.SUPERVISOR)
    asked = {
        "from": "2020",
        "to": "2021",
        "measure": "received",
        "region": str(region["province"].pk),
    }
    body = client.get("/manage/overview/trends.json", asked).json()
    assert body["years"] == [2020, 2021]
    assert body["series"] == {
        "合计": [5 + 5 + 6 + 6 + 3, 10 + 11 + 12 + 13 + 100 + 7],
        "某省（本级）": [None, None],
        "某市": [5 + 5 + 6 + 6, 10 + 11 + 12 + 13 + 100],
        "另一市": [3, 7],
    }
    page = client.get("/manage/overview/trends/", asked).content.decode()
    assert "范围：某省及所属机关" in page and "<td>某市</td><td>22</td><td>146</td>" in page


def test_a_box_plot_lists_the_outlier_agencies_with_links(region: dict[str, Agency]) -> None:
    client = person("督查", region["city"], Role.SUPERVISOR)
    asked = {"year": "2021", "measure": "received"}
    body = client.get("/manage/overview/distributions.json", asked).json()
    (county,) = body["groups"]
    assert county["name"] == "县级" and county["box"]["median"] == 12
    assert [o["agency"] for o in county["outliers"]] == ["戊县"]
    by_region = client.get("/manage/overview/distributions.json", {**asked, "by": "region"})
    assert sorted(g["name"] for g in by_region.json()["groups"]) == sorted(RECEIVED)
    page = client.get("/manage/overview/distributions/", asked).content.decode()
    report = ReportFigures.objects.get(agency=region["戊县"], year=2021).report_id
    assert f'<a href="/manage/reports/{report}/">戊县</a>' in page


def test_two_reports_side_by_side_mark_the_cells_that_differ(region: dict[str, Agency]) -> None:
    client = person("督查", region["city"], Role.SUPERVISOR)
    first, second = (
        PublishedReport.objects.get(agency=region["乙县"], year=y) for y in (2020, 2021)
    )
    data = second.data
    data["applications"]["rows"]["granted"][6] += 3
    PublishedReport.objects.filter(pk=second.pk).update(data=data)
    asked = {"a": str(first.pk), "b": str(second.pk)}
    body = client.get("/manage/overview/compare.json", asked).json()
    changed = [c for c in body["cells"] if c["change"] != "相同"]
    assert [c["label"] for c in changed] == ["表三（一）「总计」"]
    assert changed[0]["change"].startswith("增加3")
    page = client.get("/manage/overview/compare/", asked).content.decode()
    assert "其中1个不同（已标出）" in page and 'class="changed"' in page
    only = client.get("/manage/overview/compare/", {**asked, "changed": "1"}).content.decode()
    assert only.count("<tr") == 2 and "表三（一）「总计」" in only
    sheet = client.get("/manage/overview/compare.xlsx", asked)
    rows = list(openpyxl.load_workbook(io.BytesIO(sheet.content)).worksheets[0].values)
    assert rows[0] == ("单元格", "乙县2020年度", "乙县2021年度", "差额", "变化")
    elsewhere = PublishedReport.objects.get(agency=region["other"], year=2021)
    assert (
        client.get("/manage/overview/compare/", {"a": first.pk, "b": elsewhere.pk}).status_code
        == 404
    )


def test_a_supervisor_chooses_the_two_reports_to_compare(region: dict[str, Agency]) -> None:
    """Issue 14: an agency and a year for each column, among the published reports of the
    supervisor's scope; the choice leads to the page of the two reports."""
    client = person("督查", region["city"], Role.SUPERVISOR)
    first, second = (
        PublishedReport.objects.get(agency=region["乙县"], year=y) for y in (2020, 2021)
    )
    body = client.get("/manage/overview/compare.json").json()
    assert [a["agency"] for a in body["agencies"]] == ["某县", "乙县", "丙县", "丁县", "戊县"]
    assert body["years"] == [2021, 2020, 2019] and body["total"] == 5
    page = client.get("/manage/overview/compare/").content.decode()
    assert 'id="picker"' in page and "另一市" not in page and "尚无" not in page
    chosen = {"agency_a": region["乙县"].pk, "year_a": 2020}
    chosen |= {"agency_b": region["乙县"].pk, "year_b": 2021}
    done = client.get("/manage/overview/compare/", chosen)
    assert done.status_code == 302
    assert done["Location"] == f"/manage/overview/compare/?a={first.pk}&b={second.pk}"
    shown = client.get(done["Location"]).content.decode()
    assert f'<option value="{region["乙县"].pk}" selected>乙县</option>' in shown
    assert '<option value="2020" selected>2020年度</option>' in shown
    missing = client.get(
        "/manage/overview/compare/", {**chosen, "agency_b": region["戊县"].pk, "year_b": 2020}
    )
    assert missing.status_code == 200
    assert "戊县2020年度尚无已发布的年度报告" in missing.content.decode()
    outside = {**chosen, "agency_b": region["other"].pk}
    assert client.get("/manage/overview/compare/", outside).status_code == 404


def test_the_picker_of_a_large_scope_lists_a_few_and_narrows_by_region(
    region: dict[str, Agency], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A province's thousands of agencies made the side-by-side page 1.8 MB and 2 s: each
    column offers the first few agencies and the chosen ones, and a region narrows it."""
    monkeypatch.setattr(picker, "LISTED", 2)
    client = person("省督查", region["province"], Role.SUPERVISOR)
    first = PublishedReport.objects.get(agency=region["戊县"], year=2021)
    second = PublishedReport.objects.get(agency=region["乙县"], year=2021)
    page = client.get("/manage/overview/compare/", {"a": first.pk, "b": second.pk})
    offered = re.findall(r'<select name="agency_a">(.*?)</select>', page.content.decode())[0]
    names = re.findall(r">([^<]+)</option>", offered)
    total = PublishedReport.objects.filter(status="published").values("agency").distinct()
    assert names == ["某县", "乙县", "戊县"]  # the first two, and the one chosen besides
    assert f"可选的机关共 {total.count()} 个，下方列出前 2 个" in page.content.decode()
    narrowed = client.get("/manage/overview/compare/", {"region": region["other"].pk})
    offered = re.findall(r'<select name="agency_a">(.*?)</select>', narrowed.content.decode())[0]
    assert re.findall(r">([^<]+)</option>", offered) == ["另一市"]
    assert 'id="picker-region"' in narrowed.content.decode()  # to widen it again


def test_the_picker_tells_agencies_of_one_name_apart_by_their_parent(
    region: dict[str, Agency],
) -> None:
    """Every county has its 民政局: offered by name alone, the two could not be told apart."""
    name, data = seed_bytes("003")
    report = seed_report("003").model_copy(update={"year": 2021})
    bureaus = [
        Agency.objects.create(name="民政局", level=Agency.Level.DEPARTMENT, parent=region[county])
        for county in ("乙县", "丙县")
    ]
    store_collected([Collecting(b, report, name, data) for b in bureaus], None)
    client = person("督查", region["city"], Role.SUPERVISOR)
    offered = client.get("/manage/overview/compare.json").json()["agencies"]
    named = {o["agency_id"]: o["agency"] for o in offered}
    assert [named[b.pk] for b in bureaus] == ["民政局（乙县）", "民政局（丙县）"]
    assert named[region["乙县"].pk] == "乙县"  # a name offered once stays as it is


def test_a_report_and_a_ranking_lead_to_the_side_by_side_page(region: dict[str, Agency]) -> None:
    client = person("督查", region["city"], Role.SUPERVISOR)
    first, second = (
        PublishedReport.objects.get(agency=region["乙县"], year=y) for y in (2020, 2021)
    )
    page = client.get(f"/manage/reports/{second.pk}/").content.decode()
    assert f"/manage/overview/compare/?a={first.pk}&amp;b={second.pk}" in page
    top = ReportFigures.objects.get(agency=region["戊县"], year=2021).report_id
    ranked = client.get("/manage/overview/rankings/", {"year": "2021"}).content.decode()
    assert f"/manage/overview/compare/?a={top}&amp;b={second.pk}" in ranked


def test_a_long_overview_lists_its_head_and_counts_every_agency(
    region: dict[str, Agency], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("gongkai.web.supervision.views.RANKED_SHOWN", 2)
    client = person("督查", region["city"], Role.SUPERVISOR)
    page = client.get("/manage/overview/", {"year": "2021"}).content.decode()
    assert "共 6 个机关：已发布 <b>5</b>" in page
    assert "此处按机关层级列出前 2 个机关" in page
    assert page.split("<tbody>")[1].count("<tr>") == 2
    whole = client.get("/manage/overview/overview.json", {"year": "2021"}).json()
    assert len(whole["agencies"]) == 6 and whole["totals"]["published"] == 5


PAGES = (
    "/manage/overview/?year=2021",
    "/manage/overview/standing/?from=2020&to=2021",
    "/manage/overview/trends/?from=2020&to=2021&measure=granted_share",
    "/manage/overview/distributions/?year=2021&measure=received",
    "/manage/overview/distributions/?year=2021&measure=received&by=region",
)


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_supervisors_pages_ask_as_many_queries_for_ten_more_agencies(
    region: dict[str, Agency],
) -> None:
    """No query per agency: ten more counties with their reports change nothing."""
    client = person("督查", region["province"], Role.SUPERVISOR)
    before = {url: _queries(client, url) for url in PAGES}
    name, data = seed_bytes("003")
    report = seed_report("003").model_copy(update={"year": 2021})
    more = [
        Agency.objects.create(name=f"新县{n}", level=L.COUNTY, parent=region["city"])
        for n in range(10)
    ]
    store_collected([Collecting(a, report, name, data) for a in more], None)
    assert {url: _queries(client, url) for url in PAGES} == before
