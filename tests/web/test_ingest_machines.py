"""Several machines ingesting into one PostgreSQL database at once: every file stored
exactly once, one report per stored file, one published report per agency and year (the
rest to the review queue), no crash on a race, and a command killed with SIGKILL leaves
nothing half-written. (SQLite serialises every write: these run on PostgreSQL, under
`scripts/with-postgres.sh` in `make test`.)"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest
from django.db import connection, transaction

from gongkai.ingest.sink import Ingested, Outcome
from gongkai.render.text import render_text
from gongkai.web.agencies.models import Agency
from gongkai.web.ingest import actions
from gongkai.web.ingest.actions import do_start_ingest
from gongkai.web.ingest.models import CollectedFile, IngestRun
from gongkai.web.ingest.sink import DatabaseSink
from gongkai.web.reports.actions import Collecting, store_collected
from gongkai.web.reports.models import PublishedReport, ReportFigures, ReportVersion
from tests.support.reports import report_from_rng

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]
COUNTIES = 40
UNKNOWN = 200  # a long insert: two machines' inserts overlap


@pytest.fixture
def counties(db: None) -> list[str]:
    province = Agency.objects.create(name="某省", level=Agency.Level.PROVINCE)
    return [
        Agency.objects.create(
            name=f"第{k}县人民政府", level=Agency.Level.COUNTY, parent=province
        ).name
        for k in range(COUNTIES)
    ]


@pytest.fixture
def attempts(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times each machine (by its run's host) wrote a batch: a batch rolled back
    and written again counts twice."""
    written: Counter[str] = Counter()
    write = actions._collect_batch

    def counted(run: IngestRun, *args: object) -> Counter[str]:
        written[run.host] += 1
        return write(run, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(actions, "_collect_batch", counted)
    return written


def _outcomes(names: Sequence[str], year: int, variant: str) -> list[Outcome]:
    """One report of each agency for `year`; a `variant` is another file of the same
    reports (other bytes, so another sha256)."""
    rng = random.Random(f"{year}{variant}")
    made: list[Outcome] = []
    for name in names:
        report = report_from_rng(rng, "2021").model_copy(update={"agency": name, "year": year})
        digest = f"{variant}{year}{name}".encode().hex()[:64].ljust(64, "0")
        made.append(Ingested(f"{variant}/{name}.txt", digest, report, None, 0.0, b"x"))
    return made


def _at_once(batches: Sequence[list[Outcome]]) -> list[BaseException]:
    """Each batch written by its own machine's sink, all starting together."""
    runs = [
        do_start_ingest("同时", ["清单"], user=None, host=f"机器{i}", workers=1)
        for i in range(len(batches))
    ]
    sinks = [DatabaseSink(run) for run in runs]
    start = threading.Barrier(len(batches))
    problems: list[BaseException] = []

    def write(sink: DatabaseSink, batch: list[Outcome]) -> None:
        try:
            start.wait()
            sink.write(batch)
        except BaseException as exc:
            problems.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=pair) for pair in zip(sinks, batches)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return problems


def _whole() -> tuple[int, int, int]:
    """(files, reports, pending) once every report is checked to be whole: stored by one
    file, with its one version and its figures."""
    reports = PublishedReport.objects.count()
    stored = CollectedFile.objects.filter(outcome="stored", report__isnull=False).count()
    assert (stored, ReportVersion.objects.count(), ReportFigures.objects.count()) == (
        reports,
        reports,
        reports,
    )
    pending = CollectedFile.objects.filter(outcome="pending", reason="year_taken").count()
    return CollectedFile.objects.count(), reports, pending


def test_two_machines_writing_the_same_files_in_opposite_orders_store_each_once(
    counties: list[str],
) -> None:
    unknown = [f"未列入名录的第{k}局" for k in range(UNKNOWN)]  # no agency: no lock either
    for year in (2021, 2022):
        batch = _outcomes(unknown, year, "甲")
        assert _at_once([batch, batch[::-1]]) == []
    assert CollectedFile.objects.filter(reason="unmatched").count() == 2 * UNKNOWN
    assert _whole() == (2 * UNKNOWN, 0, 0)


def test_two_files_of_each_agency_and_year_at_once_store_one_and_queue_the_other(
    counties: list[str], attempts: Counter[str]
) -> None:
    for year in (2021, 2022):
        first, second = _outcomes(counties, year, "甲"), _outcomes(counties, year, "乙")
        assert _at_once([first, second[::-1]]) == []
    assert _whole() == (4 * COUNTIES, 2 * COUNTIES, 2 * COUNTIES)
    assert attempts == {"机器0": 2, "机器1": 2}  # the second waited: nothing written twice


def _published_until(
    inserted: threading.Event, go: threading.Event, agency: Agency, outcome: Outcome
) -> None:
    """A person's report of the agency and year, its transaction open until `go`."""
    assert isinstance(outcome, Ingested)
    try:
        with transaction.atomic():
            store_collected([Collecting(agency, outcome.report, outcome.name, b"y")], None)
            inserted.set()
            go.wait(60)
    finally:
        connection.close()


def _set_once_waiting(go: threading.Event) -> None:
    """Sets `go` once a connection waits on a lock (the batch, on the open report)."""
    try:
        for _ in range(6000):
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                )
                if cursor.fetchone()[0]:
                    break
            time.sleep(0.01)
    finally:
        go.set()
        connection.close()


