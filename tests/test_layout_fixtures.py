"""The real seed texts in other shapes (tests/support/derive_layouts.py) read to the same data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.readers import read_path

FIXTURES = Path(__file__).parent / "fixtures"
LAYOUTS = sorted((FIXTURES / "layouts").glob("*.txt"))
DATA = ("agency", "year", "template", "published_on", "active", "applications", "appeals")


def _expected(path: Path) -> dict[str, object]:
    seed = next((FIXTURES / "seeds").glob(f"{path.name[:3]}_*.expected.json"))
    data: dict[str, object] = json.loads(seed.read_text("utf-8"))
    return data


@pytest.mark.parametrize("path", LAYOUTS, ids=lambda p: p.stem)
def test_derived_layout_reads_to_the_seed_data(path: Path) -> None:
    expected = _expected(path)
    got = read_path(path).to_json()
    for key in DATA:
        assert got[key] == expected[key], key
    errors = [f["rule"] for f in got["findings"] if f["severity"] == "error"]
    assert errors == [v["rule"] for v in expected["expected_violations"]]  # type: ignore[attr-defined]


def test_glued_table_two_is_read_but_flagged_as_a_guess() -> None:
    report = read_path(FIXTURES / "layouts" / "003-glued.txt").to_json()
    flagged = [f["row"] for f in report["findings"] if f["rule"] == "parse.ambiguous_row"]
    assert flagged == ["normative_documents"]


def test_all_derived_layouts_are_present() -> None:
    from tests.support.derive_layouts import derive

    assert sorted(derive()) == [p.name for p in LAYOUTS]
    for name, data in derive().items():
        assert (FIXTURES / "layouts" / name).read_bytes() == data, name
