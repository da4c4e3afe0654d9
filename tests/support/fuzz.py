"""The fuzz harness (issue 11): mutated inputs of every format through every reader.

    python -m tests.support.fuzz --smoke              # CI: ~20 s, fails on any finding
    python -m tests.support.fuzz --seconds 3600       # or --inputs N; `make fuzz`

Workers (forked, each with RLIMIT_AS) draw an input from the corpus (tests/support/
mutate.py), mutate it and read it as the web would: read_bytes for every format,
json_to_report for JSON, unpack for bundles, the source page picture for paged files.
An outcome is a report, or a refusal (a GongkaiError: the reader's typed error). Any
other exception is a crash; an input that takes over --hang seconds of CPU is a hang (the
worker is killed; CPU, not wall-clock time, as the machine is shared and the run
niced); an input that took the worker's peak RSS over --memory-mib is kept too. Each
finding's input is written to --out (fuzz-findings/), to become a regression fixture in
tests/fixtures/hostile/. OCR costs seconds a page, so images are decoded
every time but recognised only for one input in --ocr-every.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import random
import resource
import sys
import time
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from gongkai.errors import GongkaiError

MiB = 1024 * 1024


@dataclass
class Tally:
    inputs: int = 0
    refused: int = 0
    crashes: int = 0
    hangs: int = 0
    over_memory: int = 0
    slowest: float = 0.0
    ocr_slow: int = 0  # inputs over the hang time only with their OCR counted
    peak_mib: float = 0.0
    kinds: Counter[str] = field(default_factory=Counter)


def read_like_the_web(kind: str, data: bytes, rng: random.Random, ocr_every: int) -> None:
    """Everything a file uploaded to the web goes through."""
    from gongkai.readers import read_bytes
    from gongkai.readers.bundle import unpack
    from gongkai.readers.interchange import json_to_report
    from gongkai.readers.limits import DEFAULT_LIMITS
    from gongkai.readers.ocr import image_pages
    from gongkai.readers.pages import page_count, page_png

    if kind == "json":
        json_to_report(data)
    elif kind == "bundle":
        for name, content in unpack("bundle.zip", data)[:3]:
            _read_or_refuse(read_bytes, content, name)
    elif kind == "image" and rng.randrange(ocr_every):
        for _ in image_pages(data):
            pass
    else:
        read_bytes(data)
        if kind in ("pdf", "ofd", "image") and page_count(data, DEFAULT_LIMITS):
            page_png(data, 1)


def _read_or_refuse(reader: Any, data: bytes, name: str) -> None:
    with contextlib.suppress(GongkaiError):
        reader(data, name)


# ---------------------------------------------------------------- worker


def _worker(
    number: int,
    seed: int,
    args: argparse.Namespace,
    pool: dict[str, list[bytes]],
    report: Connection,
) -> None:
    from tests.support.mutate import mutate

    resource.setrlimit(resource.RLIMIT_AS, (6 * 1024 * MiB, 6 * 1024 * MiB))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    out, ocr_every, memory_mib = args.out, args.ocr_every, args.memory_mib
    rng = random.Random(seed * 1000 + number)
    ocr_seconds = _timed_ocr()
    everything = [data for items in pool.values() for data in items]
    current = out / f"current-{number}.bin"
    while True:
        kind = rng.choice([k for k in pool if pool[k]])
        data = mutate(kind, rng.choice(pool[kind]), everything, rng)
        current.write_bytes(data)
        report.send(("start", kind, time.monotonic()))
        started, outcome, ocr_seconds[0] = time.process_time(), "report", 0.0
        try:
            read_like_the_web(kind, data, rng, ocr_every)
        except GongkaiError as exc:
            outcome = "refused:" + exc.code
        except Exception:
            outcome = "crash:" + traceback.format_exc(limit=-3)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        cpu = time.process_time() - started
        if outcome.startswith("crash") or cpu - ocr_seconds[0] > args.hang or peak > memory_mib:
            _keep(out, data, f"{outcome} {cpu:.1f} s CPU ({ocr_seconds[0]:.1f} OCR) {peak:.0f} MiB")
        report.send(("done", kind, outcome, cpu - ocr_seconds[0], ocr_seconds[0], peak))
        if peak > memory_mib:
            return  # a fresh worker starts with a fresh peak


def _timed_ocr() -> list[float]:
    """Count the CPU spent in OCR apart: a scanned page costs 3–10 s by design (docs/
    formats.md), so a hang is the readers' own time over the limit, OCR reported beside."""
    from gongkai.readers import ocr

    spent = [0.0]
    original = ocr.image_to_blocks

    def timed(image: Any, page: int = 1, unit: float = 1.0) -> list[Any]:
        started = time.process_time()
        try:
            return original(image, page, unit)
        finally:
            spent[0] += time.process_time() - started

    ocr.image_to_blocks = timed
    return spent