def test_a_report_published_while_a_batch_is_written_sends_the_file_to_the_queue(
    counties: list[str], attempts: Counter[str]
) -> None:
    agency = Agency.objects.get(name=counties[0])
    (person,), (read,) = _outcomes(counties[:1], 2021, "乙"), _outcomes(counties[:1], 2021, "甲")
    inserted, go = threading.Event(), threading.Event()
    publisher = threading.Thread(target=_published_until, args=(inserted, go, agency, person))
    publisher.start()
    assert inserted.wait(60)
    waiter = threading.Thread(target=_set_once_waiting, args=(go,))
    waiter.start()
    sink = DatabaseSink(do_start_ingest("同时", ["清单"], user=None, host="甲", workers=1))
    sink.write([read])
    waiter.join()
    publisher.join()
    assert attempts == {"甲": 2}  # rolled back once, on the report published meanwhile
    assert PublishedReport.objects.get().source_name == person.name
    assert CollectedFile.objects.get().reason == "year_taken"


# The command itself, on several "machines" (processes) at once.

KILLED = "gongkai-killed"  # the application name of the command to kill, in pg_stat_activity


def _folder(where: Path, names: Sequence[str], year: int, variant: str) -> Path:
    """The reports of `_outcomes` as text files (one broken file beside them)."""
    where.mkdir()
    for n, outcome in enumerate(_outcomes(names, year, variant)):
        assert isinstance(outcome, Ingested)
        (where / f"{variant}{n:03d}.txt").write_text(render_text(outcome.report))
    (where / f"{variant}损坏.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<" + variant.encode())
    return where


def _command(args: Sequence[str], tmp: Path, app: str = "gongkai") -> subprocess.Popen[str]:
    """`python -m gongkai.web ingest ARGS`, production settings, on the tests' database."""
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
    env = {
        **clean,
        "DATABASE_URL": url,
        "GONGKAI_SECRET_KEY": "s" * 20 + "Qx7!pL0-v" * 5,
        "GONGKAI_DATA_DIR": str(tmp),
        "GONGKAI_OCR_THREADS": "1",
        "PGAPPNAME": app,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "gongkai.web", "ingest", *args, "--collection", "同时"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _finished(commands: Sequence[subprocess.Popen[str]]) -> None:
    """Every command ended by itself: 0, or 2 when it read the unreadable files itself
    (another command may have recorded them first); a traceback ends it with 1."""
    for command in commands:
        _, err = command.communicate(timeout=600)
        assert command.returncode in (0, 2) and "Traceback" not in err, err[-3000:]


def _stored_once(files: int, stored: int) -> None:
    """Every file once (the unreadable ones too), each report whole, the rest queued."""
    failed = CollectedFile.objects.filter(outcome="failed").count()
    assert _whole() == (files, stored, files - stored - failed)
    assert CollectedFile.objects.values("sha256").distinct().count() == files


def test_three_commands_over_one_folder_at_once_store_every_file_once(
    counties: list[str], tmp_path: Path
) -> None:
    folder = _folder(tmp_path / "报告", counties[:20], 2021, "甲")
    _folder(folder / "又一份", counties[:10], 2021, "乙")  # the same agencies and year
    _finished([_command([str(folder), "--workers", "1"], tmp_path) for _ in range(3)])
    _stored_once(32, 20)
    assert IngestRun.objects.filter(finished_at__isnull=False).count() == 3


def test_two_commands_over_overlapping_folders_store_every_file_once(
    counties: list[str], tmp_path: Path
) -> None:
    first = _folder(tmp_path / "甲", counties[:20], 2021, "甲")
    shared = _folder(tmp_path / "丙", counties[:20], 2022, "丙")
    second = _folder(tmp_path / "乙", counties[:20], 2021, "乙")  # 甲's agencies and year
    _finished(
        [
            _command([str(first), str(shared), "--workers", "2"], tmp_path),
            _command([str(shared), str(second), "--workers", "2"], tmp_path),
        ]
    )
    _stored_once(63, 40)


def test_machines_sharing_one_folder_by_parts_read_each_file_once(
    counties: list[str], tmp_path: Path
) -> None:
    folder = _folder(tmp_path / "报告", counties[:30], 2021, "甲")
    _finished([_command([str(folder), "--part", f"{k}/3"], tmp_path) for k in (1, 2, 3)])
    _stored_once(31, 30)
    read = sorted(r.summary["read"] + r.summary["failed"] for r in IngestRun.objects.all())
    assert read == [10, 10, 11]  # runs of consecutive files, every one read by one machine


def _writing(app: str) -> bool:
    """Whether the connection named `app` is inside a transaction that has written."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE application_name = %s AND backend_xid IS NOT NULL",
            [app],
        )
        return bool(cursor.fetchone()[0])


def test_a_command_killed_while_writing_leaves_nothing_half_written(
    counties: list[str], tmp_path: Path
) -> None:
    folder = _folder(tmp_path / "报告", counties, 2021, "甲")
    listing = tmp_path / "倒序.txt"  # the killed command reads the folder backwards
    listing.write_text("\n".join(sorted(map(str, folder.iterdir()), reverse=True)))
    killed = _command(["--list", str(listing), "--workers", "1"], tmp_path, KILLED)
    other = _command([str(folder), "--workers", "1"], tmp_path)
    while killed.poll() is None and not _writing(KILLED):
        time.sleep(0.005)
    assert killed.poll() is None, "the command ended before it was seen writing"
    os.kill(killed.pid, signal.SIGKILL)  # inside its batch's transaction
    assert killed.wait() == -signal.SIGKILL
    with contextlib.suppress(ProcessLookupError):
        os.killpg(killed.pid, signal.SIGKILL)  # its reading processes, if still there
    _finished([other])
    _stored_once(COUNTIES + 1, COUNTIES)
