"""gongkai ingest: folders, zips and lists in; every report once; failures listed; a run
killed with SIGKILL resumed with nothing lost and nothing twice."""

from __future__ import annotations

import hashlib
import http.server
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from gongkai import messages
from gongkai.cli import main
from gongkai.errors import OverLimit, UnreadableInput
from gongkai.ingest.beside import read_beside
from gongkai.ingest.files import FileSink
from gongkai.ingest.pool import ReaderPool, WorkerLimits
from gongkai.ingest.sink import Failed, Ingested
from gongkai.ingest.sources import Loader, expand
from gongkai.readers.isolation import read_isolated
from gongkai.readers.limits import Limits
from gongkai.render.text import render_text
from tests.support import readers
from tests.support.hostile import bundle_of_one, zip_method
from tests.support.reports import report_from_rng

ROOT = Path(__file__).parent.parent
SEEDS = sorted((ROOT / "tests/fixtures/seeds").glob("*.txt"))


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def reports_in(folder: Path) -> list[dict[str, object]]:
    lines = (folder / "reports.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines]


def digests(rows: list[dict[str, object]]) -> list[str]:
    return [row["source"]["sha256"] for row in rows]  # type: ignore[index]


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """Five seeds: two loose, one again under another name, two in a zip; a broken file;
    and a list naming a third seed."""
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    for seed in SEEDS[:2]:
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "sub" / "again.txt").write_bytes(SEEDS[0].read_bytes())
    (folder / "broken.txt").write_text("这不是年度报告", "utf-8")
    with zipfile.ZipFile(folder / "bundle.zip", "w") as archive:
        for seed in SEEDS[3:5]:
            archive.writestr(seed.name, seed.read_bytes())
    (tmp_path / "list.txt").write_text(f"# 清单\n{SEEDS[2]}\n", "utf-8")
    return tmp_path


