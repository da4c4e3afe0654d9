"""Footnote marks printed small and raised after a figure in a PDF's cell
(`readers/footmarks.py`)."""

from __future__ import annotations

import time

from hypothesis import given
from hypothesis import strategies as st

from gongkai.readers.footmarks import without_footnote_marks
from gongkai.readers.pdfpage import Char


def _chars(text: str, left: float, baseline: float, size: float) -> list[Char]:
    """`text` set in a type of `size` points from `left` on `baseline` (box: the size)."""
    width = size / 2
    return [
        Char(
            t,
            left + i * width,
            baseline - 0.8 * size,
            left + (i + 1) * width,
            baseline + 0.2 * size,
            0,
            baseline,
        )
        for i, t in enumerate(text)
    ]


def _text(chars: list[Char]) -> str:
    return "".join(c.text for c in chars)


def test_a_small_raised_mark_after_a_figure_is_left_out() -> None:
    figure = _chars("297", 10, 100, 10)
    for mark in ("1", "*", "12"):
        raised = _chars(mark, figure[-1].right, 96, 6)
        assert _text(without_footnote_marks(figure + raised)) == "297"
    assert _text(without_footnote_marks(figure + _chars("¹", figure[-1].right, 100, 10))) == "297"


@given(
    st.text("0123456789件万元*", min_size=1, max_size=8),
    st.text("0123456789件*", min_size=1, max_size=4),
    st.floats(0.86, 1.5),
    st.floats(-5, 1.9),
)
def test_what_is_not_clearly_smaller_and_raised_is_kept(
    figure: str, after: str, scale: float, raised: float
) -> None:
    """Characters of the figure's size or more, or standing (nearly) on its baseline,
    whatever they are: the cell's own."""
    chars = _chars(figure, 10, 100, 10)
    bigger = _chars(after, chars[-1].right, 100 - 5, 10 * scale)
    level = _chars(after, chars[-1].right, 100 - raised, 6)
    assert without_footnote_marks(chars + bigger) == chars + bigger
    assert without_footnote_marks(chars + level) == chars + level


def test_a_hostile_cell_of_many_figures_drawn_over_each_other_is_looked_at_in_linear_time() -> None:
    chars = [c for line in range(2000) for c in _chars("12345", 10, 100 + line * 0.01, 10)]
    started = time.process_time()
    assert len(without_footnote_marks(chars)) == len(chars)
    assert time.process_time() - started < 2