# ---------------------------------------------------------------- parent


@dataclass
class _Worker:
    process: Any
    receiver: Connection
    kind: str = ""
    since: float | None = None
    cpu_at_start: float = 0.0


def run(args: argparse.Namespace, pool: dict[str, list[bytes]]) -> dict[str, Tally]:
    """Fuzz for args.seconds (or args.inputs inputs) with args.workers forked workers."""
    args.out.mkdir(parents=True, exist_ok=True)
    context = multiprocessing.get_context("fork")
    tallies: dict[str, Tally] = defaultdict(Tally)
    workers = {n: _start(context, n, args, pool, 0) for n in range(args.workers)}
    restarts = 0
    started = time.monotonic()
    deadline, progress = started + args.seconds, started + args.progress
    while time.monotonic() < deadline and sum(t.inputs for t in tallies.values()) < args.inputs:
        if time.monotonic() > progress:
            print_table(tallies, time.monotonic() - started, flush=True)
            progress += args.progress
        for number, worker in list(workers.items()):
            alive = _drain(worker, tallies, args)
            if alive and not _hung(worker, args.hang):
                continue
            if worker.since is not None:  # killed in the middle of an input
                _finding(worker, number, tallies, args, "hang" if alive else "died")
            worker.process.kill()
            worker.process.join()
            restarts += 1
            workers[number] = _start(context, number, args, pool, restarts)
        time.sleep(0.05)
    for worker in workers.values():
        worker.process.kill()
        worker.process.join()
    return dict(tallies)


def _start(
    context: Any,
    number: int,
    args: argparse.Namespace,
    pool: dict[str, list[bytes]],
    restarts: int,
) -> _Worker:
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_worker, args=(number, args.seed + restarts, args, pool, sender), daemon=True
    )
    process.start()
    sender.close()
    return _Worker(process, receiver)


def _drain(worker: _Worker, tallies: dict[str, Tally], args: argparse.Namespace) -> bool:
    """Take the worker's messages; whether it is still alive."""
    try:
        while worker.receiver.poll():
            message = worker.receiver.recv()
            if message[0] == "start":
                worker.kind, worker.since = message[1], message[2]
                worker.cpu_at_start = _cpu_seconds(worker.process.pid)
            else:
                _count(tallies[message[1]], *message[2:], args=args)
                worker.since = None
    except (EOFError, OSError):
        pass
    return bool(worker.process.is_alive())


def _hung(worker: _Worker, hang: float) -> bool:
    """Over ten times `hang` seconds of CPU on one input, OCR included (wall clock means
    little on a shared, niced machine: a niced worker may wait minutes for a core), or
    stalled for sixty times `hang` of wall clock whatever the CPU."""
    if worker.since is None:
        return False
    if time.monotonic() - worker.since > 60 * hang:
        return True
    return _cpu_seconds(worker.process.pid) - worker.cpu_at_start > 10 * hang  # OCR included


