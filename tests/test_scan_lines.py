"""A scanned cell's lines of print: pieces of one line cut apart by the binarisation are
joined again, two real lines never (gongkai.readers.scancells.whole_lines)."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from gongkai.readers.scancells import _JOINED, _PIECE, whole_lines
from gongkai.readers.scantext import InkBox


@st.composite
def _cell_boxes(draw: st.DrawFn) -> list[InkBox]:
    """Boxes of print one below the other in a cell, as `line_boxes` gives them."""
    boxes, top = [], draw(st.integers(0, 10))
    for _ in range(draw(st.integers(0, 6))):
        tall = draw(st.integers(4, 40))
        left = draw(st.integers(0, 50))
        boxes.append(InkBox(left, top, left + draw(st.integers(4, 80)), top + tall))
        top += tall + draw(st.integers(0, 12))
    return boxes


@given(_cell_boxes(), st.floats(10, 40))
def test_each_line_is_a_run_of_boxes_and_only_pieces_shorter_than_a_line_are_joined(
    boxes: list[InkBox], height: float
) -> None:
    lines = whole_lines(boxes, height)
    first = 0
    for line in lines:  # each line is the union of the next boxes, in order
        last = next(i for i in range(first, len(boxes)) if boxes[i].bottom == line.bottom)
        run = boxes[first : last + 1]
        assert line == InkBox(
            min(b.left for b in run), run[0].top, max(b.right for b in run), run[-1].bottom
        )
        if len(run) > 1:
            assert all(b.bottom - b.top < _PIECE * height for b in run)
            assert line.bottom - line.top <= _JOINED * height
        first = last + 1
    assert first == len(boxes)
    for upper, lower in itertools.pairwise(lines):  # no two lines left are such pieces
        short = max(upper.bottom - upper.top, lower.bottom - lower.top) < _PIECE * height
        assert not (short and lower.bottom - upper.top <= _JOINED * height)


def test_a_2_cut_below_its_arc_is_one_line_and_two_lines_of_a_label_stay_two() -> None:
    # a blurred 「22」 at 200 dpi: its arcs (17 pixels with the margins) above its bases (10)
    arcs, bases = InkBox(10, 0, 40, 17), InkBox(11, 20, 41, 30)
    assert whole_lines([arcs, bases], 25.0) == [InkBox(10, 0, 41, 30)]
    first, second = InkBox(0, 0, 90, 28), InkBox(0, 31, 70, 59)
    assert whole_lines([first, second], 25.0) == [first, second]
