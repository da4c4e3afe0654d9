"""The reports the corpus is made from, each with its truth: the five real seeds and
generated reports, some of them with printed inconsistencies planted on purpose.

A source's `violations` are the inconsistencies its printed figures really contain: the
errors a checker must report, and the only ones. For a seed they are the seed's own
`expected_violations`; for a generated report, the table rules its planted figures break
(computed on the truth) and the sentence planted to contradict a table.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from gongkai import catalog, checks
from gongkai.model import Report
from gongkai.readers import read_bytes
from tests.support.corpus.narrative import Violation, sections_of
from tests.support.reports import report_from_rng

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures"
_SEED_EXTRA_KEYS = ("expected_violations", "ambiguous", "notes")
_VIOLATION_KEYS = ("rule", "row", "column", "group")
PLANTS = ("row_total", "balance", "column_total", "appeal_total", "narrative")


@dataclass(frozen=True)
class Source:
    name: str
    report: Report
    violations: tuple[Violation, ...]
    # The seed's own printed texts (its original and the committed layouts derived from
    # it), by variant; they carry the seed's `ambiguous` parts. Empty for generated ones.
    printed: dict[str, bytes] = field(default_factory=dict)
    ambiguous: tuple[str, ...] = ()
    planted: str = ""

    @property
    def consistent(self) -> bool:
        return not self.violations


def seed_sources() -> list[Source]:
    return [_seed_source(path) for path in sorted((FIXTURES / "seeds").glob("*.txt"))]


def _seed_source(path: Path) -> Source:
    expected = json.loads(path.with_suffix(".expected.json").read_text("utf-8"))
    violations = tuple(expected.get("expected_violations", []))
    ambiguous = tuple(expected.get("ambiguous", []))
    data = {k: v for k, v in expected.items() if k not in _SEED_EXTRA_KEYS}
    data["sections"] = read_bytes(path.read_bytes()).sections
    prefix = path.name[:3]
    printed = {"original": path.read_bytes()}
    for derived in sorted((FIXTURES / "layouts").glob(f"{prefix}-*")):
        printed[derived.stem.removeprefix(f"{prefix}-")] = derived.read_bytes()
    return Source(f"seed-{prefix}", Report.model_validate(data), violations, printed, ambiguous)


def generated_sources(count: int, seed: int, inconsistent_every: int = 3) -> list[Source]:
    """`count` reports drawn from `seed`; every `inconsistent_every`-th has a planted error."""
    rng = random.Random(seed)
    sources = []
    for index in range(count):
        plant = PLANTS[(index // inconsistent_every) % len(PLANTS)]
        if index % inconsistent_every != inconsistent_every - 1:
            plant = ""
        # A contradicting sentence in section 三's prose, then in the overview, in turn.
        section = ("applications", "overview")[index // (inconsistent_every * len(PLANTS)) % 2]
        sources.append(generated_source(f"gen-{seed}-{index:03d}", rng, plant, section))
    return sources


def generated_source(
    name: str, rng: random.Random, plant: str = "", section: str = "applications"
) -> Source:
    report = report_from_rng(rng)
    if plant and plant != "narrative":
        _plant_in_tables(report, plant, rng)
    sections, narrative_violations = sections_of(
        report, rng, section if plant == "narrative" else None
    )
    report.sections = sections
    assert report.year is not None
    report.published_on = dt.date(report.year + 1, rng.randint(1, 3), rng.randint(1, 28))
    violations = tuple(table_violations(report)) + tuple(narrative_violations)
    return Source(name, report, violations, planted=plant)


def _plant_in_tables(report: Report, plant: str, rng: random.Random) -> None:
    """One figure printed off by one, as a slip of the pen leaves it."""
    rows = report.applications.rows
    column = rng.randrange(6)
    if plant == "row_total":
        row = rng.choice(catalog.outcome_row_ids(list(rows)))
        rows[row][6] = (rows[row][6] or 0) + 1
    elif plant == "balance":
        _bump(rows["carry_forward"], column)
    elif plant == "column_total":
        _bump(rows["total"], column)
    else:
        group = getattr(report.appeals, rng.choice(catalog.APPEAL_GROUPS).id)
        group.total = (group.total or 0) + 1


def _bump(cells: list[int | None], column: int) -> None:
    """A cell and its row's 总计 both one higher: the row still adds up, its column does not."""
    cells[column] = (cells[column] or 0) + 1
    cells[6] = (cells[6] or 0) + 1


def table_violations(report: Report) -> list[Violation]:
    """The table rules that the printed figures break (narrative figures not compared)."""
    tables_only = report.model_copy(update={"narrative_figures": None})
    return [
        {key: getattr(f, key) for key in _VIOLATION_KEYS if getattr(f, key) is not None}
        for f in checks.check_report(tables_only)
        if f.severity == "error"
    ]
