"""Bulk ingest into the library: reports collected under their agencies by name, the rest
queued for a person, unreadable files listed; exactly once by content, batch by batch."""

from __future__ import annotations

import contextlib
import threading
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import connection

from gongkai.ingest.sink import Failed, Ingested
from gongkai.readers import read_bytes
from gongkai.web.agencies.models import Agency
from gongkai.web.audit.models import AuditEvent, EventType
from gongkai.web.ingest.actions import do_start_ingest
from gongkai.web.ingest.models import CollectedFile, IngestRun
from gongkai.web.ingest.sink import DatabaseSink
from gongkai.web.reports.models import PublishedReport, ReportFigures
from tests.web.conftest import SEEDS, seed_bytes, signed_in

pytestmark = pytest.mark.django_db

L = Agency.Level
COLLECTION = "2021年度试点"


def _chain(*names_levels: tuple[str, str]) -> Agency:
    parent = None
    for name, level in names_levels:
        parent = Agency.objects.filter(parent=parent, name=name).first() or Agency.objects.create(
            name=name, level=level, parent=parent
        )
    assert parent is not None
    return parent


@pytest.fixture
def agencies(db: None) -> dict[str, Agency]:
    """The seeds' agencies, named as a province's directory would name them."""
    return {
        "yanhu": _chain(
            ("山西省", L.PROVINCE),
            ("运城市", L.CITY),
            ("盐湖区", L.COUNTY),
            ("运城市盐湖区人民政府办公室", L.DEPARTMENT),
        ),
        "yunzhou": _chain(("山西省", L.PROVINCE), ("大同市", L.CITY), ("云州区", L.COUNTY)),
        "qingtongxia": _chain(
            ("宁夏回族自治区", L.PROVINCE), ("吴忠市", L.CITY), ("青铜峡市人民政府", L.COUNTY)
        ),
        "qingtongxia_too": _chain(
            ("宁夏回族自治区", L.PROVINCE), ("另一市", L.CITY), ("青铜峡市人民政府", L.COUNTY)
        ),
        "yanchi": _chain(
            ("宁夏回族自治区", L.PROVINCE),
            ("吴忠市", L.CITY),
            ("盐池县", L.COUNTY),
            ("盐池县人民政府办公室", L.DEPARTMENT),
        ),
    }


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The five seeds (嵩县 is not in the directory; 青铜峡市 is in it twice), one of them
    in a zip, a second file of 盐池县's 2019 report, and two files that are no report."""
    for prefix in ("000", "001", "002", "003"):
        name, data = seed_bytes(prefix)
        (tmp_path / name).write_bytes(data)
    name, data = seed_bytes("004")
    with zipfile.ZipFile(tmp_path / "宁夏.zip", "w") as archive:
        archive.writestr(name, data)
    (tmp_path / "盐池县2019（重发）.txt").write_bytes(data + "\n（重新发布）\n".encode())
    (tmp_path / "空文件.pdf").write_bytes(b"")
    (tmp_path / "损坏.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")
    return tmp_path


def _ingest(folder: Path) -> None:
    call_command("ingest", str(folder), "--collection", COLLECTION, "--workers", "1")


def _stored() -> dict[str, tuple[int, str]]:
    reports = PublishedReport.objects.select_related("agency")
    return {r.agency.name: (r.year, r.origin) for r in reports}


