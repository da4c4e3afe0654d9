"""Random consistent reports (hypothesis strategies) for property tests and benchmarks."""

from __future__ import annotations

import functools
import random
from typing import Any

from hypothesis import strategies as st

from gongkai import catalog
from gongkai.model import Report

AGENCIES = ("运城市盐湖区人民政府办公室", "嵩县人民政府", "青铜峡市人民政府", "某市生态环境局")


def report_from_rng(rng: random.Random, template: catalog.TemplateId | None = None) -> Report:
    """A report whose every rule holds, drawn from `rng`."""
    chosen: catalog.TemplateId = rng.choice(catalog.TEMPLATES) if template is None else template
    year = rng.choice((2019, 2020)) if chosen == "2019" else rng.randint(2021, 2025)
    return Report.model_validate(
        {
            "agency": rng.choice(AGENCIES),
            "year": year,
            "template": chosen,
            "active": _active(rng, chosen),
            "applications": {"rows": _applications(rng, chosen)},
            "appeals": {g.id: _appeal_group(rng) for g in catalog.APPEAL_GROUPS},
        }
    )


def _small(rng: random.Random, zero_share: float = 0.6, high: int = 40) -> int:
    return 0 if rng.random() < zero_share else rng.randint(1, high)


def _applications(rng: random.Random, template: catalog.TemplateId) -> dict[str, list[int]]:
    row_ids = [r.id for r in catalog.APPLICATION_ROWS[template]]
    outcome_ids = catalog.outcome_row_ids(row_ids)
    rows: dict[str, list[int]] = {r: [0] * 7 for r in row_ids}
    for col in range(6):
        for r in outcome_ids:
            rows[r][col] = _small(rng, 0.75 if col else 0.4)
        total = sum(rows[r][col] for r in outcome_ids)
        carried = _small(rng, 0.7, 5)
        forward = _small(rng, 0.7, 5)
        new = total + forward - carried
        if new < 0:
            carried, new = carried + new, 0
        rows["total"][col] = total
        rows["carried_over"][col] = carried
        rows["carry_forward"][col] = forward
        rows["new_received"][col] = new
    for cells in rows.values():
        cells[6] = sum(cells[:6])
    return rows


def _appeal_group(rng: random.Random) -> dict[str, int]:
    parts = {f: _small(rng, 0.7, 12) for f in ("upheld", "corrected", "other", "pending")}
    return {**parts, "total": sum(parts.values())}


def _active(rng: random.Random, template: catalog.TemplateId) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for row in catalog.ACTIVE_ROWS[template]:
        values: dict[str, Any] = {}
        for spec in row.fields:
            if spec.money:
                values[spec.id] = str(rng.choice((0, rng.randint(1, 99999)))) + rng.choice(
                    ("", f".{rng.randint(1, 9999)}")
                )
            elif spec.signed:
                values[spec.id] = rng.randint(-20, 20)
            else:
                values[spec.id] = _small(rng, 0.4, 5000)
        if "in_force" in values:
            values["in_force"] = max(values["in_force"], values["issued"])
        if "total_published" in values:
            values["total_published"] = max(values["total_published"], values["made"])
        if "change" in values:  # no office has fewer than no items: 上一年 + 增/减 ≥ 0
            values["change"] = max(values["change"], -values["prev_items"])
        result[row.id] = values
    return result


@st.composite
def consistent_reports(draw: st.DrawFn) -> Report:
    seed = draw(st.integers(min_value=0, max_value=2**32 - 1))
    return report_from_rng(random.Random(seed))


def with_a_wrong_cell(report: Report, rng: random.Random) -> Report:
    """The report with one cell of table 三's results printed wrong (a real inconsistency)."""
    broken = report.model_copy(deep=True)
    rows = broken.applications.rows
    row_id = rng.choice(catalog.outcome_row_ids(list(rows)))
    column = rng.randrange(6)
    rows[row_id][column] = (rows[row_id][column] or 0) + rng.randint(1, 9)
    return broken


@functools.cache
def printed_2021(seed: int, wrong: bool) -> tuple[Report, bytes]:
    """A 2021-template report drawn from `seed` (with one wrong cell if `wrong`) and its
    PDF as `gongkai render` prints it (cached: tests read the same print several ways)."""
    from gongkai.render import render  # the renderers are loaded only by tests that print

    report = report_from_rng(random.Random(seed), "2021")
    if wrong:
        report = with_a_wrong_cell(report, random.Random(seed))
    return report, bytes(render(report, "pdf"))
