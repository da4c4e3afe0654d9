"""Writing through the API with a token: the same actions and the same permissions as the pages,
and the one error shape for every refusal."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.roles import Role
from gongkai.web.agencies.models import Agency
from gongkai.web.api.models import ApiToken
from gongkai.web.audit.models import AuditEvent, EventType
from gongkai.web.reports.models import ImportBatch, PublishedReport
from tests.web.conftest import person, seed_bytes

pytestmark = pytest.mark.django_db


def _token(name: str, agency: Agency, role: str) -> str:
    person(name, agency, role)
    _, key = ApiToken.issue(User.objects.get(username=name), "测试")
    return key


def _error(response: object, status: int, code: str) -> str:
    assert response.status_code == status  # type: ignore[attr-defined]
    body = response.json()["error"]  # type: ignore[attr-defined]
    assert set(body) == {"code", "message", "status"} and body["status"] == status
    assert body["code"] == code
    return str(body["message"])


def _import(client: Client, key: str, agency: Agency, seed: str = "004") -> dict[str, object]:
    name, data = seed_bytes(seed)
    created = client.post(
        "/api/imports",
        {"agency": agency.pk, "uploads": SimpleUploadedFile(name, data)},
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert created.status_code == 201, created.content
    batch = created.json()
    assert batch["status"] == "ready" and batch["files"][0]["report"]["year"] == 2019
    assert batch["files"][0]["mismatches"]  # another agency's report: checked, then confirmed
    confirmed = client.post(
        f"/api/imports/{batch['id']}/confirm",
        json.dumps({"acknowledge_mismatch": True}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert confirmed.status_code == 201
    report: dict[str, object] = confirmed.json()["reports"][0]
    return report


def _signoff(client: Client, key: str, report: dict[str, object], step: str) -> object:
    return client.post(
        f"/api/reports/{report['id']}/signoffs",
        json.dumps({"step": step, "note": "同意"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )


def test_an_officer_imports_corrects_and_publishes_with_a_token(
    tree: dict[str, Agency], client: Client
) -> None:
    key = _token("officer", tree["county"], Role.OFFICER)
    approver = _token("approver", tree["county"], Role.APPROVER)
    leader = _token("leader", tree["county"], Role.LEADER)
    report = _import(client, key, tree["county"])
    assert (report["status"], report["errors"]) == ("draft", 4)
    fixed = None
    for column in ("natural_person", "total"):
        fixed = client.post(
            f"/api/reports/{report['id']}/corrections",
            json.dumps({"cell": f"applications.total.{column}", "value": 2, "reason": "原表漏填"}),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {key}",
        )
        assert fixed.status_code == 200
    assert fixed is not None and fixed.json()["report"]["errors"] == 0
    assert fixed.json()["change"]["cleared"] == [
        "applications.balance:total",
        "applications.row_total:total",
        "applications.total:total",
    ]
    early = client.post(f"/api/reports/{report['id']}/publish", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert "签发后才能发布" in _error(early, 409, "reports.publish")
    assert "签发" in _error(_signoff(client, key, report, "signed"), 409, "reports.signoff")
    assert _signoff(client, key, report, "submitted").status_code == 201  # type: ignore[attr-defined]
    assert "须由" in _error(_signoff(client, key, report, "reviewed"), 403, "roles.not_permitted")
    assert _signoff(client, approver, report, "reviewed").status_code == 201  # type: ignore[attr-defined]
    assert _signoff(client, leader, report, "signed").status_code == 201  # type: ignore[attr-defined]
    published = client.post(
        f"/api/reports/{report['id']}/publish", HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert published.json()["status"] == "published"
    changed = client.post(
        f"/api/reports/{report['id']}/corrections",
        json.dumps({"cell": "applications.total.total", "value": 3, "reason": "改"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert "已发布的报告请先" in _error(changed, 409, "reports.publish")
    revision = client.post(
        f"/api/reports/{report['id']}/revisions",
        json.dumps({"reason": "更正总计"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert revision.status_code == 201 and revision.json()["status"] == "draft"
    assert client.get(f"/api/reports/{report['id']}").json()["year"] == 2019
    assert ApiToken.objects.get(user__username="officer").last_used_at is not None


def test_every_refusal_comes_in_the_error_shape(tree: dict[str, Agency], client: Client) -> None:
    key = _token("officer", tree["county"], Role.OFFICER)
    report = _import(client, key, tree["county"])
    url = f"/api/reports/{report['id']}/corrections"
    assert "Authorization" in _error(client.post(url), 401, "unauthorized")
    _error(client.post(url, HTTP_AUTHORIZATION="Bearer gk_wrong"), 401, "unauthorized")
    _error(client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}"), 405, "method_not_allowed")
    bad_json = client.post(
        url, "{oops", content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert "JSON" in _error(bad_json, 400, "invalid_json")
    wrong_cell = client.post(
        url,
        json.dumps({"cell": "applications.nowhere.total", "value": 1, "reason": "x"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert "没有这个单元格" in _error(wrong_cell, 400, "reports.correction")
    stranger = _token("stranger", tree["other"], Role.OFFICER)
    refused = client.post(
        f"/api/reports/{report['id']}/publish", HTTP_AUTHORIZATION=f"Bearer {stranger}"
    )
    assert _error(refused, 404, "not_found")  # another agency's draft is not even seen
    upload = client.post(
        "/api/imports",
        {"agency": tree["county"].pk, "uploads": SimpleUploadedFile("a.txt", b"x")},
        HTTP_AUTHORIZATION=f"Bearer {stranger}",
    )
    _error(upload, 404, "not_found")
    supervisor = _token("city", tree["city"], Role.SUPERVISOR)
    looked = client.post(
        f"/api/reports/{report['id']}/publish", HTTP_AUTHORIZATION=f"Bearer {supervisor}"
    )
    assert "发布权限" in _error(looked, 403, "forbidden")
    _error(
        client.post("/api/imports", {"agency": "x"}, HTTP_AUTHORIZATION=f"Bearer {key}"),
        400,
        "invalid_upload",
    )
    again = client.post(
        f"/api/imports/{ImportBatch.objects.get().pk}/confirm",
        json.dumps({"acknowledge_mismatch": True}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert "已导入" in _error(again, 409, "reports.import")
    assert PublishedReport.objects.count() == 1
    assert not AuditEvent.objects.filter(event_type=EventType.REPORT_CORRECTED).exists()


def test_a_person_issues_and_revokes_their_own_tokens(tree: dict[str, Agency]) -> None:
    officer = person("officer", tree["county"], Role.OFFICER)
    page = officer.post("/manage/tokens/", {"name": "数据报送"}).content.decode()
    key = page.split('id="new-key">新令牌：<code>', 1)[1].split("</code>", 1)[0]
    assert key.startswith("gk_") and ApiToken.objects.get().digest != key
    assert officer.post("/manage/tokens/", {"name": " "}).status_code == 400
    other = person("other", tree["other"], Role.OFFICER)
    refused = other.post(f"/manage/tokens/{ApiToken.objects.get().pk}/revoke")
    assert refused.status_code == 404 and ApiToken.objects.count() == 1  # not theirs
    officer.post(f"/manage/tokens/{ApiToken.objects.get().pk}/revoke")
    assert ApiToken.objects.count() == 0
    kinds = list(AuditEvent.objects.order_by("id").values_list("event_type", "reason"))
    assert [k for k, _ in kinds] == [EventType.TOKEN_ISSUED, EventType.TOKEN_REVOKED]
    assert key not in str(list(AuditEvent.objects.values_list("after", "before")))
