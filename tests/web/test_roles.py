"""Roles and the report's statutory path: each role does exactly what it should, a report is
published only after 三级审签, and a published report is never changed in place."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.roles import Role
from gongkai.web.agencies.models import Agency
from gongkai.web.audit.models import AuditEvent, EventType
from gongkai.web.reports.models import ImportBatch, PublishedReport
from tests.web.conftest import SEEDS, holder, person, signed_in

pytestmark = pytest.mark.django_db


def _upload(client: Client, agency: Agency, seed: str = "003", **extra: object) -> object:
    """Upload a seed and confirm its import as an officer does (the seeds are other
    agencies' reports, so the officer confirms having checked the name)."""
    path = next(SEEDS.glob(f"{seed}_*.txt"))
    response = client.post(
        "/manage/upload/",
        {"agency": agency.pk, "uploads": SimpleUploadedFile(path.name, path.read_bytes()), **extra},
    )
    if response.status_code == 302:
        client.post(response["Location"] + "confirm", {"acknowledged": "1"})
    return response


def _step(client: Client, record: PublishedReport, step: str, **fields: str) -> int:
    url = f"/manage/reports/{record.pk}/signoff"
    return int(client.post(url, {"step": step, **fields}).status_code)


def test_an_upload_is_published_only_after_three_signatures(tree: dict[str, Agency]) -> None:
    county = tree["county"]
    officer = person("officer", county, Role.OFFICER)
    approver = person("approver", county, Role.APPROVER)
    leader = person("leader", county, Role.LEADER)
    assert _upload(officer, county, "004").status_code == 302  # type: ignore[attr-defined]
    record = PublishedReport.objects.get()
    page = officer.get(f"/manage/reports/{record.pk}/").content.decode()
    assert "发现 4 个错误" in page and "拟稿提交" in page and "确认发布" not in page
    refused = officer.post(f"/manage/reports/{record.pk}/publish")
    assert refused.status_code == 409 and "须经拟稿提交、审核、签发" in refused.content.decode()
    no_reason = officer.post(f"/manage/reports/{record.pk}/signoff", {"step": "submitted"})
    assert no_reason.status_code == 409 and "请写明发布理由" in no_reason.content.decode()
    reason = "原表总计行如此印发，已核实无误，按原样公开"
    assert _step(officer, record, "submitted", reason=reason) == 302
    assert _step(officer, record, "reviewed") == 403  # 审核 is the approver's
    assert _step(approver, record, "reviewed") == 302
    assert _step(approver, record, "signed") == 403  # 签发 is the leader's
    assert _step(leader, record, "signed") == 302
    assert Client().get(f"/reports/{record.pk}/").status_code == 404  # signed, not yet public
    assert officer.post(f"/manage/reports/{record.pk}/publish").status_code == 302
    public = Client().get(f"/reports/{record.pk}/").content.decode()
    assert "发布机关说明：" + reason in public
    steps = AuditEvent.objects.filter(event_type=EventType.REPORT_SIGNED_OFF)
    assert [e.after["step"] for e in steps.order_by("id") if e.after] == [
        "submitted",
        "reviewed",
        "signed",
    ]
    assert AuditEvent.objects.filter(event_type=EventType.REPORT_PUBLISHED).count() == 1


def test_one_person_never_reviews_and_signs_the_same_report(tree: dict[str, Agency]) -> None:
    county = tree["county"]
    officer = person("officer", county, Role.OFFICER)
    both = holder("both", county, Role.APPROVER)
    both.memberships.create(agency=county, role=Role.LEADER)
    _upload(officer, county, "003")
    record = PublishedReport.objects.get()
    assert _step(officer, record, "submitted") == 302
    assert _step(signed_in(both), record, "reviewed") == 302
    refused = signed_in(both).post(f"/manage/reports/{record.pk}/signoff", {"step": "signed"})
    assert refused.status_code == 409 and "不能由同一人办理" in refused.content.decode()


def test_an_upload_of_another_agency_or_year_is_flagged(tree: dict[str, Agency]) -> None:
    officer = person("officer", tree["county"], Role.OFFICER)
    path = next(SEEDS.glob("003_*.txt"))
    response = officer.post(
        "/manage/upload/",
        {
            "agency": tree["county"].pk,
            "year": "2024",
            "uploads": SimpleUploadedFile(path.name, path.read_bytes()),
        },
    )
    batch_url = response["Location"]
    page = officer.get(batch_url).content.decode()
    assert "文件标题中的机关为“青铜峡市人民政府”，与所选机关“某县”不一致" in page
    assert "与所选年度2024年不一致" in page
    refused = officer.post(batch_url + "confirm")
    assert refused.status_code == 400 and "请核对后勾选" in refused.content.decode()
    assert PublishedReport.objects.count() == 0
    assert officer.post(batch_url + "confirm", {"acknowledged": "1"}).status_code == 302
    assert PublishedReport.objects.count() == 1


def test_anonymous_users_are_sent_to_log_in(tree: dict[str, Agency]) -> None:
    response = Client().get("/manage/upload/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_another_agencys_draft_is_not_even_seen(tree: dict[str, Agency]) -> None:
    owner = person("owner", tree["county"], Role.OFFICER)
    _upload(owner, tree["county"])
    record = PublishedReport.objects.get()
    stranger = person("stranger", tree["other"], Role.OFFICER)
    assert _upload(stranger, tree["county"]).status_code == 404  # type: ignore[attr-defined]
    assert stranger.get(f"/manage/reports/{record.pk}/").status_code == 404
    assert stranger.post(f"/manage/reports/{record.pk}/publish").status_code == 404
    assert PublishedReport.objects.count() == 1


def test_an_unknown_step_by_a_person_without_roles_shows_nothing(
    tree: dict[str, Agency],
) -> None:
    """Regression (issue 10): an unknown `step` rendered the draft before the check."""
    owner = person("owner", tree["county"], Role.OFFICER)
    _upload(owner, tree["county"], "004")
    record = PublishedReport.objects.get()
    user = holder("nobody", tree["other"], Role.OFFICER)
    user.memberships.all().delete()
    nobody = signed_in(user)
    response = nobody.post(f"/manage/reports/{record.pk}/signoff", {"step": "nonsense"})
    assert response.status_code == 404
    assert "青铜峡" not in response.content.decode() and "盐池" not in response.content.decode()


def test_supervisor_sees_the_subtree_only_and_cannot_publish(tree: dict[str, Agency]) -> None:
    owner = person("owner", tree["county"], Role.OFFICER)
    _upload(owner, tree["county"])
    record = PublishedReport.objects.get()
    city_supervisor = person("city", tree["city"], Role.SUPERVISOR)
    assert city_supervisor.get(f"/manage/reports/{record.pk}/").status_code == 200
    assert city_supervisor.post(f"/manage/reports/{record.pk}/publish").status_code == 403
    outside = person("outside", tree["other"], Role.SUPERVISOR)
    assert outside.get(f"/manage/reports/{record.pk}/").status_code == 404


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


def _publish(record: PublishedReport, county: Agency, prefix: str) -> int:
    officer = person(prefix + "o", county, Role.OFFICER)
    _step(officer, record, "submitted", reason="原表如此印发，经核实按原样公开")
    _step(person(prefix + "a", county, Role.APPROVER), record, "reviewed")
    _step(person(prefix + "l", county, Role.LEADER), record, "signed")
    return int(officer.post(f"/manage/reports/{record.pk}/publish").status_code)


def test_one_published_report_per_agency_and_year(tree: dict[str, Agency]) -> None:
    officer = person("officer", tree["county"], Role.OFFICER)
    _upload(officer, tree["county"])
    _upload(officer, tree["county"])
    first, second = PublishedReport.objects.order_by("pk")
    assert _publish(first, tree["county"], "a") == 302
    assert _publish(second, tree["county"], "b") == 409
    second.refresh_from_db()
    assert second.status == PublishedReport.Status.DRAFT


def test_a_published_report_is_never_changed_in_place(tree: dict[str, Agency]) -> None:
    """Regression (issue 10): the officer alone changed a published cell, 4 → 104, and the
    signatures were deleted. Now the change is refused; a correction is a new edition that
    goes through the same sign-off, and the first edition stays public with its signatures."""
    county = tree["county"]
    officer = person("officer", county, Role.OFFICER)
    _upload(officer, county, "003")
    first = PublishedReport.objects.get()
    assert _publish(first, county, "x") == 302
    cell = {"cell": "applications.new_received.total", "value": "104", "reason": "改"}
    refused = officer.post(f"/manage/reports/{first.pk}/correct", cell)
    assert refused.status_code == 409 and "已发布的报告请先" in refused.content.decode()
    first.refresh_from_db()
    assert first.report().applications.rows["new_received"][6] != 104
    assert first.signoffs.count() == 3
    response = officer.post(f"/manage/reports/{first.pk}/revise", {"reason": "本年新收数字有误"})
    draft = PublishedReport.objects.get(status=PublishedReport.Status.DRAFT)
    assert response["Location"] == f"/manage/reports/{draft.pk}/"
    assert officer.post(f"/manage/reports/{draft.pk}/correct", cell).status_code == 302
    assert _publish(draft, county, "y") == 302
    first.refresh_from_db()
    draft.refresh_from_db()
    assert (first.status, draft.status, draft.edition) == ("superseded", "published", 2)
    assert first.signoffs.count() == 3 and draft.signoffs.count() == 3
    public = Client().get(f"/reports/{draft.pk}/").content.decode()
    assert "第1版" in public and "更正理由：本年新收数字有误" in public


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
    assert record.report().applications.rows["total"][0] == 2
    change = AuditEvent.objects.filter(event_type=EventType.REPORT_CORRECTED).order_by("id")[0]
    assert change.user is not None and change.user.username == "officer"
    assert (change.before, change.reason) == (
        {"cell": "applications.total.natural_person", "value": 0},
        "原表总计漏填",
    )
    assert change.after == {
        "cell": "applications.total.natural_person",
        "new": 2,
        "cleared": ["applications.balance:natural_person", "applications.total:natural_person"],
        "introduced": ["applications.row_total:total"],
    }
    page = officer.get(f"/manage/reports/{record.pk}/").content.decode()
    assert "修改记录" in page and "原表总计漏填" in page and "表三（七）「自然人」" in page


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
    assert not AuditEvent.objects.filter(event_type=EventType.REPORT_CORRECTED).exists()
    stranger = person("stranger", tree["other"], Role.OFFICER)
    cell = {"cell": "applications.total.total", "value": "2", "reason": "x"}
    assert stranger.post(f"/manage/reports/{record.pk}/correct", cell).status_code == 404
    leader = person("leader", tree["county"], Role.LEADER)
    assert leader.post(f"/manage/reports/{record.pk}/correct", cell).status_code == 403
