"""Bulk ingest into the file sink: N generated report files of mixed formats (text, HTML,
PDF, a few scans, a few broken) read with 1 and 2 workers; reports/s, pages/s, peak memory
per worker, the time to resume after a SIGKILL, and the extrapolated time for 100,000.

Run: `python bench/ingest.py [--n 2000] [--scans 2] [--smoke]`. The files are generated
once per run (not timed); PDFs are a few rendered reports, each copy made distinct by a
trailing comment, so that every file has its own hash.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gongkai.ingest.files import FileSink  # noqa: E402
from gongkai.ingest.run import Summary, ingest  # noqa: E402
from gongkai.ingest.sources import expand  # noqa: E402
from gongkai.render import render  # noqa: E402
from gongkai.render.text import render_text  # noqa: E402
from tests.support.reports import report_from_rng  # noqa: E402
from tests.support.scans import scan_pdf  # noqa: E402

BROKEN = (b"", b"%PDF-1.7\n1 0 obj <<", bytes(range(256)) * 4)


def make_files(folder: Path, count: int, scans: int) -> None:
    rng = random.Random(14)
    pdfs = [render(report_from_rng(rng, "2021"), "pdf") for _ in range(5)]
    for i in range(scans):
        (folder / f"scan{i}.pdf").write_bytes(scan_pdf(pdfs[i % len(pdfs)], seed=i))
    for i, data in enumerate(BROKEN):
        (folder / f"broken{i}.pdf").write_bytes(data)
    for n in range(count - scans - len(BROKEN)):
        kind = ("txt", "txt", "html", "pdf")[n % 4]
        (folder / f"r{n:06d}.{kind}").write_bytes(_one(rng, kind, pdfs, n))


def _one(rng: random.Random, kind: str, pdfs: list[bytes], n: int) -> bytes:
    if kind == "pdf":
        return pdfs[n % len(pdfs)] + f"\n% copy {n}\n".encode()
    report = report_from_rng(rng)
    if kind == "html":
        return render(report, "html")
    return render_text(report).encode()


def run(folder: Path, out: Path, workers: int) -> Summary:
    sink = FileSink(out)
    try:
        return ingest(expand([str(folder)]), sink, workers=workers)
    finally:
        sink.close()


def resume_after_kill(folder: Path, out: Path, total: int) -> tuple[int, float]:
    """(reports stored when killed, seconds the resumed run took to finish)."""
    command = [sys.executable, "-m", "gongkai.cli", "ingest", str(folder), "-o", str(out)]
    child = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    reports = out / "reports.jsonl"
    while not reports.exists() or reports.read_bytes().count(b"\n") < total // 2:
        time.sleep(0.05)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    stored = reports.read_bytes().count(b"\n")
    start = time.perf_counter()
    subprocess.run(command, stderr=subprocess.DEVNULL, check=False)
    return stored, time.perf_counter() - start


def say(label: str, summary: Summary) -> float:
    rate = summary.read / summary.seconds
    print(
        f"{label}: {summary.read} reports, {summary.failed} failed, {summary.pages} pages in "
        f"{summary.seconds:.1f} s: {rate:.1f} reports/s, {summary.pages / summary.seconds:.1f} "
        f"pages/s, peak memory per worker {summary.peak_mb:.0f} MB"
    )
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--scans", type=int, default=2)
    parser.add_argument("--smoke", action="store_true", help="a short run for CI")
    args = parser.parse_args()
    n, scans = (24, 0) if args.smoke else (args.n, args.scans)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        make_files(folder, n, scans)
        print(f"{n} files ({scans} scans, {len(BROKEN)} broken) on {os.cpu_count()} cores")
        rates = {w: say(f"{w} worker(s)", run(folder, Path(tmp) / f"out{w}", w)) for w in (1, 2)}
        again = run(folder, Path(tmp) / "out2", 2)
        print(f"second run over the same files (all known): {again.seconds:.1f} s")
        stored, seconds = resume_after_kill(folder, Path(tmp) / "killed", n)
        print(f"killed with {stored} reports stored; the resumed run finished in {seconds:.1f} s")
        best = max(rates.values())
        print(
            f"extrapolated for 100,000 reports of this mix: {100_000 / best / 60:.0f} min on one "
            f"machine of {os.cpu_count()} cores; with N such machines sharing one database, "
            "about that divided by N"
        )
        assert again.read == 0, "a second run read files again"


if __name__ == "__main__":
    main()
