"""Make the issue-13 fixtures of real-world HTML, DOCX and XLSX:
`python -m tests.support.make_structured_fixtures` (not run by CI).

A random consistent report (tests/support/reports.py) is rendered by gongkai and reshaped
the way government sites, Word and WPS, and offices' spreadsheets leave it
(tests/support/corpus: `cms`, `wps`, `office`); each fixture is written beside the report
it came from (`issue-13-<slug>.<ext>` and `issue-13-<slug>.expected.json`).
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

from gongkai.render.docx import render_docx
from gongkai.render.html import render_html
from gongkai.render.xlsx import render_xlsx
from tests.support.corpus import cms, office, wps
from tests.support.reports import report_from_rng

OUT = Path(__file__).parent.parent / "fixtures" / "issue-13"
SEED = 1300
# slug → (suffix, how the report is rendered, how it is reshaped)
FIXTURES: dict[str, tuple[str, Callable[..., bytes | str], Callable[..., bytes]]] = {
    "html-revision-marks": ("html", render_html, cms.revised),
    "html-table-picture": ("html", render_html, lambda html, rng: cms.picture_link(html)),
    "html-web-archive": ("mht", render_html, cms.mht),
    "docx-content-controls": ("docx", render_docx, wps.nested),
    "docx-text-box": ("docx", render_docx, wps.textbox),
    "docx-table-picture": ("docx", render_docx, lambda data, rng: wps.picture_link(data)),
    "xlsx-uncalculated": ("xlsx", render_xlsx, office.uncalculated),
    "xlsx-hidden": ("xlsx", render_xlsx, office.hidden),
}


def main() -> None:
    report = report_from_rng(random.Random(SEED))
    for slug, (suffix, rendered, reshaped) in FIXTURES.items():
        data = reshaped(rendered(report), random.Random(f"{SEED}:{slug}"))
        (OUT / f"issue-13-{slug}.{suffix}").write_bytes(data)
        truth = json.dumps(report.to_json(), ensure_ascii=False, indent=1)
        (OUT / f"issue-13-{slug}.expected.json").write_text(truth + "\n", "utf-8")


if __name__ == "__main__":
    main()
