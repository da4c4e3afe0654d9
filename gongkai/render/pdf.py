"""Render a report as PDF: the HTML rendering printed by WeasyPrint with an embedded CJK font.

WeasyPrint draws empty boxes, silently, when no Chinese font is installed; this writer
refuses instead.
"""

from __future__ import annotations

import functools
import shutil
import subprocess

from gongkai import messages
from gongkai.errors import GongkaiError
from gongkai.model import Report
from gongkai.render.html import render_html


class MissingFont(GongkaiError):
    code = "render.missing_font"
    http_status = 500


def render_pdf(report: Report) -> bytes:
    return html_to_pdf(render_html(report))


def html_to_pdf(html: str) -> bytes:
    """Any of our HTML pages printed to PDF, refused when no Chinese font would be embedded."""
    if not has_cjk_font():
        raise MissingFont(messages.NO_CJK_FONT)
    import weasyprint  # a heavy import, only when a PDF is asked for

    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf


@functools.cache
def has_cjk_font() -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    found = subprocess.run(
        [fc_list, ":lang=zh", "family"], capture_output=True, text=True, check=False
    )
    return bool(found.stdout.strip())
