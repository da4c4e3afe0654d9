"""A small published library for the open-data tests: generated reports over a few
agencies and years, one with a wrong cell, one published late."""

from __future__ import annotations

import datetime as dt
import random

from gongkai.checks import check_report
from gongkai.web.agencies.models import Agency
from gongkai.web.reports.actions import Collecting, store_collected
from gongkai.web.reports.models import PublishedReport
from tests.support.reports import report_from_rng, with_a_wrong_cell


def publish_library(agencies: list[Agency], years: tuple[int, ...]) -> list[PublishedReport]:
    """One collected (published) report per agency and year; the first is wrong in a cell,
    the second was published after its due date."""
    rng = random.Random(14)
    entries = []
    for n, (agency, year) in enumerate((a, y) for a in agencies for y in years):
        report = report_from_rng(rng, "2021")
        report = with_a_wrong_cell(report, rng) if n == 0 else report
        published_on = dt.date(year + 1, 5 if n == 1 else 1, 20)
        report = report.model_copy(
            update={"agency": agency.name, "year": year, "published_on": published_on}
        )
        report = report.model_copy(update={"findings": check_report(report)})
        entries.append(Collecting(agency, report, f"{agency.name}{year}.txt", b"x"))
    return store_collected(entries, None)
