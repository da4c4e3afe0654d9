"""Agencies of a region ranked by one measure over a year's published reports, the order
said in words, with the same ranking as JSON and XLSX."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.test import Client

from gongkai.roles import Role
from gongkai.web.agencies.models import Agency
from gongkai.web.reports.actions import Collecting, store_collected
from gongkai.web.reports.models import ReportFigures
from tests.web.conftest import person, seed_bytes, seed_report

pytestmark = pytest.mark.django_db

L = Agency.Level


@pytest.fixture
def region(tree: dict[str, Agency]) -> dict[str, Agency]:
    """Three counties under the city, one under the other city, each with a 2021 report
    whose figures are set: received 30/10/20 (and 50 in the other city)."""
    agencies = {
        "a": tree["county"],
        "b": Agency.objects.create(name="乙县", level=L.COUNTY, parent=tree["city"]),
        "c": Agency.objects.create(name="丙县", level=L.COUNTY, parent=tree["city"]),
        "d": Agency.objects.create(name="丁县", level=L.COUNTY, parent=tree["other"]),
    }
    name, data = seed_bytes("003")
    report = seed_report("003").model_copy(update={"year": 2021})
    stored = store_collected([Collecting(a, report, name, data) for a in agencies.values()], None)
    for held, received in zip(stored, (30, 10, 20, 50)):
        ReportFigures.objects.filter(report=held).update(
            received=received, answered=received, granted=received // 10
        )
    return {**tree, **agencies}


def _names(page: str) -> list[str]:
    rows = page.split('<table class="list rankings">')[1].split("</table>")[0]
    cells = [cell.split("</a>")[0] for cell in rows.split('">')[1:] if "</a>" in cell]
    return [c for c in cells if c != "与第一名逐格对比"]


def test_a_supervisor_ranks_the_agencies_below_it_in_either_order(
    region: dict[str, Agency],
) -> None:
    client = person("督查", region["city"], Role.SUPERVISOR)
    page = client.get("/manage/overview/rankings/", {"year": "2021"}).content.decode()
    assert _names(page) == ["某县", "丙县", "乙县"]
    assert "按“新收申请”从高到低排列：本年新收政府信息公开申请数量" in page
    page = client.get(
        "/manage/overview/rankings/", {"year": "2021", "order": "asc"}
    ).content.decode()
    assert _names(page) == ["乙县", "丙县", "某县"] and "从低到高" in page


def test_a_long_ranking_shows_its_head_and_says_where_the_rest_is(
    region: dict[str, Agency], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("gongkai.web.supervision.views.RANKED_SHOWN", 2)
    client = person("督查", region["city"], Role.SUPERVISOR)
    page = client.get("/manage/overview/rankings/", {"year": "2021"}).content.decode()
    assert _names(page) == ["某县", "丙县"]
    assert "共 3 个机关，此处列出前 2 个，全部见 Excel 或 JSON" in page
    whole = client.get("/manage/overview/rankings.json", {"year": "2021"}).json()
    assert len(whole["agencies"]) == 3


def test_per_ten_thousand_inhabitants_ranks_only_agencies_with_a_population(
    region: dict[str, Agency],
) -> None:
    Agency.objects.filter(pk=region["b"].pk).update(population=20_000)
    client = person("督查", region["city"], Role.SUPERVISOR)
    answer = client.get("/manage/overview/rankings.json", {"year": "2021", "measure": "per_10k"})
    ranked = [(a["place"], a["agency"], a["value"]) for a in answer.json()["agencies"]]
    assert ranked == [(1, "乙县", 5.0), (None, "丙县", None), (None, "某县", None)]
    page = client.get("/manage/overview/rankings/", {"year": "2021", "measure": "per_10k"})
    assert "<td>—</td><td>" in page.content.decode()


def test_a_region_narrows_the_ranking_and_one_outside_the_scope_is_not_found(
    region: dict[str, Agency],
) -> None:
    administrator = Client()
    administrator.force_login(User.objects.create_superuser("admin"))
    everywhere = administrator.get("/manage/overview/rankings.json", {"year": 2021}).json()
    assert [a["agency"] for a in everywhere["agencies"]] == ["丁县", "某县", "丙县", "乙县"]
    supervisor = person("督查", region["city"], Role.SUPERVISOR)
    asked = {"year": "2021", "region": str(region["other"].pk)}
    assert supervisor.get("/manage/overview/rankings/", asked).status_code == 404
    sheet = supervisor.get(
        "/manage/overview/rankings.xlsx", {"year": "2021", "measure": "granted_share"}
    )
    rows = list(openpyxl.load_workbook(io.BytesIO(sheet.content)).worksheets[0].values)
    assert rows == [
        ("名次", "机关", "公开率（%）"),
        (1, "丙县", "10.0%"),  # ties by name
        (2, "乙县", "10.0%"),
        (3, "某县", "10.0%"),
    ]


def test_every_measure_in_sql_is_what_the_core_computes(region: dict[str, Agency]) -> None:
    """The database values each report as `gongkai.figures` does: blanks, zero bases and
    missing populations included."""
    from gongkai.figures import MEASURES
    from gongkai.web.supervision.rankings import ranking

    Agency.objects.filter(pk=region["b"].pk).update(population=20_000)
    ReportFigures.objects.filter(agency=region["c"]).update(answered=0, review_total=None)
    ReportFigures.objects.filter(agency=region["d"]).update(fees_10k_yuan="12.5", received=None)
    rows = ReportFigures.objects.select_related("agency")
    for measure in MEASURES:
        expected = {
            r.report_id: measure.compute(
                {
                    **{n: getattr(r, n) for n in measure.compute.uses},
                    "population": r.agency.population,
                }
            )
            for r in rows
        }
        found = {r.report_id: r.value for r in ranking(Agency.objects.all(), 2021, measure, True)}
        assert found.keys() == expected.keys()
        for key, value in expected.items():
            assert found[key] == pytest.approx(value), (measure.name, key)
