"""Whether a PDF page's text layer tells what the page shows: the one place that decides.

A page's characters are read as the truth only when nothing says they lie. Two kinds of
page lie, both common on government sites:

- A *scan made searchable*: a picture covering most of the page, and the vendor's OCR
  text drawn over it where no one sees it (render mode 3 or 7, or under the picture).
  That text has the vendor's misreadings (0 for O, 8 for 3, cells dropped or run
  together), which would pass for figures; the picture is read by our own OCR instead.
- A *broken font map*: fonts without a ToUnicode map, or with a wrong one. The characters
  extracted are glyph numbers (control characters, private-use codes) or other
  characters than the page shows; what is left to read is the picture of the page.

- *Digits misdrawn*: a font whose map gives other digits for the digits' glyphs, every
  word right; or digits where nothing is drawn (white print). Only looking at the glyphs
  tells (`textcheck`, once a document), and the page is read from its picture.

A page may also tell only part of the truth: the prose written in Word or WPS, a table
*pasted as a picture* (a screenshot of the sheet, a scanned page of the tables), the whole
exported to PDF. Its text layer is true, and the table's figures are only pixels; those
pictures are read by OCR besides the text (`pictures_to_read`, `pasted`).

The signs are counted while the page is parsed (`pdfpage`); deciding costs nothing more.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

from gongkai import catalog
from gongkai.readers.pdfpage import Char, PageContent
from gongkai.readers.textcheck import Sign

# "pictures": the page's text layer read, and its pictures that hold a table by OCR
Layer = Literal["text", "scan", "broken", "digits", "undrawn", "pictures"]
PictureBox = tuple[float, float, float, float]  # left, top, right, bottom in the frame

_COVERED = 0.6  # share of the page a picture covers to be taken for a scan of it
_UNSEEN = 0.5  # share of text objects no one sees that makes the text a scan's OCR layer
_UNMAPPED = 0.2  # share of characters that are no text (glyph numbers) in a broken map
# CJK characters from which a page without any of the keywords is garbled: a table's
# labels, or prose (a page of text in Latin letters, or a few words, says nothing).
_GARBLED_TABLE = 10
_GARBLED_PROSE = 40
# A picture that may hold a table: as wide as most of the text column (a table is set to
# the column's width; a seal, a logo, a signature or a QR code is a fifth of the page at
# most) and as tall as two of its rows in 五号 type (a header and one row of figures).
_PICTURE_WIDTH = 0.4  # share of the page's width
_PICTURE_HEIGHT = 28.0  # points
_EDGE = 2.0  # points: a character this close inside a picture's edge only touches it
# Words every page of an annual report's tables and prose uses (a table label, a row's
# name or a header holds one): a font map that scrambles characters leaves none of them.
KEYWORDS = ("公开", "信息", "申请", "行政", catalog.GOVERNMENT)
# A page holding only a table's last rows and the closing headings (table 四's last cells,
# 五 and 六 with nothing under them) has none of KEYWORDS; the template's own words of four
# characters or more there tell a true layer as surely: a scrambled map makes none by chance.
TEMPLATE_WORDS = (
    *(c.label for c in (*catalog.APPEAL_GROUPS, *catalog.APPEAL_FIELDS) if len(c.label) >= 4),
    *(title.split("、", 1)[1] for _, title in catalog.SECTIONS),
    catalog.TABLE3_LAST,
)


@dataclass(frozen=True)
class LayerSigns:
    """What the page says about its text layer (see the module's doc)."""

    texts: int  # text objects drawn
    unseen: int  # of them, invisible or under the picture
    covered: float  # share of the page the largest picture covers
    chars: int  # characters, blanks left out
    unmapped: int  # of them, control or private-use codes, or unmapped (U+FFFD)
    cjk: int  # of them, CJK ideographs
    keywords: bool  # one of KEYWORDS or TEMPLATE_WORDS is in the page's text
    table: bool  # ruling lines frame a table on the page
    digits: Sign | None = None  # what the page's digits' glyphs, looked at, showed


def page_layer(signs: LayerSigns) -> Layer:
    """How the page is to be read: its text layer ("text"), or its picture by OCR because
    the layer is a scan's ("scan") or its fonts' maps are broken ("broken")."""
    if signs.covered >= _COVERED and signs.unseen >= _UNSEEN * max(signs.texts, 1):
        return "scan"
    if signs.unmapped >= _UNMAPPED * max(signs.chars, 1):
        return "broken"
    if not signs.keywords and signs.cjk >= (_GARBLED_TABLE if signs.table else _GARBLED_PROSE):
        return "broken"
    if signs.digits == "misdrawn":
        return "digits"
    if signs.digits == "undrawn":
        return "undrawn"
    return "text"


def layer_signs(
    content: PageContent, table: bool, page_area: float, digits: Sign | None = None
) -> LayerSigns:
    """The signs of a parsed page whose media box has `page_area` square points, and what
    looking at its digits showed (`textcheck`)."""
    text = "".join(char.text for char in content.chars if not char.text.isspace())
    drawn = content.drawn
    return LayerSigns(
        texts=drawn.texts,
        unseen=drawn.unseen,
        covered=drawn.picture / page_area if page_area > 0 else 0.0,
        chars=len(text),
        unmapped=sum(1 for char in text if _unmapped(char)),
        cjk=sum(1 for char in text if "\u4e00" <= char <= "\u9fff"),
        keywords=any(word in text for word in (*KEYWORDS, *TEMPLATE_WORDS)),
        table=table,
        digits=digits,
    )


def _unmapped(char: str) -> bool:
    """A code that is no printed character: a glyph number passed through (control, or
    private use), or pdfium's mark for a glyph it could not map."""
    return char == "\ufffd" or unicodedata.category(char) in ("Cc", "Co")


def pictures_to_read(
    pictures: tuple[PictureBox, ...], chars: list[Char], width: float
) -> list[PictureBox]:
    """The pictures of a page `width` points wide to be read by OCR: those large enough to
    hold a table (see _PICTURE_WIDTH), with no character of the text layer over or under
    them (a picture behind text is a background or a letterhead, and a picture with text
    on it is already read: never a region twice), one of two pictures drawn over each
    other (the larger), top to bottom."""
    wide = [p for p in pictures if _table_sized(p, width)]
    wide.sort(key=lambda p: (p[2] - p[0]) * (p[3] - p[1]), reverse=True)
    kept: list[PictureBox] = []
    for picture in wide:
        if not any(_middle_in(picture, other) for other in kept) and not any(
            _char_in(char, picture) for char in chars
        ):
            kept.append(picture)
    return sorted(kept, key=lambda p: p[1])


def _table_sized(picture: PictureBox, width: float) -> bool:
    left, top, right, bottom = picture
    return right - left >= _PICTURE_WIDTH * width and bottom - top >= _PICTURE_HEIGHT


def _middle_in(picture: PictureBox, other: PictureBox) -> bool:
    x, y = (picture[0] + picture[2]) / 2, (picture[1] + picture[3]) / 2
    return other[0] <= x <= other[2] and other[1] <= y <= other[3]


def _char_in(char: Char, picture: PictureBox) -> bool:
    x, y = (char.left + char.right) / 2, (char.top + char.bottom) / 2
    left, top, right, bottom = picture
    return (
        left + _EDGE < x < right - _EDGE
        and top + _EDGE < y < bottom - _EDGE
        and not char.text.isspace()
    )
