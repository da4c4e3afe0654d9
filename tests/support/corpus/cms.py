"""Report pages as government sites publish them: our HTML reshaped the way Word's "save
as web page" and the sites' editors (TRS, Kingsoft, UEditor) leave it.

Each variant keeps the printed figures, so the report's truth is still the truth:

- `word`: Word's filtered HTML in GB2312 — `MsoNormalTable`, every cell's text in
  `<p class=MsoNormal><span style=…>…<o:p></o:p></span></p>`, `&nbsp;` in empty cells,
  tags broken over source lines, Word's hidden row of column widths at each table's end.
- `editor`: the report inside `<div class="TRS_Editor">` with its `<style>` and `<script>`,
  cells padded with `&nbsp;`, `<br>` inside long labels, blank cells printed 「—」 or 「/」,
  figures of four digits with a thousands comma, some in full-width digits.
- `paged`: each table cut where the Word page ended, one `<table>` per page, the header
  rows of table 三 repeated above its second part, and the whole page inside a layout table.
- `revised`: a changed figure exported with Word's revision marks (`<del>5</del><ins>6</ins>`)
  and cells hidden by the editor (`display:none`) holding an old figure.
- `mht`: Word's "single file web page" (MHTML, `.mht`): the `word` page, quoted-printable in
  GB2312, inside a MIME `multipart/related` archive with its preamble.
- `picture`: table 三 pasted into the editor as a picture (`tablepicture`: a screenshot or a
  scan), kept in the page as a `data:` URI; `picture-mht`: the same in Word's single file
  web page, the picture a part of the archive; `picture-link`: the picture left on the
  site's server (`<img src="http://…">`), which the page alone cannot show: nothing may
  read as zeros.

`exported` is the editor's page as its "export to Word" button gives it (html-docx-js and
its kind): a DOCX whose body is one `w:altChunk` holding the page as a web archive, which
Word converts when it opens the file.
"""

from __future__ import annotations

import base64
import copy
import io
import quopri
import random
import re
from collections.abc import Callable, Sequence
from typing import Any

import docx
import lxml.html
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml import etree
from PIL import Image

from gongkai import catalog
from tests.support.corpus.producers import fixed_zip
from tests.support.corpus.tablepicture import TablePicture

# lxml's stubs type found elements as optional and plain: the transforms know their pages.
_El = Any
_Tables = list[_El]


def _tables(root: _El) -> _Tables:
    return list(root.iter("table"))


def _cells(table: _El) -> list[_El]:
    return [c for c in table.iter("td", "th")]


def _is_figure(text: str) -> bool:
    return bool(re.fullmatch(r"-?\d+(\.\d+)?", text))


def _serialise(root: _El, encoding: str = "utf-8") -> bytes:
    text: str = lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")
    return text.encode(encoding)


def word(html: str, rng: random.Random) -> bytes:
    root: _El = lxml.html.document_fromstring(html)
    for meta in root.iter("meta"):
        meta.getparent().remove(meta)
    head = root.find("head")
    meta = etree.SubElement(head, "meta")
    meta.set("http-equiv", "Content-Type")
    meta.set("content", "text/html; charset=gb2312")
    head.insert(0, meta)
    for table in _tables(root):
        table.set("class", "MsoNormalTable")
        table.set("border", "1")
        table.set("cellspacing", "0")
        table.set("cellpadding", "0")
        width = 0
        for tr in table.iter("tr"):
            width = max(width, sum(int(td.get("colspan", "1")) for td in tr))
        for td in _cells(table):
            shown = td.text_content()
            for child in list(td):
                td.remove(child)
            td.text = None
            td.set("style", "border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt")
            p = etree.SubElement(td, "p", {"class": "MsoNormal", "align": "center"})
            span = etree.SubElement(
                p, "span", {"lang": "EN-US", "style": "font-size:10.5pt;font-family:宋体"}
            )
            span.text = shown if shown else "\u00a0"
            etree.SubElement(span, "o_p")
        widths = etree.SubElement(table, "tr", {"height": "0"})
        for _ in range(width):
            etree.SubElement(widths, "td", {"width": "54", "style": "border:none"})
    text: str = lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")
    text = text.replace("<o_p></o_p>", "<o:p></o:p>")
    # Word breaks its source lines inside tags (at the spaces between attributes).
    text = text.replace(' style="border:', '\nstyle="border:').replace(' lang="EN', '\nlang="EN')
    return bytes(text.encode("gb18030"))


