"""A PDF written again as OFD (GB/T 33190), the way OFD printers write one.

What pdfium finds on each page is written out: characters grouped into runs (one
`TextObject` per run on one baseline, in one font and size, each character placed by
`DeltaX`; turned runs under a `CTM`), fonts as document resources, every painted path
as a `PathObject` (its `AbstractData` in mm, stroked or filled as drawn), and the page's
footer (its number) on a template page of its own. Units are mm, y downwards.

Writers differ in how they group the objects; `seed` picks, as one writer would for the
whole file, any of: every other run put in a composite unit (`CompositeGraphicUnit`
among the document's resources, drawn by a `CompositeObject`), the page's objects in
nested `PageBlock`s, and the lines in a layer of their own beneath the text's.
"""

from __future__ import annotations

import ctypes
import io
import itertools
import math
import random
import re
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

import pypdfium2
import pypdfium2.raw as pdfium_c

from tests.support.variants import turned_pdf

MM = 25.4 / 72  # mm per point
_NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
_FOOTER = 0.92  # share of the page's height below which text is the footer
_SAME_LINE = 0.05  # mm: characters whose baselines differ less share a run


@dataclass
class _Char:
    text: str
    x: float  # origin, mm from the page's left
    y: float  # baseline, mm from the page's top
    size: float  # mm
    font: str
    direction: tuple[float, float]  # unit vector of the baseline, y downwards
    advance: float  # mm: the glyph's loose box along the baseline


@dataclass(frozen=True)
class Ways:
    """How a writer groups a page's objects (see the module's doc)."""

    composite: bool = False
    blocks: bool = False
    layers: bool = False

    @classmethod
    def of(cls, seed: int) -> Ways:
        rng = random.Random(seed)
        return cls(rng.random() < 0.4, rng.random() < 0.4, rng.random() < 0.4)


@dataclass
class _Ids:
    next: int = 1
    fonts: dict[str, int] = field(default_factory=dict)
    media: dict[str, tuple[int, bytes]] = field(default_factory=dict)  # file name: ID, data
    units: list[str] = field(default_factory=list)  # CompositeGraphicUnit elements

    def new(self) -> int:
        self.next += 1
        return self.next

    def font(self, name: str) -> int:
        if name not in self.fonts:
            self.fonts[name] = self.new()
        return self.fonts[name]


def written_ofd(pdf: bytes, seed: int, may_turn: bool) -> bytes:
    """The corpus's OFD of a PDF: grouped in the ways `seed` picks and, for a third of
    the PDFs that `may_turn` (text, not scans), each page's content turned a quarter by
    a CTM on a landscape page (as a table printed across the paper is stored)."""
    if may_turn and seed % 3 == 0:
        pdf = turned_pdf(pdf, 90 if seed % 2 else 270, shown=False)
    return pdf_to_ofd(pdf, Ways.of(seed))


def pdf_to_ofd(pdf: bytes, ways: Ways = Ways()) -> bytes:
    """The PDF's pages as an OFD package, its objects grouped in `ways`."""
    ids = _Ids()
    pages: list[tuple[int, str, int, str, tuple[float, float]]] = []
    document = pypdfium2.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            size = (width * MM, height * MM)
            chars = _chars(page, height)
            body = [c for c in chars if c.y < size[1] * _FOOTER]
            footer = [c for c in chars if c.y >= size[1] * _FOOTER]
            runs = _runs(body, ids)
            if ways.composite:
                runs = [_composite(r, ids) if i % 2 else r for i, r in enumerate(runs)]
            texts, lines = _images(page, height, ids) + runs, _paths(page, height, ids)
            layers = [lines, texts] if ways.layers else [texts + lines]
            if ways.blocks:
                layers = [_blocks(objects, ids) for objects in layers]
            pages.append(
                (
                    ids.new(),
                    _content(layers, ids),
                    ids.new(),
                    _content([_runs(footer, ids)], ids),
                    size,
                )
            )
            page.close()
    finally:
        document.close()
    return _package(pages, ids)


