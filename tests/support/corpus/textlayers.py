"""PDFs whose text layer lies about the page: what government sites publish as often as
honest ones.

- `ocr_layer`: a scan made "searchable" by the scanner's or Acrobat's OCR: the page image
  with the vendor's recognised text drawn invisibly (render mode 3) over it, with that
  OCR's errors (digits taken for letters or for other digits, cells dropped or run
  together, rough boxes). Drawn from the printed PDF's own characters, so that the errors
  are the only difference, through pypdfium2's page-object API with a CJK font subset by
  fontTools (WeasyPrint's own dependency: nothing new to install; pikepdf and reportlab
  are not on this machine).
- `broken_fonts`: a PDF whose fonts' ToUnicode maps are removed (the extracted characters
  are glyph numbers: control characters, private-use codes, unrelated CJK) or scrambled
  (each glyph mapped to another glyph's character), as some print drivers write them.
- `digits_scrambled`: fonts whose maps give other digits for the digits' glyphs and every
  other character right (a subset font's map written from a wrong code page): the words
  and every sign of a broken map are sound, each number is wrong.
"""

from __future__ import annotations

import ctypes
import hashlib
import io
import random
import re
import zlib
from collections.abc import Callable
from functools import cache
from typing import Any, NamedTuple

import pypdfium2
import pypdfium2.raw as pdfium_c
from fontTools import subset
from fontTools.ttLib import TTCollection

_CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
# Confusions of vendor OCR on small print: letters for digits (an unread cell) and, worse,
# digits for digits (a wrong number that still looks like one).
_LOOKALIKE = {"0": "O8", "1": "l7", "2": "Z", "3": "8", "5": "S6", "6": "5b", "8": "B3", "9": "g"}
_CHAR_ERROR = 0.06  # share of digits misread
_DROP = 0.03  # share of words (a cell's text) not recognised at all
_MERGE = 0.04  # share of words run together with the next one on their line
_JITTER = 1.5  # points: how far a vendor's box strays from the glyph


class _Word(NamedTuple):
    text: str
    left: float
    bottom: float
    right: float
    top: float


def ocr_layer(scan: bytes, printed: bytes, seed: int) -> bytes:
    """`scan` (an image-only PDF of `printed`) with an invisible OCR layer of `printed`'s
    text, misread by a seeded error model."""
    rng = random.Random(seed)
    source = pypdfium2.PdfDocument(printed)
    pages = [_misread(_words(page), rng) for page in source]
    source.close()
    document = pypdfium2.PdfDocument(scan)
    try:
        font = _load_font(document, "".join(w.text for words in pages for w in words))
        for index, words in enumerate(pages):
            page = document[index]
            for word in words:
                _draw_invisible(document, page, font, word)
            pdfium_c.FPDFPage_GenerateContent(page.raw)
            page.close()
        return _saved(document)
    finally:
        document.close()


def _words(page: Any) -> list[_Word]:
    """The page's characters run together into words: characters on one baseline with no
    gap wider than half a character between them."""
    textpage = page.get_textpage()
    words: list[_Word] = []
    try:
        for index in range(textpage.count_chars()):
            char = chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, index))
            if char.isspace():
                continue
            left, bottom, right, top = textpage.get_charbox(index, loose=True)
            last = words[-1] if words else None
            size = top - bottom
            if last and abs(last.bottom - bottom) < size / 4 and 0 <= left - last.right < size / 2:
                words[-1] = _Word(last.text + char, last.left, last.bottom, right, last.top)
            else:
                words.append(_Word(char, left, bottom, right, top))
    finally:
        textpage.close()
    return words


def _misread(words: list[_Word], rng: random.Random) -> list[_Word]:
    """The words as a vendor's OCR gives them back."""
    read: list[_Word] = []
    for word in words:
        if rng.random() < _DROP:
            continue
        text = "".join(
            rng.choice(_LOOKALIKE[c]) if c in _LOOKALIKE and rng.random() < _CHAR_ERROR else c
            for c in word.text
        )
        shift = [rng.uniform(-_JITTER, _JITTER) for _ in range(4)]
        word = _Word(text, *(v + d for v, d in zip(word[1:], shift)))
        last = read[-1] if read else None
        if last and abs(last.bottom - word.bottom) < 3 and rng.random() < _MERGE:
            read[-1] = _Word(last.text + word.text, last.left, last.bottom, word.right, last.top)
        else:
            read.append(word)
    return read


@cache
def _cjk_font(chars: str) -> bytes:
    """Noto Sans CJK SC cut down to `chars` (the whole face is some 16 MB)."""
    face = TTCollection(_CJK_FONT).fonts[0]
    options = subset.Options()
    options.desubroutinize = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(face)
    out = io.BytesIO()
    face.save(out)
    return out.getvalue()


def _load_font(document: Any, text: str) -> Any:
    data = _cjk_font("".join(sorted(set(text + "0123456789"))))
    buffer = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
    font = pdfium_c.FPDFText_LoadFont(
        document.raw, buffer, len(data), pdfium_c.FPDF_FONT_TRUETYPE, 1
    )
    if not font:
        raise RuntimeError("pdfium refused the CJK font")
    return font


