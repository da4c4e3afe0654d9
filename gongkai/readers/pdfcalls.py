"""pdfium's functions as the loops over a page's characters and drawn objects call them.

pypdfium2 declares each function's argument types, and ctypes then converts every
argument of every call (a structure to its pointer, a handle checked against its type):
for one character's box that costs several times the C call itself. The same functions,
declared without argument types, take what they are given as it is, so their callers
pass only ints and ctypes objects that already are what C expects: handles (pointers)
as pypdfium2 returns them, and `ctypes.byref` of the structures filled in.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2.raw as pdfium_c


def _direct(function: Any) -> Any:
    """`function` (a pypdfium2 binding) without argument conversion; same return type."""
    direct: Any = ctypes.cast(function, ctypes.CFUNCTYPE(function.restype))
    direct.argtypes = None
    return direct


char_loose_box = _direct(pdfium_c.FPDFText_GetLooseCharBox)  # textpage, index, &FS_RECTF
char_matrix = _direct(pdfium_c.FPDFText_GetMatrix)  # textpage, index, &FS_MATRIX
char_generated = _direct(pdfium_c.FPDFText_IsGenerated)  # textpage, index
page_object = _direct(pdfium_c.FPDFPage_GetObject)  # page, index
form_object = _direct(pdfium_c.FPDFFormObj_GetObject)  # form, index
object_type = _direct(pdfium_c.FPDFPageObj_GetType)  # object
object_bounds = _direct(pdfium_c.FPDFPageObj_GetBounds)  # object, &left, &bottom, &right, &top
path_draw_mode = _direct(pdfium_c.FPDFPath_GetDrawMode)  # path, &fill mode, &stroke
text_render_mode = _direct(pdfium_c.FPDFTextObj_GetTextRenderMode)  # text object


def _addressed(function: Any) -> Any:
    """`function` (a pypdfium2 binding returning a handle) without argument conversion,
    returning the handle's address as an int (a key; 0 or None for no handle): pass it on
    as `ctypes.c_void_p(address)`."""
    direct: Any = ctypes.cast(function, ctypes.CFUNCTYPE(ctypes.c_void_p))
    direct.argtypes = None
    return direct


char_object = _addressed(pdfium_c.FPDFText_GetTextObject)  # textpage, index
text_font = _addressed(pdfium_c.FPDFTextObj_GetFont)  # c_void_p(text object)
