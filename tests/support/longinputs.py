"""Long and heavy PDF and OFD inputs at and just under the readers' limits (issue 13).

Made as publishers and hostile uploaders make them: a yearbook whose report is on its
first pages and the rest prose, the report pasted over and over, a page drawn with
100,000 tiny rectangles or line segments, a page whose one table has 5,000 rows, a page
of 50,000 characters each its own text object, one very long line, a table split over
400 pages with its header repeated; and each as OFD, written as OFD printers write one
(tests/support/corpus/ofd.py). Pages are printed by WeasyPrint (the report and prose)
or written as content operators (`hostile.pdf_page`) and put together by pdfium.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from dataclasses import dataclass

import pypdfium2

from tests.support.corpus.ofd import pdf_to_ofd
from tests.support.corpus.producers import page_count
from tests.support.hostile import pdf_page, report_file

# A report's prose holds its keywords (`textlayer.KEYWORDS`); a yearbook's other chapters
# need not.
_PROSE = {
    True: "本年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，推进决策、执行、"
    "管理、服务、结果公开，加强政策解读和回应关切，不断提升政务公开质量和实效。",
    False: "全年地区生产总值稳步增长，农业生产形势良好，粮食总产量保持稳定，工业生产平稳运行，"
    "固定资产投资结构持续优化，居民收入与经济增长基本同步，城乡居民生活水平不断提高。",
}


@dataclass(frozen=True)
class LongInput:
    name: str
    make: Callable[[], bytes]
    kind: str  # "pdf" or "ofd"


def joined(parts: list[tuple[bytes, int]]) -> bytes:
    """One PDF of the given PDFs' pages, each PDF's pages `times` over in turn."""
    out = pypdfium2.PdfDocument.new()
    try:
        for data, times in parts:
            source = pypdfium2.PdfDocument(data)
            try:
                for _ in range(times):
                    out.import_pages(source)
            finally:
                source.close()
        return _saved(out)
    finally:
        out.close()


def _saved(document: pypdfium2.PdfDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@functools.cache
def prose_pages(keywords: bool, pages: int = 5) -> bytes:
    """`pages` A4 pages of a yearbook's running prose (headings and paragraphs), printed,
    with a report's keywords in them or none."""
    import weasyprint

    paragraphs = "".join(
        f"<h2>第{i + 1}节 工作综述</h2>" + f"<p>{_PROSE[keywords] * 3}</p>" * 3
        for i in range(pages * 2)
    )
    html = f"<html><body style='font-size:12pt'>{paragraphs}</body></html>"
    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf


def yearbook(pages: int = 500, keywords: bool = True) -> bytes:
    """The report on its first pages, then prose to `pages` pages in all."""
    report = report_file("pdf")
    prose = prose_pages(keywords)
    rest = pages - page_count(report)
    whole, part = divmod(rest, page_count(prose))
    body = joined([(report, 1), (prose, whole)])
    return joined([(body, 1), (_first_pages(prose, part), 1)]) if part else body


def _first_pages(data: bytes, count: int) -> bytes:
    source = pypdfium2.PdfDocument(data)
    out = pypdfium2.PdfDocument.new()
    try:
        out.import_pages(source, list(range(count)))
        return _saved(out)
    finally:
        out.close()
        source.close()


def pasted(times: int) -> bytes:
    """The whole report printed `times` over, one copy after another."""
    return joined([(report_file("pdf"), times)])


