"""Bulk ingest into the web library: N generated report files of mixed formats (text,
HTML, PDF, a few scans, a few broken) read with 1 and 2 workers into the database named by
DATABASE_URL (run it under scripts/with-postgres.sh; SQLite in a temporary folder
otherwise), as `python -m gongkai.web ingest` does. Prints, per run: reports/s, pages/s,
the CPU seconds of this process (hashing, the database writes), of the workers (reading)
and of the PostgreSQL server, per report and per page, and the peak memory per worker;
then a second run over the same files, a run of the command killed with SIGKILL at half
and resumed (nothing lost, nothing twice), the supervisors' overview and rankings pages
over the ingested library, copy detection over the whole library (`do_find_copies`)
scored against the copies planted in the reports' prose (recall and precision end to end;
the smoke run fails below 0.95), the open-data files built from it, and the extrapolated
time for 100,000 reports on N machines. `--once` reads the files once with 2 workers (no
1-worker run, no kill): the whole path at 100,000 files.

    scripts/with-postgres.sh .venv/bin/python bench/ingest.py --n 10000 --scans 2
    scripts/with-postgres.sh .venv/bin/python bench/ingest.py --n 100000 --scans 20 --once

Each file names an agency of a generated province and a year (2021–2025), so that the
reports are stored under their agencies, and prints the six sections of the planted copy
corpus's report for that agency and year (tests/support/copy_corpus.py); the PDFs are 40
rendered reports, each copy made distinct by a trailing comment (every file has its own
hash): a copy of an agency and year already stored goes to the review queue. The files
are generated once (not timed).
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import queue
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from multiprocessing import Queue
from pathlib import Path
from typing import TYPE_CHECKING

from collect import PER_COUNTY, latency, page, tree
from serving import ROOT, cpu_seconds, migrated_django

sys.path.insert(0, str(ROOT))

from gongkai.ingest.run import Summary, ingest
from gongkai.ingest.sink import Ingested, Outcome
from gongkai.ingest.sources import expand
from gongkai.model import Report
from gongkai.render import render
from gongkai.render.text import render_text
from tests.support.copy_corpus import PlantedCorpus, planted_corpus
from tests.support.reports import report_from_rng
from tests.support.scans import scan_pdf

if TYPE_CHECKING:
    from gongkai.web.ingest.sink import DatabaseSink

BROKEN = (b"", b"%PDF-1.7\n1 0 obj <<", bytes(range(256)) * 4)
PDFS = 40  # distinct rendered PDFs (WeasyPrint takes ~1 s each); the rest are copies
SMOKE_PDFS = 6
FIRST_YEAR = 2021
RESUMED = "中断后续导"  # the collection of the killed and resumed run
COPY_SEED = 14
COPY_SHARE = 0.1  # of the reports, copying a section (the planted corpus's own share)
# The smoke run: 100 files, 20 agencies — copy detection tells the genre's stock phrases
# (shared by 10 agencies or more) from copies only in a corpus well above 10 agencies (at
# 12, precision 0.91–1.00 over ten seeds; at 20, 1.000 for all ten); half the reports copy,
# for some 16 planted pairs.
SMOKE_FILES = 100
SMOKE_COPY_SHARE = 0.5
FLOOR = 0.95  # recall and precision of copy detection end to end, in the smoke run


def planted(names: list[str], count: int, copy_share: float) -> PlantedCorpus:
    """The planted copy corpus laid over the files' slots: the n-th file's report is the
    corpus's n-th, of agency n // 5 and year 2021 + n % 5 (each agency's five years in
    turn), its agency named as the library's."""
    years = tuple(range(FIRST_YEAR, FIRST_YEAR + PER_COUNTY))
    slots = min(count, PER_COUNTY * len(names))
    return planted_corpus(slots, seed=COPY_SEED, copy_share=copy_share, years=years, names=names)


def made(rng: random.Random, corpus: PlantedCorpus, n: int) -> Report:
    """The n-th slot's report: random consistent tables, the corpus's prose."""
    text = corpus.reports[n % len(corpus.reports)]
    report = report_from_rng(rng, "2021")
    update = {"agency": text.agency, "year": text.year, "sections": dict(text.sections)}
    return report.model_copy(update=update)