def _chars(page: pypdfium2.PdfPage, height: float) -> list[_Char]:
    textpage = page.get_textpage()
    raw = textpage.raw
    found = []
    x, y = ctypes.c_double(), ctypes.c_double()
    matrix, box = pdfium_c.FS_MATRIX(), pdfium_c.FS_RECTF()
    name = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    try:
        for index in range(pdfium_c.FPDFText_CountChars(raw)):
            code = pdfium_c.FPDFText_GetUnicode(raw, index)
            if code in (10, 13) or pdfium_c.FPDFText_IsGenerated(raw, index) == 1:
                continue
            pdfium_c.FPDFText_GetCharOrigin(raw, index, x, y)
            size = pdfium_c.FPDFText_GetFontSize(raw, index)
            pdfium_c.FPDFText_GetFontInfo(raw, index, name, 256, flags)
            direction = (1.0, 0.0)
            if pdfium_c.FPDFText_GetMatrix(raw, index, matrix):
                length = math.hypot(matrix.a, matrix.b) or 1.0
                direction = (matrix.a / length, -matrix.b / length)
            font = name.value.decode("latin-1") or "SimSun"
            pdfium_c.FPDFText_GetLooseCharBox(raw, index, box)
            advance = max(box.right - box.left, box.top - box.bottom) * MM
            place = (x.value * MM, (height - y.value) * MM)
            found.append(_Char(chr(code), *place, size * MM, font, direction, advance))
    finally:
        textpage.close()
    return found


def _runs(chars: list[_Char], ids: _Ids) -> list[str]:
    """One TextObject per run of characters on one baseline, in one font and size."""
    objects: list[str] = []
    run: list[_Char] = []
    for char in chars:
        if run and not _continues(run[-1], char):
            objects.append(_text_object(run, ids))
            run = []
        run.append(char)
    if run:
        objects.append(_text_object(run, ids))
    return objects


def _continues(last: _Char, char: _Char) -> bool:
    dx, dy = char.x - last.x, char.y - last.y
    along = dx * last.direction[0] + dy * last.direction[1]
    across = -dx * last.direction[1] + dy * last.direction[0]
    return (
        char.font == last.font
        and abs(char.size - last.size) < 1e-6
        and char.direction == last.direction
        and abs(across) < _SAME_LINE
        and 0 <= along < last.advance + char.size / 2  # a wider gap starts a new run
    )


def _text_object(run: list[_Char], ids: _Ids) -> str:
    """The run placed at its first character's origin: Boundary's corner there (minus
    the ascent), the text along its direction by CTM when turned."""
    first = run[0]
    ux, uy = first.direction
    size = first.size
    gaps = [(b.x - a.x) * ux + (b.y - a.y) * uy for a, b in itertools.pairwise(run)]
    length = sum(gaps) + run[-1].advance
    # The glyphs' area turned along the text; the Boundary is its upright box, and the
    # object's space (origin at the Boundary's corner, x along the text) places the run.
    area = [
        (first.x + lx * ux - ly * uy, first.y + lx * uy + ly * ux)
        for lx in (0.0, length)
        for ly in (-size, size / 4)
    ]
    corner = (min(p[0] for p in area), min(p[1] for p in area))
    extent = (max(p[0] for p in area) - corner[0], max(p[1] for p in area) - corner[1])
    local = _local(first.x - corner[0], first.y - corner[1], ux, uy)
    upright = (ux, uy) == (1.0, 0.0)
    ctm = "" if upright else f" CTM={quoteattr(_numbers((ux, uy, -uy, ux, 0, 0)))}"
    boundary = _numbers((*corner, *extent))
    delta = f" DeltaX={quoteattr(_deltas(gaps))}" if gaps else ""
    text = escape("".join(c.text for c in run))
    return (
        f'<ofd:TextObject ID="{ids.new()}" Boundary="{boundary}" Font="{ids.font(first.font)}"'
        f' Size="{_number(size)}"{ctm}><ofd:FillColor Value="0 0 0"/>'
        f'<ofd:TextCode X="{_number(local[0])}" Y="{_number(local[1])}"{delta}>{text}'
        "</ofd:TextCode></ofd:TextObject>"
    )


def _local(dx: float, dy: float, ux: float, uy: float) -> tuple[float, float]:
    """A page offset in the space turned so that its x runs along (ux, uy)."""
    return dx * ux + dy * uy, -dx * uy + dy * ux


def _deltas(gaps: list[float]) -> str:
    """Gaps written as OFD printers write them: a repeated gap as `g N gap`."""
    out: list[str] = []
    index = 0
    while index < len(gaps):
        same = index
        while same + 1 < len(gaps) and _number(gaps[same + 1]) == _number(gaps[index]):
            same += 1
        count = same - index + 1
        out += ["g", str(count), _number(gaps[index])] if count > 1 else [_number(gaps[index])]
        index = same + 1
    return " ".join(out)


