"""Make the issue-13 fixtures: `python -m tests.support.make_issue_13_fixtures [--flattened]`
(not run by CI; the PDF ones need poppler-utils, a CJK font and LibreOffice).

Each fixture is a text beside the random consistent report it came from
(tests/support/reports.py):

- `issue-13-weasyprint-<seed>`, `issue-13-libreoffice-<seed>`: the report printed to PDF by
  `gongkai render --to pdf` (WeasyPrint), or by LibreOffice from `gongkai render --to docx`
  as many publishers do, then turned into text by `pdftotext` in its default mode (neither
  -raw nor -layout), which reads a table as blocks of columns: labels apart from their
  numbers, some numbers out of order;
- `issue-13-<kind>-<seed>` for the kinds of tests/support/flattened.py: Markdown with rows
  of table 二 outside the table, crawler text, column blocks.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from gongkai.model import Report
from gongkai.render import render
from tests.support import flattened
from tests.support.reports import report_from_rng

OUT = Path(__file__).parent.parent / "fixtures" / "issue-13"
PRODUCERS = {"weasyprint": range(0, 4), "libreoffice": range(100, 110)}
FLATTENED = {
    "rows_outside": flattened.rows_outside,
    "crawled": flattened.crawled,
    "column_blocks": flattened.column_blocks,
}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for kind, make in FLATTENED.items():
        for seed in range(200, 203):
            report = report_from_rng(random.Random(seed))
            write(
                f"issue-13-{kind.replace('_', '-')}-{seed}",
                make(report, random.Random(seed)),
                report,
            )
    if "--flattened" in sys.argv:
        return
    for producer, seeds in PRODUCERS.items():
        for seed in seeds:
            report = report_from_rng(random.Random(seed))
            write(f"issue-13-{producer}-{seed}", _pdf_text(report, producer), report)


def write(name: str, text: str, report: Report) -> None:
    (OUT / f"{name}.txt").write_text(text, "utf-8")
    expected = json.dumps(report.to_json(), ensure_ascii=False, indent=1)
    (OUT / f"{name}.expected.json").write_text(expected + "\n", "utf-8")
    print(name)


def _pdf_text(report: Report, producer: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdf = folder / "report.pdf"
        if producer == "weasyprint":
            pdf.write_bytes(render(report, "pdf"))
        else:
            docx = folder / "report.docx"
            docx.write_bytes(render(report, "docx"))
            command = ["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, str(docx)]
            subprocess.run(command, check=True, capture_output=True)
        subprocess.run(["pdftotext", str(pdf), str(folder / "report.txt")], check=True)
        return (folder / "report.txt").read_text("utf-8")


if __name__ == "__main__":
    main()
