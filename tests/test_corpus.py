"""The accuracy corpus (tests/support/corpus): its truth, its planted errors, its scoring."""

from __future__ import annotations

import json
import random
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pypdfium2
import pytest

from gongkai.render.pdf import html_to_pdf
from gongkai.render.text import LAYOUTS
from tests.support.corpus import mdconverters, scoring
from tests.support.corpus.build import FAMILIES, Plan, build, text_items
from tests.support.corpus.cache import Cache
from tests.support.corpus.narrative import figures_of
from tests.support.corpus.sources import PLANTS, generated_source, seed_sources
from tests.support.scans import print_and_scan

PLANTED_RULE = {
    "row_total": "applications.row_total",
    "balance": "applications.balance",
    "column_total": "applications.total",
    "appeal_total": "appeals.total",
    "narrative": "text.table_mismatch",
}


def test_a_report_without_a_plant_prints_no_inconsistency() -> None:
    for seed in range(20):
        assert generated_source("g", random.Random(seed)).violations == ()


@pytest.mark.parametrize("plant", PLANTS)
def test_each_plant_breaks_its_own_rule(plant: str) -> None:
    for seed in range(10):
        source = generated_source("g", random.Random(seed), plant)
        rules = {v["rule"] for v in source.violations}
        assert PLANTED_RULE[plant] in rules
        # A figure off by one in a table breaks table rules only; a sentence, its own rule.
        assert ("text.table_mismatch" in rules) == (plant == "narrative")
        assert len(rules) == 1 or plant != "narrative"


@pytest.mark.parametrize("section", ["overview", "applications"])
def test_a_planted_sentence_states_a_figure_its_table_does_not_hold(section: str) -> None:
    for seed in range(10):
        source = generated_source("g", random.Random(seed), "narrative", section)
        (violation,) = source.violations
        stated = violation["expected"]
        figures = figures_of(source.report)
        assert stated not in (figures.new, figures.granted, figures.forward)
        assert f"{stated}件" in (source.report.sections or {})[section]


def _report(cells: Mapping[str, int | None], findings: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "active": {"fees": {"amount_10k_yuan": "1.50"}},
        "applications": {
            "columns": ["natural_person", "total"],
            "rows": {
                row: [cells.get(f"{row}.natural_person"), cells.get(f"{row}.total")]
                for row in ("granted", "total")
            },
        },
        "appeals": {"review": {"total": cells.get("review.total")}},
        "findings": findings,
    }


TRUTH = _report(
    {
        "granted.natural_person": 3,
        "granted.total": 3,
        "total.natural_person": 3,
        "total.total": 3,
        "review.total": None,
    },
    [],
)


def test_a_wrong_cell_is_silent_unless_a_parse_warning_names_its_row_or_table() -> None:
    cells = {
        "granted.natural_person": 8,
        "granted.total": 3,
        "total.natural_person": 3,
        "total.total": 3,
        "review.total": 0,
    }
    for findings, silent in (
        ([], ["applications.granted.natural_person"]),
        ([{"rule": "parse.repaired_row", "severity": "warning", "row": "granted"}], []),
        ([{"rule": "parse.missing_table", "severity": "warning", "row": "applications"}], []),
        (
            [{"rule": "parse.repaired_row", "severity": "warning", "row": "total"}],
            ["applications.granted.natural_person"],
        ),
        (
            [{"rule": "parse.blank_cell", "severity": "warning", "row": "applications"}],
            ["applications.granted.natural_person"],
        ),
    ):
        score = scoring.ItemScore("x", "text")
        scoring.score_cells(score, TRUTH, _report(cells, findings), [])
        assert (score.cells, score.exact, score.wrong) == (
            6,
            5,
            ["applications.granted.natural_person"],
        )
        assert score.silent == silent


def test_a_blank_cell_may_read_as_zero_but_a_printed_zero_is_not_blank() -> None:
    assert scoring.same_cell(None, 0)
    assert scoring.same_cell(None, None)
    assert not scoring.same_cell(0, None)
    assert scoring.same_cell("1.50", "1.5")
    assert not scoring.same_cell("1.50", "15")