def _paths(page: pypdfium2.PdfPage, height: float, ids: _Ids) -> list[str]:
    """Every painted path of the page as a PathObject."""
    out = []
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    x, y = ctypes.c_float(), ctypes.c_float()
    width = ctypes.c_float()
    for index in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        handle = pdfium_c.FPDFPage_GetObject(page.raw, index)
        if pdfium_c.FPDFPageObj_GetType(handle) != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        pdfium_c.FPDFPath_GetDrawMode(handle, fill, stroke)
        if not fill.value and not stroke.value:
            continue
        m = pdfium_c.FS_MATRIX()
        if not pdfium_c.FPDFPageObj_GetMatrix(handle, m):
            m.a, m.b, m.c, m.d, m.e, m.f = 1, 0, 0, 1, 0, 0
        commands: list[tuple[str, list[tuple[float, float]]]] = []
        pending: list[tuple[float, float]] = []
        for s in range(pdfium_c.FPDFPath_CountSegments(handle)):
            segment = pdfium_c.FPDFPath_GetPathSegment(handle, s)
            pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
            px = m.a * x.value + m.c * y.value + m.e
            py = m.b * x.value + m.d * y.value + m.f
            point = (px * MM, (height - py) * MM)
            kind = pdfium_c.FPDFPathSegment_GetType(segment)
            if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
                pending.append(point)
                if len(pending) == 3:
                    commands.append(("B", pending))
                    pending = []
            else:
                commands.append(("M" if kind == pdfium_c.FPDF_SEGMENT_MOVETO else "L", [point]))
            if pdfium_c.FPDFPathSegment_GetClose(segment):
                commands.append(("C", []))
        points = [p for _, ps in commands for p in ps]
        if not points:
            continue
        left, top = min(p[0] for p in points), min(p[1] for p in points)
        right, bottom = max(p[0] for p in points), max(p[1] for p in points)
        data = " ".join(
            " ".join([command, *(_numbers((px - left, py - top)) for px, py in ps)])
            for command, ps in commands
        )
        pdfium_c.FPDFPageObj_GetStrokeWidth(handle, width)
        painted = f' Stroke="{"true" if stroke.value else "false"}"'
        painted += ' Fill="true"' if fill.value else ""
        boundary = _numbers((left, top, max(right - left, 0.01), max(bottom - top, 0.01)))
        out.append(
            f'<ofd:PathObject ID="{ids.new()}" Boundary="{boundary}"'
            f' LineWidth="{_number(width.value * MM)}"{painted}>'
            f"<ofd:AbstractData>{data}</ofd:AbstractData></ofd:PathObject>"
        )
    return out


def _images(page: pypdfium2.PdfPage, height: float, ids: _Ids) -> list[str]:
    """Every picture of the page (a scan's page) as an ImageObject over a resource:
    the unit square drawn to its box by CTM, as OFD draws pictures."""
    out = []
    for image in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=1):
        left, bottom, right, top = image.get_bounds()
        picture = io.BytesIO()
        image.extract(picture)  # the stream as stored (a scan's JPEG), as OFD printers keep it
        kind = "jpg" if picture.getvalue().startswith(b"\xff\xd8") else "png"
        name = f"image_{len(ids.media)}.{kind}"
        ids.media[name] = (ids.new(), picture.getvalue())
        box = (left * MM, (height - top) * MM, (right - left) * MM, (top - bottom) * MM)
        out.append(
            f'<ofd:ImageObject ID="{ids.new()}" ResourceID="{ids.media[name][0]}"'
            f' Boundary="{_numbers(box)}" CTM="{_numbers((box[2], 0, 0, box[3], 0, 0))}"/>'
        )
    return out


_BOUNDARY = re.compile(r'Boundary="([^ ]+) ([^ ]+) ([^ ]+) ([^"]+)"')


def _composite(text_object: str, ids: _Ids) -> str:
    """A TextObject moved into a composite unit of its size (its Boundary's corner at the
    unit's origin), drawn where it was by a CompositeObject."""
    found = _BOUNDARY.search(text_object)
    assert found is not None
    x, y, width, height = found.groups()
    unit = ids.new()
    inner = _BOUNDARY.sub(f'Boundary="0 0 {width} {height}"', text_object, count=1)
    ids.units.append(
        f'<ofd:CompositeGraphicUnit ID="{unit}" Width="{width}" Height="{height}">'
        f"<ofd:Content>{inner}</ofd:Content></ofd:CompositeGraphicUnit>"
    )
    return (
        f'<ofd:CompositeObject ID="{ids.new()}" ResourceID="{unit}"'
        f' Boundary="{x} {y} {width} {height}"/>'
    )


