"""The supervisors' analytics, summed in the database from `ReportFigures`: each agency's
standing over a span of years, a measure's trend per year and sub-region, and a measure's
spread over agencies by level or sub-region. One query each, whatever the region's size."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    FilteredRelation,
    Func,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce, Concat, StrIndex, Substr

from gongkai.figures import Measure
from gongkai.spread import Box
from gongkai.web.reports.models import PublishedReport, ReportFigures
from gongkai.web.supervision.counting import counted_rows
from gongkai.web.supervision.filters import LEVELS, Filter
from gongkai.web.supervision.measuresql import measure_sql
from gongkai.web.supervision.spreadsql import spreads

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


def standing(chosen: Filter, limit: int | None = None) -> tuple[list[Standing], dict[str, int]]:
    """The agencies of the filter (the first `limit`), the ones with the most to answer for
    first, then in tree order; and how many of them all published every year, missed one,
    were late, …: summed, counted, ordered and cut in one statement."""
    numbers = ("published", "late", "errors", "warnings", "corrected", "missing")
    sums = _standing_sums(chosen).values("id", "name", "level", *numbers, "path").order_by()
    found, totals = counted_rows(sums, COUNTED, STANDING_ORDER, limit)
    rows = [
        Standing(r["id"], r["name"], LEVELS.get(r["level"], ""), *(r[n] for n in numbers))
        for r in found
    ]
    return rows, totals


def _standing_sums(chosen: Filter) -> QuerySet[Any]:
    """Each agency of the filter with its published reports of the span counted and summed
    (an agency without any: zeros, every year missing)."""
    shown = FilteredRelation(
        "report_figures",
        condition=Q(
            report_figures__status=PublishedReport.Status.PUBLISHED,
            report_figures__year__range=(chosen.first, chosen.last),
        ),
    )
    return chosen.scope.annotate(
        shown=shown,
        published=Count("shown"),
        late=Count("shown", filter=Q(shown__late=True)),
        errors=Coalesce(Sum("shown__errors"), 0),
        warnings=Coalesce(Sum("shown__warnings"), 0),
        corrected=Count("shown", filter=Q(shown__edition__gt=1)),
        missing=Value(chosen.last - chosen.first + 1) - F("published"),
    )


STANDING_ORDER = '"missing" DESC, "late" DESC, "errors" DESC, "corrected" DESC, "path"'
# What the standing's counts at the top count, over the agencies' sums.
COUNTED = {
    "agencies": "1 = 1",
    "complete": '"missing" = 0',
    "missing": '"missing" <> 0',
    "late": '"late" > 0',
    "with_errors": '"errors" > 0',
    "corrected": '"corrected" > 0',
}


# ---------------------------------------------------------------- sub-regions


def part_of(chosen: Filter, path: str = "agency__path") -> tuple[Combinable, dict[str, str]]:
    """An expression naming each report's sub-region (the id of its agency's ancestor right
    below the root, "" for the root's own), read from the agency's `path`, and the
    sub-regions' names."""
    names = {str(p.pk): p.name for p in chosen.parts()}
    root = chosen.root
    if root is None:  # several separate trees (an administrator's): a few CASE arms
        cases = [
            When(**{f"{path}__startswith": p.path}, then=Value(str(p.pk))) for p in chosen.tops
        ]
        return Case(*cases, default=Value(""), output_field=CharField()), names
    names[""] = f"{root.name}（本级）"
    return _segment(path, root.path), names


def _segment(path: str, root: str) -> Combinable:
    """The segment of `path` right after `root`: "/1/7/23/" below the root "/1/", 7; the
    root's own "/1/": "". One `split_part` a row on PostgreSQL (a tenth of the trend's
    cost is here), substrings elsewhere."""
    if connection.vendor == "postgresql":
        at = Value(root.count("/") + 1)  # "/1/" splits into "", "1", "": the next is 3rd
        return Func(F(path), Value("/"), at, function="SPLIT_PART", output_field=CharField())
    rest = Substr(Concat(path, Value("/")), len(root) + 1)
    return Substr(rest, 1, StrIndex(rest, Value("/")) - 1, output_field=CharField())


# ---------------------------------------------------------------- trends


@dataclass(frozen=True)
class Trend:
    years: list[int]
    series: dict[str, list[float | None]]  # 合计 first, then each sub-region


def trend(chosen: Filter, measure: Measure) -> Trend:
    """The measure per year, for the whole region and for each sub-region, each computed from
    the figures summed over its agencies (never an average of ratios)."""
    part, names = part_of(chosen, "path")
    columns = {name: Sum(f"report_figures__{name}") for name in measure.compute.uses}
    rows = (  # from the agencies, so that the scope and the sub-regions need one join
        chosen.scope.filter(
            report_figures__status=PublishedReport.Status.PUBLISHED,
            report_figures__year__range=(chosen.first, chosen.last),
        )
        .annotate(part=part)
        .values("part", year=F("report_figures__year"))
        .annotate(**columns)
    )
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
    sub-region (in tree order, the region's own first), as box plots with their outliers
    (the highest first). Only the boxes and the outliers leave the database (`spreadsql`);
    the names, only of the outliers."""
    part, names = part_of(chosen, "path")
    rows = (  # from the agencies, so that the scope and the group need one join
        chosen.scope.filter(
            report_figures__status=PublishedReport.Status.PUBLISHED,
            report_figures__year=chosen.last,
        )
        .annotate(
            value=measure_sql(measure, "report_figures__", "population"),
            group=F("level") if by_level else part,
        )
        .filter(value__isnull=False)
        .values_list("group", "value", "report_figures__report_id")
        .order_by()
    )
    found = spreads(rows)
    named = LEVELS if by_level else dict(sorted(names.items(), key=lambda n: n[0] != ""))
    far = {r: v for s in found.values() for v, r in s.outliers}
    outliers = {
        r: Outlier(a, name, r, far[r])
        for r, a, name in ReportFigures.objects.filter(report_id__in=far).values_list(
            "report_id", "agency_id", "agency__name"
        )
    }
    return [
        Group(name, found[key].box, [outliers[r] for _, r in found[key].outliers])
        for key, name in named.items()
        if key in found
    ]