def test_ingest_reads_each_report_once_and_lists_the_unreadable(
    inputs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = inputs / "out"
    args = ["ingest", str(inputs / "in"), "--list", str(inputs / "list.txt"), "-o", str(out)]
    assert main(args) == 2  # one file cannot be read
    assert sorted(digests(reports_in(out))) == sorted(sha(s.read_bytes()) for s in SEEDS)
    failures = [json.loads(line) for line in (out / "failures.jsonl").read_text().splitlines()]
    assert failures == [
        {
            "source": {
                "path": str(inputs / "in" / "broken.txt"),
                "sha256": sha("这不是年度报告".encode()),
            },
            "error": {
                "code": "input.not_a_report",
                "message": messages.NO_TABLES,
            },
        }
    ]
    err = capsys.readouterr().err
    assert "broken.txt：未找到年度报告的统计表" in err
    assert "读取5份（共0页），已有0份，重复1份，无法读取1份" in err


def test_a_second_run_reads_nothing_again(inputs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = inputs / "out"
    args = ["ingest", str(inputs / "in"), "-o", str(out)]
    main(args)
    before = (out / "reports.jsonl").read_bytes()
    assert main(args) == 0  # nothing read, nothing failed this time
    assert (out / "reports.jsonl").read_bytes() == before
    assert "读取0份（共0页），已有6份，重复0份，无法读取0份" in capsys.readouterr().err


def test_parquet_output_holds_each_report_once(inputs: Path) -> None:
    out = inputs / "out"
    args = ["ingest", str(inputs / "in"), "-o", str(out), "--format", "parquet"]
    main(args)
    main(args)
    table = pq.read_table(out / "reports")
    expected = {sha(s.read_bytes()) for s in SEEDS[:2] + SEEDS[3:5]}
    assert sorted(table.column("sha256").to_pylist()) == sorted(expected)
    report = json.loads(table.column("report")[0].as_py())
    assert report["source"]["sha256"] == table.column("sha256")[0].as_py()


def test_a_torn_last_line_is_cut_off_when_the_folder_is_opened_again(tmp_path: Path) -> None:
    sink = FileSink(tmp_path)
    sink.write([Failed("a.txt", "a" * 64, "input.not_a_report", "不是报告")])
    sink.close()
    with (tmp_path / "failures.jsonl").open("a") as handle:
        handle.write('{"source": {"path": "b.txt", "sha')  # killed while writing
    reopened = FileSink(tmp_path)
    assert reopened.known(["a" * 64, "b" * 64]) == {"a" * 64}
    reopened.close()
    assert (tmp_path / "failures.jsonl").read_text().count("\n") == 1


def generated_reports(folder: Path, count: int) -> list[bytes]:
    rng = random.Random(14)
    folder.mkdir()
    contents = []
    for n in range(count):
        data = render_text(report_from_rng(rng)).encode()
        (folder / f"r{n:03d}.txt").write_bytes(data)
        contents.append(data)
    return contents


def test_a_run_killed_mid_way_resumes_with_nothing_lost_or_twice(tmp_path: Path) -> None:
    contents = generated_reports(tmp_path / "in", 150)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "gongkai.cli", "ingest", str(tmp_path / "in"), "-o", str(out)]
    run = subprocess.Popen([*command, "--workers", "1"], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and _lines(out / "reports.jsonl") < 20:
        time.sleep(0.05)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    done_before = _lines(out / "reports.jsonl")
    assert 20 <= done_before < len(contents)  # killed mid-way
    assert subprocess.run(command, stderr=subprocess.DEVNULL).returncode == 0
    found = digests(reports_in(out))
    assert len(found) == len(set(found))
    assert set(found) == {sha(data) for data in contents}


def _lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def tasks(names: list[str]) -> Iterator[tuple[str, str, bytes]]:
    data = SEEDS[0].read_bytes()
    for name in names:
        yield name, sha(data + name.encode()), data


def test_a_read_past_its_time_is_stopped_and_the_run_goes_on() -> None:
    with ReaderPool(2, WorkerLimits(seconds=2), reader=readers.stuck_on_slow) as pool:
        outcomes = {o.name: o for o in pool.run(tasks(["a.txt", "slow.txt", "b.txt", "c.txt"]))}
    slow = outcomes.pop("slow.txt")
    assert isinstance(slow, Failed)
    assert (slow.code, slow.message) == ("ingest.timeout", "读取超过2秒仍未完成，已中止")
    assert all(isinstance(o, Ingested) for o in outcomes.values()) and len(outcomes) == 3


def test_a_worker_that_dies_is_replaced_and_its_file_listed() -> None:
    with ReaderPool(1, reader=readers.dies_on_crash) as pool:
        outcomes = {o.name: o for o in pool.run(tasks(["a.txt", "crash.txt", "b.txt"]))}
    crashed = outcomes["crash.txt"]
    assert isinstance(crashed, Failed) and crashed.code == "ingest.reader_died"
    assert isinstance(outcomes["a.txt"], Ingested) and isinstance(outcomes["b.txt"], Ingested)


def test_a_read_over_the_memory_limit_fails_alone() -> None:
    with ReaderPool(1, WorkerLimits(memory_mb=2048), reader=readers.hungry_on_huge) as pool:
        outcomes = {o.name: o for o in pool.run(tasks(["a.txt", "huge.txt", "b.txt"]))}
    huge = outcomes["huge.txt"]
    assert isinstance(huge, Failed)
    assert (huge.code, huge.message) == ("ingest.out_of_memory", messages.OUT_OF_MEMORY)
    assert isinstance(outcomes["a.txt"], Ingested) and isinstance(outcomes["b.txt"], Ingested)


def test_each_worker_reads_scans_on_its_share_of_the_cores() -> None:
    """Two workers each running OCR on every core would oversubscribe the machine. The
    forkserver the workers start from is the process's one: an isolated read may have
    started it with the OCR module imported (and its threads counted) already."""
    read_isolated(SEEDS[0].read_bytes(), SEEDS[0].name)
    with ReaderPool(2, reader=readers.tells_ocr_threads) as pool:
        outcomes = list(pool.run(tasks(["a.txt", "b.txt", "c.txt"])))
    said = {o.message for o in outcomes if isinstance(o, Failed)}
    assert len(outcomes) == 3 and len(said) == 1  # every worker said it, and said the same
    share = max(1, (os.cpu_count() or 1) // 2)
    assert said == {os.environ.get("GONGKAI_OCR_THREADS", str(share))}


def test_the_workers_go_on_reading_while_the_caller_writes(tmp_path: Path) -> None:
    """A sink's batch takes as long as many reads: while the caller holds an outcome (as it
    does while writing), the worker is given the next files. In the caller's loop it waited,
    and a second worker made a run only 9–15 % faster."""
    names = [str(tmp_path / f"{n}.txt") for n in range(6)]
    with ReaderPool(1, reader=readers.marks_done) as pool:
        outcomes = read_beside(pool, tasks(names), ahead=4)
        next(outcomes)
        until = time.monotonic() + 30
        while len(list(tmp_path.glob("*.done"))) < 4 and time.monotonic() < until:
            time.sleep(0.05)
        assert len(list(tmp_path.glob("*.done"))) >= 4  # read while the first was held
        assert len(list(outcomes)) == 5


def test_a_pool_with_more_workers_than_tasks_ahead_still_reads_everything() -> None:
    with ReaderPool(3) as pool:
        outcomes = list(read_beside(pool, tasks([f"{n}.txt" for n in range(5)]), ahead=1))
    assert sorted(o.name for o in outcomes) == [f"{n}.txt" for n in range(5)]


def test_the_workers_cpu_time_is_counted_across_replaced_workers() -> None:
    with ReaderPool(1, reader=readers.busy_on_spin) as pool:
        names = ["spin1.txt", "crash.txt", "spin2.txt"]
        list(pool.run(tasks(names)))
        during = pool.cpu_seconds
    assert 1.0 <= during < 10  # two reads spinning 0.5 s each, one in a replaced worker
    assert pool.cpu_seconds == during  # closing keeps what the stopped workers said


def test_urls_without_the_network_are_refused_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text("http://127.0.0.1:9/report.pdf\n", "utf-8")  # nothing listens there
    start = time.monotonic()
    assert main(["ingest", "--list", str(listing), "-o", str(tmp_path / "out")]) == 2
    assert time.monotonic() - start < 10
    assert capsys.readouterr().err == (
        "gongkai: 本机无法连接127.0.0.1:9（连接被拒绝），不能下载清单中的网址；"
        "请在能联网的机器上运行，或先下载文件后按路径导入\n"
    )


def test_urls_are_read_when_they_answer(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "r.txt").write_bytes(SEEDS[1].read_bytes())
    handler = _quiet_handler(tmp_path / "site")
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        (tmp_path / "urls.txt").write_text(f"{base}/r.txt\n{base}/missing.txt\n", "utf-8")
        code = main(["ingest", "--list", str(tmp_path / "urls.txt"), "-o", str(tmp_path / "out")])
        server.shutdown()
    assert code == 2
    assert digests(reports_in(tmp_path / "out")) == [sha(SEEDS[1].read_bytes())]
    failure = json.loads((tmp_path / "out" / "failures.jsonl").read_text())
    assert failure["error"]["message"] == "下载失败：服务器返回状态码404"


def _quiet_handler(folder: Path) -> type[http.server.SimpleHTTPRequestHandler]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(folder), **kwargs)  # type: ignore[arg-type]

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


def test_a_missing_path_stops_before_anything_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest", str(tmp_path / "nope"), "-o", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == f"gongkai: {tmp_path / 'nope'}：文件不存在\n"
    assert not (tmp_path / "out").exists()


def test_a_readers_own_bug_fails_that_file_in_plain_chinese(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from gongkai.ingest import work

    def broken(data: bytes, path: str | None = None) -> object:
        raise KeyError("row")

    monkeypatch.setattr(work, "read_bytes", broken)
    outcome = work.read_one(("a.txt", "0" * 64, b"x"))
    assert outcome == Failed("a.txt", "0" * 64, "ingest.reader_failed", messages.READER_FAILED)


def test_members_of_several_zips_are_read_whatever_the_order(tmp_path: Path) -> None:
    for name in ("a.zip", "b.zip"):
        with zipfile.ZipFile(tmp_path / name, "w") as archive:
            for n in range(3):
                archive.writestr(f"{n}.txt", f"{name}-{n}")
    items = expand([str(tmp_path / "a.zip"), str(tmp_path / "b.zip")])
    loader = Loader()
    order = [items[0], items[3], items[1], items[4], items[2], items[5]]
    assert [loader.load(item).decode() for item in order] == [
        "a.zip-0",
        "b.zip-0",
        "a.zip-1",
        "b.zip-1",
        "a.zip-2",
        "b.zip-2",
    ]
    loader.close()


def test_a_member_compressed_in_a_method_zipfile_lacks_is_unreadable(tmp_path: Path) -> None:
    """Deflate64 (what Windows writes for large files) makes zipfile raise
    NotImplementedError: the member is listed as unreadable and the run goes on."""
    (tmp_path / "a.zip").write_bytes(zip_method(bundle_of_one("2024.txt")))
    loader = Loader()
    with pytest.raises(UnreadableInput) as refused:
        loader.load(expand([str(tmp_path / "a.zip")])[0])
    loader.close()
    assert refused.value.message == messages.BAD_BUNDLE


def test_a_later_parquet_run_adds_a_part_beside_the_earlier_ones(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SEEDS[0].read_bytes())
    args = ["ingest", str(folder), "-o", str(tmp_path / "out"), "--format", "parquet"]
    main(args)
    (folder / "b.txt").write_bytes(SEEDS[1].read_bytes())
    main(args)
    parts = sorted(p.name for p in (tmp_path / "out" / "reports").iterdir())
    assert parts == ["part-000000.parquet", "part-000001.parquet"]
    table = pq.read_table(tmp_path / "out" / "reports")
    assert sorted(table.column("sha256").to_pylist()) == sorted(
        sha(s.read_bytes()) for s in SEEDS[:2]
    )


def test_the_readers_limits_reach_the_workers(inputs: Path) -> None:
    """The pool's workers read within the limits given: they cross into each worker."""
    out = inputs / "out"
    assert main(["ingest", str(inputs / "in"), "-o", str(out), "--limit", "number_digits=1"]) == 2
    failures = [json.loads(line) for line in (out / "failures.jsonl").read_text().splitlines()]
    over = {
        Path(f["source"]["path"]).name for f in failures if f["error"]["code"] == "input.over_limit"
    }
    assert over == {seed.name for seed in [*SEEDS[:2], *SEEDS[3:5]]}


def test_files_and_zip_members_are_loaded_within_the_readers_limits(inputs: Path) -> None:
    loader = Loader(Limits(file_bytes=10, unpacked_bytes=10))
    for item in expand([str(inputs / "in")]):
        with pytest.raises(OverLimit):
            loader.load(item)