_BLOCK = 24  # objects in a PageBlock of the innermost level


def _blocks(objects: list[str], ids: _Ids) -> list[str]:
    """The objects in PageBlocks of _BLOCK, two of those in each outer PageBlock."""
    inner = [
        f'<ofd:PageBlock ID="{ids.new()}">{"".join(objects[at : at + _BLOCK])}</ofd:PageBlock>'
        for at in range(0, len(objects), _BLOCK)
    ]
    return [
        f'<ofd:PageBlock ID="{ids.new()}">{"".join(inner[at : at + 2])}</ofd:PageBlock>'
        for at in range(0, len(inner), 2)
    ]


def _content(layers: list[list[str]], ids: _Ids) -> str:
    """A page's content: its layers, the first drawn beneath."""
    drawn = "".join(
        f'<ofd:Layer ID="{ids.new()}" Type="{"Background" if i < len(layers) - 1 else "Body"}">'
        f"{''.join(objects)}</ofd:Layer>"
        for i, objects in enumerate(layers)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {_NS}><ofd:Content>'
        f"{drawn}</ofd:Content></ofd:Page>"
    )


def _package(pages: list[tuple[int, str, int, str, tuple[float, float]]], ids: _Ids) -> bytes:
    width, height = pages[0][4] if pages else (210.0, 297.0)
    templates = "".join(
        f'<ofd:TemplatePage ID="{tid}" BaseLoc="Tpls/Tpl_{i}/Content.xml"/>'
        for i, (_, _, tid, _, _) in enumerate(pages)
    )
    entries = "".join(
        f'<ofd:Page ID="{pid}" BaseLoc="Pages/Page_{i}/Content.xml"/>'
        for i, (pid, _, _, _, _) in enumerate(pages)
    )
    fonts = "".join(
        f'<ofd:Font ID="{fid}" FontName={quoteattr(name)} FamilyName={quoteattr(name)}/>'
        for name, fid in ids.fonts.items()
    )
    media = "".join(
        f'<ofd:MultiMedia ID="{mid}" Type="Image"><ofd:MediaFile>{name}'
        "</ofd:MediaFile></ofd:MultiMedia>"
        for name, (mid, _) in ids.media.items()
    )
    files: dict[str, str | bytes] = {
        "OFD.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {_NS} Version="1.0" DocType="OFD">'
            "<ofd:DocBody><ofd:DocInfo><ofd:DocID>00000000000000000000000000000000</ofd:DocID>"
            "<ofd:Creator>gongkai corpus</ofd:Creator></ofd:DocInfo>"
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
        ),
        "Doc_0/Document.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {_NS}><ofd:CommonData>'
            f"<ofd:MaxUnitID>{ids.next}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>"
            f"0 0 {_number(width)} {_number(height)}</ofd:PhysicalBox></ofd:PageArea>"
            "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
            f"<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>{templates}</ofd:CommonData>"
            f"<ofd:Pages>{entries}</ofd:Pages></ofd:Document>"
        ),
        "Doc_0/PublicRes.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res {_NS} BaseLoc="Res">'
            f"<ofd:Fonts>{fonts}</ofd:Fonts></ofd:Res>"
        ),
        "Doc_0/DocumentRes.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res {_NS} BaseLoc="Res">'
            f"<ofd:MultiMedias>{media}</ofd:MultiMedias>"
            f"<ofd:CompositeGraphicUnits>{''.join(ids.units)}</ofd:CompositeGraphicUnits>"
            "</ofd:Res>"
        ),
    }
    for i, (_, content, tid, template, size) in enumerate(pages):
        area = f"<ofd:Area><ofd:PhysicalBox>0 0 {_numbers(size)}</ofd:PhysicalBox></ofd:Area>"
        files[f"Doc_0/Pages/Page_{i}/Content.xml"] = content.replace(
            "<ofd:Content>",
            f'<ofd:Template TemplateID="{tid}" ZOrder="Background"/>{area}<ofd:Content>',
            1,
        )
        files[f"Doc_0/Tpls/Tpl_{i}/Content.xml"] = template
    for name, (_, png) in ids.media.items():
        files[f"Doc_0/Res/{name}"] = png
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            info = zipfile.ZipInfo(name)  # dated 1980-01-01: equal documents, equal bytes
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode() if isinstance(text, str) else text)
    return out.getvalue()


def _number(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _numbers(values: tuple[float, ...]) -> str:
    return " ".join(_number(v) for v in values)
