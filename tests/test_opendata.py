"""Open data: the cells CSV and its dictionary, Parquet and JSON Lines, read back."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq

from gongkai import opendata
from gongkai.cli import main
from gongkai.model import Report
from gongkai.readers import read_path

ROOT = Path(__file__).parent.parent
SEEDS = sorted((ROOT / "tests/fixtures/seeds").glob("*.txt"))


def entries() -> list[opendata.LibraryEntry]:
    return [
        opendata.LibraryEntry(f"r{n}", read_path(path), {"region": "宁夏", "level": "县"})
        for n, path in enumerate(SEEDS)
    ]


def test_the_dictionary_is_the_committed_one() -> None:
    """Golden: a change to a cell's name, label or unit shows here first."""
    out = io.StringIO()
    opendata.write_dictionary_csv(out)
    with (ROOT / "tests/fixtures/opendata/dictionary.csv").open(encoding="utf-8", newline="") as f:
        expected = f.read()
    assert out.getvalue() == expected


def test_labels_read_as_printed() -> None:
    labels = {info.cell: (info.label, info.unit) for info in opendata.dictionary()}
    assert labels["applications.granted.natural_person"] == ("表三（一）予以公开·自然人", "件")
    assert labels["applications.partially_granted.total"] == ("表三（二）部分公开·总计", "件")
    assert labels["active.fees.amount_10k_yuan"] == ("表二行政事业性收费·本年收费金额", "万元")
    assert labels["appeals.review.corrected"] == ("表四行政复议·结果纠正", "件")


def test_cells_csv_gives_back_every_cell_of_every_report() -> None:
    library = entries()
    out = io.StringIO()
    count = opendata.write_cells_csv(library, out, ["region"])
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert count == len(rows)
    known = {info.cell for info in opendata.dictionary()}
    for entry in library:
        mine = {r["cell"]: r["value"] for r in rows if r["id"] == entry.id}
        expected = {c: "" if v is None else str(v) for c, v in opendata.report_cells(entry.report)}
        assert mine == expected
        assert set(mine) <= known
    assert {r["region"] for r in rows} == {"宁夏"}


def test_parquet_and_json_lines_give_back_the_reports(tmp_path: Path) -> None:
    library = entries()
    with (
        (tmp_path / "reports.parquet").open("wb") as reports,
        (tmp_path / "cells.parquet").open("wb") as cells,
    ):
        assert opendata.write_parquet(library, reports, cells, ["region", "level"]) == len(library)
    table = pq.read_table(tmp_path / "reports.parquet")
    back = [Report.model_validate(json.loads(text)) for text in table.column("report").to_pylist()]
    assert back == [e.report for e in library]
    assert table.column("level").to_pylist() == ["县"] * len(library)
    cells = pq.read_table(tmp_path / "cells.parquet").to_pylist()
    first = [c for c in cells if c["id"] == "r0"]
    assert [(c["cell"], c["number"]) for c in first] == [
        (name, value if isinstance(value, int) else None)
        for name, value in opendata.report_cells(library[0].report)
    ]
    out = io.StringIO()
    opendata.write_jsonl(library, out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [Report.model_validate(line["report"]) for line in lines] == back
    assert lines[0]["meta"] == {"region": "宁夏", "level": "县"}


def test_the_export_command_writes_every_open_data_file(tmp_path: Path) -> None:
    lines = tmp_path / "reports.jsonl"
    library = entries()
    lines.write_text(
        "".join(json.dumps(e.report.to_json(), ensure_ascii=False) + "\n" for e in library)
    )
    assert main(["export", str(lines), "-o", str(tmp_path / "open")]) == 0
    with (tmp_path / "open" / "cells.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == sum(len(list(opendata.report_cells(e.report))) for e in library)
    assert {r["id"] for r in rows} == {e.report.source.sha256 for e in library}  # type: ignore[union-attr]
    assert pq.read_table(tmp_path / "open" / "reports.parquet").num_rows == len(library)
    assert (tmp_path / "open" / "dictionary.csv").read_bytes().startswith(b"\xef\xbb\xbfcell,")