def _with_comma(text: str) -> str:
    return f"{int(text):,}" if text.isdigit() and len(text) >= 4 else text


def _full_width(text: str) -> str:
    return text.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})


def editor(html: str, rng: random.Random) -> bytes:
    root: _El = lxml.html.document_fromstring(html)
    body = root.find("body")
    div = etree.Element("div", {"class": "TRS_Editor"})
    style = etree.SubElement(div, "style")
    style.text = ".TRS_Editor P{margin-top:0;margin-bottom:0;line-height:1.5;font-size:12pt}"
    script = etree.SubElement(div, "script")
    script.text = "var _hmt = _hmt || []; document.write('0 1 2 3');"
    for child in list(body):
        div.append(child)
    body.append(div)
    blank = rng.choice(["—", "/", "－"])
    for table in _tables(root):
        for td in _cells(table):
            text = td.text_content()
            if _is_figure(text):
                shown = _with_comma(text)
                if rng.random() < 0.2:
                    shown = _full_width(shown)
                td.text = "\u00a0" + shown + "\u00a0"
            elif not text:
                td.text = blank
            elif len(text) > 8 and not text.startswith("（本列"):
                cut = len(text) // 2
                td.text = text[:cut]
                etree.SubElement(td, "br").tail = text[cut:]
    return _serialise(root)


def _split(table: _El, at: int, header: int) -> _El:
    """Cut `table` before its row `at`; returns the second part, with the first `header`
    rows repeated above it. A rowspan crossing the cut is shortened and its cell printed
    again in the second part, as Word prints a merged cell on both pages."""
    rows = [tr for tr in table.iter("tr")]
    second = etree.Element("table")
    for tr in rows[:header]:
        second.append(copy.deepcopy(tr))
    for tr in rows[at:]:
        second.append(tr)
    carried = []
    for index, tr in enumerate(rows[:at]):
        for td in tr:
            span = int(td.get("rowspan", "1"))
            if index + span > at:
                td.set("rowspan", str(at - index))
                again = copy.deepcopy(td)
                again.set("rowspan", str(index + span - at))
                carried.append(again)
    # Cells crossing the cut are the label columns on the left, outermost first.
    for position, td in enumerate(carried):
        rows[at].insert(position, td)
    return second


def paged(html: str, rng: random.Random) -> bytes:
    root: _El = lxml.html.document_fromstring(html)
    for table in _tables(root):
        rows = list(table.iter("tr"))
        if len(rows) < 12:
            continue
        header = 3 if catalog.BALANCE_NOTE in table.text_content() else 0
        at = rng.randrange(header + 4, len(rows) - 2)
        second = _split(table, at, header)
        table.addnext(second)
        page_break = etree.Element("p", {"style": "page-break-before:always"})
        table.addnext(page_break)
    body = root.find("body")
    layout = etree.Element("table", {"width": "100%", "class": "layout"})
    cell = etree.SubElement(etree.SubElement(layout, "tr"), "td")
    for child in list(body):
        cell.append(child)
    body.append(layout)
    return _serialise(root)


def revised(html: str, rng: random.Random) -> bytes:
    root: _El = lxml.html.document_fromstring(html)
    for table in _tables(root):
        figures = [td for td in _cells(table) if _is_figure(td.text_content())]
        for td in rng.sample(figures, min(3, len(figures))):
            new = td.text_content()
            td.text = None
            old = str(int(float(new)) + rng.randint(1, 9))
            etree.SubElement(td, "del", {"datetime": "2022-01-20T10:00"}).text = old
            etree.SubElement(td, "ins", {"datetime": "2022-01-20T10:00"}).text = new
        for tr in list(table.iter("tr"))[::4]:
            hidden = etree.SubElement(tr, "td", {"style": "display:none"})
            hidden.text = str(rng.randint(1, 99))
    return _serialise(root)


def _pasted(html: str, image: dict[str, str]) -> str:
    """The page with table 三 replaced by a centred picture of it (`<img>` with `image`)."""
    root: _El = lxml.html.document_fromstring(html)
    table = next(t for t in _tables(root) if catalog.BALANCE_NOTE in t.text_content())
    p = etree.Element("p", {"align": "center"})
    p.append(etree.Element("img", {**image, "border": "0"}))
    p.tail = table.tail
    table.getparent().replace(table, p)
    page: str = lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")
    return page


