"""PDF reading: the pdfium path against pdfplumber's layout analysis and pypdfium2's bare
text extraction, on the same files in the same run (issue 14).

The files are the seeds and generated reports printed by WeasyPrint, plain and styled
(table 三 over pages, labels turned), and, unless --smoke, by LibreOffice from our DOCX.
Each engine reads every file to a report (text and the report reader); the reports of
the two engines are compared. With `--against DIR` (another checkout, e.g. a worktree of
main), that checkout's pdfium path and this one's are timed in turn, round by round, in
two resident processes: on a shared machine the load falls on both alike.
Run: `python bench/pdf.py [--n 20] [--smoke] [--against DIR [--rounds 10]]`.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gongkai.model import Report, Source  # noqa: E402
from gongkai.readers import read_path  # noqa: E402
from gongkai.readers.limits import DEFAULT_LIMITS  # noqa: E402
from gongkai.readers.pdf import Engine, open_pdf, page_tables, pdf_to_text  # noqa: E402
from gongkai.readers.text import text_to_report  # noqa: E402
from tests.support.corpus import producers  # noqa: E402
from tests.support.reports import report_from_rng  # noqa: E402

_SOURCE = Source(path="r.pdf", format="pdf", sha256="0" * 64)
AIM_PAGES, AIM_RATIO = 50, 5  # pages/s on one core; times the bare text extraction


def corpus(n: int, office: bool) -> list[bytes]:
    seeds = [read_path(p) for p in sorted((ROOT / "tests/fixtures/seeds").glob("*.txt"))]
    rng = random.Random(14)
    reports = seeds + [report_from_rng(rng, "2021") for _ in range(max(0, n - len(seeds)))]
    pdfs = [
        producers.weasyprint_pdf(producers.weasyprint_html(report, styled=i % 2 == 1))
        for i, report in enumerate(reports[:n])
    ]
    if office:
        documents = [producers.word_docx(r, styled=i % 2 == 1) for i, r in enumerate(reports)]
        pdfs += producers.libreoffice_pdfs(documents)
    return pdfs


def read_report(data: bytes, engine: Engine) -> dict[str, Any]:
    """The report read from the engine's text, without its provenance: spans in two texts
    that space a letter-spaced label differently (「（ 六 ）」) differ where the cells do not."""
    report: Report = text_to_report(pdf_to_text(data, engine=engine), _SOURCE)
    return {k: v for k, v in report.to_json().items() if k != "provenance"}


def fallback_pages(data: bytes) -> int:
    """Pages the pdfium path hands to pdfplumber (a table whose text its lines cut)."""
    with open_pdf(data) as document:
        found = [page_tables(document, i, DEFAULT_LIMITS) for i in range(len(document))]
    return sum(1 for tables in found if tables is not None and tables.doubtful)


def timed(read: Callable[[bytes], object], pdfs: list[bytes]) -> tuple[float, list[object]]:
    """CPU seconds of this process (every reader here runs on one thread): on a machine
    shared with other work, wall time measures the others too. The reader runs once
    first, untimed: its libraries load and warm up once in a worker, not once a file."""
    read(pdfs[0])
    start = time.process_time()
    results = [read(data) for data in pdfs]
    return time.process_time() - start, results


_WORKER = """
import sys, time
from pathlib import Path
sys.path.insert(0, ".")
from bench.pdf import read_report
pdfs = [path.read_bytes() for path in sorted(Path(sys.argv[1]).glob("*.pdf"))]
read_report(pdfs[0], "pdfium")
for _ in sys.stdin:
    start = time.process_time()
    for data in pdfs:
        read_report(data, "pdfium")
    print(time.process_time() - start, flush=True)
"""


def alternated(checkouts: list[Path], pdfs: list[bytes], rounds: int) -> list[list[float]]:
    """CPU seconds of each checkout's pdfium path over the PDFs, one list per checkout."""
    with tempfile.TemporaryDirectory() as folder:
        for index, data in enumerate(pdfs):
            (Path(folder) / f"{index:04}.pdf").write_bytes(data)
        workers = [
            subprocess.Popen(
                [sys.executable, "-c", _WORKER, folder],
                cwd=checkout,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            for checkout in checkouts
        ]
        times: list[list[float]] = [[] for _ in checkouts]
        for _ in range(rounds):
            for worker, found in zip(workers, times, strict=True):
                assert worker.stdin is not None and worker.stdout is not None
                worker.stdin.write("\n")
                worker.stdin.flush()
                found.append(float(worker.stdout.readline()))
        for worker in workers:
            assert worker.stdin is not None
            worker.stdin.close()
            worker.wait()
    return times


def compare(other: Path, pdfs: list[bytes], pages: int, rounds: int, bare: float) -> None:
    """This checkout's pdfium path against another's: best, median and worst of the
    rounds (the spread is the machine's as much as the reader's)."""
    for name, times in zip(("this", str(other)), alternated([ROOT, other], pdfs, rounds)):
        best, median, worst = min(times), statistics.median(times), max(times)
        print(
            f"{name}: best {pages / best:.1f} pages/s ({best:.2f} s CPU, {best / bare:.1f}x"
            f" pypdfium2's text), median {pages / median:.1f} ({median / bare:.1f}x), worst"
            f" {pages / worst:.1f}, {rounds} rounds"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--against", type=Path)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    pdfs = corpus(5 if args.smoke else args.n, office=not args.smoke)
    pages = sum(producers.page_count(data) for data in pdfs)
    print(f"PDFs: {len(pdfs)}, pages: {pages}; CPU time on one core")
    bare, _ = timed(producers.pdfium_text, pdfs)  # the floor no reader of positions beats
    if args.against:
        compare(args.against, pdfs, pages, args.rounds, bare)
        return
    old, old_reports = timed(lambda d: read_report(d, "pdfplumber"), pdfs)
    new, new_reports = timed(lambda d: read_report(d, "pdfium"), pdfs)
    for name, seconds in (("pdfplumber", old), ("pdfium path", new), ("pypdfium2 text", bare)):
        print(
            f"{name:>15}: {len(pdfs) / seconds:7.2f} reports/s {pages / seconds:8.1f} pages/s"
            f"  ({seconds:.2f} s CPU)"
        )
    same = sum(a == b for a, b in zip(old_reports, new_reports, strict=True))
    print(f"pdfium path vs pdfplumber: {old / new:.1f}x faster; {new / bare:.1f}x pypdfium2's text")
    met = pages / new >= AIM_PAGES and new / bare <= AIM_RATIO
    print(f"aim (issue 14): ≥ {AIM_PAGES} pages/s, ≤ {AIM_RATIO}x pypdfium2's text: ", end="")
    print("met" if met else "missed")
    print(f"same report: {same}/{len(pdfs)}; pages read by pdfplumber again: ", end="")
    print(sum(fallback_pages(data) for data in pdfs))
    if same != len(pdfs):
        sys.exit("the two engines read different reports")


if __name__ == "__main__":
    main()
