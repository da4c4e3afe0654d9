"""Pictures of a reading (`reading.Reading`): over each page as it is shown upright, the
tables the reader found (red), the text it found outside them (blue), and the report's cells
at their provenance boxes (green, numbered by column; rows with a doubt filled orange, rows
a rule repaired yellow), each row named in a panel beside the page. Drawn from the reading
itself, not from a second pass: the boxes are the ones the report carries.

Scanned pages and pictures are drawn the same way from what the scan reader found on
them (a picture's boxes are in its own pixels). Text, HTML, DOCX and XLSX have no page
images.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from PIL import Image, ImageDraw

from gongkai.cells import cell_row_label
from gongkai.readers import ocr
from gongkai.readers.detect import detect_format
from gongkai.readers.fonts import Font, cjk_font
from gongkai.readers.limits import DEFAULT_LIMITS, Limits
from gongkai.readers.pages import page_count, png_bytes
from gongkai.readers.pdf import check_pages, page_name, render_page, upright_pages
from gongkai.readers.reading import Box4, Reading

RESOLUTION = 100  # pixels per inch of the pictures
PANEL = 280  # pixels: the panel beside the page that names the rows
_COLOURS = {
    "table": ((220, 0, 0, 255), None),
    "word": ((0, 0, 255, 120), (0, 0, 255, 30)),
    "cell": ((0, 150, 0, 255), None),
    "flagged": ((0, 150, 0, 255), (255, 140, 0, 110)),
    "repaired": ((0, 150, 0, 255), (255, 220, 0, 110)),
}
_LEGEND = (
    ("table", "识别出的表格及其单元格"),
    ("word", "表格外的文字"),
    ("cell", "读入报告的单元格（数字为列序）"),
    ("flagged", "有疑问的行"),
    ("repaired", "按勾稽关系修复的行"),
)

Kind = Literal["table", "word", "cell", "flagged", "repaired"]


@dataclass(frozen=True)
class Mark:
    """One box drawn over a page (points on the upright page); a cell's with its name."""

    kind: Kind
    box: Box4
    name: str = ""


def page_marks(reading: Reading, page: int) -> list[Mark]:
    """What the picture of `page` shows: tables and their cells, words, the report's cells."""
    marks = [Mark("table", t.box) for t in reading.tables if t.page == page]
    marks += [Mark("table", c) for t in reading.tables if t.page == page for c in t.cells]
    marks += [Mark("word", w.box) for w in reading.words if w.page == page]
    rows = reading.row_marks()
    cells = reading.cells_on(page)
    marks += [Mark(_cell_kind(rows.get(name)), box, name) for name, box in cells.items()]
    return marks


def _cell_kind(row: str | None) -> Kind:
    return "flagged" if row == "flagged" else "repaired" if row == "repaired" else "cell"


def debug_images(reading: Reading, data: bytes, limits: Limits = DEFAULT_LIMITS) -> list[bytes]:
    """PNG images, one per page of the source `data` that `reading` was read from."""
    kind = detect_format(data, limits)
    if kind == "image":
        return list(_frame_images(reading, data, limits))
    if kind != "pdf":
        return []
    check_pages(data, limits)
    upright = upright_pages(data)
    return list(_pdf_images(reading, upright, limits))


def _pdf_images(reading: Reading, upright: bytes, limits: Limits) -> Iterator[bytes]:
    for index in range(page_count(upright, limits)):
        picture = Image.fromarray(render_page(upright, index, RESOLUTION / 72, limits))
        limits.check("pixels", (picture.width + PANEL) * picture.height, page_name(index))
        yield png_bytes(draw_marks(picture, page_marks(reading, index + 1)))


def _frame_images(reading: Reading, data: bytes, limits: Limits) -> Iterator[bytes]:
    """Each frame of a picture with the marks of its page, boxes in the frame's pixels."""
    for index, frame in enumerate(ocr.image_pages(data, limits)):
        picture = Image.fromarray(frame)
        limits.check("pixels", (picture.width + PANEL) * picture.height, page_name(index))
        yield png_bytes(draw_marks(picture, page_marks(reading, index + 1), 1.0))


def draw_marks(
    picture: Image.Image, marks: list[Mark], scale: float = RESOLUTION / 72
) -> Image.Image:
    """The page with the marks over it and the panel beside it naming the cells' rows,
    `scale` pixels of the picture to a unit of the marks' boxes."""
    canvas = Image.new("RGB", (picture.width + PANEL, picture.height), "white")
    canvas.paste(picture)
    layer = Image.new("RGBA", canvas.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    font, small = cjk_font(13), cjk_font(9)
    for mark in marks:
        outline, fill = _COLOURS[mark.kind]
        box = tuple(round(v * scale) for v in mark.box)
        draw.rectangle(box, outline=outline, fill=fill, width=2 if mark.kind == "table" else 1)
    cells = [m for m in marks if m.name]
    for number, mark in _numbered(cells):
        at = (round(mark.box[0] * scale) + 2, round(mark.box[1] * scale) + 1)
        draw.text(at, str(number), fill=_COLOURS["cell"][0], font=small)
    _name_rows(draw, cells, picture.width, scale, font)
    _legend(draw, picture.width, canvas.height, font)
    return Image.alpha_composite(canvas.convert("RGBA"), layer).convert("RGB")


def _numbered(cells: list[Mark]) -> Iterator[tuple[int, Mark]]:
    """Each cell with its column among its row's cells on the page, left to right."""
    rows: dict[str, list[Mark]] = {}
    for mark in cells:
        rows.setdefault(cell_row_label(mark.name), []).append(mark)
    for row in rows.values():
        yield from enumerate(sorted(row, key=lambda m: m.box[0]), start=1)


def _name_rows(
    draw: ImageDraw.ImageDraw, cells: list[Mark], left: int, scale: float, font: Font
) -> None:
    """Each printed row's name in the panel at its height, with a leader from its last cell."""
    rows: dict[int, tuple[list[str], int]] = {}
    for mark in cells:
        middle = round((mark.box[1] + mark.box[3]) / 2 * scale)
        names, right = rows.setdefault(middle // 4, ([], 0))
        label = cell_row_label(mark.name)
        if label not in names:
            names.append(label)
        rows[middle // 4] = (names, max(right, round(mark.box[2] * scale)))
    for key, (names, right) in rows.items():
        y = key * 4
        draw.line((right, y, left + 4, y), fill=(0, 150, 0, 90))
        draw.text((left + 6, y - 8), "、".join(names), fill=(0, 110, 0, 255), font=font)


def _legend(draw: ImageDraw.ImageDraw, left: int, height: int, font: Font) -> None:
    y = height - 22 * len(_LEGEND) - 8
    for kind, words in _LEGEND:
        outline, fill = _COLOURS[kind]
        draw.rectangle((left + 6, y + 3, left + 22, y + 15), outline=outline, fill=fill)
        draw.text((left + 28, y), words, fill=(0, 0, 0, 255), font=font)
        y += 22