def make_files(
    folder: Path, corpus: PlantedCorpus, count: int, scans: int, distinct: int = PDFS
) -> None:
    rng = random.Random(14)
    kinds = count // 4
    pdfs = [render(made(rng, corpus, 4 * j + 3), "pdf") for j in range(min(distinct, kinds))]
    for i in range(scans):
        (folder / f"scan{i}.pdf").write_bytes(scan_pdf(pdfs[i % len(pdfs)], seed=i))
    for i, data in enumerate(BROKEN):
        (folder / f"broken{i}.pdf").write_bytes(data)
    for n in range(count - scans - len(BROKEN)):
        kind = ("txt", "txt", "html", "pdf")[n % 4]
        if kind == "pdf":
            data = pdfs[n // 4 % len(pdfs)] + f"\n% copy {n}\n".encode()
        else:
            report = made(rng, corpus, n)
            data = render(report, "html") if kind == "html" else render_text(report).encode()
        (folder / f"r{n:06d}.{kind}").write_bytes(data)


def database_cpu() -> float:
    """CPU seconds of the PostgreSQL server: the postmaster, its live processes and the
    ones it has reaped (0 on SQLite, which works inside this process)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (backend,) = cursor.fetchone()
    postmaster = (_stat(backend) or (0, 0, 0))[0]
    _, own, reaped = _stat(postmaster) or (0, 0, 0)
    ticks = own + reaped
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (child := _stat(int(entry.name))) and child[0] == postmaster:
            ticks += child[1]
    return ticks / os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> tuple[int, int, int] | None:
    """The parent's pid, the clock ticks a process used and those of its reaped children,
    from /proc/PID/stat (None once it is gone)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()  # from the state on: field 3
    ppid, utime, stime, cutime, cstime = (int(fields[i]) for i in (1, 11, 12, 13, 14))
    return ppid, utime + stime, cutime + cstime


def _kind(name: str) -> str:
    return "pdf" if name.endswith(".pdf") else "other"


class TimedSink:
    """The database sink, with the wall time spent in it."""

    def __init__(self, sink: DatabaseSink) -> None:
        self.sink, self.seconds = sink, 0.0
        self.reading: dict[str, float] = {"pdf": 0.0, "other": 0.0}  # workers' wall, by kind
        self.read: Counter[str] = Counter()  # reports read, by kind

    def known(self, digests: Collection[str]) -> set[str]:
        start = time.perf_counter()
        held = self.sink.known(digests)
        self.seconds += time.perf_counter() - start
        return held

    def write(self, outcomes: Sequence[Outcome]) -> None:
        for outcome in outcomes:
            if isinstance(outcome, Ingested):
                self.reading[_kind(outcome.name)] += outcome.seconds
                self.read[_kind(outcome.name)] += 1
        start = time.perf_counter()
        self.sink.write(outcomes)
        self.seconds += time.perf_counter() - start

    def close(self) -> None:
        self.sink.close()


@dataclass
class Measured:
    summary: Summary
    sink: TimedSink
    main_cpu: float  # this process: hashing, matching, the database writes
    database_cpu: float

    @property
    def cpu(self) -> float:
        return self.main_cpu + self.summary.worker_cpu + self.database_cpu


def into_library(folder: Path, workers: int, collection: str) -> Measured:
    """One run of the `ingest` command's steps, in this process."""
    from gongkai.web.ingest.actions import do_finish_ingest, do_start_ingest
    from gongkai.web.ingest.sink import DatabaseSink

    own, server = time.process_time(), database_cpu()
    run = do_start_ingest(collection, [str(folder)], user=None, host="bench", workers=workers)
    sink = TimedSink(DatabaseSink(run))
    summary = ingest(expand([str(folder)]), sink, workers=workers)
    do_finish_ingest(run, {"read": summary.read})
    return Measured(summary, sink, time.process_time() - own, database_cpu() - server)


def empty_library() -> None:
    """The reports and ingest runs gone, the agencies kept."""
    from gongkai.web.ingest.models import CollectedFile, Collection, IngestRun
    from gongkai.web.reports.models import PublishedReport, ReportVersion

    for model in (CollectedFile, IngestRun, Collection, ReportVersion, PublishedReport):
        model.objects.all().delete()


def killed_and_resumed(folder: Path, total: int) -> tuple[int, Measured]:
    """The command killed with SIGKILL once half the files are stored, then run again:
    (files stored when killed, the resumed run)."""
    from gongkai.web.ingest.models import CollectedFile

    command = [sys.executable, "-m", "gongkai.web", "ingest", str(folder)]
    child = subprocess.Popen(
        [*command, "--collection", RESUMED, "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    while child.poll() is None and CollectedFile.objects.count() < total // 2:
        time.sleep(0.2)
    if child.poll() is None:
        os.kill(child.pid, signal.SIGKILL)
    child.wait()
    time.sleep(1)  # its workers see their pipes close and exit
    return CollectedFile.objects.count(), into_library(folder, 2, RESUMED)


def exactly_once(files: int, uninterrupted: int | None) -> str:
    """Every file once in the library, each stored file with its one report (as many as a
    run without the kill stored, when one was measured)."""
    from gongkai.web.ingest.models import CollectedFile
    from gongkai.web.reports.models import PublishedReport

    held = CollectedFile.objects.values("sha256").distinct().count()
    stored = CollectedFile.objects.filter(outcome="stored", report__isnull=False).count()
    reports = PublishedReport.objects.count()
    counts = (CollectedFile.objects.count(), held, reports)
    assert counts == (files, files, stored) and uninterrupted in (None, reports), counts
    return f"{files} files each once, {reports} reports stored" + (
        " as without the kill" if uninterrupted else ""
    )


def say(label: str, measured: Measured) -> None:
    run, sink = measured.summary, measured.sink
    print(
        f"{label}: {run.read} read ({sink.sink.counts['stored']} stored, "
        f"{sink.sink.counts['pending']} to the review queue), {run.failed} failed, {run.pages} "
        f"PDF pages in {run.seconds:.1f} s wall: {run.read / run.seconds:.2f} reports/s, "
        f"{run.pages / run.seconds:.2f} pages/s; peak memory per worker {run.peak_mb:.0f} MB; "
        f"{sink.seconds:.1f} s in the database sink"
    )
    share = sink.reading["pdf"] / (sum(sink.reading.values()) or 1)
    print(
        f"  CPU {measured.cpu:.1f} s: this process {measured.main_cpu:.1f}, workers "
        f"{run.worker_cpu:.1f}, PostgreSQL {measured.database_cpu:.1f}; "
        f"{measured.cpu / run.read * 1000:.0f} ms a report in all; the workers' CPU shared "
        f"by their read time ({share:.0%} PDFs): "
        f"{run.worker_cpu * share / max(run.pages, 1) * 1000:.0f} ms a PDF page, "
        f"{run.worker_cpu * (1 - share) / max(sink.read['other'], 1) * 1000:.0f} ms a text "
        "or HTML report"
    )


def extrapolate(measured: Measured, workers: int) -> None:
    run = measured.summary
    rate = run.read / run.seconds
    hours = 100_000 / rate / 3600
    idle = 100_000 * measured.cpu / run.read / (os.cpu_count() or 1) / 3600
    ceiling = run.read / measured.sink.seconds
    print(
        f"100,000 reports of this mix: {hours:.1f} h at the rate measured ({workers} workers, "
        f"{os.cpu_count()} cores); {idle:.1f} h on such a machine idle (all CPU seconds over its "
        f"cores). N machines over one database: that divided by N while N × {rate:.1f} "
        f"reports/s stays under the database's rate, {ceiling:.0f} reports/s here for one "
        f"writer (the sink's wall time): up to N ≈ {ceiling / rate:.0f}"
    )


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def measure_runs(folder: Path, counts: tuple[int, ...] = (1, 2)) -> dict[int, Measured]:
    """An empty library filled with each count of workers in turn; then the same files
    again with the last."""
    runs = {}
    for workers in counts:
        empty_library()
        runs[workers] = into_library(folder, workers, f"{workers}个进程")
        say(f"{workers} worker(s)", runs[workers])
    again = into_library(folder, counts[-1], "再次导入")
    print(f"a second run over the same files (all known): {again.summary.seconds:.1f} s")
    assert again.summary.read == 0, "a second run read files again"
    return runs


def measure_copies(corpus: PlantedCorpus) -> tuple[float, float]:
    """Copy detection over every published report of the library, stored as the
    supervisors' page would have it (`find_copies` with no year and no region), scored
    against the planted copies: (recall, precision)."""
    from gongkai.web.copies.actions import do_find_copies

    started, cpu = time.perf_counter(), cpu_seconds()
    run = do_find_copies(None, None, user=None, workers=2)
    wall, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    keys = report_keys()
    found, planted = stored_copies(keys), held_copies(corpus, keys)
    pdfs = {keys[pk] for pk in from_pdf()}
    hits = found & planted
    recall, precision = len(hits) / max(1, len(planted)), len(hits) / max(1, len(found))
    print(
        f"copy detection over the library: {run.compared} reports compared, {run.copies} "
        f"copies stored in {wall:.1f} s wall, {cpu:.1f} s CPU (this process and its workers); "
        f"{len(planted)} planted between stored reports: recall {recall:.3f}, precision "
        f"{precision:.3f}; missed by kind "
        f"{dict(Counter(corpus.kinds[p] for p in planted - found))}, missed with a PDF "
        f"{sum(1 for p in planted - found if pdfs & set(p[1:]))} of "
        f"{sum(1 for p in planted if pdfs & set(p[1:]))}"
    )
    return recall, precision


def report_keys() -> dict[int, str]:
    """The corpus key (agency-year) of each published report, by id."""
    from gongkai.web.reports.models import PublishedReport

    published = PublishedReport.objects.filter(status=PublishedReport.Status.PUBLISHED)
    rows = published.values_list("id", "agency__name", "year")
    return {pk: f"{name}-{year}" for pk, name, year in rows}


def stored_copies(keys: dict[int, str]) -> set[tuple[str, str, str]]:
    """The copies kept in the library, as the corpus names its pairs (`keys`: report_keys)."""
    from gongkai.web.copies.models import SectionCopy

    rows = SectionCopy.objects.values_list("section", "left_id", "right_id")
    return {(section, *sorted((keys[left], keys[right]))) for section, left, right in rows}  # type: ignore[misc]


def from_pdf() -> set[int]:
    """The reports stored from a PDF file (the scans among them)."""
    from gongkai.web.ingest.models import CollectedFile

    stored = CollectedFile.objects.filter(outcome="stored", name__endswith=".pdf")
    return set(stored.values_list("report_id", flat=True))


def held_copies(corpus: PlantedCorpus, keys: dict[int, str]) -> set[tuple[str, str, str]]:
    """The planted copies both of whose reports were stored (the PDFs' repeats of another
    slot's report go to the review queue, so their own slots hold none)."""
    held = set(keys.values())
    return {p for p in corpus.copies if p[1] in held and p[2] in held}


def measure_open_data(folder: Path) -> None:
    """The open-data files (CSV of cells, Parquet, JSON Lines) built from the library."""
    from gongkai.web.opendata.build import refresh
    from gongkai.web.opendata.library import library

    started, cpu = time.perf_counter(), time.process_time()
    built = refresh(folder, library)
    assert built is not None
    print(
        f"open data built: {built.reports} reports, {built.cells} cells, "
        f"{sum(built.sizes.values()) / 2**20:.0f} MiB in {time.perf_counter() - started:.1f} s "
        f"wall, {time.process_time() - cpu:.1f} s CPU; peak memory of this process "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )


def measure_resume(folder: Path, files: int, uninterrupted: int | None) -> None:
    empty_library()
    stored, resumed = killed_and_resumed(folder, files)
    print(
        f"the command killed with {stored} files stored; the run again took "
        f"{resumed.summary.seconds:.1f} s ({resumed.summary.known} known skipped, "
        f"{resumed.summary.read} read): " + exactly_once(files, uninterrupted)
    )


# What a machine reports: files read, reports stored, its start and end (time.time()), the
# wall seconds in its database sink. Plain values: the spawned machines name this module
# __mp_main__, so a class of it would not unpickle here.
Machine = tuple[int, int, float, float, float]


def machine(part: Path, label: str, results: Queue[Machine]) -> None:
    """One "machine": the command's steps over its part, 1 worker, in a process of its own
    (spawned: its own Django, its own connection), its figures put on `results`."""
    import django

    django.setup()  # migrated already, by the parent
    started = time.time()
    measured = into_library(part, 1, label)
    run, sink = measured.summary, measured.sink
    results.put((run.read, sink.sink.counts["stored"], started, time.time(), sink.seconds))


def parts(folder: Path, count: int, into: Path) -> list[Path]:
    """The files cut into `count` disjoint runs of consecutive names, each a folder of hard
    links (the same bytes, so the same sha256)."""
    files = sorted(f for f in folder.iterdir() if f.is_file())
    made = []
    for k in range(count):
        part = into / f"part{k}"
        part.mkdir()
        for file in files[k * len(files) // count : (k + 1) * len(files) // count]:
            os.link(file, part / file.name)
        made.append(part)
    return made


def lock_waits() -> int:
    """Connections waiting on a lock now (0 on SQLite)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
        (waiting,) = cursor.fetchone()
    return int(waiting)


def at_once(folders: list[Path]) -> tuple[list[Machine], list[int]]:
    """One machine per folder, all started together; the locks waited on, sampled every
    0.1 s meanwhile (connections waiting, per sample)."""
    context = multiprocessing.get_context("spawn")  # no Django, no connection inherited
    results: Queue[Machine] = context.Queue()
    started = [
        context.Process(target=machine, args=(f, f"机器{k}", results))
        for k, f in enumerate(folders)
    ]
    for process in started:
        process.start()
    samples: list[int] = []
    figures: list[Machine] = []
    while len(figures) < len(started):
        samples.append(lock_waits())
        with contextlib.suppress(queue.Empty):
            figures.append(results.get(timeout=0.1))
        if not any(p.is_alive() for p in started) and results.empty():
            raise SystemExit("a machine stopped without its figures")
    for process in started:
        process.join()
    return figures, samples


def batches() -> int:
    """The batches written so far (one audit event each)."""
    from gongkai.web.audit.models import AuditEvent, EventType

    return AuditEvent.objects.filter(event_type=EventType.REPORTS_COLLECTED).count()


def measure_machines(folder: Path, count: int) -> None:
    """One command with `count` workers against `count` machines of 1 worker each over
    disjoint parts of the same files, into an empty library each time."""
    empty_library()
    before = batches()
    alone = into_library(folder, count, f"{count}个进程")
    say(f"one command, {count} workers", alone)
    written = batches() - before
    print(f"  {written} batches, {alone.summary.read / written:.1f} reports each")
    empty_library()
    server, before = database_cpu(), batches()
    with tempfile.TemporaryDirectory(dir=folder.parent) as tmp:
        figures, samples = at_once(parts(folder, count, Path(tmp)))
    say_machines(figures, samples, database_cpu() - server, batches() - before)


def say_machines(figures: list[Machine], samples: list[int], database: float, written: int) -> None:
    read, stored = sum(f[0] for f in figures), sum(f[1] for f in figures)
    wall = max(f[3] for f in figures) - min(f[2] for f in figures)
    print(
        f"{len(figures)} machines at once, 1 worker each, disjoint parts: {read} read "
        f"({stored} stored) in {wall:.1f} s wall: {read / wall:.2f} reports/s; "
        f"{written} batches, {read / written:.1f} reports each; sink "
        f"{sum(f[4] for f in figures) / read * 1000:.1f} ms wall a report; PostgreSQL CPU "
        f"{database:.1f} s, {database / read * 1000:.1f} ms a report; lock waits in "
        f"{sum(1 for s in samples if s)} of {len(samples)} samples (0.1 s apart), at most "
        f"{max(samples, default=0)} connection(s) waiting"
    )
    per_core = read / database if database else float("inf")
    print(
        f"one PostgreSQL core keeps up with {per_core:.0f} reports/s of this mix (its CPU "
        f"alone): {per_core / 35:.1f} machines reading 35 reports/s each (an idle 2-core "
        f"machine, 2 workers), {per_core / (read / wall / len(figures)):.1f} machines at this "
        "run's rate per machine"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--scans", type=int, default=2)
    parser.add_argument("--times", type=int, default=5, help="page loads measured")
    parser.add_argument("--only-resume", action="store_true", help="the kill and resume alone")
    parser.add_argument("--once", action="store_true", help="one run with 2 workers, no kill")
    parser.add_argument("--smoke", action="store_true", help="a short run for CI")
    parser.add_argument(
        "--machines",
        type=int,
        metavar="N",
        help="this alone: one command with N workers against N machines at once",
    )
    args = parser.parse_args()
    n, scans, times = (SMOKE_FILES, 0, 2) if args.smoke else (args.n, args.scans, args.times)
    migrated_django()
    from django.db import connection

    counties = max(1, n // PER_COUNTY)
    names = tree(counties)
    with tempfile.TemporaryDirectory() as tmp:
        files, started = Path(tmp) / "files", time.perf_counter()
        files.mkdir()
        corpus = planted(names, n, SMOKE_COPY_SHARE if args.smoke else COPY_SHARE)
        make_files(files, corpus, n, scans, SMOKE_PDFS if args.smoke else PDFS)
        print(
            f"{n} files ({scans} scans, {len(BROKEN)} broken, ¼ PDF) into {connection.vendor}, "
            f"{counties} agencies, {os.cpu_count()} cores, made in "
            f"{time.perf_counter() - started:.0f} s; load average {load()}"
        )
        if args.machines:
            measure_machines(files, args.machines)
            return
        if args.once:
            runs = measure_runs(files, (2,))
        else:
            runs = {} if args.only_resume else measure_runs(files)
            measure_resume(files, n, runs[2].sink.sink.counts["stored"] if runs else None)
        latency("supervisors' overview", page("/manage/overview/"), times)
        latency("rankings (公开率)", page("/manage/overview/rankings/?year=2022"), times)
        recall, precision = measure_copies(corpus)
        if args.smoke:
            assert min(recall, precision) >= FLOOR, "copies lost on the way from files"
        measure_open_data(Path(tmp) / "opendata")
    if runs:
        extrapolate(runs[2], 2)
    print(f"load average at the end {load()}")


if __name__ == "__main__":
    main()
