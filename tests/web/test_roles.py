"""Roles: each one can do exactly what it should; every forbidden action is refused."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.web.agencies.models import Agency, Membership
from gongkai.web.reports.models import ImportBatch, PublishedReport
from tests.web.conftest import SEEDS, person

pytestmark = pytest.mark.django_db
Role = Membership.Role


def _upload(client: Client, agency: Agency, seed: str = "003") -> object:
    """Upload a seed and confirm its import, as an officer does."""
    path = next(SEEDS.glob(f"{seed}_*.txt"))
    response = client.post(
        "/manage/upload/",
        {"agency": agency.pk, "uploads": SimpleUploadedFile(path.name, path.read_bytes())},
    )
    if response.status_code == 302:
        client.post(response["Location"] + "confirm")
    return response


def test_officer_uploads_sees_findings_and_publishes(tree: dict[str, Agency]) -> None:
    officer = person("officer", tree["county"], Role.OFFICER)
    response = _upload(officer, tree["county"], "004")
    assert response.status_code == 302  # type: ignore[attr-defined]
    record = PublishedReport.objects.get()
    assert record.status == PublishedReport.Status.DRAFT
    page = officer.get(f"/manage/reports/{record.pk}/").content.decode()
    assert "发现 4 个错误" in page and "确认发布" in page
    assert Client().get(f"/reports/{record.pk}/").status_code == 404  # not public yet
    officer.post(f"/manage/reports/{record.pk}/publish")
    assert Client().get(f"/reports/{record.pk}/").status_code == 200


def test_anonymous_users_are_sent_to_log_in(tree: dict[str, Agency]) -> None:
    response = Client().get("/manage/upload/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_officer_of_another_agency_is_refused(tree: dict[str, Agency]) -> None:
    owner = person("owner", tree["county"], Role.OFFICER)
    _upload(owner, tree["county"])
    record = PublishedReport.objects.get()
    stranger = person("stranger", tree["other"], Role.OFFICER)
    assert _upload(stranger, tree["county"]).status_code == 403  # type: ignore[attr-defined]
    assert stranger.get(f"/manage/reports/{record.pk}/").status_code == 403
    assert stranger.post(f"/manage/reports/{record.pk}/publish").status_code == 403
    assert PublishedReport.objects.count() == 1


def test_supervisor_sees_the_subtree_only_and_cannot_publish(tree: dict[str, Agency]) -> None:
    owner = person("owner", tree["county"], Role.OFFICER)
    _upload(owner, tree["county"])
    record = PublishedReport.objects.get()
    city_supervisor = person("city", tree["city"], Role.SUPERVISOR)
    assert city_supervisor.get(f"/manage/reports/{record.pk}/").status_code == 200
    assert city_supervisor.post(f"/manage/reports/{record.pk}/publish").status_code == 403
    outside = person("outside", tree["other"], Role.SUPERVISOR)
    assert outside.get(f"/manage/reports/{record.pk}/").status_code == 403


def test_a_bad_file_is_explained_and_nothing_is_stored(tree: dict[str, Agency]) -> None:
    officer = person("officer", tree["county"], Role.OFFICER)
    response = officer.post(
        "/manage/upload/",
        {"agency": tree["county"].pk, "uploads": SimpleUploadedFile("x.txt", b"\x00\x01\x02" * 50)},
        follow=True,
    )
    page = response.content.decode()
    assert "x.txt" in page and "不是文本文件" in page and "全部不导入" in page
    assert "确认导入" not in page
    batch = ImportBatch.objects.get()
    refused = officer.post(f"/manage/imports/{batch.pk}/confirm")
    assert refused.status_code == 400 and "有文件无法读取" in refused.content.decode()
    assert PublishedReport.objects.count() == 0


def test_one_published_report_per_agency_and_year(tree: dict[str, Agency]) -> None:
    officer = person("officer", tree["county"], Role.OFFICER)
    _upload(officer, tree["county"])
    _upload(officer, tree["county"])
    first, second = PublishedReport.objects.order_by("pk")
    assert officer.post(f"/manage/reports/{first.pk}/publish").status_code == 302
    refused = officer.post(f"/manage/reports/{second.pk}/publish")
    assert refused.status_code == 409 and "已有已发布的报告" in refused.content.decode()


def test_a_correction_is_checked_at_once_and_kept_in_the_audit_trail(
    tree: dict[str, Agency],
) -> None:
    officer = person("officer", tree["county"], Role.OFFICER)
    _upload(officer, tree["county"], "004")
    record = PublishedReport.objects.get()
    assert record.errors == 4
    for column in ("natural_person", "total"):
        response = officer.post(
            f"/manage/reports/{record.pk}/correct",
            {"cell": f"applications.total.{column}", "value": "2", "reason": "原表总计漏填"},
        )
        assert response.status_code == 302
    record.refresh_from_db()
    assert record.errors == 0
    assert record.data["applications"]["rows"]["total"][0] == 2
    change = record.changes.order_by("id").first()
    assert change is not None
    assert (change.user.username, change.cell, change.old, change.new, change.reason) == (
        "officer",
        "applications.total.natural_person",
        0,
        2,
        "原表总计漏填",
    )
    assert change.cleared == [
        "applications.balance:natural_person",
        "applications.total:natural_person",
    ]
    page = officer.get(f"/manage/reports/{record.pk}/").content.decode()
    assert "修改记录" in page and "原表总计漏填" in page


def test_wrong_corrections_are_explained_and_change_nothing(tree: dict[str, Agency]) -> None:
    officer = person("officer", tree["county"], Role.OFFICER)
    _upload(officer, tree["county"], "004")
    record = PublishedReport.objects.get()
    for fields, words in (
        ({"cell": "applications.nowhere.total", "value": "1", "reason": "x"}, "没有这个单元格"),
        ({"cell": "applications.total.total", "value": "-3", "reason": "x"}, "不小于0的整数"),
        ({"cell": "applications.total.total", "value": "2", "reason": " "}, "请写明修改理由"),
    ):
        response = officer.post(f"/manage/reports/{record.pk}/correct", fields)
        assert response.status_code == 400
        assert words in response.content.decode()
    assert record.changes.count() == 0
    stranger = person("stranger", tree["other"], Role.OFFICER)
    assert (
        stranger.post(
            f"/manage/reports/{record.pk}/correct",
            {"cell": "applications.total.total", "value": "2", "reason": "x"},
        ).status_code
        == 403
    )
