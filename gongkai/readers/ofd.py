"""OFD (GB/T 33190-2016, 版式文档) to text, read as a PDF with a text layer is read.

An OFD is a zip of XML: `OFD.xml` names the document (`DocBody/DocRoot`), whose
`Document.xml` gives the default page size (`CommonData/PageArea/PhysicalBox`), the
resources (`PublicRes`, `DocumentRes`: fonts, pictures) and the pages (`Pages/Page`,
each a `Content.xml`, over a `Template` page that holds running headers and footers).
A page's layers hold positioned objects: `TextObject` (its runs' `TextCode` placed by
`X`, `Y` and the gaps `DeltaX`/`DeltaY`, in mm, y downwards), `PathObject` (the lines
that rule a table), `ImageObject` and `PageBlock` (a group of objects).

Each page becomes the `pdfpage.PageContent` pdfium gives for the same page printed to
PDF (points, the frame's y being the PDF's negated), so that tables, words, cells and
provenance come from the same code as a PDF's (`pdf.content_tables`). A page with no
text but pictures is a scan: its pictures are drawn on a white page and read by OCR.
"""

from __future__ import annotations

import itertools
import math
import posixpath
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np
from lxml import etree
from PIL import Image

from gongkai import messages
from gongkai.errors import OverLimit, UnreadableInput
from gongkai.grid import Block
from gongkai.readers import ocr
from gongkai.readers.library import library_errors
from gongkai.readers.limits import DEFAULT_LIMITS, Limits
from gongkai.readers.ofddraw import draw_page, pictures_drawn
from gongkai.readers.pdf import (
    PageTables,
    content_tables,
    join_pages,
    page_name,
    pages_with_scans,
    tables_to_blocks,
)
from gongkai.readers.pdfpage import (
    IDENTITY,
    THIN,
    Char,
    Frame,
    Matrix,
    PageContent,
    Segment,
    apply_matrix,
    compose,
    in_frame,
    page_turn,
    straight,
)
from gongkai.readers.zips import check_package, ofd_limits, opened, read_member

POINTS_PER_MM = 72 / 25.4
_ASCENT, _DESCENT = 0.8, 0.2  # of the type size: a character's box above and below its baseline
_WIDE_LATIN = frozenset("%@&MWmw")
_DEPTH = 16  # PageBlocks nested deeper than this are refused
# No measure (mm) or matrix entry of a real page comes near a kilometre; a larger one is
# refused, so that products of them stay finite (1e308 times a type size is infinity).
_LARGEST = 1e6
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_PATH_COMMANDS = frozenset("SMLQBACZ")  # AbstractData's operators (GB/T 33190 §9.3.2)

Point = tuple[float, float]
_T = TypeVar("_T")


def ofd_to_blocks(data: bytes, limits: Limits = DEFAULT_LIMITS) -> list[Block]:
    """The pages' tables (cells boxed) and text lines (words boxed), a form feed between
    pages; boxes in points from the page's top-left corner, as a PDF's."""
    check_package(data, ofd_limits(limits))
    with _opened(data, limits) as archive:
        document = _Document.open(archive, limits)
        found: list[list[Block] | None] = []
        read: list[PageTables | None] = []
        pictures: dict[int, list[_Picture]] = {}
        for index, page in enumerate(document.pages):
            content, drawn = document.page_content(index, page)
            box = (0.0, 0.0, page.width, page.height)
            tables = content_tables(content, box, limits, page_name(index))
            read.append(tables)
            found.append(None if tables is None else tables_to_blocks(tables, index + 1))
            if tables is None:
                pictures[index] = drawn
        join_pages(read, found)
        images = {
            i: [document.picture(p, page_name(i)) for p in drawn] for i, drawn in pictures.items()
        }
    pages = document.pages
    return pages_with_scans(
        found, lambda i: _render(pages[i], images[i], pictures[i], limits, page_name(i)), limits
    )


def page_count(data: bytes, limits: Limits = DEFAULT_LIMITS) -> int:
    """The OFD's pages, from its document's page list."""
    with _opened(data, limits) as archive:
        return len(_Document.open(archive, limits).pages)


