"""Scans made otherwise than the corpus's: how the scan reader holds up, per kind of scan.

The corpus scans (`scan.*`) are grey, 200 dpi, skew within 1°. Offices also scan at 150
or 300 dpi, in black and white or in colour, lay sheets on the glass by hand, blur them,
save them as small JPEGs, leave the scanner lid's dark border, scan a photocopy (grey
paper, speckle) or get the report by fax (black and white, half the lines). Each variant
below is a consistent generated report rendered to PDF, printed and scanned
(`tests/support/scans.py::print_and_scan`) and then reworked page by page; the table
prints, per variant, the wrong cells, the silently wrong ones (no `parse.*` warning on the
row), the errors (false: the reports are consistent) and the CPU a page.
Run: `python bench/scanvariants.py [--n 3] [--smoke] [--only NAME,NAME]`.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gongkai.readers import read_bytes  # noqa: E402
from gongkai.render import render  # noqa: E402
from tests.support.reports import report_from_rng  # noqa: E402
from tests.support.scans import (  # noqa: E402
    blurred,
    faxed,
    photocopied,
    print_and_scan,
    reworked,
)
from tests.support.scoring import silently_wrong, wrong_cells  # noqa: E402

Rework = Callable[[Image.Image], Image.Image]


def _as_is(page: Image.Image) -> Image.Image:
    return page


def _black_and_white(page: Image.Image) -> Image.Image:
    return page.convert("L").point(lambda v: 255 if v > 160 else 0).convert("1")


def _colour(page: Image.Image) -> Image.Image:
    grey = np.asarray(page.convert("L"), dtype=np.float32)
    yellowed = np.stack([grey, grey * 0.97, grey * 0.88], axis=-1)
    return Image.fromarray(np.clip(yellowed, 0, 255).astype(np.uint8), "RGB")


def _small_jpeg(page: Image.Image) -> Image.Image:
    out = io.BytesIO()
    page.convert("L").save(out, "JPEG", quality=25)
    return Image.open(io.BytesIO(out.getvalue()))


def _dark_border(page: Image.Image) -> Image.Image:
    grey = np.asarray(page.convert("L"), dtype=np.float32).copy()
    grey[:, :40] *= 0.35
    grey[:25, :] *= 0.4
    return Image.fromarray(np.clip(grey, 0, 255).astype(np.uint8))


@dataclass(frozen=True)
class Variant:
    name: str
    dpi: int = 200
    turn: float = 0.0
    rework: Rework = _as_is


VARIANTS = (
    Variant("corpus's (grey, 200 dpi)"),
    Variant("150 dpi", dpi=150),
    Variant("120 dpi", dpi=120),
    Variant("300 dpi", dpi=300),
    Variant("black and white", rework=_black_and_white),
    Variant("colour, yellowed paper", rework=_colour),
    Variant("laid 2.5° askew", turn=2.5),
    Variant("laid 4° askew", turn=-4.0),
    Variant("heavy blur (1.5 px)", rework=blurred),
    Variant("JPEG quality 25", rework=_small_jpeg),
    Variant("dark border", rework=_dark_border),
    Variant("photocopied, speckled", rework=photocopied),
    Variant("fax (200 × 100 dpi, B/W)", rework=faxed),
)
SMOKE = ("corpus's (grey, 200 dpi)", "laid 4° askew")


def scanned(pdf: bytes, seed: int, variant: Variant) -> bytes:
    """`pdf` printed and scanned as `variant` says."""
    scan = print_and_scan(pdf, seed=seed, dpi=variant.dpi, turn=variant.turn)
    return reworked(scan, variant.dpi, variant.rework)


@dataclass
class Tally:
    reports: int = 0
    pages: int = 0
    wrong: int = 0
    silent: int = 0
    errors: int = 0
    cpu: float = 0.0


def measure(n: int, variants: list[Variant]) -> dict[str, Tally]:
    tallies = {v.name: Tally() for v in variants}
    for index in range(n):
        report = report_from_rng(random.Random(1000 + index))
        pdf = render(report, "pdf")
        for variant in variants:
            data = scanned(pdf, index, variant)
            started = time.process_time()
            got = read_bytes(data)
            tally = tallies[variant.name]
            tally.cpu += time.process_time() - started
            tally.reports += 1
            tally.pages += len(pypdfium2.PdfDocument(data))
            tally.wrong += len(wrong_cells(got, report))
            tally.silent += len(silently_wrong(got, report))
            tally.errors += sum(1 for f in got.findings or [] if f.severity == "error")
    return tallies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3, help="generated reports per variant")
    parser.add_argument("--smoke", action="store_true", help="one report, two variants")
    parser.add_argument("--only", default="", help="the variants whose names start so (a,b)")
    args = parser.parse_args()
    variants = [v for v in VARIANTS if not args.smoke or v.name in SMOKE]
    if args.only:
        variants = [v for v in variants if v.name.startswith(tuple(args.only.split(",")))]
    tallies = measure(1 if args.smoke else args.n, variants)
    print(f"{'scan':26} {'reports':>7} {'wrong':>6} {'silent':>6} {'errors':>6} {'cpu/page':>8}")
    for name, t in tallies.items():
        cpu = t.cpu / max(t.pages, 1)
        print(f"{name:26} {t.reports:7} {t.wrong:6} {t.silent:6} {t.errors:6} {cpu:8.2f}")


if __name__ == "__main__":
    main()
