"""One PDF page as pdfium parsed it: its characters with their boxes, and the straight
lines drawn on it (strokes, thin filled bars and rectangle sides: what rules a table).

Everything is measured in the page's *reading frame*: PDF user space turned by the
quarter turn that makes most of its characters stand upright, y growing downwards (as
pdfplumber measures). A table printed upright on a page that /Rotate turns to landscape,
or drawn turned by the content itself, is read as its text stands.

pdfium does the parsing in C; what is left here is one call per character and per
drawn object, which is why this path costs a fraction of pdfminer's layout analysis.
"""

from __future__ import annotations

import ctypes
import math
import struct
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import pypdfium2.raw as pdfium_c

from gongkai.readers import pdfcalls as calls
from gongkai.readers.limits import Limits

THIN = 2.5  # points: a drawn object this thin (a stroke, a filled bar) is one line
_STRAIGHT = 0.5  # points: a segment whose ends differ less across its length is straight
_FORM_DEPTH = 8  # form XObjects nested deeper than this are not searched for lines
_LINE_BREAKS = frozenset("\r\n")
_RECT = struct.Struct("4f").unpack  # FS_RECTF: left, top, right, bottom
_MATRIX = struct.Struct("6f").unpack  # FS_MATRIX: a, b, c, d, e, f
_MODES = struct.Struct("2i").unpack  # a path's fill mode, stroke
_CORNERS = struct.Struct("4f").unpack  # an object's left, bottom, right, top


class Char(NamedTuple):
    """A character with its box in the reading frame; `turn` is its own quarter turn
    relative to the frame (0 for text that reads left to right), `baseline` the frame y
    of the line it is written on (which, unlike the box, does not depend on the font
    giving its ascent: a Type 3 font's 一 is boxed as its thin stroke)."""

    text: str
    left: float
    top: float
    right: float
    bottom: float
    turn: int
    baseline: float


class Segment(NamedTuple):
    """A horizontal (`at` is its y) or vertical (`at` is its x) line in the frame."""

    horizontal: bool
    at: float
    start: float
    end: float


Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass(frozen=True)
class Frame:
    """User space turned by `turn` quarter turns counter-clockwise (the direction the
    page's text runs), with y downwards."""

    turn: int = 0

    def point(self, x: float, y: float) -> tuple[float, float]:
        """A user-space point in the frame; the turn being its own inverse, also a frame
        point back in user space (to draw what was found over the page)."""
        cos, sin = _QUARTER[self.turn]
        return x * cos + y * sin, x * sin - y * cos

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        """A user-space box as (left, top, right, bottom) in the frame (`point` written
        out: every drawn line and cell is placed through here)."""
        cos, sin = _QUARTER[self.turn]
        ax, ay = x0 * cos + y0 * sin, x0 * sin - y0 * cos
        bx, by = x1 * cos + y1 * sin, x1 * sin - y1 * cos
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


_QUARTER = ((1, 0), (0, 1), (-1, 0), (0, -1))


@dataclass(frozen=True)
class Drawn:
    """What the page's text and pictures say about its text layer (`textlayer`): text
    objects drawn, those of them no one sees (render mode 3 or 7, or drawn before the
    largest picture, which covers them), that picture's area in square points, and the
    box (left, top, right, bottom in the frame) of every picture."""

    texts: int = 0
    unseen: int = 0
    picture: float = 0.0
    pictures: tuple[tuple[float, float, float, float], ...] = ()


@dataclass
class PageContent:
    chars: list[Char]
    lines: list[Segment]
    frame: Frame
    drawn: Drawn = field(default_factory=Drawn)
    # pdfium's text of the page, one character a character index (`page_text`), for
    # whatever else asks by index (`textcheck`); empty where pdfium read no text (OFD)
    text: str = ""


def read_page(page: Any, textpage: Any, limits: Limits, location: str) -> PageContent:
    """The characters and lines of a loaded page (pypdfium2 PdfPage and PdfTextPage)."""
    text = page_text(textpage.raw, pdfium_c.FPDFText_CountChars(textpage.raw))
    chars, turns = _upright_chars(textpage.raw, text)
    frame = Frame(page_turn(chars) if turns else 0)
    if frame.turn:
        chars = [in_frame(frame, char, x) for char, x in zip(chars, turns, strict=True)]
    walk = page_walk(page.raw, frame, limits, location)
    return PageContent(chars, walk.found, frame, walk.drawn(), text)


# ------------------------------------------------------------------------ characters


