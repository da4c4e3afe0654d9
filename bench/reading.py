"""The reading object's cost (issue 13): a PDF read to a `Reading` (the report and the
pages' stages: tables, words, cells) against the same PDF read to a report alone (the
format's text and source map, then the text reader: what `read_bytes` did before the
reading kept its stages), the same files in the same run, rounds interleaved; and the
debug pictures drawn from a reading. CPU seconds of this process (one thread) beside wall
seconds. Run: `python bench/reading.py [--n 10] [--rounds 3] [--smoke]`.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pdf import corpus  # noqa: E402

from gongkai.model import Report, Source  # noqa: E402
from gongkai.readers import read_reading  # noqa: E402
from gongkai.readers.debug import debug_images  # noqa: E402
from gongkai.readers.detect import detect_format  # noqa: E402
from gongkai.readers.limits import DEFAULT_LIMITS  # noqa: E402
from gongkai.readers.pdf import pdf_to_blocks, pdf_to_traced  # noqa: E402
from gongkai.readers.reading import page_stages  # noqa: E402
from gongkai.readers.text import text_to_report  # noqa: E402
from tests.support.corpus import producers  # noqa: E402

T = TypeVar("T")


def report_alone(data: bytes) -> Report:
    """What read_bytes did with a PDF before the reading kept its stages."""
    DEFAULT_LIMITS.check("file_bytes", len(data))
    kind = detect_format(data)
    text, source_map = pdf_to_traced(data)
    source = Source(format=kind, sha256=hashlib.sha256(data).hexdigest())
    return text_to_report(text, source, source_map=source_map)


def timed(read: Callable[[T], object], items: Sequence[T]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) to read every item once."""
    cpu, wall = time.process_time(), time.perf_counter()
    for item in items:
        read(item)
    return time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()
    pdfs = corpus(2 if args.smoke else args.n, office=False)
    rounds = 1 if args.smoke else args.rounds
    pages = sum(producers.page_count(data) for data in pdfs)
    print(f"PDFs: {len(pdfs)}, pages: {pages}; best of {rounds} rounds, order alternating")
    timed(read_reading, pdfs)  # warm: libraries loaded, fonts cached
    best: dict[str, tuple[float, float]] = {}
    readers: list[tuple[str, Callable[[bytes], object]]] = [
        ("report alone", report_alone),
        ("reading", read_reading),
    ]
    for _ in range(rounds):
        readers.reverse()  # neither always first: warm caches favour the second
        for name, read in readers:
            cpu, wall = timed(read, pdfs)
            seen = best.get(name, (cpu, wall))
            best[name] = (min(cpu, seen[0]), min(wall, seen[1]))
    for name, (cpu, wall) in best.items():
        print(f"{name:>13}: {1000 * cpu / pages:6.1f} ms CPU a page ({wall:.2f} s wall in all)")
    ratio = best["reading"][0] / best["report alone"][0]
    print(f"reading / report alone: {ratio:.3f} (CPU; the difference is mostly noise)")
    blocks = [pdf_to_blocks(data) for data in pdfs]
    cpu, _ = timed(page_stages, blocks)
    share = cpu / best["reading"][0]
    print(f"keeping the stages: {1000 * cpu / pages:.2f} ms CPU a page ({100 * share:.1f} %)")
    readings = [read_reading(data) for data in pdfs]
    cpu, wall = timed(lambda d: debug_images(readings[pdfs.index(d)], d), pdfs)
    print(f"debug pictures from the reading: {1000 * cpu / pages:.1f} ms CPU a page")


if __name__ == "__main__":
    main()
