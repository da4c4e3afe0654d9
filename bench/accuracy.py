"""Accuracy: the reader on its own harder corpus, per input family.

Builds the corpus (tests/support/corpus, cached by content), reads every item with
`gongkai.readers.read_bytes`, and prints per family: cells exact, non-zero cells exact,
cells silently wrong (wrong, and no `parse.*` warning on their row), printed
inconsistencies found, false errors (on consistent reports, and on inconsistent ones
errors that match no printed inconsistency), and seconds per page for PDFs and scans (wall,
and CPU seconds of every thread: the machine may be shared).
Aims (issue 13): cells ≥ 99.5 % in every family, 0 silently wrong, 0 false errors on
consistent reports, every printed inconsistency found.

Run: `python bench/accuracy.py [--smoke] [--json FILE] [--examples N] [--family P1,P2]`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gongkai.errors import GongkaiError  # noqa: E402
from gongkai.readers import read_bytes  # noqa: E402
from tests.support.corpus.build import FAMILIES, FULL, SMOKE, build  # noqa: E402
from tests.support.corpus.scoring import (  # noqa: E402
    ItemScore,
    printed_violations,
    score_cells,
    score_errors,
    score_unreadable,
)


@dataclass
class FamilyScore:
    items: int = 0
    cells: int = 0
    exact: int = 0
    nonzero: int = 0
    nonzero_exact: int = 0
    silent: int = 0
    violations: int = 0
    found: int = 0
    consistent: int = 0
    false_on_consistent: int = 0
    consistent_with_false: int = 0
    false_on_inconsistent: int = 0
    unreadable: int = 0
    seconds: float = 0.0
    cpu: float = 0.0
    pages: int = 0

    def add(self, item: ItemScore) -> None:
        self.items += 1
        for name in (
            "cells",
            "exact",
            "nonzero",
            "nonzero_exact",
            "violations",
            "found",
            "seconds",
            "cpu",
            "pages",
        ):
            setattr(self, name, getattr(self, name) + getattr(item, name))
        self.silent += len(item.silent)
        self.unreadable += item.unreadable is not None
        if item.consistent:
            self.consistent += 1
            self.false_on_consistent += len(item.false_errors)
            self.consistent_with_false += bool(item.false_errors)
        else:
            self.false_on_inconsistent += len(item.false_errors)


def read_item(corpus: Path, record: dict[str, Any], source: dict[str, Any]) -> ItemScore:
    truth = json.loads((corpus / source["truth"]).read_text("utf-8"))
    score = ItemScore(record["path"], record["family"], pages=record.get("pages", 0))
    violations = printed_violations(source["violations"], record)
    data = (corpus / record["path"]).read_bytes()
    start, cpu = time.perf_counter(), time.process_time()
    try:
        read = read_bytes(data, record["path"]).to_json()
    except GongkaiError as exc:
        score.seconds, score.cpu = time.perf_counter() - start, time.process_time() - cpu
        score_unreadable(score, truth, violations, exc.code)
        return score
    score.seconds, score.cpu = time.perf_counter() - start, time.process_time() - cpu
    score_cells(score, truth, read, record["ambiguous"])
    score_errors(score, violations, read)
    return score


@contextlib.contextmanager
def scan_cells(on: bool | None) -> Iterator[None]:
    """Scans read with ruled tables cell by cell (True), by lines (False), or as set (None)."""
    from gongkai.readers import ocr

    saved = ocr.CELLS
    ocr.CELLS = saved if on is None else on
    try:
        yield
    finally:
        ocr.CELLS = saved


def percent(part: int, whole: int) -> str:
    return f"{part / whole:7.2%}" if whole else "      —"


def print_header() -> None:
    print(
        f"{'family':24s} {'items':>5s} {'cells':>7s} {'non-0':>7s} {'silent':>6s} "
        f"{'found':>7s} {'false/consistent':>17s} {'false/incons.':>13s} {'unread':>6s} "
        f"{'s/page':>6s} {'cpu/page':>8s}",
        flush=True,
    )


def print_row(name: str, f: FamilyScore) -> None:
    per_page = f"{f.seconds / f.pages:6.2f} {f.cpu / f.pages:8.2f}" if f.pages else "     —"
    print(
        f"{name:24s} {f.items:5d} {percent(f.exact, f.cells)} "
        f"{percent(f.nonzero_exact, f.nonzero)} {f.silent:6d} "
        f"{f.found:3d}/{f.violations:<3d} "
        f"{f.false_on_consistent:5d} in {f.consistent_with_false:3d}/{f.consistent:<3d}  "
        f"{f.false_on_inconsistent:13d} {f.unreadable:6d} {per_page}",
        flush=True,
    )


def print_examples(corpus: Path, scores: list[ItemScore], n: int) -> None:
    """The worst items of each kind, with the file to open."""
    kinds: tuple[tuple[str, Callable[[ItemScore], int], Callable[[ItemScore], list[str]]], ...]
    kinds = (
        ("silently wrong", lambda s: len(s.silent), lambda s: s.silent),
        (
            "false errors",
            lambda s: len(s.false_errors) if s.consistent else 0,
            lambda s: s.false_errors,
        ),
        ("missed inconsistencies", lambda s: s.violations - s.found, lambda s: []),
        ("unreadable", lambda s: int(s.unreadable is not None), lambda s: [str(s.unreadable)]),
    )
    for title, weight, detail in kinds:
        worst = sorted((s for s in scores if weight(s)), key=weight, reverse=True)[:n]
        if worst:
            print(f"\nworst, {title}:")
        for s in worst:
            shown = ", ".join(detail(s)[:4]) + (" …" if len(detail(s)) > 4 else "")
            print(f"  {weight(s):3d}  {corpus / s.path}  {shown}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="a small corpus for CI (< 60 s)")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument("--examples", type=int, default=3, help="worst items shown per kind")
    parser.add_argument(
        "--family", default="", help="read only families with these prefixes (comma-separated)"
    )
    parser.add_argument("--out", type=Path, help="corpus folder (build/corpus, corpus-smoke)")
    parser.add_argument("--limit", type=int, default=0, help="read at most N items per family")
    parser.add_argument(
        "--scan-cells",
        action="store_true",
        help="read scans twice: whole-page OCR by lines (the reader before), then lines of "
        "ink and ruled cells by the recogniser alone (GONGKAI_OCR_CELLS)",
    )
    args = parser.parse_args()
    corpus = args.out or ROOT / "build" / ("corpus-smoke" if args.smoke else "corpus")
    start = time.perf_counter()
    manifest = json.loads(build(corpus, SMOKE if args.smoke else FULL).read_text("utf-8"))
    print(
        f"corpus {corpus}: {len(manifest['items'])} items, built in "
        f"{time.perf_counter() - start:.1f} s"
    )
    prefixes = tuple(args.family.split(","))
    records = [r for r in manifest["items"] if r["family"].startswith(prefixes)]
    if any(r["family"].startswith("scan.") for r in records):
        from gongkai.readers import ocr

        ocr.engine()  # models load once per worker, not per page
    print_header()
    scores: list[ItemScore] = []
    families: dict[str, FamilyScore] = {}
    for name in FAMILIES:  # a family's line is printed as soon as it is read
        family = [r for r in records if r["family"] == name][: args.limit or None]
        if not family:
            continue
        for cells in (False, True) if args.scan_cells and name.startswith("scan.") else (None,):
            label = name if cells is None else f"{name} {'cells' if cells else 'lines'}"
            families[label] = FamilyScore()
            for record in family:
                with scan_cells(cells):
                    scores.append(read_item(corpus, record, manifest["sources"][record["source"]]))
                families[label].add(scores[-1])
            print_row(label, families[label])
    total = FamilyScore()
    for family_score in families.values():
        for f in fields(FamilyScore):
            setattr(total, f.name, getattr(total, f.name) + getattr(family_score, f.name))
    print_row("all", total)
    print_examples(corpus, scores, args.examples)
    if args.json:
        figures = {
            "families": {k: asdict(v) for k, v in families.items()},
            "items": [asdict(s) for s in scores],
        }
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
