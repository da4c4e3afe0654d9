"""Every DuckDB query the researchers' page shows, run as printed on the files a
researcher downloads from a test library, each answer checked against the library."""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import duckdb
import pytest
from django.test import Client

from gongkai import opendata
from gongkai.web.agencies.models import Agency
from gongkai.web.opendata.build import refresh
from gongkai.web.opendata.examples import EXAMPLES, setup_sql
from gongkai.web.opendata.files import FILES
from gongkai.web.opendata.library import library
from gongkai.web.reports.models import PublishedReport
from tests.web.opendata_library import publish_library

pytestmark = pytest.mark.django_db
Rows = list[tuple[Any, ...]]


@pytest.fixture
def downloaded(
    tree: dict[str, Agency], settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> list[PublishedReport]:
    """The library's files saved under the names the browser gives them, in the folder
    the queries run in."""
    agencies = [tree["county"], tree["city"], tree["other"], tree["province"]]
    published = publish_library(agencies, (2021, 2022, 2023))
    refresh(Path(settings.GONGKAI_OPEN_DATA_DIR), library)
    folder = tmp_path / "downloads"
    folder.mkdir()
    for data_file in FILES:
        response = Client().get(f"/data/files/{data_file.key}")
        name = unquote(response["Content-Disposition"].split("''", 1)[1])
        (folder / name).write_bytes(b"".join(response.streaming_content))  # type: ignore[attr-defined]
    monkeypatch.chdir(folder)
    return published


def test_every_example_on_the_page_gives_the_right_answer(
    downloaded: list[PublishedReport],
) -> None:
    page = html.unescape(Client().get("/data/duckdb/").content.decode())
    assert setup_sql() in page
    con = duckdb.connect()
    con.execute(setup_sql())
    assert set(CHECKS) == {e.key for e in EXAMPLES}
    for example in EXAMPLES:
        assert example.sql in page
        assert con.sql(example.sql).fetchall() == CHECKS[example.key](downloaded), example.title


def _cells(record: PublishedReport) -> dict[str, Any]:
    return dict(opendata.report_cells(record.report()))


def _sum(values: Iterable[int | None]) -> int | None:
    """SQL's sum: NULLs passed over, NULL when nothing is left."""
    given = [v for v in values if v is not None]
    return sum(given) if given else None


def _rate(part: int | None, whole: int | None) -> float | None:
    """round(100.0 * part / nullif(whole, 0), 1), as DuckDB rounds (half away from 0)."""
    if part is None or not whole:
        return None
    return math.floor(100.0 * part / whole * 10 + 0.5) / 10


def _by_year(library: list[PublishedReport]) -> dict[int, list[PublishedReport]]:
    years: dict[int, list[PublishedReport]] = {}
    for record in sorted(library, key=lambda r: r.year):
        years.setdefault(record.year, []).append(record)
    return years


def disclosure_rate(library: list[PublishedReport]) -> Rows:
    rows = []
    for year, records in _by_year(library).items():
        cells = [_cells(r) for r in records]
        shown = ("applications.granted.total", "applications.partially_granted.total")
        part = _sum(c[name] for c in cells for name in shown)
        whole = _sum(c["applications.total.total"] for c in cells)
        rows.append((year, len(records), _rate(part, whole)))
    return rows


def errors(library: list[PublishedReport]) -> Rows:
    wrong = [r for r in library if r.errors > 0]
    wrong.sort(key=lambda r: (-r.errors, -r.year, r.agency.name))
    return [(r.agency.name, r.agency.region(), r.year, r.errors) for r in wrong]


def most_applications(library: list[PublishedReport]) -> Rows:
    latest = max(r.year for r in library)
    rows = [
        (r.agency.name, r.agency.region(), _cells(r)["applications.new_received.total"])
        for r in library
        if r.year == latest
    ]
    rows.sort(key=lambda row: (row[2] is None, -(row[2] or 0), row[0]))
    return rows[:10]


def review_corrected(library: list[PublishedReport]) -> Rows:
    rows = []
    for year, records in _by_year(library).items():
        cells = [_cells(r) for r in records]
        total = _sum(c["appeals.review.total"] for c in cells)
        rows.append((year, total, _rate(_sum(c["appeals.review.corrected"] for c in cells), total)))
    return rows


def late(library: list[PublishedReport]) -> Rows:
    rows = [r for r in library if r.late]
    rows.sort(key=lambda r: (r.year, r.agency.name))
    return [
        (r.agency.name, r.year, r.published_on.isoformat() if r.published_on else None)
        for r in rows
    ]


def labelled(library: list[PublishedReport]) -> Rows:
    first = min(library, key=lambda r: str(r.pk))
    labels = {info.cell: info for info in opendata.dictionary()}
    cells = sorted((name, value) for name, value in _cells(first).items())
    return [
        (labels[name].label, value, labels[name].unit)
        for name, value in cells
        if labels[name].table == "表四"
    ]


CHECKS: dict[str, Callable[[list[PublishedReport]], Rows]] = {
    "disclosure_rate": disclosure_rate,
    "errors": errors,
    "most_applications": most_applications,
    "review_corrected": review_corrected,
    "late": late,
    "labelled": labelled,
}
