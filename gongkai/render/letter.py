"""A letter of the procedure (gongkai.cases.letters) as DOCX or PDF, laid out as GB/T 9704
lays out a sealed 公文: the title in 2号小标宋 centred, the case number under it, the
addressee flush left, body paragraphs in 3号仿宋 indented two characters on a 22-line page;
the date four characters from the right edge with the agency's name centred above it, the
seal (when the agency has an image of it) over both; the contact line (附注) under the date,
indented two characters, in brackets."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from html import escape

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Emu, Mm, Pt
from docx.text.paragraph import Paragraph

from gongkai.cases.letters import Letter, chinese_date
from gongkai.render.docx import BODY_FONT, TITLE_FONT, add_text, page_setup
from gongkai.render.pdf import html_to_pdf

BODY_PT, TITLE_PT, LINE_PT = 16, 22, 28.9  # 3号, 2号; 22 lines in the 225 mm type area
EM_MM = BODY_PT * 25.4 / 72
TEXT_WIDTH_MM = 210 - 28 - 26
SEAL_MM = 42  # a government seal's diameter
DATE_RIGHT_EM = 4  # 成文日期右空四字


@dataclass(frozen=True)
class Signature:
    """Where the sender and date lines end, in characters from the right edge, and where
    the seal's centre falls, in mm from the left edge of the type area."""

    sender_right: float
    date_right: float
    seal_centre: float


def signature(sender: str, date: str) -> Signature:
    """The agency's name centred over the date; the date four characters from the right."""
    sender_width, date_width = _width(sender), _width(date)
    sender_right = max(0.0, DATE_RIGHT_EM + (date_width - sender_width) / 2)
    centre = TEXT_WIDTH_MM - (DATE_RIGHT_EM + date_width / 2) * EM_MM
    return Signature(sender_right, DATE_RIGHT_EM, centre)


def _width(text: str) -> float:
    """Width in characters of 3号: Chinese characters are square, digits half as wide."""
    return sum(1.0 if ord(char) > 0x2E7F else 0.5 for char in text)


# -- Word --------------------------------------------------------------------------------


def letter_docx(letter: Letter) -> bytes:
    document = Document()
    page_setup(document)
    _line(document, letter.title, TITLE_FONT, TITLE_PT, center=True)
    _line(document, letter.number, BODY_FONT, BODY_PT, center=True)
    _line(document, "", BODY_FONT, BODY_PT)
    for index, text in enumerate(letter.paragraphs):
        paragraph = _line(document, text, BODY_FONT, BODY_PT)
        if index:  # the first paragraph is the addressee, flush left
            paragraph.paragraph_format.first_line_indent = Pt(2 * BODY_PT)
    # No page holds the signature alone (GB/T 9704 7.3.5): the last paragraph goes with it.
    paragraph.paragraph_format.keep_with_next = True
    _signature_docx(document, letter)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _line(
    document: DocumentObject, text: str, font: str, size: float, center: bool = False
) -> Paragraph:
    paragraph = document.add_paragraph()
    form = paragraph.paragraph_format
    form.space_before = form.space_after = Pt(0)
    form.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    form.line_spacing = Pt(LINE_PT if size == BODY_PT else size * 1.5)
    add_text(paragraph, text, font, size, center=center)
    return paragraph


def _signature_docx(document: DocumentObject, letter: Letter) -> None:
    date = chinese_date(letter.date)
    where = signature(letter.sender, date)
    gap = _line(document, "", BODY_FONT, BODY_PT)  # the seal's top within a line of the text
    sender = _line(document, letter.sender, BODY_FONT, BODY_PT)
    dated = _line(document, date, BODY_FONT, BODY_PT)
    for paragraph, right in ((sender, where.sender_right), (dated, where.date_right)):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.right_indent = Pt(right * BODY_PT)
    for paragraph in (gap, sender, dated) if letter.note else (gap, sender):
        paragraph.paragraph_format.keep_with_next = True
    if letter.seal:
        _float_seal(sender, letter.seal, where.seal_centre)
    if letter.note:
        note = _line(document, letter.note, BODY_FONT, BODY_PT)
        note.paragraph_format.first_line_indent = Pt(2 * BODY_PT)


