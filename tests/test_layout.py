"""Blank cells placed by where numbers stand in space-aligned text (pdftotext -layout), and
only there: numbers one space apart stand in no column."""

from __future__ import annotations

import json
from pathlib import Path

from gongkai.readers import read_path
from gongkai.readers.tokens import NUMBER, line_to_tokens

FIXTURES = Path(__file__).parent / "fixtures" / "issue-13"


def _expected(path: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads(
        path.with_name(path.stem + ".expected.json").read_text("utf-8")
    )
    return data


def test_table_four_blank_group_is_placed_under_its_headers() -> None:
    """pdftotext -layout of seed 000's table 四: 行政复议 blank, ten numbers under the headers
    of the other two groups (before, read into the first ten cells and flagged)."""
    path = FIXTURES / "issue-13-appeals-headers.txt"
    got = read_path(path)
    assert got.to_json()["appeals"] == _expected(path)["appeals"]
    assert [f.rule for f in got.findings or [] if f.row == "appeals"] == [
        "parse.repaired_row",
        "parse.blank_cell",
    ]


def test_numbers_one_space_apart_keep_no_column() -> None:
    numbers = [t for t in line_to_tokens("（一）予以公开 2 0 2", 1) if t.kind == NUMBER]
    assert [t.column for t in numbers] == [-1, -1, -1]
    spaced = [t for t in line_to_tokens("（一）予以公开   2     0", 1) if t.kind == NUMBER]
    assert [t.column for t in spaced] == [10, 16]


def test_single_spaced_text_gives_no_false_error() -> None:
    """PDFium's text of seed 004 (2019 template, blank cells dropped): 「（一）予以公开 2 0 2」
    was placed by columns it does not have, into 法律服务机构, and a column total that
    holds in the report was reported broken."""
    path = FIXTURES / "issue-13-pdfium-single-spaces.txt"
    printed = {(v["rule"], v.get("column")) for v in _expected(path)["expected_violations"]}  # type: ignore[attr-defined]
    got = read_path(path)
    errors = {(f.rule, f.column) for f in got.findings or [] if f.severity == "error"}
    assert errors <= printed
