"""The analytics computed in the database give what the plain computation gives, on random
data: each agency's standing and its counts (summed, ordered and cut in SQL) against the
figures summed one by one in Python, and the box plots (`percentile_cont` on PostgreSQL)
against `gongkai.spread`. Run them on PostgreSQL too (`scripts/with-postgres.sh`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import transaction
from django.db.models import F, FloatField, Value
from django.db.models.functions import Cast
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.spread import box
from gongkai.web.agencies.models import Agency
from gongkai.web.reports.actions import keep_figures
from gongkai.web.reports.models import PublishedReport, ReportFigures
from gongkai.web.supervision.analytics import Standing, standing
from gongkai.web.supervision.filters import LEVELS, Filter
from gongkai.web.supervision.queries import totals, year_rows, year_totals
from gongkai.web.supervision.spreadsql import Spread, spreads
from gongkai.workdays import annual_report_due

pytestmark = pytest.mark.django_db

S = PublishedReport.Status
EXAMPLES = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
FIGURE = st.fixed_dictionaries(
    {
        "agency": st.integers(0, 5),
        "year": st.integers(2019, 2023),
        "status": st.sampled_from([S.PUBLISHED, S.PUBLISHED, S.DRAFT, S.SUPERSEDED]),
        "late": st.sampled_from([None, False, True]),
        "errors": st.integers(0, 3),
        "warnings": st.integers(0, 2),
        "edition": st.integers(1, 2),
    }
)


def _store(agencies: list[Agency], figures: list[dict[str, Any]]) -> None:
    """Each figure row of the example with a (draft) report to hang on."""
    reports = PublishedReport.objects.bulk_create(
        PublishedReport(agency=agencies[f["agency"]], year=f["year"], template="2021", data={})
        for f in figures
    )
    ReportFigures.objects.bulk_create(
        ReportFigures(report=r, **{**f, "agency": agencies[f["agency"]]})
        for r, f in zip(reports, figures, strict=True)
    )


def _expected(agencies: list[Agency], figures: list[dict[str, Any]], first: int, last: int) -> Any:
    """The standing as summed one agency at a time (the worst first, then tree order)."""
    rows = []
    for n, agency in sorted(enumerate(agencies), key=lambda a: a[1].path):
        mine = [
            f
            for f in figures
            if f["agency"] == n and f["status"] == S.PUBLISHED and first <= f["year"] <= last
        ]
        rows.append(
            Standing(
                agency.pk,
                agency.name,
                LEVELS.get(agency.level, ""),
                len(mine),
                sum(1 for f in mine if f["late"]),
                sum(f["errors"] for f in mine),
                sum(f["warnings"] for f in mine),
                sum(1 for f in mine if f["edition"] > 1),
                last - first + 1 - len(mine),
            )
        )
    return sorted(rows, key=lambda r: (-r.missing, -r.late, -r.errors, -r.corrected))


def _counts(rows: list[Standing]) -> dict[str, int]:
    return {
        "agencies": len(rows),
        "complete": sum(1 for r in rows if not r.missing),
        "missing": sum(1 for r in rows if r.missing),
        "late": sum(1 for r in rows if r.late),
        "with_errors": sum(1 for r in rows if r.errors),
        "corrected": sum(1 for r in rows if r.corrected),
    }


@EXAMPLES
@given(
    figures=st.lists(FIGURE, max_size=25),
    span=st.tuples(st.integers(2019, 2023), st.integers(0, 3)),
    limit=st.sampled_from([None, 1, 3]),
)
def test_the_standing_summed_in_sql_is_the_standing_summed_one_by_one(
    tree: dict[str, Agency], figures: list[dict[str, Any]], span: tuple[int, int], limit: int | None
) -> None:
    first, last = span[0], span[0] + span[1]
    with transaction.atomic():
        agencies = [*tree.values()]
        agencies += [Agency.objects.create(name=n, parent=tree["city"]) for n in ("甲", "乙")]
        _store(agencies, figures)
        chosen = Filter(Agency.objects.all(), None, "", first, last, [], [], [])
        expected = _expected(agencies, figures, first, last)
        assert standing(chosen, limit) == (expected[:limit], _counts(expected))
        transaction.set_rollback(True)


def test_the_standing_sums_published_reports_of_the_span_only(tree: dict[str, Agency]) -> None:
    """A fixed case beside the random ones: drafts, replaced editions and other years count
    for nothing; an agency without reports misses every year."""
    agencies = list(tree.values())
    base = {"late": False, "errors": 0, "warnings": 0, "edition": 1}
    _store(
        agencies,
        [
            {**base, "agency": 0, "year": 2021, "status": S.PUBLISHED, "errors": 2},
            {**base, "agency": 0, "year": 2022, "status": S.PUBLISHED, "late": True},
            {**base, "agency": 1, "year": 2022, "status": S.DRAFT, "errors": 5},
            {**base, "agency": 1, "year": 2021, "status": S.SUPERSEDED},
            {**base, "agency": 2, "year": 2020, "status": S.PUBLISHED},
        ],
    )
    chosen = Filter(Agency.objects.all(), None, "", 2021, 2022, [], [], [])
    rows, totals = standing(chosen)
    found = {r.agency: (r.published, r.missing, r.late, r.errors) for r in rows}
    assert found == {
        "某省": (2, 0, 1, 2),
        "某市": (0, 2, 0, 0),
        "某县": (0, 2, 0, 0),
        "另一市": (0, 2, 0, 0),
    }
    assert totals["complete"] == 1


VALUE = st.one_of(st.integers(0, 12), st.integers(0, 10**6))  # ties and outliers, and spread


@EXAMPLES
@given(st.lists(st.tuples(st.sampled_from(list(LEVELS)), VALUE), min_size=1, max_size=40))
def test_box_plots_in_the_database_are_what_the_core_computes(
    db: None, values: list[tuple[str, int]]
) -> None:
    with transaction.atomic():
        Agency.objects.bulk_create(
            Agency(name=f"机关{n}", level=level, population=v, path=f"/{n}/")
            for n, (level, v) in enumerate(values)
        )
        rows = (
            Agency.objects.annotate(value=Cast(F("population"), FloatField()) / Value(7.0))
            .values_list("level", "value", "pk")
            .order_by()
        )
        assert spreads(rows) == _core_spreads(list(rows))
        transaction.set_rollback(True)


def _core_spreads(rows: list[tuple[str, float, int]]) -> dict[str, Spread]:
    found = {}
    for group in {g for g, _, _ in rows}:
        values = [(v, k) for g, v, k in rows if g == group]
        made = box([v for v, _ in values])
        assert made is not None
        far = sorted(((v, k) for v, k in values if made.is_outlier(v)), key=lambda p: (-p[0], p[1]))
        found[group] = Spread(made, far)
    return found


def test_a_box_plot_in_the_database_finds_the_far_values(db: None) -> None:
    """A fixed case: 1…9 and 100; the quartiles 3.25, 5.5, 7.75 and 100 beyond the fence."""
    values = [*range(1, 10), 100]
    Agency.objects.bulk_create(
        Agency(name=f"机关{v}", level="county", population=v, path=f"/{v}/") for v in values
    )
    rows = Agency.objects.annotate(value=Cast(F("population"), FloatField())).values_list(
        "level", "value", "pk"
    )
    (found,) = spreads(rows.order_by()).values()
    assert (found.box.q1, found.box.median, found.box.q3) == (3.25, 5.5, 7.75)
    assert (found.box.low, found.box.high, found.box.count) == (1, 9, 10)
    assert [v for v, _ in found.outliers] == [100]


STATES = st.lists(
    st.sampled_from(["published", "published errors", "published late", "draft", "draft errors"]),
    max_size=1,
).map(lambda s: [*s, *(["superseded"] if s and s[0].startswith("published") else [])])


@EXAMPLES
@given(st.lists(STATES, min_size=6, max_size=6), st.sampled_from([2020, dt.date.today().year]))
def test_a_year_counted_in_sql_is_the_year_counted_agency_by_agency(
    tree: dict[str, Agency], states: list[list[str]], year: int
) -> None:
    """The overview's counts at the top (one grouped query) against the counts over its
    rows (each agency's published report, else its draft)."""
    with transaction.atomic():
        agencies = [*tree.values()]
        agencies += [
            Agency.objects.create(name=n, parent=tree["city"], level=Agency.Level.DEPARTMENT)
            for n in ("甲局", "乙局")
        ]
        reports = [
            PublishedReport(
                agency=agency,
                year=year,
                template="2021",
                data={},
                status=state.split()[0],
                errors=2 if "errors" in state else 0,
                published_on=annual_report_due(year, government=agency.is_government())
                + dt.timedelta(days=9 if "late" in state else -9),
                late="late" in state,
            )
            for agency, held in zip(agencies, states, strict=True)
            for state in held
        ]
        keep_figures(*PublishedReport.objects.bulk_create(reports))
        scope = Agency.objects.all()
        assert year_totals(scope, year) == totals(year_rows(scope, year))
        transaction.set_rollback(True)
