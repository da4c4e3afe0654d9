"""Table 三 printed row by row but for a few late cells, each a block of its own printed
later on its page (poppler on WeasyPrint's styled PDFs, issue 13): the search returns the
printed table or nothing, and reads such a table where nothing else decides it."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.readers import latecells, staircase
from gongkai.readers.column_rules import rule_contributions
from tests.test_staircase import (
    TABLES,
    _generated_table,
    _kept,
    _misprinted,
    _row_ids,
    assert_printed_or_nothing,
)

Printing = tuple[list[list[int]], frozenset[int]]


def _blocks(values: list[int], rng: random.Random) -> list[list[int]]:
    """Adjacent cells cut into blocks at random (a row's close cells may share one)."""
    blocks: list[list[int]] = [[]]
    for value in values:
        if blocks[-1] and rng.random() < 0.7:
            blocks.append([])
        blocks[-1].append(value)
    return [b for b in blocks if b]


def _page(table: staircase.Grid, rows: range, rng: random.Random) -> list[list[int]]:
    """The page's rows row by row, up to `latecells.MAX_LATE` of their cells left out and
    printed as one late run, rows in random order, each row's late cells in column order:
    at the page's end (after its footer), or just above the 总计 row if the page holds it
    and rows above it; never the cells of the row right above the run alone."""
    width = len(table[0])
    total = len(table) - latecells.TOTAL_FROM_END
    above = rows.start < total < rows.stop and rng.random() < 0.5
    run_before = total if above else rows.stop  # the row the run is printed above
    cells = [(r, c) for r in range(rows.start, run_before) for c in range(width)]
    late = set(rng.sample(cells, k=rng.randint(0, min(latecells.MAX_LATE, len(cells)))))
    if {r for r, _ in late} == {run_before - 1}:
        late = set()
    late_rows = sorted({r for r, _ in late})
    rng.shuffle(late_rows)
    run = [[table[r][c]] for r in late_rows for c in range(width) if (r, c) in late]
    paragraphs: list[list[int]] = []
    for r in rows:
        if r == run_before:
            paragraphs += run
        piece: list[int] = []
        for c in range(width):
            if (r, c) in late:
                paragraphs += _blocks(piece, rng)
                piece = []
            else:
                piece.append(table[r][c])
        paragraphs += _blocks(piece, rng)
    return paragraphs + (run if run_before == rows.stop else [])


def _with_late_cells(table: staircase.Grid, rng: random.Random) -> Printing:
    """The table printed on one to three pages, each page's rows as `_page` prints them."""
    cuts = sorted(rng.sample(range(1, len(table)), k=rng.randint(0, 2)))
    paragraphs: list[list[int]] = []
    tops: set[int] = set()
    for start, stop in zip([0, *cuts], [*cuts, len(table)], strict=True):
        tops.add(len(paragraphs))
        paragraphs += _page(table, range(start, stop), rng)
    return paragraphs, frozenset(tops - {0})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=TABLES, seed=st.integers(0, 2**32 - 1), slip=st.booleans())
def test_late_cells_give_the_printed_table_or_nothing(
    source: staircase.Grid, seed: int, slip: bool
) -> None:
    assert_printed_or_nothing(source, seed, slip, _with_late_cells)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=TABLES, seed=st.integers(0, 2**32 - 1))
def test_late_cells_with_a_misprinted_total_give_the_printed_table_or_nothing(
    source: staircase.Grid, seed: int
) -> None:
    rng = random.Random(seed)
    printed = _misprinted(source, rng)
    paragraphs, tops = _with_late_cells(printed, rng)
    assert _kept(paragraphs, tops, printed) in (None, printed)


def _late_total(table: staircase.Grid, row: int) -> Printing:
    """Row by row, one number a paragraph, on two pages cut below `row + 3` rows; `row`'s
    总计 printed at the end of the first page, as after its footer."""
    width = len(table[0])
    paragraphs = [[v] for index, r in enumerate(table) for v in (r[:-1] if index == row else r)]
    cut = (row + 3) * width - 1
    paragraphs.insert(cut, [table[row][-1]])
    return paragraphs, frozenset({cut + 1})


@pytest.mark.parametrize("row", [1, 5])
def test_a_total_printed_after_its_pages_footer_is_read(row: int) -> None:
    # gen-13-018 (WeasyPrint, styled): 上年结转's 总计 printed after the footer 「2」.
    table = _generated_table(5)
    paragraphs, tops = _late_total(table, row)
    assert _kept(paragraphs, tops, table) == table


def test_the_late_cell_search_reads_what_the_rows_in_place_cannot_and_counts_its_states(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With a 总计 printed late, the rows in place give no reading: the late-cell search
    gives the table, as reading the same figures in place does, and the states it spends
    count against the search's budget."""
    table = _generated_table(5)
    paragraphs, tops = _late_total(table, 1)
    rows = _row_ids(table)
    contributions = rule_contributions(rows)
    spent: list[int] = []
    search: Callable[..., list[tuple[staircase.Grid, staircase.Where]]] = latecells.readings

    def counted(*args: Any) -> list[tuple[staircase.Grid, staircase.Where]]:
        *given, spend = args[:6]

        def spy(states: int) -> None:
            spent.append(states)
            spend(states)

        return search(*given, spy, *args[6:])

    monkeypatch.setattr(latecells, "readings", counted)
    outcome = staircase.readings(paragraphs, tops, len(rows), contributions)
    whole = staircase.readings([[v] for r in table for v in r], tops, len(rows), contributions)
    assert [g for g, _ in outcome.readings] == [g for g, _ in whole.readings] == [table]
    with pytest.raises(staircase.SearchExhausted):
        staircase.readings(paragraphs, tops, len(rows), contributions, budget=outcome.states - 1)
    assert sum(spent) > 0


def test_a_late_total_in_a_table_with_a_misprinted_total_is_read() -> None:
    # The late-cell model too takes one row that does not add up, where none has all.
    table = _misprinted(_generated_table(5), random.Random(2))
    paragraphs, tops = _late_total(table, 1)
    assert _kept(paragraphs, tops, table) == table
