"""Long and heavy PDF and OFD inputs (issue 13): time, memory, and how each ends.

Each input of tests/support/longinputs.py is read by `read_bytes` in a child process of
its own (CPU and wall seconds, peak RSS of the child), and through
`read_isolated` with its default bounds (how it ends: read, refused with its limit,
timed out). The ratio compares the CPU time with reading the plain report scaled
linearly by pages (1.0: as fast per page as the report; above: slower per page).

Run: `python bench/longinputs.py [--smoke] [--only NAME,...] [--cache DIR]`.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import time
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gongkai.errors import GongkaiError  # noqa: E402
from gongkai.readers import ofd, read_bytes  # noqa: E402
from gongkai.readers.isolation import read_isolated  # noqa: E402
from gongkai.readers.limits import Limits  # noqa: E402
from tests.support.corpus.producers import page_count  # noqa: E402
from tests.support.hostile import report_file  # noqa: E402
from tests.support.longinputs import LONG_INPUTS, LongInput  # noqa: E402

_SMOKE = ("report", "rects-16000", "chars-50000-objects", "table-5000-rows")


def _outcome(data: bytes, name: str) -> str:
    try:
        report = read_bytes(data, name)
    except GongkaiError as exc:
        return f"refused: {getattr(exc, 'limit', '') or exc.code}"
    return f"read ({len(report.findings or [])} findings)"


def _child(sender: Connection, data: bytes, name: str, warm: bytes) -> None:
    read_bytes(warm)  # the readers' lazy imports, not counted
    cpu, wall = time.process_time(), time.perf_counter()
    outcome = _outcome(data, name)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    peak = _high_water_mib()
    sender.send((outcome, cpu, wall, peak))


def _high_water_mib() -> float:
    """The child's peak RSS: VmHWM, which starts anew with the address space at exec
    (getrusage's ru_maxrss keeps the spawning parent's across fork and exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(data: bytes, name: str) -> tuple[str, float, float, float]:
    """(outcome, CPU s, wall s, peak MiB) of read_bytes in a fresh child process (spawned:
    a fork of this process, whose reads started threads, may inherit a held lock)."""
    receiver, sender = multiprocessing.Pipe(duplex=False)
    warm = report_file("pdf")
    context = multiprocessing.get_context("spawn")
    child = context.Process(target=_child, args=(sender, data, name, warm))
    child.start()
    sender.close()
    result: tuple[str, float, float, float] = receiver.recv()
    child.join()
    return result


def isolated(data: bytes, name: str) -> str:
    started = time.perf_counter()
    try:
        read_isolated(data, name)
        outcome = "read"
    except GongkaiError as exc:
        outcome = f"{exc.code}: {getattr(exc, 'limit', '')}"
    return f"{outcome} {time.perf_counter() - started:.1f} s"


def _pages(item: LongInput, data: bytes) -> int:
    if item.kind == "pdf":
        return page_count(data)
    return ofd.page_count(data, Limits(pages=10**6, zip_members=10**6))


def made(item: LongInput, cache: Path | None) -> bytes:
    if cache is None:
        return item.make()
    path = cache / f"{item.name}.{item.kind}"
    if not path.exists():
        path.write_bytes(item.make())
    return path.read_bytes()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="a short run for CI")
    parser.add_argument("--only", help="names of inputs, comma-separated")
    parser.add_argument("--cache", type=Path, help="keep the made inputs in this folder")
    parser.add_argument("--no-isolated", action="store_true", help="skip read_isolated")
    args = parser.parse_args()
    chosen = [
        item
        for item in LONG_INPUTS
        if (not args.smoke or (item.name in _SMOKE and item.kind == "pdf"))
        and (not args.only or item.name in args.only.split(","))
    ]
    if args.cache:
        args.cache.mkdir(parents=True, exist_ok=True)
    per_page: dict[str, float] = {}
    print(
        f"{'input':28} {'kind':4} {'MiB':>6} {'pages':>5} {'CPU s':>7} {'wall s':>7} "
        f"{'peak MB':>7} {'ratio':>6}  {'read_bytes':30} isolated"
    )
    for item in chosen:
        data = made(item, args.cache)
        pages = _pages(item, data)
        outcome, cpu, wall, peak = timed(data, item.name)
        if item.name == "report":
            per_page[item.kind] = cpu / pages
        ratio = cpu / (per_page[item.kind] * pages) if item.kind in per_page else float("nan")
        iso = "-" if args.no_isolated or args.smoke else isolated(data, item.name)
        print(
            f"{item.name:28} {item.kind:4} {len(data) / 2**20:6.1f} {pages:5} {cpu:7.2f} "
            f"{wall:7.2f} {peak:7.0f} {ratio:6.2f}  {outcome:30} {iso}",
            flush=True,
        )


if __name__ == "__main__":
    main()
