"""Table 四's readings against the totals the prose states (issue 13, crawler text)."""

from __future__ import annotations

from gongkai.model import NarrativeFigure
from gongkai.readers.repair import Cells
from gongkai.readers.stated import (
    agreeing_cells,
    agreeing_with_prose,
    stated_active_cells,
    stated_appeal_totals,
)

_FIRST = (10, 0, 0, 11, 21, 2, 0, 3, 2, 7, 1, 0, 5, 0, 6)
_SECOND = (1, 0, 0, 0, 1, 12, 12, 0, 3, 27, 1, 0, 5, 0, 6)


def _figure(key: str, value: int, hedge: str | None = None) -> NarrativeFigure:
    return NarrativeFigure(key=key, value=value, sentence="", hedge=hedge)


def test_only_figures_of_table_four_stated_for_certain_count() -> None:
    figures = [_figure("review", 1), _figure("litigation", 33, hedge="全县"), _figure("total", 9)]
    assert stated_appeal_totals(figures) == {"review": 1}
    assert stated_appeal_totals(None) == {}


def test_readings_whose_totals_differ_from_the_prose_are_left_out() -> None:
    """行政诉讼 is both litigation groups' totals: 27 + 6 = 33."""
    assert agreeing_with_prose([_FIRST, _SECOND], {"litigation": 33}) == [_SECOND]
    assert agreeing_with_prose([_FIRST, _SECOND], {"review": 21, "litigation": 13}) == [_FIRST]


def test_no_reading_left_out_when_none_agrees() -> None:
    assert agreeing_with_prose([_FIRST, _SECOND], {"review": 5}) == [_FIRST, _SECOND]


def test_table_two_cells_are_stated_by_template() -> None:
    figures = [_figure("normative_issued", 5), _figure("normative_in_force", 86)]
    assert stated_active_cells(figures, "2021") == {
        "normative_documents": {"issued": 5, "in_force": 86}
    }
    assert stated_active_cells(figures, "2019") == {"normative_documents": {"made": 5}}
    assert stated_active_cells([_figure("normative_issued", 5, hedge="全县")], "2021") == {}


def test_table_two_readings_keep_the_stated_cells() -> None:
    readings: list[Cells] = [(175, 3246, 4985), (1753, 246, 4985)]
    fields = ["issued", "repealed", "in_force"]
    assert agreeing_cells(readings, fields, {"issued": 1753}) == [(1753, 246, 4985)]
    assert agreeing_cells(readings, fields, {"issued": 7}) == readings


def test_a_figure_the_prose_states_with_two_values_proves_nothing() -> None:
    """The overview and section 四 disagree: neither rules out a reading."""
    figures = [_figure("review", 1), _figure("review", 2), _figure("litigation", 33)]
    assert stated_appeal_totals(figures) == {"litigation": 33}
    issued = [_figure("normative_issued", 5), _figure("normative_issued", 6)]
    assert stated_active_cells(issued, "2021") == {}