def _cpu_seconds(pid: int) -> float:
    """User and system time of a process so far, from /proc (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _count(
    tally: Tally,
    outcome: str,
    seconds: float,
    ocr: float,
    peak: float,
    *,
    args: argparse.Namespace,
) -> None:
    tally.inputs += 1
    tally.slowest = max(tally.slowest, seconds)
    tally.peak_mib = max(tally.peak_mib, peak)
    if outcome.startswith("refused"):
        tally.refused += 1
        tally.kinds[outcome.split(":", 1)[1]] += 1
    elif outcome.startswith("crash"):
        tally.crashes += 1
    if seconds > args.hang:
        tally.hangs += 1
    elif seconds + ocr > args.hang:
        tally.ocr_slow += 1
    if peak > args.memory_mib:
        tally.over_memory += 1


def _finding(
    worker: _Worker, number: int, tallies: dict[str, Tally], args: argparse.Namespace, what: str
) -> None:
    tally = tallies[worker.kind or "unknown"]
    tally.inputs += 1
    if what == "hang":
        tally.hangs += 1
    else:
        tally.crashes += 1
    current = args.out / f"current-{number}.bin"  # the worker is gone: its last input
    data = current.read_bytes() if current.exists() else b""
    _keep(args.out, data, f"{what} (worker exit {worker.process.exitcode})")


def _keep(out: Path, data: bytes, note: str) -> None:
    """A finding's input and what happened, for a regression fixture."""
    stamp = f"{note.split(':')[0].split()[0]}-{time.time_ns()}"
    (out / f"{stamp}.bin").write_bytes(data)
    (out / f"{stamp}.txt").write_text(note, "utf-8")


def print_table(tallies: dict[str, Tally], seconds: float, flush: bool = False) -> None:
    print(
        f"{'format':8} {'inputs':>9} {'refused':>9} {'crashes':>8} {'>hang':>6} "
        f"{'>memory':>8} {'reader s':>10} {'peak MiB':>9} {'slow by OCR':>12}"
    )
    total = Tally()
    for kind in sorted(tallies):
        t = tallies[kind]
        print(
            f"{kind:8} {t.inputs:9,} {t.refused:9,} {t.crashes:8} {t.hangs:6} "
            f"{t.over_memory:8} {t.slowest:10.2f} {t.peak_mib:9.0f} {t.ocr_slow:12}"
        )
        for name in ("inputs", "refused", "crashes", "hangs", "over_memory", "ocr_slow"):
            setattr(total, name, getattr(total, name) + getattr(t, name))
    print(
        f"{'all':8} {total.inputs:9,} {total.refused:9,} {total.crashes:8} {total.hangs:6} "
        f"{total.over_memory:8} {'':10} {'':9} {total.ocr_slow:12}  "
        f"({total.inputs / max(seconds, 1e-9):,.1f} inputs/s, "
        f"{seconds:,.0f} s)",
        flush=flush,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("FUZZ_SECONDS", 600)))
    parser.add_argument("--inputs", type=int, default=sys.maxsize)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--hang", type=float, default=10.0, help="CPU seconds that make a hang")
    parser.add_argument("--memory-mib", type=int, default=1024, help="peak RSS that is kept")
    parser.add_argument("--ocr-every", type=int, default=50)
    parser.add_argument("--progress", type=float, default=300, help="seconds between tables")
    parser.add_argument("--out", type=Path, default=Path("fuzz-findings"))
    parser.add_argument("--smoke", action="store_true", help="20 s for CI; any finding fails")
    args = parser.parse_args(argv)
    os.environ["GONGKAI_OCR_THREADS"] = "1"  # one thread: its CPU time is its time
    if args.smoke:  # 2 GiB: an OCR'd page alone peaks near 800 MiB in a long-lived worker
        args.seconds, args.ocr_every, args.memory_mib = 20.0, 10**9, 2048
    from tests.support.mutate import corpus

    pool = corpus()
    started = time.monotonic()
    tallies = run(args, pool)
    print_table(tallies, time.monotonic() - started)
    found = sum(t.crashes + t.hangs + t.over_memory for t in tallies.values())
    print(f"findings: {found} (inputs kept in {args.out}/)" if found else "findings: 0")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
