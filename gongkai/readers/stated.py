"""Figures the report's prose states, as a check on the readings of tables 四 and 二.

A glued table 四 may have several readings in which every group adds up (「…11700 18」:
复议后起诉 11、7、0、0 or 1、17、0、0, both 18). The prose often states the groups' totals
(「本年度发生政府信息公开行政复议6件，政府信息公开行政诉讼29件」): a reading whose totals
differ from a figure stated for certain (no hedge on its scope) is left out, unless every
reading differs (the prose or the table is then itself wrong, and proves nothing).
Table 二 likewise: 「全年共制发行政规范性文件1753件」 leaves, of the splits of
「行政规范性文件1753246 4985」, the one with 1753 制发 (`stated_active_cells`).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from typing import TypeVar

from gongkai import catalog
from gongkai.model import NarrativeFigure
from gongkai.readers.repair import Cells, narrowed

_GROUP_FIELDS = len(catalog.APPEAL_FIELDS)
_GROUPS = [g.id for g in catalog.APPEAL_GROUPS]

_Key = TypeVar("_Key", bound=Hashable)


def stated_appeal_totals(figures: Sequence[NarrativeFigure] | None) -> dict[str, int]:
    """The figures the prose states for certain of table 四's quantities (行政复议, 行政诉讼),
    by quantity; a quantity the prose states with two values proves nothing."""
    return _stated_once(_appeal_totals(figures or ()))


def _appeal_totals(figures: Iterable[NarrativeFigure]) -> Iterator[tuple[str, int]]:
    for figure in figures:
        pattern = catalog.NARRATIVE_BY_KEY.get(figure.key)
        quantities = pattern.quantities if pattern else ()
        certain = figure.hedge is None and len(quantities) == 1
        if certain and catalog.QUANTITIES[quantities[0]].groups:
            yield quantities[0], figure.value


def agreeing_with_prose(readings: list[Cells], stated: Mapping[str, int]) -> list[Cells]:
    """The readings of table 四 whose totals are those the prose states; all of them when
    none is."""
    return narrowed(readings, lambda r: all(_total(r, k) == v for k, v in stated.items()))


def _total(cells: Cells, key: str) -> int:
    groups = catalog.QUANTITIES[key].groups
    ends = [(_GROUPS.index(g) + 1) * _GROUP_FIELDS - 1 for g in groups]
    return sum(cells[i] or 0 for i in ends)


def stated_active_cells(
    figures: Sequence[NarrativeFigure] | None, template: catalog.TemplateId
) -> dict[str, dict[str, int]]:
    """The cells of table 二 the prose states for certain: row id → field id → figure (a cell
    stated with two values proves nothing)."""
    stated: dict[str, dict[str, int]] = {}
    for (row, field), value in _stated_once(_active_cells(figures or (), template)).items():
        stated.setdefault(row, {})[field] = value
    return stated


def _active_cells(
    figures: Iterable[NarrativeFigure], template: catalog.TemplateId
) -> Iterator[tuple[tuple[str, str], int]]:
    for figure in figures:
        cell = catalog.STATED_ACTIVE_CELLS.get(figure.key, {}).get(template)
        if cell is not None and figure.hedge is None:
            yield cell, figure.value


def _stated_once(said: Iterable[tuple[_Key, int]]) -> dict[_Key, int]:
    """Each key's value, for the keys stated with one value only: a figure the prose states
    with two values proves nothing."""
    values: dict[_Key, set[int]] = {}
    for key, value in said:
        values.setdefault(key, set()).add(value)
    return {key: next(iter(v)) for key, v in values.items() if len(v) == 1}


def agreeing_cells(
    readings: list[Cells], fields: Sequence[str], stated: Mapping[str, int]
) -> list[Cells]:
    """The readings of a row of table 二 (its `fields` in order) whose cells are those the
    prose states; all of them when none is."""
    places = [(fields.index(f), v) for f, v in stated.items() if f in fields]
    return narrowed(readings, lambda r: all(r[i] == v for i, v in places))
