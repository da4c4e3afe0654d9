"""The readers' limits: one validated settings object, each limit enforced where it bites."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.errors import OverLimit
from gongkai.grid import SpanCell, spans_to_grid
from gongkai.readers import read_bytes
from gongkai.readers.html import html_to_text
from gongkai.readers.limits import (
    DEFAULT_LIMITS,
    InvalidLimits,
    Limits,
    check_numbers,
    limit_pair,
)
from tests.support.hostile import text_table_rows


def test_limits_resolve_from_settings_and_refuse_what_is_not_a_limit() -> None:
    assert Limits.resolve(None) == DEFAULT_LIMITS
    assert Limits.resolve({"pages": 20}) == Limits(pages=20)
    with pytest.raises(InvalidLimits, match="读取限制中没有这些名称：pagez"):
        Limits.resolve({"pagez": 20})
    for bad in (0, -1, 2.5, True, "20"):
        with pytest.raises(InvalidLimits, match="应为正整数"):
            Limits.resolve({"pages": bad})


def test_over_limit_names_the_limit_in_chinese_with_its_location() -> None:
    error = OverLimit("file_bytes", 60 * 2**20, 50 * 2**20, location="a.pdf")
    assert str(error) == "a.pdf：文件大小为60.0MiB，超过上限50.0MiB，拒绝读取"
    assert error.code == "input.over_limit" and error.http_status == 413


@pytest.mark.parametrize(
    ("number", "refused"),
    [("7" * 100, False), ("7" * 101, True), ("1" + ",234" * 33, False), ("12" + ",345" * 33, True)],
)
def test_a_number_is_refused_only_past_the_digit_limit(number: str, refused: bool) -> None:
    text = f"第一行\n表三\t{number}\t件\n"
    if not refused:
        check_numbers(text, DEFAULT_LIMITS)
        return
    with pytest.raises(OverLimit) as caught:
        check_numbers(text, DEFAULT_LIMITS)
    assert (caught.value.limit, caught.value.location, caught.value.found) == (
        "number_digits",
        "第2行",
        101,
    )


def test_a_grid_is_refused_before_it_is_built_when_its_spans_cover_too_many_cells() -> None:
    rows = [[SpanCell("x", rowspan=100, colspan=100)] for _ in range(30)]
    with pytest.raises(OverLimit) as caught:
        spans_to_grid(rows, max_cells=250_000)
    assert (caught.value.limit, caught.value.found) == ("cells", 300_000)
    tall_and_wide = [[SpanCell("x", colspan=1000)], *[[SpanCell("y")] for _ in range(999)]]
    with pytest.raises(OverLimit):  # few cells, but the rectangle holds a million
        spans_to_grid(tall_and_wide, max_cells=250_000)


def test_text_table_rows_are_refused_past_the_row_limit_and_read_below_it() -> None:
    assert read_bytes(text_table_rows(50), limits=Limits(rows=200)).agency
    with pytest.raises(OverLimit) as caught:
        read_bytes(text_table_rows(300), limits=Limits(rows=200))
    assert caught.value.limit == "rows"


_ATTRIBUTE = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters='"<>&'), max_size=12
)


@settings(max_examples=200, deadline=None)
@given(_ATTRIBUTE, _ATTRIBUTE)
def test_any_span_attribute_is_read_or_refused_never_a_crash(rowspan: str, colspan: str) -> None:
    page = f'<table><tr><td rowspan="{rowspan}" colspan="{colspan}">1</td><td>2</td></tr></table>'
    try:
        text, _ = html_to_text(page.encode(), Limits(cells=10_000))
    except OverLimit as exc:
        assert exc.limit == "cells"
    else:
        first = text.split("\n")[0].split("\t")
        assert first[0] == "1" and first[-1] == "2"


@given(st.sampled_from([f.name for f in dataclasses.fields(Limits)]), st.integers(1, 10**12))
def test_a_limit_written_name_equals_value_resolves_to_that_limit(name: str, value: int) -> None:
    assert getattr(Limits.resolve(dict([limit_pair(f" {name} = {value} ")])), name) == value


@pytest.mark.parametrize("written", ["ocr_pages=abc", "ocr_pages=", "ocr_pages", "ocr_pages=-5"])
def test_a_limit_written_without_a_positive_number_is_refused_by_name(written: str) -> None:
    with pytest.raises(InvalidLimits, match="读取限制 ocr_pages 应为正整数"):
        Limits.resolve(dict([limit_pair(written)]))