def page_size(data: bytes, number: int, limits: Limits = DEFAULT_LIMITS) -> tuple[float, float]:
    """Page `number`'s (from 1) width and height in points as `page_picture` draws it:
    turned as its text reads."""
    with _opened(data, limits) as archive:
        document = _Document.open(archive, limits)
        page = document.pages[number - 1]
        frame = document.page_content(number - 1, page)[0].frame
    return _shown(frame, page)


def page_picture(
    data: bytes,
    number: int,
    scale: Callable[[tuple[float, float]], float],
    limits: Limits = DEFAULT_LIMITS,
) -> Image.Image:
    """Page `number` (from 1) drawn turned as its text reads, at the pixels a point that
    `scale` gives for its size so shown: the picture beside the data, on which the
    cells' provenance boxes fall."""
    location = page_name(number - 1)
    with _opened(data, limits) as archive:
        document = _Document.open(archive, limits)
        page = document.pages[number - 1]
        content, drawn = document.page_content(number - 1, page)
        pictures = [(document.picture(p, location), p.box) for p in drawn]
    fitted = scale(_shown(content.frame, page))
    return draw_page(content, (page.width, page.height), pictures, fitted, limits, location)


def _opened(data: bytes, limits: Limits) -> AbstractContextManager[zipfile.ZipFile]:
    return opened(data, ofd_limits(limits), broken=messages.BAD_OFD)


def _shown(frame: Frame, page: _Page) -> tuple[float, float]:
    """The page's width and height turned as `frame` is."""
    left, top, right, bottom = frame.box(0.0, 0.0, page.width, page.height)
    return right - left, bottom - top


@dataclass(frozen=True)
class _Page:
    """A page: its content part, its template's, and its size in points."""

    member: str
    templates: tuple[str, ...]
    width: float
    height: float


@dataclass(frozen=True)
class _Picture:
    """An image drawn on a page: the package member holding it and where it is drawn
    (points, from the page's top-left corner)."""

    member: str
    box: tuple[float, float, float, float]


@dataclass
class _Walk:
    """One page's objects as read so far, counted against `page_objects`."""

    height: float
    limits: Limits
    location: str
    chars: list[Char] = field(default_factory=list)
    origins: list[float] = field(default_factory=list)  # each character's x, in user space
    lines: list[Segment] = field(default_factory=list)
    pictures: list[_Picture] = field(default_factory=list)
    spent: int = 0

    def spend(self, count: int) -> None:
        self.spent += count
        self.limits.check("page_objects", self.spent, self.location)


@dataclass
class _Resources:
    """What objects refer to by ID: pictures' package members (MultiMedia) and composite
    units (CompositeGraphicUnit: objects drawn where a CompositeObject places them, as
    some writers put a table's cells or a seal)."""

    media: dict[str, str] = field(default_factory=dict)
    units: dict[str, etree._Element] = field(default_factory=dict)


