"""The interchange model keeps table 三's rows in the template's order, whatever order a JSON
object (PostgreSQL's jsonb sorts keys) gives them in."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai import catalog
from gongkai.model import Report
from tests.support.reports import report_from_rng


@settings(max_examples=50, deadline=None)
@given(seed=st.integers(0, 10**6))
def test_rows_come_back_in_the_templates_order(seed: int) -> None:
    rng = random.Random(seed)
    report = report_from_rng(rng)
    data = report.to_json()
    rows = list(data["applications"]["rows"].items())
    rng.shuffle(rows)
    data["applications"]["rows"] = dict(rows)
    again = Report.model_validate(data)
    expected = [r.id for r in catalog.APPLICATION_ROWS[report.template]]
    assert list(again.applications.rows) == expected
    assert again.applications.rows == report.applications.rows
