"""The readers' limits: one validated settings object, each limit enforced where it bites."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.errors import OverLimit
from gongkai.grid import SpanCell, spans_to_grid
from gongkai.readers import read_bytes, read_file
from gongkai.readers.html import html_to_text
from gongkai.readers.limits import (
    DEFAULT_LIMITS,
    LARGEST,
    InvalidLimits,
    Limits,
    check_numbers,
    limit_pair,
    limits_setting,
)
from tests.support.hostile import text_table_rows

SEED = Path(__file__).parent / "fixtures" / "seeds" / "000_8d68b7645fe2b4af.txt"


def test_limits_resolve_from_settings_and_refuse_what_is_not_a_limit() -> None:
    assert Limits.resolve(None) == DEFAULT_LIMITS
    assert Limits.resolve({"pages": 20}) == Limits(pages=20)
    with pytest.raises(InvalidLimits, match=r"^没有名为 pagex、pagez 的读取限制$"):
        Limits.resolve({"pagez": 20, "pagex": 1})
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


@given(st.sampled_from([f.name for f in dataclasses.fields(Limits)]), st.integers(1, LARGEST))
def test_a_limit_written_name_equals_value_resolves_to_that_limit(name: str, value: int) -> None:
    assert getattr(Limits.resolve(dict([limit_pair(f" {name} = {value} ")])), name) == value


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("ocr_pages=abc", "读取限制 ocr_pages 应为正整数，实际为“abc”"),
        ("ocr_pages=-5", "读取限制 ocr_pages 应为正整数，实际为“-5”"),
        ("ocr_pages=", "读取限制 ocr_pages 未填写数值"),
        ("ocr_pages", "读取限制 ocr_pages 未填写数值"),
        ("=200", "“=200”缺少名称"),
        ("ocr_pages=2147483648", "读取限制 ocr_pages 不能大于2,147,483,647"),
        ("ocr_pages=" + "9" * 5_000, "读取限制 ocr_pages 不能大于2,147,483,647"),
    ],
)
def test_a_limit_written_without_a_positive_number_is_refused_by_name(
    written: str, said: str
) -> None:
    """In the people's words, without Python's quotes, and a number too long for int()
    refused as too large rather than with int()'s own error."""
    with pytest.raises(InvalidLimits) as refused:
        Limits.resolve(dict([limit_pair(written)]))
    assert str(refused.value) == said


@pytest.mark.parametrize("name", [f.name for f in dataclasses.fields(Limits)])
def test_a_limit_past_the_largest_is_refused_as_any_read_would_break_on_it(name: str) -> None:
    """number_digits of 2**32 broke the number check's regex and file_bytes of 2**63 the
    file's read, for every upload; the largest allowed breaks neither."""
    with pytest.raises(InvalidLimits, match="不能大于"):
        Limits.resolve({name: LARGEST + 1})
    limits = Limits.resolve({name: LARGEST})
    assert read_bytes(SEED.read_bytes(), SEED.name, limits=limits).applications
    assert read_file(str(SEED), limits) == SEED.read_bytes()


@given(
    st.dictionaries(
        st.sampled_from([f.name for f in dataclasses.fields(Limits)]),
        st.integers(1, LARGEST),
        max_size=6,
    ),
    st.sampled_from([",", " , ", ",,"]),
)
def test_the_environments_setting_is_the_limits_it_names(
    limits: dict[str, int], comma: str
) -> None:
    written = comma.join(f" {name} = {value} " for name, value in limits.items())
    assert limits_setting(written) == limits
    assert Limits.resolve(limits_setting(written)) == Limits(**limits)


def test_a_limit_set_twice_in_the_environment_is_refused() -> None:
    with pytest.raises(InvalidLimits) as refused:
        limits_setting("ocr_pages=200,pages=600,ocr_pages=10")
    assert str(refused.value) == "读取限制 ocr_pages 重复设置，请只保留一处"


@given(st.text(max_size=40))
def test_the_environments_setting_is_taken_or_refused_in_chinese(text: str) -> None:
    try:
        setting = limits_setting(text)
    except InvalidLimits as exc:
        assert "读取限制" in str(exc) or "缺少名称" in str(exc)
    else:
        assert Limits.resolve(setting) == Limits(**setting)