@dataclass
class _Document:
    archive: zipfile.ZipFile
    limits: Limits
    pages: list[_Page]
    resources: _Resources

    @classmethod
    def open(cls, archive: zipfile.ZipFile, limits: Limits) -> _Document:
        """The first document of the package: its pages and its pictures."""
        names = {info.filename for info in archive.infolist()}
        root = _xml(archive, "OFD.xml", names)
        doc_root = _text(_first(root, "DocBody", "OFD.xml"), "DocRoot", "OFD.xml")
        member = _member("", doc_root)
        document = _xml(archive, member, names)
        common = _first(document, "CommonData", member)
        default = _box(_text(_first(common, "PageArea", member), "PhysicalBox", member), member)
        templates = {
            t.get("ID", ""): _member(member, t.get("BaseLoc", ""))
            for t in _children(common, "TemplatePage")
        }
        resources = _Resources()
        for name in ("PublicRes", "DocumentRes"):
            for res in _children(common, name):
                _read_resources(resources, archive, _member(member, res.text or ""), names)
        entries = list(_children(_first(document, "Pages", member), "Page"))
        limits.check("pages", len(entries))
        pages = [
            _page_of(archive, names, member, entry, default, templates, limits, index)
            for index, entry in enumerate(entries)
        ]
        return cls(archive, limits, pages, resources)

    def page_content(self, index: int, page: _Page) -> tuple[PageContent, list[_Picture]]:
        """The page's characters and lines as pdfium gives them, templates first (they
        are drawn beneath); and the pictures drawn on it."""
        walk = _Walk(page.height, self.limits, page_name(index))
        names = {info.filename for info in self.archive.infolist()}
        for member in (*page.templates, page.member):
            root = _xml(self.archive, member, names, walk.location)
            for content in _children(root, "Content"):
                for layer in _children(content, "Layer"):
                    where = f"{walk.location} {member}"
                    _objects(walk, layer, self.resources, where, 0, IDENTITY)
        return _framed(walk), walk.pictures

    def picture(self, picture: _Picture, location: str) -> bytes:
        """A picture's bytes (its member's size checked by `check_package`)."""
        try:
            info = self.archive.getinfo(picture.member)
        except KeyError as exc:
            missing = messages.OFD_MISSING_PART.format(name=picture.member)
            raise UnreadableInput(missing, location=location) from exc
        return read_member(self.archive, info)


def _framed(walk: _Walk) -> PageContent:
    """The page's characters and lines in the frame its text reads in, as pdfium's are
    (`pdfpage.read_page`): a page whose content is turned by a CTM (a landscape table
    printed on a portrait page, or the other way round) is read as it is shown upright."""
    frame = Frame(page_turn(walk.chars))
    if not frame.turn:
        return PageContent(walk.chars, walk.lines, frame)
    chars = [in_frame(frame, c, x) for c, x in zip(walk.chars, walk.origins, strict=True)]
    lines = [
        turned
        for line in walk.lines
        for turned in straight(*(frame.point(*_user(line, end)) for end in (0, 1)))
    ]
    return PageContent(chars, lines, frame)


def _user(line: Segment, end: int) -> Point:
    """One end of an upright frame's line in user space (y upwards)."""
    along = line.end if end else line.start
    x, y = (along, line.at) if line.horizontal else (line.at, along)
    return x, -y


def _page_of(
    archive: zipfile.ZipFile,
    names: set[str],
    document: str,
    entry: etree._Element,
    default: tuple[float, float, float, float],
    templates: dict[str, str],
    limits: Limits,
    index: int,
) -> _Page:
    """A page entry of Document.xml, its size (its own PhysicalBox, or the document's)
    checked against `page_points`."""
    location = page_name(index)
    member = _member(document, entry.get("BaseLoc", ""))
    root = _xml(archive, member, names, location)
    area = next(_children(root, "Area"), None)
    box = default
    if area is not None and next(_children(area, "PhysicalBox"), None) is not None:
        box = _box(_text(area, "PhysicalBox", member), member)
    width, height = box[2] * POINTS_PER_MM, box[3] * POINTS_PER_MM
    # Sizes are written in mm, which fall between points: a page of 5,000 pt written as
    # 1763.889 mm is 5,000.0003 pt, and only half a point more is over the limit.
    limits.check("page_points", round(max(width, height)), location)
    used = tuple(
        templates[t.get("TemplateID", "")]
        for t in _children(root, "Template")
        if t.get("TemplateID", "") in templates
    )
    return _Page(member, used, width, height)


def _read_resources(
    resources: _Resources, archive: zipfile.ZipFile, member: str, names: set[str]
) -> None:
    """A resource file's pictures (MultiMedia ID to the member holding the picture) and
    composite units."""
    root = _xml(archive, member, names)
    base = root.get("BaseLoc")
    folder = _member(member, base) if base else posixpath.dirname(member)
    for group in _children(root, "MultiMedias"):
        for item in _children(group, "MultiMedia"):
            path = _text(item, "MediaFile", member)
            resources.media[item.get("ID", "")] = _joined(folder, path)
    for group in _children(root, "CompositeGraphicUnits"):
        for unit in _children(group, "CompositeGraphicUnit"):
            resources.units[unit.get("ID", "")] = _first(unit, "Content", member)


