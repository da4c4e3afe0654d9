"""Open data: the library as files a researcher can load — every cell as CSV (one row per
report and cell) with its data dictionary, Parquet, and JSON Lines.

Functions take an iterable of `LibraryEntry` (a report, its id, and whatever metadata the
caller keeps: region, level, publication date, URL…) and write to streams the caller
opens; nothing here knows where the files go. Open text streams with encoding
"utf-8-sig" for CSV that Excel opens in Chinese.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, Any, TextIO

from gongkai import catalog, checks
from gongkai.model import Report

Value = int | str | None
MetaValue = str | int | float | None


@dataclass(frozen=True)
class LibraryEntry:
    id: str
    report: Report
    meta: Mapping[str, MetaValue] = field(default_factory=dict)


@dataclass(frozen=True)
class CellInfo:
    """A line of the data dictionary."""

    cell: str  # the contract's name: applications.granted.natural_person
    table: str  # 表二, 表三, 表四
    label: str  # as printed: 表三（一）予以公开·自然人
    unit: str
    templates: str  # the templates that have the cell: "2019 2021"


# ---------------------------------------------------------------- the dictionary

_NOTE = re.compile(r"（[^（）]*）$")
_UNIT_NOTE = re.compile(r"（单位：([^）]+)）")
_COUNT_UNITS = {"prev_items": "项", "change": "项", "items": "项"}


def dictionary() -> list[CellInfo]:
    """Every cell of both templates, in the order the tables print them."""
    cells: dict[str, CellInfo] = {}
    for info in [*_application_cells(), *_active_cells(), *_appeal_cells()]:
        known = cells.get(info.cell)
        templates = f"{known.templates} {info.templates}" if known else info.templates
        cells[info.cell] = CellInfo(info.cell, info.table, info.label, info.unit, templates)
    return list(cells.values())


def _application_cells() -> Iterator[CellInfo]:
    """In the printed order; `other` (三（六） as one row) is also how a 2021 report that
    prints it undivided is stored."""
    rows = sorted(catalog.ALL_APPLICATION_ROWS.values(), key=lambda r: catalog.ROW_RANK[r.id])
    for row in rows:
        templates = " ".join(
            t for t in catalog.TEMPLATES if row in catalog.APPLICATION_ROWS[t] or row.id == "other"
        )
        for column in catalog.APPLICANT_COLUMNS:
            name = f"applications.{row.id}.{column.id}"
            label = f"表三{_row_label(row)}·{column.label}"
            yield CellInfo(name, "表三", label, "件", templates)


def _row_label(row: catalog.Row) -> str:
    """（一）予以公开, （三）1.属于国家秘密, 一、本年新收政府信息公开申请数量."""
    printed = _NOTE.sub("", row.label) if row.label.count("（") > 1 else row.label
    if row.group and row.group.startswith("（") and not printed.startswith("（"):
        return row.group[:3] + printed
    return printed


def _active_cells() -> Iterator[CellInfo]:
    for template in catalog.TEMPLATES:
        for row in catalog.ACTIVE_ROWS[template]:
            for spec in row.fields:
                unit = _UNIT_NOTE.search(spec.label)
                label = f"表二{row.label}·{_UNIT_NOTE.sub('', spec.label)}"
                units = (
                    unit.group(1)
                    if unit
                    else ("万元" if spec.money else _COUNT_UNITS.get(spec.id, "件"))
                )
                yield CellInfo(f"active.{row.id}.{spec.id}", "表二", label, units, template)


def _appeal_cells() -> Iterator[CellInfo]:
    for group in catalog.APPEAL_GROUPS:
        for spec in catalog.APPEAL_FIELDS:
            label = f"表四{group.label}·{spec.label}"
            yield CellInfo(f"appeals.{group.id}.{spec.id}", "表四", label, "件", "2019 2021")


def write_dictionary_csv(out: TextIO) -> None:
    writer = csv.writer(out)
    writer.writerow(["cell", "table", "label", "unit", "templates"])
    for info in dictionary():
        writer.writerow([info.cell, info.table, info.label, info.unit, info.templates])


# ---------------------------------------------------------------- cells of a report


def report_cells(report: Report) -> Iterator[tuple[str, Value]]:
    """(cell name, value) for every cell of the report, blank cells as None."""
    for row_id, values in report.applications.rows.items():
        for column, value in zip(catalog.COLUMN_IDS, values):
            yield f"applications.{row_id}.{column}", value
    for row in catalog.ACTIVE_ROWS[report.template]:
        cells = getattr(report.active, row.id)
        for spec in row.fields:
            yield f"active.{row.id}.{spec.id}", getattr(cells, spec.id)
    for group in catalog.APPEAL_GROUPS:
        counts = getattr(report.appeals, group.id)
        for result in catalog.APPEAL_FIELDS:
            yield f"appeals.{group.id}.{result.id}", getattr(counts, result.id)


def report_row(entry: LibraryEntry, meta_columns: Sequence[str] = ()) -> dict[str, Any]:
    """One report as one row: what it is, its findings counted, and the whole report as
    the contract's JSON (a string), for Parquet."""
    report = entry.report
    findings = report.findings or []
    errors = len(checks.errors(findings))
    return {
        "id": entry.id,
        **{column: entry.meta.get(column) for column in meta_columns},
        "agency": report.agency,
        "year": report.year,
        "template": report.template,
        "published_on": report.published_on.isoformat() if report.published_on else None,
        "source_path": report.source.path if report.source else None,
        "source_format": report.source.format if report.source else None,
        "sha256": report.source.sha256 if report.source else None,
        "errors": errors,
        "warnings": len(findings) - errors,
        "report": json.dumps(report.to_json(), ensure_ascii=False),
    }


