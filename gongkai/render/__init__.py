"""Writers: a report to HTML, DOCX, PDF, XLSX or text. `render` is the façade."""

from __future__ import annotations

from collections.abc import Callable

from gongkai import messages
from gongkai.errors import GongkaiError
from gongkai.model import Report


class UnknownTarget(GongkaiError):
    code = "render.unknown_target"


def render(report: Report, target: str) -> bytes:
    writers = _writers()
    if target not in writers:
        raise UnknownTarget(messages.UNKNOWN_TARGET.format(target=target))
    return writers[target](report)


def _writers() -> dict[str, Callable[[Report], bytes]]:
    from gongkai.render.docx import render_docx
    from gongkai.render.html import render_html
    from gongkai.render.pdf import render_pdf
    from gongkai.render.text import render_text
    from gongkai.render.xlsx import render_xlsx

    return {
        "html": lambda r: render_html(r).encode(),
        "docx": render_docx,
        "pdf": render_pdf,
        "xlsx": render_xlsx,
        "txt": lambda r: render_text(r).encode(),
    }


TARGETS = ("html", "docx", "pdf", "xlsx", "txt")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
}
