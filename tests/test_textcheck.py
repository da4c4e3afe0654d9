"""The digits a PDF's text layer gives are checked against the glyphs its pages draw
(`textcheck`): a font whose map gives other digits, or digits drawn where nothing shows,
is caught on every page that uses it; honest fonts are not."""

from __future__ import annotations

import functools
import io
import random
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.readers import recognise, textcheck
from gongkai.readers.pdf import open_pdf
from gongkai.readers.pdfpage import page_text
from gongkai.readers.textcheck import DigitCheck, Sign
from gongkai.render import render
from tests.support.corpus.textlayers import digits_mapped
from tests.support.reports import report_from_rng

_DIGITS = "0123456789"


@functools.cache
def _printed(seed: int) -> bytes:
    return bytes(render(report_from_rng(random.Random(seed), "2021"), "pdf"))


def _signs(pdf: bytes) -> dict[int, Sign]:
    check = DigitCheck()
    with open_pdf(pdf) as document:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            text = page_text(textpage.raw, pdfium_c.FPDFText_CountChars(textpage.raw))
            check.sample(page.raw, textpage.raw, index, text)
            textpage.close()
            page.close()
    return check.signs()


def _pages_drawing(pdf: bytes, digits: set[str]) -> set[int]:
    """The pages whose text gives one of `digits` (the honest PDF's text: what is drawn)."""
    with open_pdf(pdf) as document:
        return {
            index
            for index in range(len(document))
            if digits & set(document[index].get_textpage().get_text_range())
        }


def test_honest_fonts_raise_no_sign() -> None:
    assert _signs(_printed(21)) == {}


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.permutations(_DIGITS))
def test_any_map_giving_other_digits_is_caught_on_every_page_drawing_them(
    order: list[str],
) -> None:
    pdf = _printed(21)
    moved = {digit for digit, said in zip(_DIGITS, order, strict=True) if digit != said}
    expected = dict.fromkeys(_pages_drawing(pdf, moved), "misdrawn")
    assert _signs(digits_mapped(pdf, "".join(order))) == expected


def _changed(pdf: bytes, change: Callable[[Any], object]) -> bytes:
    """`pdf` with `change` applied to each object on its pages."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        for page in document:
            for item in page.get_objects():
                change(item)
            page.gen_content()
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()
    finally:
        document.close()


def _coloured(pdf: bytes, grey: int) -> bytes:
    """`pdf` with its text drawn in `grey` (255: white on the white page, there and not
    seen)."""

    def colour(item: Any) -> None:
        if item.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
            pdfium_c.FPDFPageObj_SetFillColor(item.raw, grey, grey, grey, 255)

    return _changed(pdf, colour)


def test_digits_drawn_where_nothing_shows_are_a_sign() -> None:
    pdf = _printed(21)
    undrawn = _signs(_coloured(pdf, 255))
    assert undrawn == dict.fromkeys(_pages_drawing(pdf, set(_DIGITS)), "undrawn")


def test_digits_printed_grey_are_drawn() -> None:
    assert _signs(_coloured(_printed(21), 153)) == {}


def _moved(pdf: bytes, right: float) -> bytes:
    """`pdf` with everything on its pages drawn `right` points further right."""
    return _changed(
        pdf, lambda item: pdfium_c.FPDFPageObj_Transform(item.raw, 1, 0, 0, 1, right, 0)
    )


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.floats(min_value=0.05, max_value=0.95))
def test_glyphs_drawn_a_fraction_of_a_point_aside_are_not_read_again(right: float) -> None:
    """Fonts whose glyphs were read are known again where pdfium sets the same glyphs on
    other whole pixels (the whole page drawn a fraction of a point aside): the recogniser
    is not called for them a second time."""
    real = recognise.read_crops
    crops: list[int] = []

    def counted(images: Sequence[np.ndarray]) -> list[recognise.Reading]:
        crops.append(len(images))
        return real(images)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(textcheck, "_READ", {})
        patch.setattr(recognise, "read_crops", counted)
        assert _signs(_printed(21)) == {}
        assert len(crops) == 1
        assert _signs(_moved(_printed(21), right)) == {}
    assert len(crops) == 1