# ----------------------------------------------------------------------------- objects


def _objects(
    walk: _Walk,
    parent: etree._Element,
    resources: _Resources,
    location: str,
    depth: int,
    outer: Matrix,
) -> None:
    """The text, lines and pictures of a layer's, a PageBlock's or a composite unit's
    objects; `outer` places the parent's space on the page."""
    if depth > _DEPTH:
        raise OverLimit("depth", depth, _DEPTH, location=location)
    for element in parent:
        kind = _local(element)
        walk.spend(1)
        if kind == "TextObject":
            _text_object(walk, element, location, outer)
        elif kind == "PathObject":
            _path_object(walk, element, location, outer)
        elif kind == "ImageObject":
            _image_object(walk, element, resources.media, location, outer)
        elif kind == "PageBlock":
            _objects(walk, element, resources, location, depth + 1, outer)
        elif kind == "CompositeObject":
            unit = _resource(resources.units, element, location)
            inner = compose(_placement(element, location), outer)
            _objects(walk, unit, resources, location, depth + 1, inner)


def _resource(found: dict[str, _T], element: etree._Element, location: str) -> _T:
    """The resource an object names by its ResourceID."""
    name = element.get("ResourceID", "")
    if name not in found:
        raise UnreadableInput(messages.OFD_MISSING_RESOURCE.format(name=name), location=location)
    return found[name]


def _placement(element: etree._Element, location: str) -> Matrix:
    """The object's space to its parent's (mm): its CTM, then moved to its Boundary's
    corner."""
    x, y, _, _ = _box(_required(element, "Boundary", location), location)
    ctm = element.get("CTM")
    a, b, c, d, e, f = _numbers(ctm, location, 6) if ctm else IDENTITY
    return (a, b, c, d, e + x, f + y)


def _text_object(walk: _Walk, element: etree._Element, location: str, outer: Matrix) -> None:
    """Each character of each TextCode, boxed by its type size about its baseline."""
    matrix = compose(_placement(element, location), outer)
    size = _numbers(_required(element, "Size", location), location, 1)[0]
    # Writers box a run by its glyphs: the last character ends at the Boundary's end.
    upright = matrix[:4] == IDENTITY[:4]
    end = _box(_required(element, "Boundary", location), location)[2] if upright else None
    turn = _turn(matrix)
    for code in _children(element, "TextCode"):
        text = code.text or ""
        walk.spend(len(text))
        x = _numbers(_required(code, "X", location), location, 1)[0]
        y = _numbers(_required(code, "Y", location), location, 1)[0]
        dx = _deltas(code.get("DeltaX"), len(text) - 1, location)
        dy = _deltas(code.get("DeltaY"), len(text) - 1, location)
        for index, char in enumerate(text):
            advance = dx[index] if index < len(dx) else None
            if index == len(text) - 1 and end is not None:
                advance = end - x
            walk.chars.append(_char(walk, char, x, y, size, advance, matrix, turn))
            walk.origins.append(apply_matrix(matrix, x, y)[0] * POINTS_PER_MM)
            x += advance if advance is not None else _width(char, size)
            y += dy[index] if index < len(dy) else 0.0


def _char(
    walk: _Walk,
    char: str,
    x: float,
    y: float,
    size: float,
    advance: float | None,
    matrix: Matrix,
    turn: int,
) -> Char:
    """A character as pdfium boxes it (loosely: the advance by the type's ascent and
    descent), in points in the frame."""
    # The gap to the next character is this one's advance, and any spacing after it
    # (a space, CJK-Latin spacing): the type's usual advance caps it.
    width = _width(char, size)
    if advance is not None and advance > 0:
        width = min(advance, width)
    corners = [
        apply_matrix(matrix, cx, cy)
        for cx in (x, x + width)
        for cy in (y - _ASCENT * size, y + _DESCENT * size)
    ]
    xs = [p[0] * POINTS_PER_MM for p in corners]
    ys = [p[1] * POINTS_PER_MM - walk.height for p in corners]
    baseline = apply_matrix(matrix, x, y)[1] * POINTS_PER_MM - walk.height
    return Char(char, min(xs), min(ys), max(xs), max(ys), turn, baseline)


