"""Make the pdftotext default-mode fixtures (issue 13): `python -m
tests.support.make_default_mode_fixtures` (not run by CI; needs poppler-utils, a CJK font and,
for the second family, LibreOffice).

Random consistent reports (tests/support/reports.py) are printed to PDF two ways: by
`gongkai render --to pdf` (WeasyPrint) and by LibreOffice from `gongkai render --to docx`,
as many publishers do. `pdftotext` in its default mode (neither -raw nor -layout) then turns
each into text: it reads a table as blocks of columns, labels apart from their numbers and
some numbers out of order. Each text sits beside the report it came from.
"""

from __future__ import annotations

import json
import random
import subprocess
import tempfile
from pathlib import Path

from gongkai.model import Report
from gongkai.render import render
from tests.support.reports import report_from_rng

OUT = Path(__file__).parent.parent / "fixtures" / "pdftotext-default"
SEEDS = {"weasyprint": range(0, 4), "libreoffice": range(100, 110)}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for producer, seeds in SEEDS.items():
        for seed in seeds:
            report = report_from_rng(random.Random(seed))
            name = f"issue-13-{producer}-{seed}"
            with tempfile.TemporaryDirectory() as tmp:
                pdf = _pdf(report, producer, Path(tmp))
                subprocess.run(["pdftotext", str(pdf), str(OUT / f"{name}.txt")], check=True)
            expected = json.dumps(report.to_json(), ensure_ascii=False, indent=1)
            (OUT / f"{name}.expected.json").write_text(expected + "\n", "utf-8")
            print(name)


def _pdf(report: Report, producer: str, folder: Path) -> Path:
    if producer == "weasyprint":
        target = folder / "report.pdf"
        target.write_bytes(render(report, "pdf"))
        return target
    docx = folder / "report.docx"
    docx.write_bytes(render(report, "docx"))
    command = ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(docx)]
    subprocess.run(command, check=True, capture_output=True)
    return folder / "report.pdf"


if __name__ == "__main__":
    main()
