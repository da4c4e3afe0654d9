"""pdfium's functions called without ctypes' argument conversion (`readers/pdfcalls.py`)
answer as pypdfium2's declared bindings do, on a page with turned and upright text,
stroked lines and a filled bar, drawn directly and inside a form XObject."""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium_c

from gongkai.readers import pdfcalls
from tests.support.corpus.producers import drawn_turned
from tests.support.hostile import pdf_page

_DRAWING = (
    b"BT /F1 12 Tf 100 700 Td (Ab 12) Tj ET\n"
    b"BT /F1 9 Tf 0 1 -1 0 300 600 Tm (up) Tj ET\n"
    b"90 690 m 140 690 l 90 740 m 90 690 l S\n"
    b"100 500 200 1.5 re f\n"
)


@contextmanager
def _page() -> Iterator[tuple[Any, Any]]:
    document = pypdfium2.PdfDocument(pdf_page(400, 800, text=True, drawing=_DRAWING))
    page = document[0]
    textpage = page.get_textpage()
    try:
        yield page.raw, textpage.raw
    finally:
        textpage.close()
        page.close()
        document.close()


def _filled(call: Any, textpage: Any, index: int, kind: Any) -> tuple[Any, ...]:
    """What `call` answers for character `index`, and the structure it filled in."""
    value = kind()
    ok = call(textpage, index, ctypes.byref(value))
    return (ok, bytes(value))


def test_character_calls_answer_as_the_bindings() -> None:
    with _page() as (_, textpage):
        count = pdfium_c.FPDFText_CountChars(textpage)
        assert count > 8
        pairs = (
            (pdfcalls.char_loose_box, pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FS_RECTF),
            (pdfcalls.char_matrix, pdfium_c.FPDFText_GetMatrix, pdfium_c.FS_MATRIX),
        )
        for index in range(count):
            for direct, typed, kind in pairs:
                want = _filled(typed, textpage, index, kind)
                assert _filled(direct, textpage, index, kind) == want
            generated = pdfium_c.FPDFText_IsGenerated(textpage, index)
            assert pdfcalls.char_generated(textpage, index) == generated


def _object_facts(page: Any, direct: bool) -> list[tuple[Any, ...]]:
    """Each object's type, bounds and (for a path) draw modes, asked one way or the other."""
    facts = []
    for index in range(pdfium_c.FPDFPage_CountObjects(page)):
        handle = (pdfcalls.page_object if direct else pdfium_c.FPDFPage_GetObject)(page, index)
        corners = [ctypes.c_float() for _ in range(4)]
        modes = [ctypes.c_int() for _ in range(2)]
        if direct:
            kind = pdfcalls.object_type(handle)
            pdfcalls.object_bounds(handle, *map(ctypes.byref, corners))
            pdfcalls.path_draw_mode(handle, *map(ctypes.byref, modes))
        else:
            kind = pdfium_c.FPDFPageObj_GetType(handle)
            pdfium_c.FPDFPageObj_GetBounds(handle, *corners)
            pdfium_c.FPDFPath_GetDrawMode(handle, *modes)
        facts.append((kind, *(c.value for c in corners), *(m.value for m in modes)))
    return facts


def test_object_calls_answer_as_the_bindings() -> None:
    with _page() as (page, _):
        direct = _object_facts(page, direct=True)
        assert direct == _object_facts(page, direct=False)
    assert [fact[0] for fact in direct].count(pdfium_c.FPDF_PAGEOBJ_TEXT) == 3
    paths = [fact for fact in direct if fact[0] == pdfium_c.FPDF_PAGEOBJ_PATH]
    # the stroked lines, then the bar filled by the nonzero winding rule
    assert [(path[1:5], path[5:]) for path in paths] == [
        ((89.0, 689.0, 141.0, 741.0), (0, 1)),  # widened by the 1 pt stroke
        ((100.0, 500.0, 300.0, 501.5), (pdfium_c.FPDF_FILLMODE_WINDING, 0)),
    ]


def test_form_objects_are_listed_as_the_bindings_list_them() -> None:
    document = pypdfium2.PdfDocument(drawn_turned(pdf_page(400, 800, True, _DRAWING)))
    page = document[0]
    try:
        form = pdfium_c.FPDFPage_GetObject(page.raw, 0)
        assert pdfium_c.FPDFPageObj_GetType(form) == pdfium_c.FPDF_PAGEOBJ_FORM
        count = pdfium_c.FPDFFormObj_CountObjects(form)
        assert count == 5
        for index in range(count):
            inner = pdfcalls.form_object(form, index)
            typed = pdfium_c.FPDFFormObj_GetObject(form, index)
            assert ctypes.addressof(inner.contents) == ctypes.addressof(typed.contents)
    finally:
        page.close()
        document.close()
