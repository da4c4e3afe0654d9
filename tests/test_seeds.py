"""Golden tests: each seed report reads to exactly its expected data and findings.

The expected data and errors are the shared seeds' (`*.expected.json`, never edited here);
the whole output, warnings, sections and narrative figures included, is also compared with
a golden file in `fixtures/seeds/golden/`. A change of the reader that changes an output
rewrites the golden files with `GONGKAI_WRITE_GOLDEN=1` and the diff is reviewed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from gongkai.readers import read_path
from gongkai.readers.repair import holds
from gongkai.readers.tables import APPEAL_RULES

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
GOLDEN = SEEDS / "golden"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
DATA_KEYS = ("schema", "agency", "year", "template", "published_on", "active", "applications")


def _expected(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.with_suffix(".expected.json").read_text("utf-8"))
    return data


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem[:3])
def test_seed_reads_to_expected_data(path: Path) -> None:
    expected = _expected(path)
    got = read_path(path).to_json()
    ambiguous = set(expected.get("ambiguous", []))
    for key in DATA_KEYS:
        assert got[key] == expected[key], key
    for group, cells in expected["appeals"].items():
        if f"appeals.{group}" not in ambiguous:
            assert got["appeals"][group] == cells, group


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem[:3])
def test_seed_errors_are_exactly_the_expected_violations(path: Path) -> None:
    expected = _expected(path)["expected_violations"]
    got = [f for f in read_path(path).to_json()["findings"] if f["severity"] == "error"]
    assert [(f["rule"], f.get("column")) for f in got] == [
        (v["rule"], v.get("column")) for v in expected
    ]
    for finding, violation in zip(got, expected):
        for key in ("expected", "found"):
            if key in violation:
                assert finding[key] == violation[key]


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem[:3])
def test_seed_reads_to_its_whole_golden_output(path: Path) -> None:
    got = read_path(path).to_json()
    got["source"]["path"] = path.name  # the output names the path it was given
    golden = GOLDEN / f"{path.stem}.json"
    if os.environ.get("GONGKAI_WRITE_GOLDEN") == "1":
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", "utf-8")
    assert got == json.loads(golden.read_text("utf-8"))


def test_ambiguous_appeals_take_a_consistent_reading_and_say_so() -> None:
    path = SEEDS / "002_1f96f5644f17432b.txt"
    report = read_path(path).to_json()
    cells = tuple(
        report["appeals"][g][f]
        for g in ("review", "litigation_direct", "litigation_after_review")
        for f in ("upheld", "corrected", "other", "pending", "total")
    )
    assert holds(cells, APPEAL_RULES)
    assert report["appeals"]["litigation_after_review"]["total"] == 2
    rules = [f["rule"] for f in report["findings"] if f.get("row") == "appeals"]
    assert rules == ["parse.ambiguous_row"]


def test_repaired_rows_are_reported_where_the_seed_prints_too_few_cells() -> None:
    report = read_path(SEEDS / "004_dcba8a3c48a24b57.txt").to_json()
    repaired = [(f["rule"], f["row"]) for f in report["findings"] if "repaired" in f["rule"]]
    assert repaired == [
        ("parse.repaired_row", "withheld.state_secret"),
        ("parse.repaired_row", "withheld.law_prohibited"),
        ("parse.repaired_row", "appeals"),
    ]


def test_undivided_other_row_of_a_2021_report_is_stored_as_other() -> None:
    report = read_path(SEEDS / "001_33dd7dc401233ec9.txt").to_json()
    assert "other" in report["applications"]["rows"]
    assert [f["rule"] for f in report["findings"]] == ["parse.undivided_other"]


def test_source_records_format_hash_and_encoding() -> None:
    path = SEED_FILES[0]
    source = read_path(path).to_json()["source"]
    assert source["format"] == "text"
    assert source["encoding"] == "utf-8"
    assert len(source["sha256"]) == 64


def test_errors_point_at_the_source_line_of_the_printed_total_row() -> None:
    path = SEEDS / "004_dcba8a3c48a24b57.txt"
    report = read_path(path).to_json()
    lines = path.read_text("utf-8").split("\n")
    for finding in report["findings"]:
        if finding["severity"] == "error":
            assert "(七)总计" in lines[finding["line"] - 1]