def tiny_rects(count: int) -> bytes:
    """One page filled with `count` 1-point filled squares, each its own path."""
    columns = 500
    drawing = b"".join(
        b"%d %d 1 1 re f\n" % (50 + (i % columns), 50 + (i // columns) * 2) for i in range(count)
    )
    return pdf_page(600, 800, text=True, drawing=drawing)


def tiny_segments(count: int) -> bytes:
    """One page of `count` short line segments, each stroked on its own."""
    columns = 250
    drawing = b"".join(
        b"%d %.1f m %d %.1f l S\n" % (x, y, x + 1, y)
        for i in range(count)
        for x, y in [(50 + (i % columns) * 2, 50 + (i // columns) * 0.5)]
    )
    return pdf_page(600, 300 + count // columns * 0.5, text=True, drawing=drawing)


def long_table(rows: int, columns: int = 4) -> bytes:
    """One page whose one ruled table has `rows` rows of `columns` figures, 0.9 pt each."""
    step, width = 0.9, 80
    top = rows * step + 20
    across = b"".join(
        b"20 %.2f m %d %.2f l\n" % (top - i * step, 20 + columns * width, top - i * step)
        for i in range(rows + 1)
    )
    down = b"".join(
        b"%d %.2f m %d 20 l\n" % (20 + j * width, top, 20 + j * width) for j in range(columns + 1)
    )
    text = b"".join(
        b"BT /F1 0.7 Tf %d %.2f Td (%d) Tj ET\n" % (22 + j * width, top - (i + 1) * step + 0.1, i)
        for i in range(rows)
        for j in range(columns)
    )
    return pdf_page(
        20 + columns * width + 20, top + 20, text=False, drawing=across + down + b"S\n" + text
    )


def char_objects(count: int) -> bytes:
    """One page of `count` characters, each in a text object of its own."""
    columns = 250
    text = b"".join(
        b"BT /F1 3 Tf %.1f %.1f Td (%c) Tj ET\n"
        % (20 + (i % columns) * 2.2, 20 + (i // columns) * 3.5, 97 + i % 26)
        for i in range(count)
    )
    return pdf_page(600, 20 + (count // columns + 1) * 3.5 + 20, text=False, drawing=text)


def long_line(chars: int) -> bytes:
    """One line of `chars` characters across a 5,000-point page, in words of ten."""
    words = b" ".join(b"abcdefghij" for _ in range(chars // 11))
    size = 4990 / (len(words) * 0.5)
    stream = b"BT /F1 %.4f Tf 5 100 Td (%s) Tj ET\n" % (size, words)
    return pdf_page(5000, 200, text=False, drawing=stream)


def split_table(pages: int, rows_per_page: int = 38) -> bytes:
    """A table of four columns over `pages` A4 pages, its header repeated on each,
    printed by WeasyPrint (its `thead` repeats)."""
    import weasyprint

    rows = "".join(
        f"<tr><td>第{i + 1}项</td><td>{i}</td><td>{i * 3 % 97}</td><td>{i * 7 % 89}</td></tr>"
        for i in range(pages * rows_per_page)
    )
    html = (
        "<html><head><style>table{border-collapse:collapse}td,th{border:1px solid #000;"
        "padding:2px 8px}</style></head><body><table><thead><tr><th>事项</th><th>数量</th>"
        f"<th>办结</th><th>结转</th></tr></thead><tbody>{rows}</tbody></table></body></html>"
    )
    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf


def as_ofd(make: Callable[[], bytes]) -> Callable[[], bytes]:
    return lambda: pdf_to_ofd(make())


_PDF = [
    ("report", lambda: report_file("pdf")),
    ("yearbook-500-pages", lambda: yearbook(500)),
    ("yearbook-501-pages", lambda: yearbook(501)),
    ("yearbook-plain-prose-500", lambda: yearbook(500, keywords=False)),
    ("report-pasted-100", lambda: pasted(100)),
    ("rects-16000", lambda: tiny_rects(16_000)),
    ("segments-99000", lambda: tiny_segments(99_000)),
    ("table-5000-rows", lambda: long_table(5_000)),
    ("chars-50000-objects", lambda: char_objects(50_000)),
    ("line-200000-chars", lambda: long_line(200_000)),
    ("table-over-400-pages", lambda: split_table(400)),
]
LONG_INPUTS = [LongInput(name, make, "pdf") for name, make in _PDF] + [
    LongInput(name, as_ofd(make), "ofd") for name, make in _PDF
]