def _float_seal(paragraph: Paragraph, image: bytes, centre_mm: float) -> None:
    """The seal behind the text, centred on the date, its centre just above the two lines."""
    inline = paragraph.add_run().add_picture(io.BytesIO(image), width=Mm(SEAL_MM))._inline
    left = Mm(centre_mm - SEAL_MM / 2)
    top = Mm(LINE_PT * 25.4 / 72 * 0.8 - SEAL_MM / 2)
    anchor = parse_xml(
        f'<wp:anchor {nsdecls("wp")} distT="0" distB="0" distL="0" distR="0" simplePos="0"'
        ' relativeHeight="1" behindDoc="1" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="column"><wp:posOffset>{Emu(left)}</wp:posOffset>'
        "</wp:positionH>"
        f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{Emu(top)}</wp:posOffset>'
        "</wp:positionV></wp:anchor>"
    )
    anchor.append(inline.extent)
    anchor.append(parse_xml(f"<wp:wrapNone {nsdecls('wp')}/>"))
    anchor.append(inline.docPr)
    anchor.append(inline.graphic)
    drawing = inline.getparent()
    assert drawing is not None  # python-docx puts every picture in a w:drawing
    drawing.replace(inline, anchor)


# -- PDF --------------------------------------------------------------------------------

LETTER_CSS = f"""
@page {{ size: A4; margin: 37mm 26mm 35mm 28mm;
        @bottom-center {{ content: "— " counter(page) " —"; font-size: 14pt; }} }}
body {{ font-family: "FangSong_GB2312", "仿宋_GB2312", "FangSong", "Noto Serif CJK SC", serif;
       font-size: {BODY_PT}pt; line-height: {LINE_PT}pt; margin: 0; }}
h1 {{ font-family: "方正小标宋简体", "Noto Serif CJK SC", serif; font-size: {TITLE_PT}pt;
     line-height: {TITLE_PT * 1.5}pt; text-align: center; margin: 0; font-weight: bold; }}
p {{ margin: 0; text-indent: 2em; text-align: justify; }}
.number {{ text-align: center; text-indent: 0; margin-bottom: {LINE_PT}pt; }}
.addressee {{ text-indent: 0; }}
p {{ orphans: 2; widows: 2; }}
/* No page holds the signature alone (GB/T 9704 7.3.5): the text's last lines go with it. */
.signature {{ position: relative; margin-top: {LINE_PT}pt; break-before: avoid;
              break-inside: avoid; }}
.note {{ break-before: avoid; }}
.signature p {{ text-indent: 0; text-align: right; }}
.seal {{ position: absolute; width: {SEAL_MM}mm; height: {SEAL_MM}mm; z-index: -1; }}
"""


def letter_html(letter: Letter) -> str:
    body = [f"<h1>{escape(letter.title)}</h1>", f'<p class="number">{escape(letter.number)}</p>']
    body += [
        f'<p class="addressee">{escape(p)}</p>' if not index else f"<p>{escape(p)}</p>"
        for index, p in enumerate(letter.paragraphs)
    ]
    body.append(_signature_html(letter))
    if letter.note:
        body.append(f'<p class="note">{escape(letter.note)}</p>')
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(letter.title)}</title><style>{LETTER_CSS}</style></head><body>"
        + "".join(body)
        + "</body></html>"
    )


def _signature_html(letter: Letter) -> str:
    date = chinese_date(letter.date)
    where = signature(letter.sender, date)
    seal = ""
    if letter.seal:
        data = base64.b64encode(letter.seal).decode("ascii")
        kind = "jpeg" if letter.seal.startswith(b"\xff\xd8") else "png"
        top = LINE_PT * 25.4 / 72 * 0.8 - SEAL_MM / 2
        seal = (
            f'<img class="seal" alt="" src="data:image/{kind};base64,{data}" '
            f'style="left: {where.seal_centre - SEAL_MM / 2:.1f}mm; top: {top:.1f}mm">'
        )
    return (
        f'<div class="signature">{seal}'
        f'<p style="padding-right: {where.sender_right}em">{escape(letter.sender)}</p>'
        f'<p style="padding-right: {where.date_right}em">{escape(date)}</p></div>'
    )


def letter_pdf(letter: Letter) -> bytes:
    return html_to_pdf(letter_html(letter))
