"""The JSON API: one error shape everywhere, an OpenAPI description, imports all or nothing."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import URLPattern

from gongkai.errors import GongkaiError
from gongkai.web.agencies.models import Agency
from gongkai.web.api.urls import urlpatterns
from gongkai.web.reports.actions import do_collect_report
from gongkai.web.reports.models import PublishedReport

pytestmark = pytest.mark.django_db


def _error(response: object) -> dict[str, object]:
    body: dict[str, object] = response.json()["error"]  # type: ignore[attr-defined]
    assert set(body) == {"code", "message", "status"}
    assert body["status"] == response.status_code  # type: ignore[attr-defined]
    return body


def test_every_api_error_has_the_same_shape(demo: list[PublishedReport], client: Client) -> None:
    assert _error(client.get("/api/reports/999999"))["code"] == "not_found"
    assert _error(client.get("/api/nothing/here"))["code"] == "not_found"
    bad = _error(client.get("/api/reports", {"level": "galaxy"}))
    assert bad["code"] == "invalid_filter"
    assert "层级应为" in str(bad["message"])


def test_reports_and_agencies_are_public(demo: list[PublishedReport], client: Client) -> None:
    reports = client.get("/api/reports", {"year": 2021}).json()["reports"]
    assert len(reports) == 4
    one = client.get(f"/api/reports/{reports[0]['id']}").json()
    assert one["schema"] == "gongkai.annual-report/1"
    names = {a["name"] for a in client.get("/api/agencies").json()["agencies"]}
    assert {"山西省", "运城市", "盐湖区"} <= names


def test_openapi_describes_the_paths_and_the_error_shape(client: Client) -> None:
    document = client.get("/api/openapi.json").json()
    served = {
        "/api/" + re.sub(r"<int:\w+>", "{id}", str(p.pattern))
        for p in urlpatterns
        if isinstance(p, URLPattern) and p.name not in (None, "openapi")
    }
    assert "/api/reports/{id}/corrections" in served
    assert set(document["paths"]) == served
    assert document["components"]["schemas"]["Error"]["required"] == ["error"]


def test_an_unreadable_file_stores_nothing(db: None) -> None:
    agency = Agency.objects.create(name="某县统计局", level=Agency.Level.DEPARTMENT)
    with pytest.raises(GongkaiError):
        do_collect_report(agency, b"\x00\x01binary", "x.txt")
    assert PublishedReport.objects.count() == 0


def test_loading_the_demo_twice_changes_nothing(demo: list[PublishedReport]) -> None:
    from gongkai.web.reports.demo import load_demo
    from tests.web.conftest import SEEDS

    assert load_demo(SEEDS) == []
    assert PublishedReport.objects.count() == 5