def _upright_chars(textpage: Any, text: str) -> tuple[list[Char], list[float]]:
    """Each drawn character of the page's `text` (pdfium's generated spaces and line
    breaks left out) in the frame of a page whose text is upright (user space, y
    downwards), and, if any is turned, the user-space x of each character's origin (to
    put them in another frame).
    Upright characters are boxed loosely (the font's ascent to descent by the advance,
    as pdfminer measures them); turned ones by their glyph, the loose box being upright
    only. This loop runs for every character of every page: it makes one tuple each
    (tuple.__new__, not the NamedTuple's Python constructor) and unpacks the structures
    pdfium fills in one call each (not field by field)."""
    rect, matrix = pdfium_c.FS_RECTF(), pdfium_c.FS_MATRIX()
    rect_at, matrix_at = ctypes.byref(rect), ctypes.byref(matrix)
    loose, transform, generated = calls.char_loose_box, calls.char_matrix, calls.char_generated
    make, chars, xs, turned = tuple.__new__, [], [], False
    for index, char in enumerate(text):
        if char in _LINE_BREAKS or (char.isspace() and generated(textpage, index)):
            continue
        loose(textpage, index, rect_at)
        left, top, right, bottom = _RECT(rect)
        if not transform(textpage, index, matrix_at):
            x, y, turn = left, bottom, 0
        else:
            a, b, _, _, x, y = _MATRIX(matrix)
            turn = 0 if b == 0 and a > 0 else _turn(a, b)
            if turn:
                turned = True
                left, bottom, right, top = _glyph_box(textpage, index)
        chars.append(make(Char, (char, left, -top, right, -bottom, turn, -y)))
        xs.append(x)
    return chars, xs if turned else []


def page_turn(chars: list[Char]) -> int:
    """The quarter turn most of the page's (non-blank) characters are drawn at."""
    turns = Counter(c.turn for c in chars if not c.text.isspace())
    return turns.most_common(1)[0][0] if turns else 0


def _glyph_box(textpage: Any, index: int) -> tuple[float, float, float, float]:
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    pdfium_c.FPDFText_GetCharBox(textpage, index, left, right, bottom, top)
    return left.value, bottom.value, right.value, top.value


def in_frame(frame: Frame, char: Char, x: float) -> Char:
    """An upright page's character (and the x of its origin) in a turned frame."""
    left, top, right, bottom = frame.box(char.left, -char.bottom, char.right, -char.top)
    baseline = frame.point(x, -char.baseline)[1]
    return Char(char.text, left, top, right, bottom, (char.turn - frame.turn) % 4, baseline)


def page_text(textpage: Any, count: int) -> str:
    """The page's text, one Python character per pdfium character index."""
    buffer = ctypes.create_string_buffer(2 * (count + 1))
    pdfium_c.FPDFText_GetText(
        textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
    )
    text = buffer.raw[: 2 * count].decode("utf-16-le", errors="replace")
    if len(text) == count:
        return text
    # A character beyond the BMP takes two UTF-16 units and shifts the rest: ask per index.
    return "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage, i) or 0xFFFD) for i in range(count))


def _turn(a: float, b: float) -> int:
    """The nearest quarter turn of a text direction (a, b)."""
    return round(math.atan2(b, a) / (math.pi / 2)) % 4


def text_turn(textpage: Any) -> int | None:
    """The quarter turn most of the page's characters are drawn at; None without text."""
    matrix = pdfium_c.FS_MATRIX()
    turns: Counter[int] = Counter()
    for index in range(pdfium_c.FPDFText_CountChars(textpage)):
        if pdfium_c.FPDFText_GetMatrix(textpage, index, matrix):
            turns[_turn(matrix.a, matrix.b)] += 1
    return turns.most_common(1)[0][0] if turns else None


# ------------------------------------------------------------------------------ lines


@dataclass
class _Walk:
    """The search of one page's objects: the lines found, the objects and path segments
    searched so far (within `page_objects`), and the values pdfium writes into (made
    once a page, not once an object: a table drawn cell by cell has hundreds)."""

    frame: Frame
    limits: Limits
    location: str
    found: list[Segment] = field(default_factory=list)
    spent: int = 0
    texts: int = 0
    invisible: int = 0
    picture: float = 0.0  # the largest picture's area, and the text objects drawn before it
    below: int = 0
    pictures: list[tuple[float, float, float, float]] = field(default_factory=list)
    modes: Any = field(default_factory=ctypes.c_int * 2)  # fill mode, stroke
    corners: Any = field(default_factory=ctypes.c_float * 4)  # left, bottom, right, top
    mode_at: tuple[Any, ...] = ()
    corner_at: tuple[Any, ...] = ()

    def __post_init__(self) -> None:
        self.mode_at = _pointers(self.modes)
        self.corner_at = _pointers(self.corners)

    def spend(self, count: int) -> None:
        self.spent += count
        self.limits.check("page_objects", self.spent, self.location)

    def drawn(self) -> Drawn:
        unseen = max(self.invisible, self.below)
        return Drawn(self.texts, unseen, self.picture, tuple(self.pictures))


def _pointers(values: Any) -> tuple[Any, ...]:
    """A pointer to each item of a ctypes array, as pdfium's out-parameters take them."""
    size = ctypes.sizeof(values._type_)
    return tuple(ctypes.byref(values, i * size) for i in range(len(values)))


