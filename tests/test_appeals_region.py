"""Table 四's region where pdftotext's default mode prints section 五's heading among its
rows: the heading shares the height of the table's last rows and comes out before them."""

from __future__ import annotations

import json
from pathlib import Path

from gongkai.readers import read_path
from gongkai.readers.normalize import normalize_text
from gongkai.readers.regions import text_to_regions

FIXTURES = Path(__file__).parent / "fixtures"
# pdftotext's default mode on a LibreOffice PDF (corpus item gen-13-008).
BELOW_HEADING = FIXTURES / "issue-13" / "issue-13-slip-in-column-blocks.txt"


def test_rows_of_table_four_below_the_next_heading_are_the_tables() -> None:
    report = read_path(BELOW_HEADING)
    expected = json.loads(
        BELOW_HEADING.with_name(BELOW_HEADING.stem + ".expected.json").read_text()
    )
    assert report.appeals.model_dump() == expected["appeals"]
    said = [(f.rule, f.severity) for f in report.findings or [] if f.row == "appeals" or f.group]
    assert said == [
        ("parse.repaired_row", "warning")
    ]  # the prose's 19 件 and 8 件 are in its region
    assert report.sections is not None
    assert report.sections["problems"].startswith("政府信息公开工作仍存在一些不足")


def test_the_heading_stays_prose_and_the_prose_below_the_rows_ends_the_table() -> None:
    text = normalize_text(BELOW_HEADING.read_text("utf-8"))
    regions = text_to_regions(text)
    assert regions.appeals is not None
    lines = [line for line in regions.appeals.text.split("\n") if line.strip()]
    assert lines[-4:] == ["0", "5", "总计", "5"]
    assert "五、存在的主要问题及改进情况" in regions.narrative.split("\n")
    assert "复议后起诉" not in regions.narrative
