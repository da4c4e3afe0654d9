"""Word documents as offices hand them in: our DOCX reshaped the way Word and WPS users
leave it. Each variant keeps the printed figures, so the report's truth is still the truth:

- `split`: table 三 cut in two by a page break, the second part a table of its own with the
  header rows repeated (`w:tblHeader`), a vertical merge crossing the cut started again.
- `runs`: figures typed in several runs (「1」「2」 = 12), some in full-width digits, some in
  a content control (`w:sdt`) or a field (`w:fldSimple`); zero-width spaces and soft hyphens
  in labels; blank cells printed 「—」.
- `revised`: figures changed with tracked changes on (`w:del` old, `w:ins` new): only the
  accepted text counts.
- `nested`: table 三 inside a one-cell layout table, table 二 inside a content control, and a
  cell of table 四 inside a cell-level content control.
- `picture`: table 三 pasted as a picture (`tablepicture`: a screenshot or a scan; Word's
  inline drawing, the picture in the package); `picture_link` (not a variant of the corpus:
  a fixture's) the picture linked to a file on the office's network: nothing may read as
  zeros.
- `textbox`: table 四 in a text box (`mc:AlternateContent`: the drawing and its VML fallback
  both hold the table, as Word writes it).
"""

from __future__ import annotations

import copy
import io
import random
import re
from collections.abc import Callable
from typing import Any

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Inches
from lxml import etree
from PIL import Image

from gongkai import catalog
from tests.support.corpus.producers import fixed_zip
from tests.support.corpus.tablepicture import TablePicture

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
_V = "urn:schemas-microsoft-com:vml"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
# lxml's stubs type found elements as optional: the transforms know their documents.
_El = Any


def _body(data: bytes) -> tuple[Any, _El]:
    document = Document(io.BytesIO(data))
    return document, document.element.body


def _save(document: Any) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return fixed_zip(out.getvalue())


def _tables(body: _El) -> list[_El]:
    return [t for t in body.iterchildren(qn("w:tbl"))]


def _applications(body: _El) -> _El:
    return next(t for t in _tables(body) if catalog.BALANCE_NOTE in _text(t))


def _text(element: _El) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def _w(tag: str, **attributes: str) -> _El:
    element = etree.Element(qn(f"w:{tag}"))
    for key, value in attributes.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _figure_cells(table: _El) -> list[_El]:
    return [tc for tc in table.iter(qn("w:tc")) if re.fullmatch(r"\d+(\.\d+)?", _text(tc))]


def _run_of(tc: _El) -> _El:
    return next(tc.iter(qn("w:r")))


def _page_break() -> _El:
    p = _w("p")
    r = etree.SubElement(p, qn("w:r"))
    etree.SubElement(r, qn("w:br")).set(qn("w:type"), "page")
    return p


def split(data: bytes, rng: random.Random) -> bytes:
    document, body = _body(data)
    table = _applications(body)
    rows = list(table.iterchildren(qn("w:tr")))
    at = rng.randrange(8, len(rows) - 3)
    second = etree.Element(qn("w:tbl"))
    for child in table:
        if child.tag != qn("w:tr"):
            second.append(copy.deepcopy(child))
    for tr in rows[:3]:
        tr.get_or_add_trPr().append(_w("tblHeader"))
        second.append(copy.deepcopy(tr))
    for tr in rows[at:]:
        second.append(tr)
    for tc in rows[at].iterchildren(qn("w:tc")):
        merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
        if merge is not None and merge.get(qn("w:val")) != "restart":
            merge.set(qn("w:val"), "restart")
            label = _label_above(rows, at, tc)
            if label is not None:
                tc.remove(tc.find(qn("w:p")))
                tc.append(copy.deepcopy(label))
    table.addnext(second)
    table.addnext(_page_break())
    return _save(document)


def _label_above(rows: list[_El], at: int, tc: _El) -> _El | None:
    """The first paragraph of the merge's first cell, printed again on the new page."""
    column = list(rows[at].iterchildren(qn("w:tc"))).index(tc)
    for tr in reversed(rows[:at]):
        cells = list(tr.iterchildren(qn("w:tc")))
        if column < len(cells):
            merge = cells[column].find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            if merge is not None and merge.get(qn("w:val")) == "restart":
                return cells[column].find(qn("w:p"))
    return None


def _full_width(text: str) -> str:
    return text.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})


def runs(data: bytes, rng: random.Random) -> bytes:
    document, body = _body(data)
    for table in _tables(body):
        for tc in _figure_cells(table):
            run = _run_of(tc)
            text = _text(tc)
            roll = rng.random()
            if roll < 0.3 and len(text) > 1:
                for piece in reversed(text[1:]):
                    extra = copy.deepcopy(run)
                    extra.find(qn("w:t")).text = piece
                    run.addnext(extra)
                run.find(qn("w:t")).text = text[0]
            elif roll < 0.45:
                run.find(qn("w:t")).text = _full_width(text)
            elif roll < 0.55:
                sdt = _w("sdt")
                etree.SubElement(sdt, qn("w:sdtPr")).append(_w("id", val="1234"))
                content = etree.SubElement(sdt, qn("w:sdtContent"))
                run.addprevious(sdt)
                content.append(run)
            elif roll < 0.6:
                field = _w("fldSimple", instr=" = SUM(LEFT) ")
                run.addprevious(field)
                field.append(run)
        for tc in table.iter(qn("w:tc")):
            text = _text(tc)
            if not text and tc.find(qn("w:tcPr")) is not None:
                merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
                if merge is None:
                    _set_text(tc, "—")
            elif len(text) > 6 and not re.search(r"\d", text) and rng.random() < 0.3:
                cut = len(text) // 2
                _set_text(tc, text[:cut] + rng.choice(["\u200b", "\u00ad"]) + text[cut:])
    return _save(document)


