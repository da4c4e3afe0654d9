"""Honesty of the text reader: cells silently wrong and false errors, per kind of input.

A cell is silently wrong when it differs from the truth and no `parse.*` warning names its
row; a false error is an error on a report whose printed figures break no rule (for the
seeds: an error beyond their `expected_violations`). Printed inconsistencies are `found`
when reported as errors, `said` when reported at all (a warning where the reading doubts a
row). Kinds: the project's fixtures (seeds, derived layouts, pdftotext raw/-layout,
pdftotext default mode of WeasyPrint and LibreOffice PDFs) and generated inputs
(tests/support/flattened.py, tests/support/prose.py).
Run: `python bench/silent.py [--n 60] [--smoke]`.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gongkai import checks  # noqa: E402
from gongkai.model import Report  # noqa: E402
from gongkai.readers import read_path  # noqa: E402
from gongkai.readers.text import text_to_report  # noqa: E402
from gongkai.render.text import Layout, render_text  # noqa: E402
from tests.support import flattened, prose  # noqa: E402
from tests.support.reports import report_from_rng, with_a_wrong_cell  # noqa: E402
from tests.support.scoring import Score, Violation, score  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
Case = tuple[Report, Report, list[Violation]]  # (reading, truth, the truth's own violations)


def _truth(path: Path) -> tuple[Report, list[Violation]]:
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    violations = [(v["rule"], v.get("column")) for v in data.pop("expected_violations", [])]
    for key in ("ambiguous", "notes"):
        data.pop(key, None)
    return Report.model_validate(data), violations


def _seed_truth(name: str) -> tuple[Report, list[Violation]]:
    return _truth(next((FIXTURES / "seeds").glob(f"{name[:3]}_*.expected.json")))


def fixture_cases(folder: str, pattern: str = "*.txt") -> Iterator[Case]:
    for path in sorted((FIXTURES / folder).glob(pattern)):
        own = path.with_name(path.stem + ".expected.json")
        truth, violations = _truth(own) if own.exists() else _seed_truth(path.name)
        yield read_path(path), truth, violations


def generated_cases(
    make: Callable[[Report, random.Random], str],
    n: int,
    violations: tuple[Violation, ...] = (),
    broken: bool = False,
) -> Iterator[Case]:
    """Generated reports in one kind of input; `broken`: each with one cell of table 三
    printed wrong, whose violations the checker must find."""
    rng = random.Random(13)
    for _ in range(n):
        truth = report_from_rng(rng)
        printed = list(violations)
        if broken:
            truth = with_a_wrong_cell(truth, rng)
            printed += [(f.rule, f.column) for f in checks.errors(checks.check_report(truth))]
        yield text_to_report(make(truth, rng)), truth, printed


def _layout(name: Layout) -> Callable[[Report, random.Random], str]:
    return lambda report, _: render_text(report, name)


def _narrative(wrong: bool) -> Callable[[Report, random.Random], str]:
    def make(report: Report, rng: random.Random) -> str:
        text = prose.overview(report, rng, wrong)
        return render_text(prose.with_overview(report, text), "tabs")

    return make


def kinds(n: int) -> dict[str, Callable[[], Iterator[Case]]]:
    return {
        "seeds": lambda: fixture_cases("seeds"),
        "layouts (seeds reshaped)": lambda: fixture_cases("layouts"),
        "pdftotext raw/-layout": lambda: fixture_cases("pdftotext"),
        "pdftotext default, WeasyPrint": lambda: fixture_cases("issue-13", "*weasyprint*.txt"),
        "pdftotext default, LibreOffice": lambda: fixture_cases("issue-13", "*libreoffice*.txt"),
        "issue-13 flattened fixtures": lambda: fixture_cases("issue-13", "issue-13-[rc]*.txt"),
        "column blocks (generated)": lambda: generated_cases(flattened.column_blocks, n),
        "markdown, rows outside": lambda: generated_cases(flattened.rows_outside, n),
        "crawler text (generated)": lambda: generated_cases(flattened.crawled, n),
        "glued (generated)": lambda: generated_cases(_layout("glued"), n),
        "tabs, one cell wrong": lambda: generated_cases(_layout("tabs"), n, broken=True),
        "glued, one cell wrong": lambda: generated_cases(_layout("glued"), n, broken=True),
        "column blocks, one cell wrong": lambda: generated_cases(
            flattened.column_blocks, n, broken=True
        ),
        "prose, consistent": lambda: generated_cases(_narrative(False), n),
        "prose, one figure wrong": lambda: generated_cases(
            _narrative(True), n, (("text.table_mismatch", None),)
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=60, help="generated reports per kind")
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()
    n = 3 if args.smoke else args.n
    print(
        f"{'kind':28s} {'files':>5s} {'cells':>6s} {'wrong':>6s} {'silent':>6s} {'flagged':>7s}"
        f" {'false err':>9s} {'found':>7s} {'said':>7s} {'s/file':>7s}"
    )
    total = Score(0, 0, 0, 0, 0)
    for name, cases in kinds(n).items():
        start = time.perf_counter()
        sums, files = Score(0, 0, 0, 0, 0), 0
        for got, truth, violations in cases():
            sums, files = sums + score(got, truth, violations), files + 1
        total = total + sums
        print(_line(name, sums, f"{files:5d}", f"{(time.perf_counter() - start) / files:7.3f}"))
    print(_line("all", total, " " * 5, ""))


def _line(name: str, s: Score, files: str, seconds: str) -> str:
    found, said = f"{s.found}/{s.printed}", f"{s.said}/{s.printed}"
    return (
        f"{name:28s} {files} {s.cells:6d} {s.wrong:6d} {s.silent:6d} {s.flagged:7d}"
        f" {s.false_errors:9d} {found:>7s} {said:>7s} {seconds}"
    )


if __name__ == "__main__":
    main()