def page_walk(page: Any, frame: Frame, limits: Limits, location: str) -> _Walk:
    """Straight horizontal and vertical lines of the page's painted paths, in the frame,
    form XObjects included (their matrices applied); and, on the way, how its text and
    pictures are drawn."""
    walk = _Walk(frame, limits, location)
    objects = pdfium_c.FPDFPage_CountObjects(page)
    walk.spend(objects)
    _walk_objects(walk, page, range(objects), calls.page_object, IDENTITY, 0)
    return walk


def _walk_objects(
    walk: _Walk, parent: Any, indices: range, get: Any, outer: Matrix, depth: int
) -> None:
    """The lines of a page's or a form's objects (`get` one by its index), and how its
    text and pictures are drawn. A page of text has as many objects as lines of text: the
    loop asks each its kind and goes on (a text object its render mode: one call)."""
    kind_of, path, form = calls.object_type, pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM
    text, image = pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_IMAGE
    for index in indices:
        handle = get(parent, index)
        kind = kind_of(handle)
        if kind == path:
            _path_lines(walk, handle, outer)
        elif kind == text:
            walk.texts += 1
            walk.invisible += calls.text_render_mode(handle) in _UNSEEN_MODES
        elif kind == image:
            _picture(walk, handle, outer)
        elif kind == form and depth < _FORM_DEPTH:
            count = max(pdfium_c.FPDFFormObj_CountObjects(handle), 0)
            walk.spend(count)
            inner = compose(_matrix(handle), outer)
            _walk_objects(walk, handle, range(count), calls.form_object, inner, depth + 1)


def _path_lines(walk: _Walk, handle: Any, outer: Matrix) -> None:
    """A painted path's lines: the whole path when it is thin (a stroke or a bar), else
    its straight sides."""
    calls.path_draw_mode(handle, *walk.mode_at)
    if _MODES(walk.modes) == (0, 0):
        return  # an unpainted path draws nothing
    left, top, right, bottom = _bounds(walk, handle, outer)
    if right - left <= THIN:
        walk.found.append(_segment((False, (left + right) / 2, top, bottom)))
    elif bottom - top <= THIN:
        walk.found.append(_segment((True, (top + bottom) / 2, left, right)))
    else:
        count = pdfium_c.FPDFPath_CountSegments(handle)
        walk.spend(max(count, 0))
        walk.found += _sides(handle, count, compose(_matrix(handle), outer), walk.frame)


_UNSEEN_MODES = frozenset(
    (pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE, pdfium_c.FPDF_TEXTRENDERMODE_CLIP)
)


def _picture(walk: _Walk, handle: Any, outer: Matrix) -> None:
    """A picture's box; the largest one's area, with the text objects drawn under it."""
    left, top, right, bottom = _bounds(walk, handle, outer)
    walk.pictures.append((left, top, right, bottom))
    area = (right - left) * (bottom - top)
    if area > walk.picture:
        walk.picture, walk.below = area, walk.texts


def _segment(values: tuple[bool, float, float, float]) -> Segment:
    """A Segment made by tuple's constructor (not the NamedTuple's Python one): one is
    made for each drawn path."""
    return tuple.__new__(Segment, values)


def _bounds(walk: _Walk, handle: Any, outer: Matrix) -> tuple[float, float, float, float]:
    calls.object_bounds(handle, *walk.corner_at)
    x0, y0, x1, y1 = _CORNERS(walk.corners)
    if outer is IDENTITY:
        return walk.frame.box(x0, y0, x1, y1)
    corners = [apply_matrix(outer, x, y) for x in (x0, x1) for y in (y0, y1)]
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    return walk.frame.box(min(xs), min(ys), max(xs), max(ys))


def _sides(handle: Any, count: int, matrix: Matrix, frame: Frame) -> Iterator[Segment]:
    """The straight horizontal and vertical segments of a path (curves left out)."""
    start = previous = None
    x, y = ctypes.c_float(), ctypes.c_float()
    for index in range(count):
        segment = pdfium_c.FPDFPath_GetPathSegment(handle, index)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = frame.point(*apply_matrix(matrix, x.value, y.value))
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_LINETO and previous is not None:
            yield from straight(previous, point)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        elif pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            yield from straight(point, start)
        previous = point


def straight(a: tuple[float, float], b: tuple[float, float]) -> Iterator[Segment]:
    if abs(a[1] - b[1]) < _STRAIGHT and abs(a[0] - b[0]) >= _STRAIGHT:
        yield Segment(True, (a[1] + b[1]) / 2, min(a[0], b[0]), max(a[0], b[0]))
    elif abs(a[0] - b[0]) < _STRAIGHT and abs(a[1] - b[1]) >= _STRAIGHT:
        yield Segment(False, (a[0] + b[0]) / 2, min(a[1], b[1]), max(a[1], b[1]))


def _matrix(handle: Any) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(handle, m):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def compose(inner: Matrix, outer: Matrix) -> Matrix:
    """`inner` then `outer` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    p, q, r, s, t, u = outer
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )


def apply_matrix(m: Matrix, x: float, y: float) -> tuple[float, float]:
    """The point (x, y) moved by `m` (PDF's and OFD's row-vector convention)."""
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]
