"""Sources made harder in the ways real publishers make them, built from a rendered report
(issue 13: provenance must survive them).

- `headers_as_th`: an HTML page whose label cells are `th` beside the `td` of the figures
  (as many sites mark a table's first column), its merged cells kept;
- `turned_pdf`: a PDF whose pages are stored turned a quarter (their content drawn running
  up the page) and shown upright by /Rotate, as printers of landscape pages store them.
"""

from __future__ import annotations

import io
import re

import pypdfium2
import pypdfium2.raw as pdfium_c

_LABEL_CELL = re.compile(r"<td([^>]*)>([^<]*[^\d<.\-\s][^<]*)</td>")


def headers_as_th(html: str) -> str:
    """Every cell that holds no figure becomes a `th` (its spans kept)."""
    return _LABEL_CELL.sub(r"<th\1>\2</th>", html)


def turned_pdf(data: bytes, rotation: int = 90, shown: bool = True) -> bytes:
    """Each page's content turned against `rotation` (90 or 270) and the page stored with
    that /Rotate, so that it is shown as before while its text runs up or down the page;
    with `shown` false, without the /Rotate (a page a viewer shows lying on its side)."""
    document = pypdfium2.PdfDocument(data)
    for page in document:
        width, height = page.get_size()
        # a quarter turn counter-clockwise (content that /Rotate 90 turns back clockwise)
        # or clockwise, moved back onto the page
        a, b, c, d, e, f = (0, 1, -1, 0, height, 0) if rotation == 90 else (0, -1, 1, 0, 0, width)
        matrix = pdfium_c.FS_MATRIX(a, b, c, d, e, f)
        pdfium_c.FPDFPage_TransFormWithClip(page.raw, matrix, None)
        page.set_mediabox(0, 0, height, width)
        page.set_rotation(rotation if shown else 0)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
