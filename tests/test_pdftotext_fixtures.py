"""Real pdftotext output (raw and -layout) of the official tables, read back.

The fixtures come from tests/support/make_pdf_fixtures.py. PDF text drops blank cells,
so where the source has blank cells the reader cannot always know which cells they
were: it must then say so (a parse.* warning or a broken rule), never pass silently.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.readers import read_path

FIXTURES = Path(__file__).parent / "fixtures"
DATA = ("agency", "year", "template", "active", "applications", "appeals")
EXACT = ["001.raw", "001.layout", "002.raw", "002.layout", "003.raw", "003.layout", "004.layout"]
WITH_BLANKS = ["000.raw", "000.layout", "004.raw"]


def _expected(name: str) -> dict[str, object]:
    seed = next((FIXTURES / "seeds").glob(f"{name[:3]}_*.expected.json"))
    data: dict[str, object] = json.loads(seed.read_text("utf-8"))
    return data


@pytest.mark.parametrize("name", EXACT)
def test_pdftotext_output_reads_exactly(name: str) -> None:
    got = read_path(FIXTURES / "pdftotext" / f"{name}.txt").to_json()
    expected = _expected(name)
    for key in DATA:
        assert got[key] == expected[key], key


@pytest.mark.parametrize("name", WITH_BLANKS)
def test_lost_blank_cells_are_flagged_not_hidden(name: str) -> None:
    got = read_path(FIXTURES / "pdftotext" / f"{name}.txt").to_json()
    expected = _expected(name)
    wrong = [k for k in DATA if got[k] != expected[k]]
    doubts = [
        f["rule"]
        for f in got["findings"]
        if f["rule"].startswith("parse.") or f["severity"] == "error"
    ]
    assert wrong == [] or any(r != "parse.blank_cell" for r in doubts), (wrong, doubts)


def test_blank_cells_of_layout_text_are_placed_by_their_columns() -> None:
    got = read_path(FIXTURES / "pdftotext" / "004.layout.txt").to_json()
    assert got["applications"]["rows"]["granted"] == [2, None, 0, None, None, None, 2]
    placed = [f for f in got["findings"] if f.get("row") == "granted"]
    assert [f["rule"] for f in placed] == ["parse.repaired_row"]
    assert "列位置" in placed[0]["message"]