def _width(char: str, size: float) -> float:
    """A character's usual advance: a full em for CJK, 0.6 em for Latin letters and
    digits (the widest of them in the fonts offices use) but 0.9 em for the widest."""
    if unicodedata.east_asian_width(char) in "WF":
        return size
    return (0.9 if char in _WIDE_LATIN else 0.6) * size


def _turn(matrix: Matrix) -> int:
    """The quarter turn of text drawn by `matrix`, counted as pdfium counts it (y up)."""
    return round(math.atan2(-matrix[1], matrix[0]) / (math.pi / 2)) % 4


def _path_object(walk: _Walk, element: etree._Element, location: str, outer: Matrix) -> None:
    """A drawn path's straight lines: the whole path when it is thin, else its sides."""
    stroked = element.get("Stroke", "true") != "false"
    if not stroked and element.get("Fill", "false") != "true":
        return  # an unpainted path draws nothing
    matrix = compose(_placement(element, location), outer)
    paths = _subpaths(element.findtext(_any("AbstractData")) or "", location)
    points = [
        (x * POINTS_PER_MM, y * POINTS_PER_MM - walk.height)
        for x, y in (apply_matrix(matrix, *p) for path, _ in paths for p in path)
    ]
    walk.spend(len(points))
    if not points:
        return
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    if max(xs) - min(xs) <= THIN:
        walk.lines.append(Segment(False, (min(xs) + max(xs)) / 2, min(ys), max(ys)))
    elif max(ys) - min(ys) <= THIN:
        walk.lines.append(Segment(True, (min(ys) + max(ys)) / 2, min(xs), max(xs)))
    else:
        at = 0
        for path, closed in paths:
            placed = points[at : at + len(path)]
            at += len(path)
            for a, b in itertools.pairwise(placed):
                walk.lines += straight(a, b)
            if closed and len(placed) > 1:
                walk.lines += straight(placed[-1], placed[0])


def _subpaths(data: str, location: str) -> list[tuple[list[Point], bool]]:
    """AbstractData's subpaths as their points (a curve by its end point: only straight
    sides rule a table) and whether each is closed."""
    tokens = data.split()
    paths: list[tuple[list[Point], bool]] = []
    current: list[Point] = []
    at = 0
    while at < len(tokens):
        command = tokens[at]
        if command not in _PATH_COMMANDS:
            raise UnreadableInput(messages.OFD_BAD_VALUE.format(value=command), location=location)
        count = {"S": 2, "M": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0, "Z": 0}[command]
        values = _numbers(" ".join(tokens[at + 1 : at + 1 + count]), location, count)
        at += 1 + count
        if command in "SM":
            if current:
                paths.append((current, False))
            current = [(values[0], values[1])]
        elif command in "CZ":
            if current:
                paths.append((current, True))
            current = [current[0]] if current else []
        elif current:
            current.append((values[-2], values[-1]))
    if current:
        paths.append((current, False))
    return [(path, closed) for path, closed in paths if len(path) > 1]


def _image_object(
    walk: _Walk, element: etree._Element, media: dict[str, str], location: str, outer: Matrix
) -> None:
    """A picture drawn on the page: read only if the page has no text (a scan)."""
    member = _resource(media, element, location)
    matrix = compose(_placement(element, location), outer)
    corners = [apply_matrix(matrix, x, y) for x in (0.0, 1.0) for y in (0.0, 1.0)]
    xs = [p[0] * POINTS_PER_MM for p in corners]
    ys = [p[1] * POINTS_PER_MM for p in corners]
    walk.pictures.append(_Picture(member, (min(xs), min(ys), max(xs), max(ys))))