def test_reports_are_collected_under_their_agencies_and_the_rest_wait(
    agencies: dict[str, Agency], folder: Path
) -> None:
    with pytest.raises(CommandError) as refused:
        _ingest(folder)
    assert refused.value.returncode == 2  # two files could not be read
    assert _stored() == {
        "运城市盐湖区人民政府办公室": (2021, "collected"),  # exactly
        "云州区": (2021, "collected"),  # 大同市云州区人民政府: the region before the name
        "盐池县人民政府办公室": (2019, "collected"),  # out of the zip
    }
    assert set(PublishedReport.objects.values_list("status", flat=True)) == {"published"}
    assert ReportFigures.objects.count() == 3
    pending = {
        f.agency_name: (f.reason, sorted(f.candidates))
        for f in CollectedFile.objects.filter(outcome="pending")
    }
    assert pending == {
        "嵩县人民政府": ("unmatched", []),
        "青铜峡市人民政府": (
            "ambiguous",
            sorted([agencies["qingtongxia"].pk, agencies["qingtongxia_too"].pk]),
        ),
        "盐池县人民政府办公室": ("year_taken", [agencies["yanchi"].pk]),
    }
    failed = CollectedFile.objects.filter(outcome="failed").values_list("name", flat=True)
    assert sorted(Path(n).name for n in failed) == ["损坏.pdf", "空文件.pdf"]
    run = IngestRun.objects.get()
    assert run.finished_at is not None
    assert (run.summary["read"], run.summary["failed"], run.summary["stored"]) == (6, 2, 3)
    events = list(AuditEvent.objects.order_by("id").values_list("event_type", flat=True))
    assert events[0] == EventType.INGEST_STARTED and events[-1] == EventType.INGEST_FINISHED
    assert EventType.REPORTS_COLLECTED in events


def test_a_second_run_reads_nothing_and_stores_nothing_twice(
    agencies: dict[str, Agency], folder: Path
) -> None:
    with pytest.raises(CommandError):
        _ingest(folder)
    before = (PublishedReport.objects.count(), CollectedFile.objects.count())
    _ingest(folder)  # every file known, the unreadable ones too: nothing fails
    assert (PublishedReport.objects.count(), CollectedFile.objects.count()) == before
    second = IngestRun.objects.order_by("-id").first()
    assert second is not None
    assert (second.summary["read"], second.summary["known"]) == (0, 8)


@pytest.mark.parametrize("part", ["0/2", "3/2", "1", "１/2", "a/b"])
def test_a_part_not_written_k_of_n_is_refused_before_anything_is_read(
    agencies: dict[str, Agency], folder: Path, part: str
) -> None:
    with pytest.raises(CommandError) as refused:
        call_command("ingest", str(folder), "--collection", COLLECTION, "--part", part)
    assert refused.value.returncode == 2 and "如 1/3（第1份，共3份）" in str(refused.value)
    assert not IngestRun.objects.exists()


def _outcomes() -> list[Ingested | Failed]:
    found: list[Ingested | Failed] = []
    for path in sorted(SEEDS.glob("*.txt")):
        data = path.read_bytes()
        report = read_bytes(data, path.name)
        assert report.source is not None
        found.append(Ingested(path.name, report.source.sha256, report, None, 0.0, data))
    found.append(Failed("坏.pdf", "f" * 64, "x", "无法读取"))
    return found


def test_a_batch_that_fails_midway_leaves_nothing_and_is_written_whole_again(
    agencies: dict[str, Agency], monkeypatch: pytest.MonkeyPatch
) -> None:
    run = do_start_ingest(COLLECTION, ["清单"], user=None, host="甲", workers=1)
    sink = DatabaseSink(run)

    def killed(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # the process stopped after the reports, before the audit

    monkeypatch.setattr("gongkai.web.ingest.actions.record", killed)
    with pytest.raises(KeyboardInterrupt):
        sink.write(_outcomes())
    assert (PublishedReport.objects.count(), CollectedFile.objects.count()) == (0, 0)
    monkeypatch.undo()
    outcomes = _outcomes()
    assert sink.known([o.sha256 for o in outcomes if o.sha256]) == set()
    sink.write(outcomes)
    assert PublishedReport.objects.count() == 3
    assert CollectedFile.objects.count() == 6
    assert sink.known([o.sha256 for o in outcomes if o.sha256]) == {
        o.sha256 for o in outcomes if o.sha256
    }


@pytest.mark.django_db(transaction=True)
def test_two_machines_writing_the_same_files_store_each_once(
    agencies: dict[str, Agency],
) -> None:
    runs = [
        do_start_ingest(COLLECTION, ["清单"], user=None, host=h, workers=1) for h in ("甲", "乙")
    ]
    sinks = [DatabaseSink(r) for r in runs]
    outcomes = _outcomes()
    problems: list[BaseException] = []
    # SQLite queues writers on its file lock; the tests' in-memory database refuses them
    # instead, so there the two interleave batch by batch. PostgreSQL runs them at once.
    serial = threading.Lock() if connection.vendor == "sqlite" else contextlib.nullcontext()

    def write(sink: DatabaseSink) -> None:
        try:
            for outcome in outcomes:
                with serial:
                    sink.write([outcome])
        except BaseException as exc:
            problems.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(s,)) for s in sinks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert problems == []
    assert PublishedReport.objects.count() == 3
    assert CollectedFile.objects.count() == 6
    assert sum(s.counts["stored"] for s in sinks) == 3


