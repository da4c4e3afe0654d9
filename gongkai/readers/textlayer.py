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

The signs are counted while the page is parsed (`pdfpage`); deciding costs nothing more.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

from gongkai import catalog
from gongkai.readers.pdfpage import PageContent
from gongkai.readers.textcheck import Sign

Layer = Literal["text", "scan", "broken", "digits", "undrawn"]

_COVERED = 0.6  # share of the page a picture covers to be taken for a scan of it
_UNSEEN = 0.5  # share of text objects no one sees that makes the text a scan's OCR layer
_UNMAPPED = 0.2  # share of characters that are no text (glyph numbers) in a broken map
# CJK characters from which a page without any of the keywords is garbled: a table's
# labels, or prose (a page of text in Latin letters, or a few words, says nothing).
_GARBLED_TABLE = 10
_GARBLED_PROSE = 40
# Words every page of an annual report's tables and prose uses (a table label, a row's
# name or a header holds one): a font map that scrambles characters leaves none of them.
KEYWORDS = ("公开", "信息", "申请", "行政", catalog.GOVERNMENT)


@dataclass(frozen=True)
class LayerSigns:
    """What the page says about its text layer (see the module's doc)."""

    texts: int  # text objects drawn
    unseen: int  # of them, invisible or under the picture
    covered: float  # share of the page the largest picture covers
    chars: int  # characters, blanks left out
    unmapped: int  # of them, control or private-use codes, or unmapped (U+FFFD)
    cjk: int  # of them, CJK ideographs
    keywords: bool  # one of KEYWORDS is in the page's text
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
        keywords=any(word in text for word in KEYWORDS),
        table=table,
        digits=digits,
    )


def _unmapped(char: str) -> bool:
    """A code that is no printed character: a glyph number passed through (control, or
    private use), or pdfium's mark for a glyph it could not map."""
    return char == "\ufffd" or unicodedata.category(char) in ("Cc", "Co")
