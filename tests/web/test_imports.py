"""Uploads: many files or a zip, read (in the background when a queue is configured), shown
checked beside their source, and stored all or nothing; every report keeps its versions."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from gongkai.roles import Role
from gongkai.web.agencies.models import Agency
from gongkai.web.audit.models import AuditEvent, EventType
from gongkai.web.reports.models import ImportBatch, ImportFile, PublishedReport
from tests.support.corpus.ofd import pdf_to_ofd
from tests.web.conftest import person, seed_bytes, seed_pdf

pytestmark = pytest.mark.django_db


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


ACKNOWLEDGED = {"acknowledged": "1"}  # the seeds are other agencies' reports: checked


def _post(client: Client, agency: Agency, *files: tuple[str, bytes]) -> object:
    uploads = [SimpleUploadedFile(name, data) for name, data in files]
    return client.post("/manage/upload/", {"agency": agency.pk, "uploads": uploads})


def test_several_files_are_read_checked_and_imported_together(tree: dict[str, Agency]) -> None:
    officer = person("officer", tree["county"], Role.OFFICER)
    response = _post(officer, tree["county"], seed_bytes("003"), seed_bytes("004"))
    batch = ImportBatch.objects.get()
    assert response["Location"] == f"/manage/imports/{batch.pk}/"  # type: ignore[index]
    assert batch.status == ImportBatch.Status.READY
    page = officer.get(f"/manage/imports/{batch.pk}/").content.decode()
    assert "2019年度，4 个错误" in page and "确认导入" in page
    assert 'class="bad"' in page  # the findings are marked at their cells
    assert PublishedReport.objects.count() == 0  # nothing stored before the officer confirms
    assert officer.post(f"/manage/imports/{batch.pk}/confirm", ACKNOWLEDGED).status_code == 302
    years = sorted(PublishedReport.objects.values_list("year", "errors"))
    assert years == [(2019, 4), (2021, 0)]
    assert all(r.status == "draft" for r in PublishedReport.objects.all())
    again = officer.post(f"/manage/imports/{batch.pk}/confirm", ACKNOWLEDGED)
    assert again.status_code == 400 and "已导入" in again.content.decode()
    assert PublishedReport.objects.count() == 2


def test_a_zip_is_opened_and_one_bad_member_stops_the_whole_batch(
    tree: dict[str, Agency],
) -> None:
    officer = person("officer", tree["county"], Role.OFFICER)
    name, data = seed_bytes("001")
    bundle = _zip({f"年报/{name}": data, "年报/扫描坏了.png": b"\x89PNG\r\n\x1a\nnot really"})
    _post(officer, tree["county"], ("2020年报.zip", bundle))
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.FAILED
    names = [f.name for f in batch.files.all()]
    assert names == [f"2020年报.zip/年报/{name}", "2020年报.zip/年报/扫描坏了.png"]
    page = officer.get(f"/manage/imports/{batch.pk}/").content.decode()
    assert "扫描坏了.png" in page and "全部不导入" in page
    assert officer.post(f"/manage/imports/{batch.pk}/confirm", ACKNOWLEDGED).status_code == 400
    assert PublishedReport.objects.count() == 0


def test_a_broken_zip_is_refused_before_anything_is_kept(tree: dict[str, Agency]) -> None:
    officer = person("officer", tree["county"], Role.OFFICER)
    response = _post(officer, tree["county"], ("年报.zip", b"PK\x03\x04" + b"\x00" * 64))
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "年报.zip：压缩包已损坏" in response.content.decode()  # type: ignore[attr-defined]
    assert ImportBatch.objects.count() == 0


def test_a_pdf_is_shown_beside_its_source_page(tree: dict[str, Agency]) -> None:
    officer = person("officer", tree["county"], Role.OFFICER)
    _post(officer, tree["county"], ("盐池县2019年报.pdf", seed_pdf("004")))
    batch = ImportBatch.objects.get()
    officer.post(f"/manage/imports/{batch.pk}/confirm", ACKNOWLEDGED)
    record = PublishedReport.objects.get()
    assert (record.source_format, record.errors) == ("pdf", 4)
    page = officer.get(f"/manage/reports/{record.pk}/").content.decode()
    first = next(f.page for f in record.report().findings or [] if f.severity == "error")
    assert f"/manage/reports/{record.pk}/source/{first}.png" in page
    label = "表三（七）「自然人」"
    assert (
        f'data-cell="applications.total.natural_person" data-label="{label}" '
        f'title="{label}" class="bad"' in page
    )
    image = officer.get(f"/manage/reports/{record.pk}/source/{first}.png")
    assert image["Content-Type"] == "image/png" and image.content.startswith(b"\x89PNG")
    assert officer.get(f"/manage/reports/{record.pk}/source/99.png").status_code == 404
    assert officer.get(f"/manage/reports/{record.pk}/?page=abc").status_code == 200
    outsider = person("outsider", tree["other"], Role.OFFICER)
    assert outsider.get(f"/manage/reports/{record.pk}/source/1.png").status_code == 404
    assert outsider.get(f"/manage/reports/{record.pk}/source").status_code == 404


def test_an_ofd_is_shown_beside_its_drawn_page_in_the_frame_of_its_boxes(
    tree: dict[str, Agency],
) -> None:
    officer = person("officer", tree["county"], Role.OFFICER)
    _post(officer, tree["county"], ("盐池县2019年报.ofd", pdf_to_ofd(seed_pdf("004"))))
    batch = ImportBatch.objects.get()
    officer.post(f"/manage/imports/{batch.pk}/confirm", ACKNOWLEDGED)
    record = PublishedReport.objects.get()
    assert (record.source_format, record.errors) == ("ofd", 4)
    page = officer.get(f"/manage/reports/{record.pk}/?page=2")
    assert f"/manage/reports/{record.pk}/source/2.png" in page.content.decode()
    assert page.context["page_points"] == pytest.approx([595.276, 841.89], abs=0.01)
    assert list(page.context["pages"]) == [1, 2, 3, 4]
    image = officer.get(f"/manage/reports/{record.pk}/source/2.png")
    assert image["Content-Type"] == "image/png" and image.content.startswith(b"\x89PNG")
    assert officer.get(f"/manage/reports/{record.pk}/source/5.png").status_code == 404


def test_a_text_source_is_shown_with_the_lines_the_findings_name(tree: dict[str, Agency]) -> None:
    officer = person("officer", tree["county"], Role.OFFICER)
    _post(officer, tree["county"], seed_bytes("004"))
    officer.post(f"/manage/imports/{ImportBatch.objects.get().pk}/confirm", ACKNOWLEDGED)
    record = PublishedReport.objects.get()
    lines = {f.line for f in record.report().findings or [] if f.line}
    page = officer.get(f"/manage/reports/{record.pk}/").content.decode()
    for line in lines:
        assert f'class="named" id="L{line}"' in page


def test_every_correction_makes_a_new_version(tree: dict[str, Agency]) -> None:
    officer = person("officer", tree["county"], Role.OFFICER)
    _post(officer, tree["county"], seed_bytes("004"))
    officer.post(f"/manage/imports/{ImportBatch.objects.get().pk}/confirm", ACKNOWLEDGED)
    record = PublishedReport.objects.get()
    officer.post(
        f"/manage/reports/{record.pk}/correct",
        {"cell": "applications.total.natural_person", "value": "2", "reason": "原表漏填"},
    )
    versions = list(record.versions.order_by("number").values_list("number", "errors", "note"))
    # Two findings cleared, one brought: the 总计 row no longer adds up across.
    assert [v[:2] for v in versions] == [(1, 4), (2, 3)]
    change = AuditEvent.objects.get(event_type=EventType.REPORT_CORRECTED)
    assert change.after is not None
    assert change.after["introduced"] == ["applications.row_total:total"]
    assert versions[1][2] == "更正 表三（七）「自然人」：原表漏填"
    first = officer.get(f"/manage/reports/{record.pk}/versions/1.json").json()
    assert first["applications"]["rows"]["total"][0] == 0
    second = officer.get(f"/manage/reports/{record.pk}/versions/2.json").json()
    assert second["applications"]["rows"]["total"][0] == 2


# Committed for real: the worker, like a separate process, sees only committed work (and
# closes connections it finds inside a transaction).
@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_with_a_queue_the_files_wait_for_a_worker(tree: dict[str, Agency]) -> None:
    officer = person("officer", tree["county"], Role.OFFICER)
    _post(officer, tree["county"], seed_bytes("002"))
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.QUEUED
    page = officer.get(f"/manage/imports/{batch.pk}/").content.decode()
    assert 'http-equiv="refresh"' in page and "排队等待读取" in page
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.READY
    assert batch.files.get().report["year"] == 2021  # type: ignore[index]


def test_a_read_over_its_memory_is_named_and_the_batch_read_again(
    tree: dict[str, Agency], settings: Any
) -> None:
    """Each file is read in a child process within the settings' limits (issue 11): a read
    that needs more memory ends alone, named with its reason, and can be read again."""
    # Far below what reading a long text needs. A text, not a PDF: pdfium crashes on a
    # failed allocation (SIGSEGV), which cannot be told from a fault (docs/limits.md).
    settings.GONGKAI_READ_MEMORY_MB = 64
    officer = person("officer", tree["county"], Role.OFFICER)
    name, data = seed_bytes("004")
    _post(officer, tree["county"], (name, data * 40))
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.FAILED
    page = officer.get(f"/manage/imports/{batch.pk}/").content.decode()
    assert "内存" in page and "重新读取" in page
    settings.GONGKAI_READ_MEMORY_MB = 3072
    assert officer.post(f"/manage/imports/{batch.pk}/retry").status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.READY and batch.files.get().problem == ""


def test_a_read_whose_worker_died_expires_and_failed_files_are_purged(
    tree: dict[str, Agency],
) -> None:
    officer = person("officer", tree["county"], Role.OFFICER)
    _post(officer, tree["county"], seed_bytes("003"))
    batch = ImportBatch.objects.get()
    long_ago = timezone.now() - dt.timedelta(days=40)
    # As a worker leaves it when killed mid-read: claimed, never finished.
    ImportBatch.objects.filter(pk=batch.pk).update(status="reading", claimed_at=long_ago)
    ImportFile.objects.filter(batch=batch).update(report=None)
    call_command("purge_imports", stdout=io.StringIO())
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED
    assert "读取中断" in batch.files.get().problem
    ImportBatch.objects.filter(pk=batch.pk).update(created_at=long_ago)
    out = io.StringIO()
    call_command("purge_imports", stdout=out)
    batch.refresh_from_db()
    assert batch.purged_at is not None and bytes(batch.files.get().data) == b""
    assert "清除文件的批次：1" in out.getvalue()
    refused = officer.post(f"/manage/imports/{batch.pk}/retry")
    assert refused.status_code == 400 and "已按保存期限清除" in refused.content.decode()