def _draw_invisible(document: Any, page: Any, font: Any, word: _Word) -> None:
    """The word in render mode 3 (neither filled nor stroked: found by a viewer's search,
    never seen), scaled across its box as OCR layers are."""
    size = max(word.top - word.bottom, 1.0)
    text = pdfium_c.FPDFPageObj_CreateTextObj(document.raw, font, size)
    encoded = (word.text + "\0").encode("utf-16-le")
    units = (ctypes.c_ushort * (len(encoded) // 2)).from_buffer_copy(encoded)
    pdfium_c.FPDFText_SetText(text, units)
    pdfium_c.FPDFTextObj_SetTextRenderMode(text, pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE)
    width = size * len(word.text)
    stretch = max(word.right - word.left, 1.0) / width
    pdfium_c.FPDFPageObj_Transform(text, stretch, 0, 0, 1, word.left, word.bottom)
    pdfium_c.FPDFPage_InsertObject(page.raw, text)


_TO_UNICODE = re.compile(rb"/ToUnicode (\d+) 0 R")
_BFCHAR = re.compile(rb"(<[0-9A-Fa-f]+>\s*)(<[0-9A-Fa-f]+>)")


def broken_fonts(pdf: bytes, seed: int) -> bytes:
    """`pdf` with its fonts' ToUnicode maps removed or, chosen by `seed`, scrambled."""
    data = _expanded(pdf)
    if random.Random(seed).random() < 0.5:
        broken = data.replace(b"/ToUnicode", b"/ToUnicodX")  # same length: offsets hold
    else:
        broken = data
        for number in sorted(set(_TO_UNICODE.findall(data))):
            broken = _scrambled(broken, number, random.Random(f"{seed}:{number.decode()}"))
    return _expanded(broken)  # pdfium rebuilds the offsets a changed stream moved


_DIGIT_TARGET = re.compile(rb"<003([0-9])>")


def digits_scrambled(pdf: bytes, seed: int) -> bytes:
    """`pdf` with the digits of its fonts' ToUnicode maps permuted among themselves, by a
    permutation chosen by `seed` that is not the identity."""
    order = list("0123456789")
    rng = random.Random(seed)
    while order == sorted(order):
        rng.shuffle(order)
    return digits_mapped(pdf, "".join(order))


def digits_mapped(pdf: bytes, order: str) -> bytes:
    """`pdf` with its fonts' ToUnicode maps giving digit `order[d]` for each glyph that
    draws digit `d`."""
    swap = {str(digit).encode(): order[digit].encode() for digit in range(10)}

    def target(found: re.Match[bytes]) -> bytes:
        digit = _DIGIT_TARGET.fullmatch(found.group(2))
        return found.group(0) if digit is None else found.group(1) + b"<003" + swap[digit[1]] + b">"

    def mapped(cmap: bytes) -> bytes:
        return _BFCHAR.sub(target, cmap)

    data = _expanded(pdf)
    for number in sorted(set(_TO_UNICODE.findall(data))):
        data = _rewritten(data, number, mapped)
    return _expanded(data)


def _expanded(pdf: bytes) -> bytes:
    """The PDF as pdfium writes it back: every object plain (no object streams), so that a
    font's dictionary can be found in the bytes."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return _saved(document)
    finally:
        document.close()


_FILE_ID = re.compile(rb"/ID\s*\[\s*<[0-9A-Fa-f]*>\s*<[0-9A-Fa-f]*>\s*\]")


def _saved(document: Any) -> bytes:
    """The document as pdfium writes it, with a file ID made from its content (pdfium's is
    random at each save): the same input makes the same bytes (the corpus is cached by
    them)."""
    out = io.BytesIO()
    document.save(out)
    data = out.getvalue()
    found = _FILE_ID.search(data)
    if found is None:
        return data
    digest = hashlib.md5(data[: found.start()]).hexdigest().upper().encode()
    return data[: found.start()] + b"/ID[<" + digest + b"><" + digest + b">]" + data[found.end() :]


def _scrambled(pdf: bytes, number: bytes, rng: random.Random) -> bytes:
    """The ToUnicode CMap object `number` with its characters shuffled among its glyphs."""

    def shuffled(cmap: bytes) -> bytes:
        targets = [target for _, target in _BFCHAR.findall(cmap)]
        rng.shuffle(targets)
        each = iter(targets)
        return _BFCHAR.sub(lambda m: m.group(1) + next(each), cmap)

    return _rewritten(pdf, number, shuffled)


def _rewritten(pdf: bytes, number: bytes, change: Callable[[bytes], bytes]) -> bytes:
    """The ToUnicode CMap object `number` changed by `change`, written uncompressed."""
    found = re.search(rb"(?<!\d)" + number + rb" 0 obj\s*<<(.*?)>>\s*stream\r?\n", pdf, re.S)
    if found is None:
        return pdf
    end = pdf.index(b"endstream", found.end())
    body = pdf[found.end() : end].rstrip(b"\r\n")
    cmap = change(zlib.decompress(body) if b"FlateDecode" in found.group(1) else body)
    head = f"{number.decode()} 0 obj\n<</Length {len(cmap)}>>\nstream\n".encode()
    return pdf[: found.start()] + head + cmap + b"\n" + pdf[end:]
