"""Cell names: a dotted row id (withheld.state_secret) names one cell like any other."""

from __future__ import annotations

import json
import re
from pathlib import Path

from gongkai import catalog
from gongkai.cells import cell_label, cell_parts, cell_value

SEED = next((Path(__file__).parent / "fixtures" / "seeds").glob("003_*.expected.json"))


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


def _every_cell_name() -> list[str]:
    names = [
        f"active.{row.id}.{field.id}"
        for rows in catalog.ACTIVE_ROWS.values()
        for row in rows
        for field in row.fields
    ]
    names += [
        f"applications.{row}.{column}"
        for row in catalog.ALL_APPLICATION_ROWS
        for column in catalog.COLUMN_LABELS
    ]
    names += [
        f"appeals.{g.id}.{f.id}" for g in catalog.APPEAL_GROUPS for f in catalog.APPEAL_FIELDS
    ]
    return names


def test_every_cell_of_either_template_is_named_in_chinese() -> None:
    """Regression: the 2019 template's 表二「规章」 cells were shown to an officer correcting
    them as `active.regulations.made` (the 2021 row of that id has other fields)."""
    english = [(n, cell_label(n)) for n in _every_cell_name() if re.search("[a-z]", cell_label(n))]
    assert english == []
