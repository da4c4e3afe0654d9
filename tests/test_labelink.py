"""A scanned table's template labels kept only where their print is as long as the text
(gongkai.readers.labelink)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gongkai.readers.labelink import fitting, own_labels
from gongkai.readers.scangrid import Cell
from gongkai.readers.scantext import InkBox

_HEIGHT = 30  # pixels: a line of print
_LABELS = {
    (0, 0): "1.属于国家秘密",
    (1, 0): "2.其他法律行政法规禁止公开",
    (2, 0): "3.危及“三安全一稳定”",
    (3, 0): "4.保护第三方合法权益",
}


def _print(ems: float, scale: float = 1.0) -> list[InkBox]:
    """One line of print `ems` long, at `scale` of the label's type."""
    return [InkBox(0, 0, round(ems * _HEIGHT * scale), _HEIGHT)]


def _as_printed(
    texts: dict[tuple[int, int], str], scale: float
) -> dict[tuple[int, int], list[InkBox]]:
    ems = {"1.属于国家秘密": 7.0, "2.其他法律行政法规禁止公开": 12.0, "3.危及“三安全一稳定”": 10.0}
    return {place: _print(ems.get(text, 10.0), scale) for place, text in texts.items()}


@given(st.floats(0.5, 2.0))
def test_labels_printed_as_long_as_their_text_are_kept_in_any_type_size(scale: float) -> None:
    assert fitting(_LABELS, _as_printed(_LABELS, scale)) == _LABELS


def test_a_row_printing_another_label_loses_the_table_its_template_labels() -> None:
    """The ruling matched the template's rows one too high: row 1 prints row 0's label."""
    printed = _as_printed({**_LABELS, (1, 0): "1.属于国家秘密"}, 1.0)
    assert fitting(_LABELS, printed) == {}
    printed = _as_printed({**_LABELS, (0, 0): "2.其他法律行政法规禁止公开"}, 1.0)
    assert fitting(_LABELS, printed) == {}  # too long, even at the table's edge


def test_a_short_label_at_the_table_s_edge_is_read_alone() -> None:
    """A row broken over two pages prints part of its label on each."""
    printed = {**_as_printed(_LABELS, 1.0), (3, 0): _print(2.0)}
    assert fitting(_LABELS, printed) == {p: t for p, t in _LABELS.items() if p != (3, 0)}


def test_too_few_rows_to_measure_or_no_print_trust_no_label() -> None:
    """One checked row always measures 1 against itself, two barely tell a wrong label;
    label cells that print nothing (pale ink lost to the binarisation) prove nothing."""
    two = dict(list(_LABELS.items())[:2])
    shifted = _as_printed({(0, 0): "2.其他法律行政法规禁止公开", (1, 0): "1.属于国家秘密"}, 1.0)
    assert fitting(two, shifted) == {}
    assert fitting(_LABELS, {place: [] for place in _LABELS}) == {}
    assert fitting(_LABELS, {}) == _LABELS  # no row to read: the labels do not matter


def test_a_wrapped_label_counts_each_of_its_lines() -> None:
    wrapped = {**_as_printed(_LABELS, 1.0), (1, 0): [InkBox(0, 0, 6 * _HEIGHT, 2 * _HEIGHT)]}
    assert fitting(_LABELS, wrapped) == _LABELS


def test_the_label_checked_in_a_row_is_its_rightmost_one_row_high() -> None:
    cells = [
        Cell(0, 0, 2, 1, 0, 0, 0, 0),  # a group's label over two rows
        Cell(0, 1, 1, 1, 0, 0, 0, 0),
        Cell(0, 2, 1, 1, 0, 0, 0, 0),  # a figure
        Cell(1, 1, 1, 1, 0, 0, 0, 0),
        Cell(1, 2, 1, 1, 0, 0, 0, 0),
        Cell(2, 0, 1, 3, 0, 0, 0, 0),  # a header: no figure to read in its row
    ]
    labels = {(0, 0): "（三）", (0, 1): "1.", (1, 1): "2.", (2, 0): "表头"}
    assert {row: (c.row, c.column) for row, c in own_labels(cells, labels).items()} == {
        0: (0, 1),
        1: (1, 1),
    }