# ---------------------------------------------------------------- writers

_CELL_HEAD = ("id", "agency", "year", "template", "cell", "value")


class CellsCsv:
    """The cells CSV written one report at a time (its header first), so that a caller
    writing several files in one pass over the library can feed it as it goes."""

    def __init__(self, out: TextIO, meta_columns: Sequence[str] = ()) -> None:
        self.writer = csv.writer(out)
        self.meta_columns = meta_columns
        self.writer.writerow([*_CELL_HEAD[:1], *meta_columns, *_CELL_HEAD[1:]])

    def write(self, entry: LibraryEntry) -> int:
        """The report's cells; returns how many rows were written."""
        count = 0
        for cell, value in report_cells(entry.report):
            self.writer.writerow(_cell_line(entry, self.meta_columns, cell, value))
            count += 1
        return count


def write_cells_csv(
    entries: Iterable[LibraryEntry], out: TextIO, meta_columns: Sequence[str] = ()
) -> int:
    """One row per report and cell; returns the number of rows written."""
    cells = CellsCsv(out, meta_columns)
    return sum(cells.write(entry) for entry in entries)


def _cell_line(
    entry: LibraryEntry, meta_columns: Sequence[str], cell: str, value: Value
) -> list[object]:
    report = entry.report
    meta = [entry.meta.get(column) for column in meta_columns]
    return [entry.id, *meta, report.agency, report.year, report.template, cell, value]


def jsonl_line(entry: LibraryEntry) -> str:
    """{"id", "meta", "report" (the contract's JSON)} on one line, its newline included."""
    line = {"id": entry.id, "meta": dict(entry.meta), "report": entry.report.to_json()}
    return json.dumps(line, ensure_ascii=False) + "\n"


def write_jsonl(entries: Iterable[LibraryEntry], out: TextIO) -> int:
    """One object per line (`jsonl_line`)."""
    count = 0
    for entry in entries:
        out.write(jsonl_line(entry))
        count += 1
    return count


PARQUET_BATCH = 5000


def write_parquet(
    entries: Iterable[LibraryEntry],
    reports_out: IO[bytes],
    cells_out: IO[bytes],
    meta_columns: Sequence[str] = (),
) -> int:
    """Two tables: reports (one row each, see `report_row`) and cells (id, cell, value as
    text, and number where the value is a whole number). Written in row groups of
    PARQUET_BATCH reports, so memory stays flat however large the library."""
    count = 0
    with ParquetTables(reports_out, cells_out, meta_columns) as tables:
        for batch in batches(entries, PARQUET_BATCH):
            tables.write(batch)
            count += len(batch)
    return count


class ParquetTables:
    """The two Parquet tables, written a batch of reports (one row group) at a time."""

    def __init__(
        self, reports_out: IO[bytes], cells_out: IO[bytes], meta_columns: Sequence[str] = ()
    ) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.pa, self.meta_columns = pa, meta_columns
        self.reports_schema = _reports_schema(pa, meta_columns)
        self.cells_schema = pa.schema(
            [
                ("id", pa.string()),
                ("cell", pa.string()),
                ("value", pa.string()),
                ("number", pa.int64()),
            ]
        )
        self.reports = pq.ParquetWriter(reports_out, self.reports_schema)
        self.cells = pq.ParquetWriter(cells_out, self.cells_schema)

    def write(self, batch: Sequence[LibraryEntry]) -> None:
        rows = [report_row(e, self.meta_columns) for e in batch]
        table = self.pa.Table.from_pylist
        self.reports.write_table(table(rows, schema=self.reports_schema))
        self.cells.write_table(table(_cell_rows(batch), schema=self.cells_schema))

    def __enter__(self) -> ParquetTables:
        return self

    def __exit__(self, *exc: object) -> None:
        self.reports.close()
        self.cells.close()


def _reports_schema(pa: Any, meta_columns: Sequence[str]) -> Any:
    meta = [(column, pa.string()) for column in meta_columns]
    return pa.schema(
        [
            ("id", pa.string()),
            *meta,
            ("agency", pa.string()),
            ("year", pa.int32()),
            ("template", pa.string()),
            ("published_on", pa.string()),
            ("source_path", pa.string()),
            ("source_format", pa.string()),
            ("sha256", pa.string()),
            ("errors", pa.int32()),
            ("warnings", pa.int32()),
            ("report", pa.string()),
        ]
    )


def _cell_rows(batch: Sequence[LibraryEntry]) -> list[dict[str, object]]:
    return [
        {
            "id": entry.id,
            "cell": cell,
            "value": None if value is None else str(value),
            "number": value if isinstance(value, int) else None,
        }
        for entry in batch
        for cell, value in report_cells(entry.report)
    ]


def batches(entries: Iterable[LibraryEntry], size: int) -> Iterator[list[LibraryEntry]]:
    batch: list[LibraryEntry] = []
    for entry in entries:
        batch.append(entry)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