def _set_text(tc: _El, text: str) -> None:
    p = tc.find(qn("w:p"))
    runs_ = list(p.iter(qn("w:r")))
    if runs_:
        for extra in runs_[1:]:
            extra.getparent().remove(extra)
        t = runs_[0].find(qn("w:t"))
        if t is None:
            t = etree.SubElement(runs_[0], qn("w:t"))
    else:
        t = etree.SubElement(etree.SubElement(p, qn("w:r")), qn("w:t"))
    t.text = text


def revised(data: bytes, rng: random.Random) -> bytes:
    document, body = _body(data)
    for table in _tables(body):
        cells = _figure_cells(table)
        for tc in rng.sample(cells, min(3, len(cells))):
            run = _run_of(tc)
            new = _text(tc)
            old = copy.deepcopy(run)
            t = old.find(qn("w:t"))
            t.tag = qn("w:delText")
            t.text = str(int(float(new)) + rng.randint(1, 9))
            marks = {"id": str(rng.randint(1, 999)), "author": "WPS_1640", "date": "2022-01-20"}
            deleted, inserted = _w("del", **marks), _w("ins", **marks)
            deleted.append(old)
            run.addprevious(deleted)
            run.addprevious(inserted)
            inserted.append(run)
    return _save(document)


def nested(data: bytes, rng: random.Random) -> bytes:
    document, body = _body(data)
    active, applications, appeals = _tables(body)[:3]
    layout = _w("tbl")
    tc = etree.SubElement(etree.SubElement(layout, qn("w:tr")), qn("w:tc"))
    applications.addprevious(layout)
    tc.append(applications)
    tc.append(_w("p"))
    sdt = _w("sdt")
    etree.SubElement(sdt, qn("w:sdtPr")).append(_w("id", val="77"))
    content = etree.SubElement(sdt, qn("w:sdtContent"))
    active.addprevious(sdt)
    content.append(active)
    row = list(appeals.iterchildren(qn("w:tr")))[-1]
    cells = list(row.iterchildren(qn("w:tc")))
    cell = cells[rng.randrange(len(cells))]
    inner = _w("sdt")
    etree.SubElement(inner, qn("w:sdtPr")).append(_w("id", val="78"))
    inner_content = etree.SubElement(inner, qn("w:sdtContent"))
    cell.addprevious(inner)
    inner_content.append(cell)
    return _save(document)


def textbox(data: bytes, rng: random.Random) -> bytes:
    document, body = _body(data)
    appeals = _tables(body)[2]
    p = _w("p")
    r = etree.SubElement(p, qn("w:r"))
    alternate = etree.SubElement(r, f"{{{_MC}}}AlternateContent")
    choice = etree.SubElement(alternate, f"{{{_MC}}}Choice", Requires="wps")
    shape = etree.SubElement(etree.SubElement(choice, qn("w:drawing")), f"{{{_WPS}}}wsp")
    box = etree.SubElement(etree.SubElement(shape, f"{{{_WPS}}}txbx"), qn("w:txbxContent"))
    fallback = etree.SubElement(alternate, f"{{{_MC}}}Fallback")
    pict = etree.SubElement(fallback, qn("w:pict"))
    vml = etree.SubElement(etree.SubElement(pict, f"{{{_V}}}rect"), f"{{{_V}}}textbox")
    old_box = etree.SubElement(vml, qn("w:txbxContent"))
    appeals.addprevious(p)
    old_box.append(copy.deepcopy(appeals))
    old_box.append(_w("p"))
    box.append(appeals)
    box.append(_w("p"))
    return _save(document)


def picture(data: bytes, shot: TablePicture) -> bytes:
    """Table 三 pasted as a picture where it was (Word's inline drawing, the picture a part
    of the package), at the size it was taken at."""
    document, body = _body(data)
    table = _applications(body)
    with Image.open(io.BytesIO(shot.data)) as image:
        width = image.width
    paragraph = document.add_paragraph()
    paragraph.add_run().add_picture(io.BytesIO(shot.data), width=Inches(width / shot.dpi))
    table.addprevious(paragraph._p)
    body.remove(table)
    return _save(document)


def picture_link(data: bytes) -> bytes:
    """Table 三 as a picture linked to a file on the office's network (Word's "link to
    file"): the document does not hold it."""
    document, body = _body(data)
    table = _applications(body)
    link = document.part.relate_to(
        "file:///\\\\fileserver\\report\\table3.png", RT.IMAGE, is_external=True
    )
    p = _w("p")
    drawing = etree.SubElement(etree.SubElement(p, qn("w:r")), qn("w:drawing"))
    inline = etree.SubElement(drawing, f"{{{_WP}}}inline")
    graphic = etree.SubElement(etree.SubElement(inline, f"{{{_A}}}graphic"), f"{{{_A}}}graphicData")
    fill = etree.SubElement(etree.SubElement(graphic, f"{{{_PIC}}}pic"), f"{{{_PIC}}}blipFill")
    etree.SubElement(fill, f"{{{_A}}}blip").set(qn("r:link"), link)
    table.addprevious(p)
    body.remove(table)
    return _save(document)


VARIANTS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "split": split,
    "runs": runs,
    "revised": revised,
    "nested": nested,
    "textbox": textbox,
}