def _render(
    page: _Page, images: list[bytes], pictures: list[_Picture], limits: Limits, location: str
) -> np.ndarray:
    """A page without text as RGB pixels at ocr.DPI: its pictures drawn on white paper."""
    drawn = [(data, p.box) for data, p in zip(images, pictures, strict=True)]
    return pictures_drawn((page.width, page.height), drawn, ocr.DPI / 72, limits, location)


# --------------------------------------------------------------------------------- xml


# No OFD part declares a DTD; one that does may hide entities that libxml2 expands in
# attribute values even with resolve_entities off (a billion laughs): refused unparsed.
_DOCTYPE = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _xml(
    archive: zipfile.ZipFile, member: str, names: set[str], location: str | None = None
) -> etree._Element:
    """A member parsed: one with a DTD refused, nothing fetched from a network."""
    where = f"{location} {member}" if location else member
    if member not in names:
        raise UnreadableInput(messages.OFD_MISSING_PART.format(name=member), location=location)
    data = read_member(archive, archive.getinfo(member))
    if any(mark in data for mark in _DOCTYPE):
        raise UnreadableInput(messages.OFD_DTD, location=where)
    with library_errors(messages.BAD_OFD, where):
        return etree.fromstring(data, _PARSER)


def _local(element: etree._Element) -> str:
    """An element's name without its namespace (writers differ in the prefix they bind)."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _any(name: str) -> str:
    return f"{{*}}{name}"


def _children(element: etree._Element, name: str) -> Iterator[etree._Element]:
    return (child for child in element if _local(child) == name)


def _first(element: etree._Element, name: str, location: str) -> etree._Element:
    found = next(_children(element, name), None)
    if found is None:
        raise UnreadableInput(_missing(name), location=location)
    return found


def _text(element: etree._Element, name: str, location: str) -> str:
    return (_first(element, name, location).text or "").strip()


def _required(element: etree._Element, name: str, location: str) -> str:
    value = element.get(name)
    if value is None:
        raise UnreadableInput(_missing(name), location=location)
    return value


def _missing(name: str) -> str:
    """What is missing, as the standard calls it in Chinese."""
    return messages.OFD_MISSING.format(name=messages.OFD_PARTS.get(name, "必需的元素"))


def _numbers(value: str, location: str, count: int) -> tuple[float, ...]:
    """`count` numbers from a space-separated attribute, none beyond ±_LARGEST."""
    parts = value.split()
    if len(parts) != count or not all(_NUMBER.fullmatch(p) for p in parts):
        raise UnreadableInput(messages.OFD_BAD_VALUE.format(value=value[:40]), location=location)
    numbers = tuple(float(p) for p in parts)
    if not all(abs(n) <= _LARGEST for n in numbers):  # inf and nan fail too
        raise UnreadableInput(messages.OFD_BAD_VALUE.format(value=value[:40]), location=location)
    return numbers


def _box(value: str, location: str) -> tuple[float, float, float, float]:
    x, y, width, height = _numbers(value, location, 4)
    return x, y, width, height


def _deltas(value: str | None, most: int, location: str) -> list[float]:
    """DeltaX or DeltaY written out: `g N d` stands for N gaps of d (GB/T 33190 §11.3)."""
    if not value:
        return []
    tokens = value.split()
    out: list[float] = []
    at = 0
    while at < len(tokens) and len(out) < most:
        if tokens[at] == "g":
            count, gap = _numbers(" ".join(tokens[at + 1 : at + 3]), location, 2)
            if count != int(count) or count < 0:
                raise UnreadableInput(
                    messages.OFD_BAD_VALUE.format(value=value[:40]), location=location
                )
            out += [gap] * min(int(count), most - len(out))
            at += 3
        else:
            out.append(_numbers(tokens[at], location, 1)[0])
            at += 1
    return out


def _member(base: str, location: str) -> str:
    """A BaseLoc as a package member: absolute from the package's root, else relative
    to the folder of the part `base` that names it."""
    return _joined(posixpath.dirname(base), location)


def _joined(folder: str, location: str) -> str:
    path = location.strip()
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(folder, path)
    return posixpath.normpath(joined).lstrip("/")
