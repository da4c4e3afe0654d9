"""The open data in the web (issue 14): bulk files of the published library built on
publication, written so that a reader never sees a half file, and served to everyone."""

from __future__ import annotations

import csv
import gzip
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from django.core.management import call_command
from django.test import Client

from gongkai import opendata
from gongkai.model import Report
from gongkai.opendata import LibraryEntry
from gongkai.web.agencies.models import Agency
from gongkai.web.opendata.build import refresh
from gongkai.web.opendata.files import BY_KEY, current
from gongkai.web.opendata.library import library
from gongkai.web.reports.actions import do_correct_cell, do_start_revision
from gongkai.web.reports.models import PublishedReport
from tests.web.conftest import draft_from_seed, office, sign_and_publish
from tests.web.opendata_library import publish_library

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(tree: dict[str, Agency]) -> list[PublishedReport]:
    agencies = [tree["county"], tree["city"], tree["other"]]
    return publish_library(agencies, (2021, 2022))


def folder(settings: Any) -> Path:
    return Path(settings.GONGKAI_OPEN_DATA_DIR)


def built(settings: Any) -> Path:
    """The current build's folder."""
    manifest = current(folder(settings))
    assert manifest is not None
    return folder(settings) / manifest.folder


def test_the_files_give_back_every_published_report(
    published: list[PublishedReport], settings: Any
) -> None:
    call_command("export_open_data", stdout=io.StringIO())
    files, expected = built(settings), {str(r.pk): r.report() for r in published}
    manifest = current(folder(settings))
    assert manifest is not None and manifest.reports == len(published)
    with zipfile.ZipFile(files / "cells.csv.zip") as archive:
        raw = archive.read("cells.csv")
        assert archive.read("dictionary.csv") == (files / "dictionary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,agency_id,region,level,agency,")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert manifest.cells == len(rows)
    for key, report in expected.items():
        mine = {r["cell"]: r["value"] for r in rows if r["id"] == key}
        assert mine == {c: "" if v is None else str(v) for c, v in opendata.report_cells(report)}
    table = pq.read_table(files / "reports.parquet").to_pylist()
    assert {row["id"]: Report.model_validate_json(row["report"]) for row in table} == expected
    assert {(row["region"], row["level"]) for row in table} >= {("某省 某市", "县级")}
    numbers = pq.read_table(files / "cells.parquet").to_pylist()
    assert len(numbers) == len(rows)
    with gzip.open(files / "reports.jsonl.gz", "rt", encoding="utf-8") as lines:
        back = {o["id"]: Report.model_validate(o["report"]) for o in map(json.loads, lines)}
    assert back == expected


