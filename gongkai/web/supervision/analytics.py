"""The supervisors' analytics, summed in the database from `ReportFigures`: each agency's
standing over a span of years, a measure's trend per year and sub-region, and a measure's
spread over agencies by level or sub-region. One query each, whatever the region's size."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, CharField, Count, F, Q, Sum, Value, When
from django.db.models.expressions import Combinable
from django.db.models.functions import Concat, StrIndex, Substr

from gongkai.figures import Measure
from gongkai.spread import Box, box
from gongkai.web.reports.models import ReportFigures
from gongkai.web.supervision.filters import LEVELS, Filter
from gongkai.web.supervision.measuresql import measure_sql

# ---------------------------------------------------------------- standing


@dataclass(frozen=True)
class Standing:
    agency_id: int
    agency: str
    level: str
    published: int  # years with a published report
    late: int  # of them, published after the due date
    errors: int
    warnings: int
    corrected: int  # of them, corrected after publication (a later edition)
    missing: int  # years of the span without a published report


def standing(chosen: Filter) -> list[Standing]:
    """Every agency of the filter, the ones with the most to answer for first."""
    sums = {
        row["agency_id"]: row
        for row in chosen.figures()
        .values("agency_id")
        .annotate(
            published=Count("report"),
            late=Count("report", filter=Q(late=True)),
            errors=Sum("errors"),
            warnings=Sum("warnings"),
            corrected=Count("report", filter=Q(edition__gt=1)),
        )
        .order_by()
    }
    span = chosen.last - chosen.first + 1
    rows = [
        _standing(pk, name, level, sums.get(pk, {}), span)
        for pk, name, level in chosen.scope.values_list("pk", "name", "level").order_by("path")
    ]
    return sorted(rows, key=lambda r: (-r.missing, -r.late, -r.errors, -r.corrected))


def _standing(pk: int, name: str, level: str, sums: dict[str, Any], span: int) -> Standing:
    published = sums.get("published", 0)
    return Standing(
        pk,
        name,
        LEVELS.get(level, ""),
        published,
        sums.get("late", 0),
        sums.get("errors") or 0,
        sums.get("warnings") or 0,
        sums.get("corrected", 0),
        span - published,
    )


def standing_totals(rows: list[Standing]) -> dict[str, int]:
    return {
        "agencies": len(rows),
        "complete": sum(1 for r in rows if not r.missing),
        "missing": sum(1 for r in rows if r.missing),
        "late": sum(1 for r in rows if r.late),
        "with_errors": sum(1 for r in rows if r.errors),
        "corrected": sum(1 for r in rows if r.corrected),
    }


# ---------------------------------------------------------------- sub-regions


def part_of(chosen: Filter) -> tuple[Combinable, dict[str, str]]:
    """An expression naming each report's sub-region (the id of its agency's ancestor right
    below the root, "" for the root's own), and the sub-regions' names."""
    names = {str(p.pk): p.name for p in chosen.parts()}
    root = chosen.root
    if root is None:  # several separate trees (an administrator's): a few CASE arms
        cases = [When(agency__path__startswith=p.path, then=Value(str(p.pk))) for p in chosen.tops]
        return Case(*cases, default=Value(""), output_field=CharField()), names
    names[""] = f"{root.name}（本级）"
    # "/1/7/23/" below the root "/1/": the path's next segment, 7; the root's own "/1/": "".
    rest = Substr(Concat("agency__path", Value("/")), len(root.path) + 1)
    return Substr(rest, 1, StrIndex(rest, Value("/")) - 1, output_field=CharField()), names


# ---------------------------------------------------------------- trends


@dataclass(frozen=True)
class Trend:
    years: list[int]
    series: dict[str, list[float | None]]  # 合计 first, then each sub-region


def trend(chosen: Filter, measure: Measure) -> Trend:
    """The measure per year, for the whole region and for each sub-region, each computed from
    the figures summed over its agencies (never an average of ratios)."""
    part, names = part_of(chosen)
    columns = {name: Sum(name) for name in measure.compute.uses}
    rows = chosen.figures().annotate(part=part).values("part", "year").annotate(**columns)
    years = list(range(chosen.first, chosen.last + 1))
    by_part: dict[Any, dict[int, dict[str, Any]]] = defaultdict(dict)
    whole: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for row in rows.order_by():
        by_part[row["part"]][row["year"]] = row
        for name in columns:
            whole[row["year"]][name] += float(row[name] or 0)
    population = {str(p.pk): p.population for p in chosen.parts()}
    region = chosen.root.population if chosen.root else None
    series = {"合计": [_value(measure, whole.get(y), region) for y in years]}
    for key, name in sorted(names.items(), key=lambda n: n[0] != ""):  # 本级 first
        found = by_part.get(key, {})
        series[name] = [_value(measure, found.get(y), population.get(key)) for y in years]
    return Trend(years, series)


def _value(measure: Measure, sums: Any, population: int | None) -> float | None:
    if sums is None:
        return None
    return measure.compute({**sums, "population": population})


# ---------------------------------------------------------------- distributions


@dataclass(frozen=True)
class Outlier:
    agency_id: int
    agency: str
    report_id: int
    value: float


@dataclass(frozen=True)
class Group:
    name: str
    box: Box
    outliers: list[Outlier]


def distribution(chosen: Filter, measure: Measure, by_level: bool) -> list[Group]:
    """The measure of each agency's report of the filter's last year, grouped by level or by
    sub-region, as box plots with their outliers (the highest first). Only the values leave
    the database; the names, only of the outliers."""
    part, names = part_of(chosen)
    rows = (
        chosen.figures()
        .filter(year=chosen.last)
        .annotate(value=measure_sql(measure), group=F("agency__level") if by_level else part)
        .filter(value__isnull=False)
        .values_list("group", "value", "report_id")
        .order_by()
    )
    grouped: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for group, value, report_id in rows:
        grouped[LEVELS.get(group, "") if by_level else names.get(group, "")].append(
            (value, report_id)
        )
    order = list(LEVELS.values()) if by_level else sorted(grouped, key=lambda n: n != "")
    boxes = {name: _box(grouped[name]) for name in order if name in grouped}
    far = {r: v for b, values in boxes.values() for v, r in values if b.is_outlier(v)}
    found = ReportFigures.objects.filter(report_id__in=far).values_list(
        "report_id", "agency_id", "agency__name"
    )
    outliers = {r: Outlier(a, name, r, far[r]) for r, a, name in found}
    return [
        Group(
            name,
            b,
            sorted((outliers[r] for v, r in values if r in outliers), key=lambda o: -o.value),
        )
        for name, (b, values) in boxes.items()
    ]


def _box(values: list[tuple[float, int]]) -> tuple[Box, list[tuple[float, int]]]:
    made = box([v for v, _ in values])
    assert made is not None  # a group holds at least one value
    return made, values
