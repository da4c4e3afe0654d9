"""Formats: render speed per format, and reading PDFs with a text layer against a baseline.

The corpus is the five seeds (blank cells among them) and generated reports. The
baseline, on the same files in the same run, is pdfplumber's generic
`extract_tables()` followed by naive cell mapping (every numeric cell in document order
assigned to the template's cells in order); its share of exact cells is printed beside
ours, and pypdfium2's bare text extraction of the same PDFs (the floor) is timed beside
our read in CPU seconds. Scans are read twice in the same run, by whole-page OCR
(detection and recognition, the reader before) and by the recogniser alone on lines of
ink and table cells, each with wall and CPU seconds per page.
Run: `python bench/formats.py [--n 20] [--smoke]`.
"""

from __future__ import annotations

import argparse
import io
import random
import re
import sys
import time
from pathlib import Path

import pdfplumber

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gongkai.model import Report  # noqa: E402
from gongkai.readers import ocr, read_bytes  # noqa: E402
from gongkai.render import TARGETS, render  # noqa: E402
from tests.support.corpus import producers  # noqa: E402
from tests.support.reports import report_from_rng  # noqa: E402
from tests.support.scans import scan_pdf  # noqa: E402

_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


def cells(report: Report) -> list[object]:
    """Every table cell of a report in template order (table 二, 三 row by row, 四)."""
    data = report.to_json()
    values: list[object] = []
    for row in data["active"].values():
        values += list(row.values())
    for row in data["applications"]["rows"].values():
        values += row
    for group in data["appeals"].values():
        values += list(group.values())
    return values


def naive_cells(pdf_bytes: bytes) -> list[object]:
    """The baseline: extract_tables(), then numeric cells in order."""
    found: list[object] = []
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                for row in table:
                    for cell in row:
                        text = (cell or "").strip()
                        if _NUMBER.match(text):
                            found.append(text if "." in text else int(text))
    return found


def share_exact(got: list[object], want: list[object]) -> float:
    right = sum(1 for g, w in zip(got, want) if str(g) == str(w))
    return right / len(want)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()
    n = 5 if args.smoke else args.n
    rng = random.Random(3)
    seeds = [
        read_bytes(p.read_bytes()) for p in sorted((ROOT / "tests/fixtures/seeds").glob("*.txt"))
    ]
    reports = seeds + [report_from_rng(rng) for _ in range(max(0, n - len(seeds)))]
    n = len(reports)

    print(f"reports: {n}, one core")
    outputs: dict[str, list[bytes]] = {}
    for target in TARGETS:
        render(reports[0], target)  # the writer's libraries load once, as in a worker
        start = time.perf_counter()
        outputs[target] = [render(r, target) for r in reports]
        elapsed = time.perf_counter() - start
        print(
            f"render {target:5s} {n / elapsed:8.1f} reports/s  ({elapsed / n * 1000:.0f} ms each)"
        )

    pdfs = outputs["pdf"]
    pages = 0
    for data in pdfs:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages += len(pdf.pages)
    start, cpu = time.perf_counter(), time.process_time()
    ours = [cells(read_bytes(data)) for data in pdfs]
    mine, mine_cpu = time.perf_counter() - start, time.process_time() - cpu
    cpu = time.process_time()
    for data in pdfs:
        producers.pdfium_text(data)
    bare_cpu = time.process_time() - cpu
    start = time.perf_counter()
    theirs = [naive_cells(data) for data in pdfs]
    base = time.perf_counter() - start
    want = [cells(r) for r in reports]
    ours_exact = sum(share_exact(g, w) for g, w in zip(ours, want)) / n
    base_exact = sum(share_exact(g, w) for g, w in zip(theirs, want)) / n
    print(
        f"read pdf (text layer): {pages / mine:6.1f} pages/s wall, {pages / mine_cpu:6.1f} "
        f"pages/s CPU, cells exact {ours_exact:.1%}"
    )
    print(
        f"pypdfium2 bare text: {pages / bare_cpu:6.1f} pages/s CPU; "
        f"the read takes {mine_cpu / bare_cpu:.1f}x its CPU time"
    )
    print(
        f"baseline extract_tables+naive: {pages / base:6.1f} pages/s, cells exact {base_exact:.1%}"
    )
    print(f"speed ratio ours/baseline: {base / mine:.2f}x  ({pages} pages)")
    for target in ("html", "docx", "xlsx"):
        start = time.perf_counter()
        for data in outputs[target]:
            read_bytes(data)
        print(f"read {target:5s} {n / (time.perf_counter() - start):8.1f} reports/s")
    scans = [
        scan_pdf(data, dpi=200, seed=i) for i, data in enumerate(pdfs[: 1 if args.smoke else 3])
    ]
    ocr.engine()  # load the models once, as a worker does; not counted per page
    for by_cells in (False, True):  # whole-page OCR (the reader before), then ours
        read_scans(scans, want, by_cells)


def read_scans(scans: list[bytes], want: list[list[object]], by_cells: bool) -> None:
    """Read the scans one way, printing wall and CPU seconds (every thread) per page."""
    saved, ocr.CELLS = ocr.CELLS, by_cells
    pages = sum(producers.page_count(data) for data in scans)
    start, cpu = time.perf_counter(), time.process_time()
    try:
        got = [cells(read_bytes(data)) for data in scans]
    finally:
        ocr.CELLS = saved
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    exact = sum(share_exact(g, w) for g, w in zip(got, want)) / len(scans)
    how = "ink lines + cells, recogniser alone" if by_cells else "whole-page OCR (det + rec)"
    print(
        f"read scans, {how}: {elapsed / pages:.2f} s/page wall, {cpu / pages:.2f} s/page CPU, "
        f"cells exact {exact:.1%}  ({pages} pages, 200 dpi, skew+blur+noise+JPEG)"
    )


if __name__ == "__main__":
    main()
