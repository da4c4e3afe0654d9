"""Make the pdftotext fixtures: `python -m tests.support.make_pdf_fixtures` (not run by CI).

Each seed's expected report is rendered as the official tables (gongkai.render.html),
printed to PDF with WeasyPrint and a CJK font, then turned back into text by poppler's
`pdftotext`, raw and with `-layout`: the text that real PDF reports reach us as.
Needs `pip install weasyprint` and Debian's poppler-utils and fonts-wqy-microhei.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

from gongkai.model import Report
from gongkai.render.html import render_html

FIXTURES = Path(__file__).parent.parent / "fixtures"


def main() -> None:
    import weasyprint

    out = FIXTURES / "pdftotext"
    out.mkdir(exist_ok=True)
    for expected in sorted((FIXTURES / "seeds").glob("*.expected.json")):
        data = json.loads(expected.read_text("utf-8"))
        for key in ("expected_violations", "ambiguous", "notes"):
            data.pop(key, None)
        name = expected.name[:3]
        with tempfile.TemporaryDirectory() as tmp:
            pdf = Path(tmp) / f"{name}.pdf"
            weasyprint.HTML(string=render_html(Report.model_validate(data))).write_pdf(pdf)
            for mode, flags in (("raw", []), ("layout", ["-layout"])):
                target = out / f"{name}.{mode}.txt"
                subprocess.run(["pdftotext", *flags, str(pdf), str(target)], check=True)
                print(target)


if __name__ == "__main__":
    main()
