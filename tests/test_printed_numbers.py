"""Table 三's numbers as the print-order reader takes them from pdftotext's default-mode
text (issue 13): numbers on lines of their own, and a row's first numbers printed on its
label's line (WeasyPrint styled PDFs), in print order; prose figures are none of them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gongkai import catalog
from gongkai.readers.printorder import printed_numbers
from gongkai.readers.trace import At

# Lines of `pdftotext` (default mode) on the corpus's WeasyPrint styled PDF of
# gen-13-029: the row 三（三）5 prints its first cell on its label's line.
_LABEL_LINE = ["", "55", "", "5.属于三类内部事务信息 31", "", "0", "", "9", "", "26"]


def test_a_number_on_its_rows_label_line_is_taken_in_print_order() -> None:
    numbers = printed_numbers(_LABEL_LINE, 10, frozenset())
    assert numbers.paragraphs == [[55], [31], [0], [9], [26]]
    assert numbers.places[1] == At(13, 13, 15)


def test_a_wrapped_labels_first_line_with_numbers_gives_them() -> None:
    lines = ["1.本机关不掌握相关政府 39 0", "信息"]
    numbers = printed_numbers(lines, 1, frozenset())
    assert numbers.paragraphs == [[39, 0]]
    assert numbers.places == [At(1, 13, 15), At(1, 16, 17)]


def test_prose_ending_in_a_figure_gives_no_number() -> None:
    """Lines of the corpus's reports whose figure ends the line: none is a label's start."""
    lines = [
        "息公开申请 578 件，上年结转 5 件，结转下年度继续办理 9",
        "全年共受理政府信息公开申请 642 件（含上年结转 1",
        "2021 年，盐湖区人民政府门户网站发布信息 4055",
        "（一） 7",
        "7",
    ]
    numbers = printed_numbers(lines, 1, frozenset())
    assert numbers.paragraphs == [[7]]
    assert numbers.places == [At(5, 0, 1)]


@given(
    st.sampled_from([row.label for row in catalog.ALL_APPLICATION_ROWS.values()]),
    st.integers(min_value=4, max_value=60),
    st.lists(st.integers(min_value=0, max_value=99_999), min_size=1, max_size=7),
)
def test_numbers_after_any_labels_first_line_are_taken(
    label: str, cut: int, cells: list[int]
) -> None:
    """Any row label of table 三, whole or cut as a wrapped label's first line, followed by
    numbers gives those numbers, each where it is printed."""
    words = label[:cut]
    line = words + " " + " ".join(str(c) for c in cells)
    numbers = printed_numbers([line], 1, frozenset())
    assert numbers.paragraphs == [cells]
    assert [line[at.start : at.end] for at in numbers.places] == [str(c) for c in cells]