def test_an_ambiguous_part_of_a_seed_is_not_scored() -> None:
    score = scoring.ItemScore("x", "text")
    scoring.score_cells(score, TRUTH, _report({}, []), ["applications"])
    assert (score.cells, score.exact, score.wrong) == (2, 2, [])  # table 三 read blank: not scored


def test_errors_count_as_found_or_false_by_rule_and_place() -> None:
    violations: list[scoring.Violation] = [
        {"rule": "applications.total", "row": "total", "column": "total"},
        {"rule": "text.table_mismatch", "expected": 77},
    ]
    read = {
        "findings": [
            {"rule": "applications.total", "severity": "error", "row": "total", "column": "total"},
            {
                "rule": "applications.total",
                "severity": "error",
                "row": "total",
                "column": "research",
                "expected": 1,
                "found": 0,
            },
            {
                "rule": "text.table_mismatch",
                "severity": "error",
                "row": "new_received",
                "expected": 4355,
                "found": 70,
            },
            {"rule": "parse.repaired_row", "severity": "warning", "row": "total"},
        ]
    }
    score = scoring.ItemScore("x", "text")
    scoring.score_errors(score, violations, read)
    assert (score.consistent, score.violations, score.found) == (False, 2, 1)
    assert score.false_errors == [
        "applications.total(total/research) 1≠0",
        "text.table_mismatch(new_received) 4355≠70",
    ]


def test_a_sentence_contradicting_a_table_counts_only_where_sentences_are_printed(
    tmp_path: Path,
) -> None:
    """An XLSX holds the tables alone: a planted narrative inconsistency is not printed in it,
    so the reader cannot be asked to find it there (it was counted as missed)."""
    manifest = json.loads(
        build(tmp_path, Plan(generated=1, seeds=("003",), scan_producers=())).read_text("utf-8")
    )
    prose = {r["family"]: r["prose"] for r in manifest["items"]}
    assert prose["xlsx"] is False and prose["docx"] is True and prose["html"] is True
    violations: list[scoring.Violation] = [
        {"rule": "applications.total", "row": "total", "column": "total"},
        {"rule": "text.table_mismatch", "expected": 77},
    ]
    assert scoring.printed_violations(violations, {"prose": False}) == violations[:1]
    assert scoring.printed_violations(violations, {"prose": True}) == violations


def test_the_corpus_is_built_again_to_the_same_files(tmp_path: Path) -> None:
    # three sources: the second has its fonts broken, the third its tables pasted as pictures
    plan = Plan(generated=3, seeds=(), inconsistent_every=2, scan_producers=())
    cache = Cache(tmp_path / "cache")
    first, second = tmp_path / "a", tmp_path / "b"
    build(first, plan, cache)
    build(second, plan, cache)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        if name.suffix != ".xlsx":  # openpyxl stamps the time of saving
            assert (first / name).read_bytes() == (second / name).read_bytes(), name
    families = {name.parts[0] for name in files} - {"truth", "manifest.json"}
    assert families == {f for f in FAMILIES if "scan" not in f.split(".")}  # none scanned


def test_every_text_of_a_seed_is_an_item_of_its_own() -> None:
    """Seed 003's own glued text and our glued rendering of it are two items."""
    for source in seed_sources():
        ids = [item.id for item in text_items(source, random.Random(0))]
        expected = len(source.printed) + len(LAYOUTS) + 1 + len(mdconverters.STYLES)
        assert len(ids) == len(set(ids)) == expected


def test_a_printed_and_scanned_pdf_is_grey_images_at_200_dpi() -> None:
    pdf = html_to_pdf("<p>本年度新收政府信息公开申请12件。</p>")
    scan = pypdfium2.PdfDocument(print_and_scan(pdf, seed=1))
    page = scan[0]
    (image,) = [o for o in page.get_objects() if o.type == pypdfium2.raw.FPDF_PAGEOBJ_IMAGE]
    metadata = image.get_metadata()
    assert (len(scan), round(page.get_width()), round(page.get_height())) == (1, 595, 842)
    assert (metadata.horizontal_dpi, metadata.colorspace) == (
        200,
        pypdfium2.raw.FPDF_COLORSPACE_DEVICEGRAY,
    )
    assert not page.get_textpage().get_text_range().strip()  # no text layer: a scan