def _admin() -> User:
    return User.objects.create_superuser("admin", password="pw-admin")


def _pending(name: str) -> CollectedFile:
    return CollectedFile.objects.get(outcome="pending", agency_name=name)


def test_an_administrator_names_the_agency_of_an_ambiguous_report(
    agencies: dict[str, Agency], folder: Path
) -> None:
    with pytest.raises(CommandError):
        _ingest(folder)
    admin = signed_in(_admin())
    waiting = _pending("青铜峡市人民政府")
    page = admin.get("/manage/collections/pending/").content.decode()
    assert "机关名称可能指多个机关" in page and "宁夏回族自治区 吴忠市 青铜峡市人民政府" in page
    response = admin.post(
        f"/manage/collections/pending/{waiting.pk}/assign",
        {"agency": agencies["qingtongxia"].pk},
    )
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.outcome == "stored" and waiting.report is not None
    assert waiting.report.agency == agencies["qingtongxia"]
    assert waiting.source == b"" and waiting.data is None
    event = AuditEvent.objects.get(event_type=EventType.COLLECTED_ASSIGNED)
    assert (event.object_id, event.agency_id) == (waiting.report.pk, agencies["qingtongxia"].pk)
    assert event.before == {"reason": "ambiguous", "candidates": waiting.candidates}
    again = admin.post(
        f"/manage/collections/pending/{waiting.pk}/assign",
        {"agency": agencies["qingtongxia"].pk},
    )
    assert again.status_code == 409
    assert "该文件已处理（已收录），无需再确认" in again.content.decode()


def test_a_second_report_of_a_year_is_refused_then_left_out_with_a_reason(
    agencies: dict[str, Agency], folder: Path
) -> None:
    with pytest.raises(CommandError):
        _ingest(folder)
    admin = signed_in(_admin())
    copy = _pending("盐池县人民政府办公室")
    assert PublishedReport.objects.filter(agency=agencies["yanchi"], year=2019).exists()
    found = admin.get("/manage/collections/pending/", {"q": "盐池县"}).content.decode()
    assert "个机关已列入下方每份报告的选项" in found
    assert f'name="agency" value="{agencies["yanchi"].pk}"> 宁夏回族自治区' in found
    refused = admin.post(
        f"/manage/collections/pending/{copy.pk}/assign", {"agency": agencies["yanchi"].pk}
    )
    assert refused.status_code == 409, refused.content.decode()[-3000:]
    assert "盐池县人民政府办公室2019年度已有已发布的报告，不能再收录" in refused.content.decode()
    blank = admin.post(f"/manage/collections/pending/{copy.pk}/dismiss", {"reason": " "})
    assert blank.status_code == 400 and "请写明不予收录的理由" in blank.content.decode()
    admin.post(f"/manage/collections/pending/{copy.pk}/dismiss", {"reason": "与已收录的报告相同"})
    copy.refresh_from_db()
    assert copy.outcome == "dismissed" and copy.source == b""
    event = AuditEvent.objects.get(event_type=EventType.COLLECTED_DISMISSED)
    assert (event.object_id, event.reason) == (copy.pk, "与已收录的报告相同")


def test_the_runs_page_lists_each_run_and_its_unreadable_files(
    agencies: dict[str, Agency], folder: Path
) -> None:
    with pytest.raises(CommandError):
        _ingest(folder)
    admin = signed_in(_admin())
    page = admin.get("/manage/collections/").content.decode()
    assert COLLECTION in page and "已完成" in page
    run = IngestRun.objects.get()
    detail = admin.get(f"/manage/collections/runs/{run.pk}/").content.decode()
    assert "空文件.pdf" in detail and "损坏.pdf" in detail
    assert "已收录 <b>3</b> 份，待确认机关 <b>3</b> 份" in detail
