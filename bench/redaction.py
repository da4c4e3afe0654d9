"""Redaction burned in (gongkai.redact): seconds per page to rasterise, paint and rebuild a
PDF at 100, 150 and 200 dpi, and the output's size; beside it poppler's pdftoppm
rasterising the same pages at the same dpi (a peer for the costliest step, measured in the
same run), and the previews the officer marks boxes on.

    .venv/bin/python bench/redaction.py            # a 24-page report
    .venv/bin/python bench/redaction.py --smoke    # CI: 3 pages, 150 dpi
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gongkai.readers import read_path  # noqa: E402
from gongkai.redact import Box, Limits, page_count, preview, redact  # noqa: E402
from gongkai.render import render  # noqa: E402

SEED = next((ROOT / "tests" / "fixtures" / "seeds").glob("000_*.txt"))


def document(pages: int) -> bytes:
    """A real report printed to PDF, its pages repeated until there are `pages`."""
    import pypdfium2 as pdfium

    single = pdfium.PdfDocument(render(read_path(SEED), "pdf"))
    out = pdfium.PdfDocument.new()
    while len(out) < pages:
        out.import_pages(single, list(range(min(len(single), pages - len(out)))))
    with tempfile.TemporaryFile() as buffer:
        out.save(buffer)
        buffer.seek(0)
        return buffer.read()


def peer_seconds(data: bytes, dpi: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(data)
        start = time.perf_counter()
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(source), f"{folder}/p"], check=True)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=24)
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()
    pages = 3 if args.smoke else args.pages
    data = document(pages)
    pages = page_count(data)
    boxes = [Box(p, 0.1, 0.2 + 0.05 * (p % 5), 0.6, 0.25 + 0.05 * (p % 5)) for p in range(pages)]
    print(f"{pages} pages, {len(data) / 1024:.0f} KiB, one box a page")
    for dpi in (150,) if args.smoke else (100, 150, 200):
        start = time.perf_counter()
        out = redact(data, boxes, Limits(dpi=dpi))
        ours = (time.perf_counter() - start) / pages
        peer = peer_seconds(data, dpi) / pages
        print(
            f"{dpi} dpi: {ours:.3f} s/page burned in ({len(out.data) / pages / 1024:.0f} KiB/page);"
            f" pdftoppm alone {peer:.3f} s/page to PNG (ratio {ours / peer:.2f})"
        )
    start = time.perf_counter()
    for page in range(pages):
        preview(data, page)
    print(f"preview at 96 dpi: {(time.perf_counter() - start) / pages:.3f} s/page")


if __name__ == "__main__":
    main()
