"""Cell names: a dotted row id (withheld.state_secret) names one cell like any other."""

from __future__ import annotations

import json
from pathlib import Path

from gongkai.cells import cell_label, cell_parts, cell_value

SEED = next(Path("/work/shared/seeds").glob("003_*.expected.json"))


def test_a_cell_of_a_row_whose_id_holds_a_dot_is_found_and_labelled() -> None:
    """Regression (issue 14): such cells could be neither corrected nor labelled."""
    data = json.loads(SEED.read_text())
    name = "applications.withheld.state_secret.total"
    assert cell_parts(name) == ("applications", "withheld.state_secret", "total")
    container, key, value = cell_value(data, name)
    assert container is data["applications"]["rows"]["withheld.state_secret"] and key == 6
    assert value == data["applications"]["rows"]["withheld.state_secret"][6]
    assert cell_label(name) == "表三（三）1「总计」"
    assert cell_label("appeals.review.upheld").startswith("表四")


def test_the_first_rows_of_table_three_are_not_named_as_tables() -> None:
    """Regression (issue 14): 本年新收申请 was labelled 表一「自然人」, as if table 一."""
    assert cell_label("applications.new_received.natural_person") == "表三“一”「自然人」"
    assert cell_label("applications.carry_forward.total") == "表三“四”「总计」"
    assert cell_label("applications.granted.total") == "表三（一）「总计」"
