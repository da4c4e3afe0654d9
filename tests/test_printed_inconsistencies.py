"""Every printed inconsistency found (issue 13): a rule the report itself breaks is an error
wherever the cells it compares are proven, by their layout or by the other rules, even when
other cells of the same rows are in doubt."""

from __future__ import annotations

from pathlib import Path

from gongkai.readers import read_path

FIXTURES = Path(__file__).parent / "fixtures" / "issue-13"


def _errors(name: str) -> set[tuple[str, str | None, object]]:
    report = read_path(FIXTURES / name)
    return {(f.rule, f.column, f.expected) for f in report.findings or [] if f.severity == "error"}


def test_prose_between_a_heading_and_its_table_is_compared() -> None:
    """「三、收到和处理…」 then 「本年度予以公开50件。」 then table 三 (予以公开 48)."""
    assert _errors("issue-13-prose-before-table.txt") == {("text.table_mismatch", None, 50)}


def test_prose_that_markdown_laid_out_as_tables_is_compared() -> None:
    """「本年度新收政府信息公 | … | 开申请 | 650 | 件。」 against 本年新收 649."""
    assert _errors("issue-13-prose-in-markdown-tables.md") == {("text.table_mismatch", None, 650)}
