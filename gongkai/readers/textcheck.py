"""Whether the digits a PDF's text layer gives are the digits its pages draw: looked at.

A font whose ToUnicode map is wrong for the digits alone (a subset font's map written
from a wrong code page) gives every word right and every number wrong: no sign that
`textlayer` counts in the text fires. So the text is checked against the picture: for
each font, one glyph of each digit its text gives is rendered where it is drawn, the
glyphs set side by side in the order of the digits the text says they are, and read by
the scan recogniser. A font whose glyphs read as other digits lies about them
("misdrawn"); a glyph that draws nothing at its place (white text, text under a picture
of something else) cannot be checked, which is a sign of its own ("undrawn").

One glyph per font and digit in a whole document, read in one call of the recogniser at
its end: a few dozen small renders and about one line of recognition a document.
"""

from __future__ import annotations

import ctypes
import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pypdfium2.raw as pdfium_c

from gongkai.readers import pdfcalls as calls
from gongkai.readers import recognise

Sign = Literal["misdrawn", "undrawn"]

_HEIGHT = recognise.HEIGHT  # pixels a glyph's line (its font's ascent to descent) is drawn at
_GAP = 10  # white pixels between two glyphs: the recogniser keeps them apart
# grey levels a pixel differs from its place's ground (the commonest level) by to be print:
# grey print (a footer in #999) is print; white print on white paper is none
_CONTRAST = 48
_MIN_INK = 12  # print pixels below which nothing is drawn at a glyph's place
_DARK = 128  # a ground darker than this is a coloured cell (white print on it): not read
_LEVELS = 32  # grey levels a glyph's pixels are told apart by, to know it again
_DIGIT = re.compile("[0-9]")
# what the recogniser may give for a digit's glyph seen alone (its letters' look-alikes)
_LOOKALIKES = str.maketrans("OoDQlI|", "0000111")


@dataclass
class DigitCheck:
    """The glyphs sampled from a document's pages, by font and digit (None for a place
    where nothing is drawn), and the fonts whose digits each page's text uses."""

    glyphs: dict[str, dict[str, np.ndarray | None]] = field(default_factory=dict)
    page_fonts: dict[int, set[str]] = field(default_factory=dict)

    def sample(self, page: Any, textpage: Any, index: int, text: str) -> None:
        """Note the fonts of the digits of page `index` (pdfium's page and text page, and
        its text: `pdfpage.page_text`, read once a page), and render a glyph of each font
        and digit not seen before.
        Pages turned by /Rotate and turned characters are not sampled (their glyphs
        would be read on their side)."""
        fonts = self.page_fonts.setdefault(index, set())
        upright = pdfium_c.FPDFPage_GetRotation(page) == 0
        names: dict[int, str] = {}  # a font's name by its handle (text objects share fonts)
        # a font's handle by its text object: a figure's digits are drawn by one object
        handles: dict[int, int] = {}
        for found in _DIGIT.finditer(text):
            at, char = found.start(), found.group()
            drawn = calls.char_object(textpage, at)
            font = handles.get(drawn)
            if font is None:
                font = handles[drawn] = calls.text_font(ctypes.c_void_p(drawn))
            name = names.get(font) or names.setdefault(font, _font_name(font))
            fonts.add(name)
            seen = self.glyphs.setdefault(name, {})
            if char not in seen and upright and _level(textpage, at):
                seen[char] = _glyph(page, textpage, at)

    def signs(self) -> dict[int, Sign]:
        """What the check found on each page whose fonts it doubts: the glyphs of all
        fonts not read before read in one call of the recogniser."""
        drawn = {name: _drawn(glyphs) for name, glyphs in self.glyphs.items()}
        _read_new([images for _, images in drawn.values() if images])
        verdict: dict[str, Sign] = {}
        for name, (said, images) in drawn.items():
            if _misread(said, "".join(_READ.get(_key(image), "?") for image in images)):
                verdict[name] = "misdrawn"
            elif any(image is None for image in self.glyphs[name].values()):
                verdict[name] = "undrawn"
        found: dict[int, Sign] = {}
        for page, names in self.page_fonts.items():
            signs = {verdict[name] for name in names if name in verdict}
            if signs:
                found[page] = "misdrawn" if "misdrawn" in signs else "undrawn"
        return found


# What each glyph picture read as, by its pixels: a document's fonts are those of the last
# one as often as not (one producer's, one office's), and a glyph drawn alike is read alike.
_READ: dict[bytes, str] = {}
_REMEMBERED = 4096  # glyphs; past this the memory starts again


def _key(image: np.ndarray) -> bytes:
    """A glyph picture's pixels at _LEVELS grey levels, cut to the rows and columns that
    hold anything darker than its lightest level. pdfium sets a glyph on whole pixels, so
    the same glyph at another place on the page may land a pixel to the left or right of
    its box (its place's fraction rounded the other way): cut to its ink, it is known
    again, and its font is not read again (two of every three fonts of a run of reports
    printed alike were, each read costing as much as the rest of a five-page report)."""
    levels = image // _LEVELS
    ink = levels < levels.max()
    columns, rows = np.flatnonzero(ink.any(axis=0)), np.flatnonzero(ink.any(axis=1))
    if columns.size:
        levels = levels[rows[0] : rows[-1] + 1, columns[0] : columns[-1] + 1]
    shape: bytes = np.array(levels.shape, np.uint32).tobytes()
    pixels: bytes = levels.tobytes()
    return shape + pixels