def _shown_size(shot: TablePicture) -> dict[str, str]:
    """The picture's size on the page in CSS pixels (96 an inch), as editors write it."""
    with Image.open(io.BytesIO(shot.data)) as image:
        width, height = image.size
    return {
        "width": str(round(width * 96 / shot.dpi)),
        "height": str(round(height * 96 / shot.dpi)),
    }


def picture(html: str, shot: TablePicture) -> bytes:
    """Table 三 pasted into the site's editor, which keeps the picture in the page."""
    encoded = base64.b64encode(shot.data).decode("ascii")
    return _pasted(
        html, {"src": f"data:{shot.mime};base64,{encoded}", **_shown_size(shot)}
    ).encode()


def picture_link(
    html: str, src: str = "http://www.example.gov.cn/images/2022/01/W020220120.png"
) -> bytes:
    """Table 三 as a picture on the site's server: the page alone cannot show it (or at
    another `src` the reader cannot show it from)."""
    return _pasted(html, {"src": src}).encode()


def picture_mht(html: str, shot: TablePicture, rng: random.Random) -> bytes:
    """Word's "single file web page" of a document with table 三 pasted as a picture: the
    page refers to the picture beside it, the archive holds it as a part of its own."""
    suffix = "png" if shot.mime == "image/png" else "jpg"
    name = f"image00{rng.randint(1, 3)}.{suffix}"
    page = _pasted(html, {"src": f"report.files/{name}", **_shown_size(shot)})
    part = (
        f"Content-Location: file:///C:/report.files/{name}\r\n"
        "Content-Transfer-Encoding: base64\r\n"
        f"Content-Type: {shot.mime}\r\n\r\n"
    ).encode() + base64.encodebytes(shot.data).replace(b"\n", b"\r\n")
    return _archive(word(page, rng), 'text/html; charset="gb2312"', [part])


_BOUNDARY = "----=_NextPart_01D80E2A.5C1B7E40"


def mht(html: str, rng: random.Random) -> bytes:
    return _archive(word(html, rng), 'text/html; charset="gb2312"')


def _archive(page: bytes, content_type: str, parts: Sequence[bytes] = ()) -> bytes:
    """A web archive of one page, quoted-printable, as Word writes it, and its `parts`
    (each with its headers) after it."""
    head = (
        "MIME-Version: 1.0\r\n"
        f'Content-Type: multipart/related; boundary="{_BOUNDARY}"\r\n\r\n'
        "此文档为“单个文件网页”，也称为“Web 档案”文件。\r\n\r\n"
        f"--{_BOUNDARY}\r\n"
        "Content-Location: file:///C:/report.htm\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        f"Content-Type: {content_type}\r\n\r\n"
    ).encode("gb18030")
    body = quopri.encodestring(page.replace(b"\n", b"\r\n"))
    after = b"".join(f"\r\n\r\n--{_BOUNDARY}\r\n".encode() + part for part in parts)
    return head + body + after + f"\r\n\r\n--{_BOUNDARY}--\r\n".encode()


def exported(html: str, rng: random.Random) -> bytes:
    """The editor's page in a DOCX as one altChunk, a web archive in UTF-8."""
    document = docx.Document()
    package = document.part.package
    chunk = Part(PackURI("/word/afchunk.mht"), "message/rfc822", b"", package)
    chunk._blob = _archive(editor(html, rng), 'text/html; charset="utf-8"')
    link = document.part.relate_to(chunk, RELATIONSHIP_TYPE.A_F_CHUNK)
    body = document.element.body
    for paragraph in body.findall(f"{{{body.nsmap['w']}}}p"):
        body.remove(paragraph)
    body.insert(0, parse_xml(f'<w:altChunk {nsdecls("w", "r")} r:id="{link}"/>'))
    out = io.BytesIO()
    document.save(out)
    return fixed_zip(out.getvalue())


VARIANTS: dict[str, Callable[[str, random.Random], bytes]] = {
    "word": word,
    "editor": editor,
    "paged": paged,
    "revised": revised,
    "mht": mht,
}