def test_drafts_and_replaced_editions_are_never_in_the_files(
    tree: dict[str, Agency], settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    people = office(tree["county"])
    with django_capture_on_commit_callbacks(execute=True):
        first = sign_and_publish(draft_from_seed(tree["county"], "000"), people)
        revision = do_start_revision(first, people.officer, "更正申请数")
        do_correct_cell(revision, people.officer, "appeals.review.upheld", "9", "原表漏填")
        second = sign_and_publish(revision, people, reason="复议总计将另行更正，先行发布")
        draft = draft_from_seed(tree["city"], "001")
    ids = pq.read_table(built(settings) / "reports.parquet").column("id").to_pylist()
    assert ids == [str(second.pk)]
    assert str(first.pk) not in ids and str(draft.pk) not in ids
    cells = pq.read_table(built(settings) / "cells.parquet").to_pylist()
    corrected = {"id": str(second.pk), "cell": "appeals.review.upheld", "value": "9", "number": 9}
    assert corrected in cells


def test_each_publication_refreshes_the_files(
    tree: dict[str, Agency], settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    county, city = office(tree["county"]), office(tree["city"], "city-")
    draft = draft_from_seed(tree["county"], "000")
    assert current(folder(settings)) is None  # a draft builds nothing
    with django_capture_on_commit_callbacks(execute=True):
        sign_and_publish(draft, county)
    before = current(folder(settings))
    assert before is not None and before.reports == 1
    with django_capture_on_commit_callbacks(execute=True):
        sign_and_publish(draft_from_seed(tree["city"], "001"), city)
    after = current(folder(settings))
    assert after is not None and after.reports == 2 and after.started_at > before.started_at


def test_a_request_older_than_the_files_builds_nothing(
    published: list[PublishedReport], settings: Any
) -> None:
    first = refresh(folder(settings), library)
    assert first is not None
    assert refresh(folder(settings), library, first.started_at) is None
    assert current(folder(settings)) == first


def test_a_download_during_a_build_gets_the_whole_previous_file(
    published: list[PublishedReport], settings: Any
) -> None:
    """The build is stopped halfway (its library raises after a download was made): the
    download is the previous complete file, and the failed build leaves nothing behind."""
    old = refresh(folder(settings), library)
    assert old is not None
    seen: list[bytes] = []

    def halfway() -> Any:
        for n, entry in enumerate(library()):
            if n == 3:
                seen.append(_download(Client(), "reports-parquet"))
                raise RuntimeError("the worker dies")
            yield entry

    with pytest.raises(RuntimeError):
        refresh(folder(settings), halfway)
    assert seen == [(built(settings) / "reports.parquet").read_bytes()]
    assert pq.read_table(io.BytesIO(seen[0])).num_rows == len(published)
    assert current(folder(settings)) == old
    assert sorted(p.name for p in folder(settings).iterdir() if p.is_dir()) == [old.folder]


def test_only_the_current_and_the_previous_build_are_kept(
    published: list[PublishedReport], settings: Any
) -> None:
    builds = [refresh(folder(settings), library) for _ in range(3)]
    kept = sorted(p.name for p in folder(settings).iterdir() if p.is_dir())
    assert kept == sorted(b.folder for b in builds[1:] if b)


def _download(client: Client, key: str) -> bytes:
    response = client.get(f"/data/files/{key}")
    assert response.status_code == 200
    return b"".join(response.streaming_content)  # type: ignore[attr-defined]


def test_downloads_stream_with_their_type_and_chinese_name(
    published: list[PublishedReport], settings: Any
) -> None:
    refresh(folder(settings), library)
    response = Client().get("/data/files/cells-csv")
    assert response.streaming
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80"
        "%E5%B9%B4%E6%8A%A5-%E5%8D%95%E5%85%83%E6%A0%BC.csv.zip"
    )
    dictionary = Client().get("/data/files/dictionary")
    assert dictionary["Content-Type"] == "text/csv; charset=utf-8"
    assert b"".join(dictionary.streaming_content).startswith(b"\xef\xbb\xbfcell,table,label")  # type: ignore[attr-defined]
    assert Client().get("/data/files/current.json").status_code == 404
    assert Client().get("/data/files/..%2Fcurrent.json").status_code == 404


def test_nothing_downloads_before_the_first_build(db: None) -> None:
    assert Client().get("/data/files/reports-parquet").status_code == 404
    page = Client().get("/data/").content.decode()
    assert "文件尚未生成：发布第一份报告后将自动生成。" in page
    assert "/data/files/" not in page


def test_downloads_are_limited_per_address(published: list[PublishedReport], settings: Any) -> None:
    refresh(folder(settings), library)
    settings.GONGKAI_DOWNLOADS_PER_ADDRESS_HOUR = 2
    client = Client(REMOTE_ADDR="198.51.100.14")
    assert [client.get("/data/files/dictionary").status_code for _ in range(2)] == [200, 200]
    refused = client.get("/data/files/dictionary")
    assert refused.status_code == 429
    assert "本地址下载过于频繁，请一小时后再试" in refused.content.decode()
    assert Client(REMOTE_ADDR="198.51.100.15").get("/data/files/dictionary").status_code == 200


def test_the_data_page_says_what_each_file_holds_and_when_it_was_built(
    published: list[PublishedReport], settings: Any
) -> None:
    manifest = refresh(folder(settings), library)
    assert manifest is not None
    page = Client().get("/data/").content.decode()
    assert f"包含 {len(published)} 份报告、{manifest.cells} 个单元格" in page
    for data_file in BY_KEY.values():
        assert f'<a href="/data/files/{data_file.key}">{data_file.download}</a>' in page
        assert data_file.holds in page
    assert '<td class="holds">表三（一）予以公开·自然人</td>' in page
    assert '<a href="/api/openapi.json">' in page and "cursor=" in page
    assert "可自由下载、复制、使用和传播" in page
    assert '<a href="/data/">开放数据</a>' in Client().get("/").content.decode()


def test_a_library_entry_says_where_the_report_is(
    published: list[PublishedReport],
) -> None:
    entry: LibraryEntry = next(library())
    newest = max(published, key=lambda r: (r.year, r.pk))
    assert entry.id == str(newest.pk)
    assert entry.meta == {
        "region": " ".join(a.name for a in _ancestors(newest.agency)),
        "level": newest.agency.get_level_display(),
        "agency_id": str(newest.agency_id),
        "edition": "1",
        "late": "否",
        "url": f"/reports/{newest.pk}/",
    }


def _ancestors(agency: Agency) -> list[Agency]:
    chain: list[Agency] = []
    while agency.parent is not None:
        agency = agency.parent
        chain.insert(0, agency)
    return chain


def test_the_json_twin_names_the_current_files(
    published: list[PublishedReport], settings: Any
) -> None:
    assert Client().get("/data/files.json").json() == {"built_at": None, "reports": 0, "files": []}
    manifest = refresh(folder(settings), library)
    assert manifest is not None
    body = Client().get("/data/files.json").json()
    assert body["reports"] == len(published) and body["cells"] == manifest.cells
    assert body["built_at"] == manifest.built_at.isoformat()
    parquet = next(f for f in body["files"] if f["name"] == "政府信息公开年报-报告.parquet")
    assert parquet["bytes"] == len(_download(Client(), "reports-parquet"))
    assert parquet["url"] == "/data/files/reports-parquet"