def _read_new(fonts: list[list[np.ndarray]]) -> None:
    """Read the fonts' glyphs not read before, each font's side by side, and remember
    what each glyph read as when a font's reading has one digit for each of them."""
    new = [images for images in fonts if any(_key(image) not in _READ for image in images)]
    if not new:
        return
    if len(_READ) > _REMEMBERED:
        _READ.clear()
    for images, reading in zip(new, recognise.read_crops([_joined(i) for i in new]), strict=True):
        digits = _digits(reading.text)
        if len(digits) == len(images) and digits.isdigit():
            _READ.update((_key(image), digit) for image, digit in zip(images, digits, strict=True))


def _font_name(font: int) -> str:
    """The base name of a font (its handle's address; a subset's tag included: each subset
    has its own map), or the address when it has none."""
    handle = ctypes.cast(ctypes.c_void_p(font), pdfium_c.FPDF_FONT)
    size = pdfium_c.FPDFFont_GetBaseFontName(handle, None, 0)
    if size <= 1:
        return f"@{font}"
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDFFont_GetBaseFontName(handle, buffer, size)
    return buffer.value.decode("latin-1")


def _level(textpage: Any, at: int) -> bool:
    """The character is drawn upright (unturned, unmirrored)."""
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFText_GetMatrix(textpage, at, matrix):
        return True
    a, b, c, d = float(matrix.a), float(matrix.b), float(matrix.c), float(matrix.d)
    return a > 0 and d > 0 and abs(b) < 1e-6 and abs(c) < 1e-6


def _glyph(page: Any, textpage: Any, at: int) -> np.ndarray | None:
    """The grey picture of the page where character `at` is drawn (its loose box, at the
    recogniser's height); None when nothing is drawn there. A dark place (white print on
    a coloured cell) is given as it is: `_drawn` leaves it out."""
    rect = pdfium_c.FS_RECTF()
    pdfium_c.FPDFText_GetLooseCharBox(textpage, at, rect)
    height = rect.top - rect.bottom
    if height <= 0 or rect.right <= rect.left:
        return np.zeros((0, 0), np.uint8)
    scale = _HEIGHT / height
    width = max(1, math.ceil((rect.right - rect.left) * scale))
    bitmap = pdfium_c.FPDFBitmap_Create(width, _HEIGHT, 0)
    try:
        pdfium_c.FPDFBitmap_FillRect(bitmap, 0, 0, width, _HEIGHT, 0xFFFFFFFF)
        # the page as displayed (points from its shown box's top-left corner, y downwards)
        # to the bitmap: the character's box at 0, 0
        shown = pdfium_c.FS_RECTF()
        pdfium_c.FPDF_GetPageBoundingBox(page, shown)
        left, top = (rect.left - shown.left) * scale, (shown.top - rect.top) * scale
        matrix = pdfium_c.FS_MATRIX(scale, 0, 0, scale, -left, -top)
        clip = pdfium_c.FS_RECTF(0, 0, width, _HEIGHT)
        pdfium_c.FPDF_RenderPageBitmapWithMatrix(bitmap, page, matrix, clip, 0)
        stride = pdfium_c.FPDFBitmap_GetStride(bitmap)
        buffer = pdfium_c.FPDFBitmap_GetBuffer(bitmap)
        raw = ctypes.string_at(buffer, stride * _HEIGHT)
    finally:
        pdfium_c.FPDFBitmap_Destroy(bitmap)
    pixels = np.frombuffer(raw, np.uint8).reshape(_HEIGHT, stride)[:, : width * 4]
    # the darkest of blue, green and red: numpy's minimum over three planes, not a
    # reduction along an axis three long (four times the time on a glyph's few pixels)
    bgrx = pixels.reshape(_HEIGHT, width, 4)
    grey = np.minimum(np.minimum(bgrx[:, :, 0], bgrx[:, :, 1]), bgrx[:, :, 2])
    contrast = np.abs(grey.astype(np.int16) - _ground(grey))
    if int(np.count_nonzero(contrast > _CONTRAST)) < _MIN_INK:
        return None
    return np.ascontiguousarray(grey)


def _drawn(glyphs: dict[str, np.ndarray | None]) -> tuple[str, list[np.ndarray]]:
    """A font's sampled glyphs that can be read, in the order of their digits, and the
    digits the text says they are (white print on a dark cell is left out)."""
    drawn = sorted(
        (digit, image)
        for digit, image in glyphs.items()
        if image is not None and image.size and _ground(image) >= _DARK
    )
    return "".join(digit for digit, _ in drawn), [image for _, image in drawn]


def _ground(image: np.ndarray) -> int:
    """The commonest grey level of a glyph's place: the paper or the cell it is drawn on."""
    return int(np.bincount(image.ravel(), minlength=256).argmax())


def _joined(images: list[np.ndarray]) -> np.ndarray:
    """Glyphs side by side, white between them: one crop for the recogniser."""
    gap = np.full((_HEIGHT, _GAP), 255, np.uint8)
    return np.hstack([part for image in images for part in (gap, image)] + [gap])


def _digits(read: str) -> str:
    """A reading of glyphs as digits, their letter look-alikes taken for them."""
    return unicodedata.normalize("NFKC", read).translate(_LOOKALIKES).replace(" ", "")


def _misread(said: str, read: str) -> bool:
    """The glyphs read as digits other than the text says ("?" for one not read: a font
    whose reading had more or fewer digits than glyphs proves nothing either way)."""
    return read.isdigit() and read != said
