"""The readers' limits as the deployment sets them (GONGKAI_READER_LIMITS): every read of an
upload is held to them, and a setting the readers cannot take stops the site at its start."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pypdfium2
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from gongkai.roles import Role
from gongkai.web.agencies.models import Agency
from gongkai.web.ingest.models import CollectedFile
from gongkai.web.reports.models import ImportBatch, PublishedReport
from tests.support.corpus.ofd import pdf_to_ofd
from tests.web.conftest import person, seed_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(tree: dict[str, Agency]) -> Client:
    return person("officer", tree["county"], Role.OFFICER)


def _upload(officer: Client, agency: Agency, name: str, data: bytes) -> Any:
    """The officer's upload of one file (read at once: the tests' tasks run immediately)."""
    ImportBatch.objects.all().delete()
    upload = SimpleUploadedFile(name, data)
    return officer.post("/manage/upload/", {"agency": agency.pk, "uploads": [upload]})


@pytest.mark.parametrize(
    ("extra", "setting", "read_with"),
    [
        # a number past the 100 digits allowed: read only with the limit raised
        ("\n文号：" + "7" * 150 + "\n", {"number_digits": 200}, "setting"),
        # a report within every default: refused only with the limit lowered
        ("", {"file_bytes": 1000}, "default"),
    ],
)
def test_the_limits_set_hold_the_isolated_read_of_an_upload(
    officer: Client,
    tree: dict[str, Agency],
    settings: Any,
    extra: str,
    setting: dict[str, int],
    read_with: str,
) -> None:
    name, data = seed_bytes("003")
    problems = {}
    for which, limits in (("default", {}), ("setting", setting)):
        settings.GONGKAI_READER_LIMITS = limits
        _upload(officer, tree["county"], name, data + extra.encode())
        problems[which] = ImportBatch.objects.get().files.get().problem
    assert problems[read_with] == ""
    refused = problems["setting" if read_with == "default" else "default"]
    assert "超过上限" in refused


def test_a_zip_upload_is_unpacked_within_the_limits_set(
    officer: Client, tree: dict[str, Agency], settings: Any
) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(*seed_bytes("003"))
    settings.GONGKAI_READER_LIMITS = {"unpacked_bytes": 100}
    response = _upload(officer, tree["county"], "年报.zip", out.getvalue())
    assert "超过上限" in response.content.decode() and not ImportBatch.objects.exists()


def _blank_ofd(pages: int) -> bytes:
    document = pypdfium2.PdfDocument.new()
    for _ in range(pages):
        document.new_page(595, 842)
    out = io.BytesIO()
    document.save(out)
    return pdf_to_ofd(out.getvalue())


def test_the_preview_shows_the_pages_of_a_source_within_the_limits_set(
    officer: Client, tree: dict[str, Agency], settings: Any
) -> None:
    """A source of more pages than the default allows, kept under a raised limit, is shown
    page by page beside its data: the preview counted and measured its pages within the
    defaults, and showed none."""
    _upload(officer, tree["county"], *seed_bytes("003"))
    officer.post(f"/manage/imports/{ImportBatch.objects.get().pk}/confirm", {"acknowledged": "1"})
    record = PublishedReport.objects.get()
    record.source, record.source_format = _blank_ofd(600), "ofd"
    record.save()
    settings.GONGKAI_READER_LIMITS = {"pages": 1_000}
    page = officer.get(f"/manage/reports/{record.pk}/?page=600")
    assert len(page.context["pages"]) == 600 and page.context["page"] == 600
    assert page.context["page_points"] == pytest.approx([595, 842], abs=0.01)
    assert officer.get(f"/manage/reports/{record.pk}/source/600.png").status_code == 200


def _web_server_starts(setting: str) -> subprocess.CompletedProcess[str]:
    """The web server's start as gunicorn makes it, loading the WSGI application (which
    runs no system check), with the production settings and `setting` for the limits."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
    return subprocess.run(
        [sys.executable, "-c", "from gongkai.web.wsgi import application"],
        env={**clean, "GONGKAI_SECRET_KEY": "s" * 50, "GONGKAI_READER_LIMITS": setting},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("setting", "said"),
    [
        ("ocr_pagez=200", "没有名为 ocr_pagez 的读取限制"),
        ("ocr_pages=abc", "读取限制 ocr_pages 应为正整数，实际为“abc”"),
        ("ocr_pages=" + "9" * 5_000, "读取限制 ocr_pages 不能大于2,147,483,647"),
        ("ocr_pages=200,ocr_pages=10", "读取限制 ocr_pages 重复设置，请只保留一处"),
    ],
)
def test_a_setting_the_readers_cannot_take_stops_the_web_server_at_its_start(
    setting: str, said: str
) -> None:
    """gunicorn runs no system checks: the server started, and each upload then failed."""
    assert _web_server_starts("ocr_pages=200").returncode == 0
    started = _web_server_starts(setting)
    assert started.returncode != 0
    assert f"ImproperlyConfigured: 环境变量 GONGKAI_READER_LIMITS 有误：{said}" in started.stderr


def test_the_bulk_ingest_reads_within_the_limits_set(
    tree: dict[str, Agency], settings: Any, tmp_path: Path
) -> None:
    name, data = seed_bytes("003")
    (tmp_path / name).write_bytes(data)
    settings.GONGKAI_READER_LIMITS = {"number_digits": 1}
    with pytest.raises(CommandError, match="1个文件无法读取"):
        call_command("ingest", str(tmp_path), "--collection", "全省", "--workers", "1")
    collected = CollectedFile.objects.get()
    assert collected.outcome == CollectedFile.Outcome.FAILED
    assert "超过上限1位" in collected.problem
