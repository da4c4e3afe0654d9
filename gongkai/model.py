"""Typed model of the annual-report interchange format (`gongkai.annual-report/1`).

The contract is ../shared/contract/annual-report.md. Cells are integers as printed,
`None` where the source leaves a cell blank; money is a decimal string.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from typing_extensions import TypedDict  # pydantic needs this one before Python 3.12

from gongkai import catalog

Cell = int | None
Severity = Literal["error", "warning"]


def _money(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    try:
        Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(f"not a decimal amount: {text!r}") from exc
    return text


Money = Annotated[str | None, Field(description="decimal string, e.g. '15954.526468'")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class DocCounts2021(_Strict):
    issued: Cell = None
    repealed: Cell = None
    in_force: Cell = None


class Decisions2021(_Strict):
    decisions: Cell = None


class Fees2021(_Strict):
    amount_10k_yuan: Money = None

    _check = field_validator("amount_10k_yuan", mode="before")(_money)


class Active2021(_Strict):
    regulations: DocCounts2021 = DocCounts2021()
    normative_documents: DocCounts2021 = DocCounts2021()
    licensing: Decisions2021 = Decisions2021()
    penalty: Decisions2021 = Decisions2021()
    coercion: Decisions2021 = Decisions2021()
    fees: Fees2021 = Fees2021()


class DocCounts2019(_Strict):
    made: Cell = None
    published: Cell = None
    total_published: Cell = None


class Items2019(_Strict):
    prev_items: Cell = None
    change: Cell = None
    decisions: Cell = None


class Fees2019(_Strict):
    prev_items: Cell = None
    change: Cell = None


class Procurement2019(_Strict):
    items: Cell = None
    amount: Money = None

    _check = field_validator("amount", mode="before")(_money)


class Active2019(_Strict):
    regulations: DocCounts2019 = DocCounts2019()
    normative_documents: DocCounts2019 = DocCounts2019()
    licensing: Items2019 = Items2019()
    other_services: Items2019 = Items2019()
    penalty: Items2019 = Items2019()
    coercion: Items2019 = Items2019()
    fees: Fees2019 = Fees2019()
    procurement: Procurement2019 = Procurement2019()


class Applications(_Strict):
    columns: list[str] = Field(default_factory=lambda: list(catalog.COLUMN_IDS))
    rows: dict[str, list[Cell]]

    @field_validator("columns")
    @classmethod
    def _columns_are_the_template_columns(cls, value: list[str]) -> list[str]:
        if tuple(value) != catalog.COLUMN_IDS:
            raise ValueError(f"columns must be {list(catalog.COLUMN_IDS)}")
        return value

    @field_validator("rows")
    @classmethod
    def _rows_have_seven_cells(cls, value: dict[str, list[Cell]]) -> dict[str, list[Cell]]:
        for row_id, cells in value.items():
            if row_id not in catalog.ALL_APPLICATION_ROWS:
                raise ValueError(f"unknown row id {row_id!r}")
            if len(cells) != len(catalog.COLUMN_IDS):
                raise ValueError(f"row {row_id!r} has {len(cells)} cells, not 7")
        # Rows in the template's order whatever order they came in: a JSON object's keys
        # have none (PostgreSQL's jsonb sorts them), and the printed table depends on it.
        return dict(sorted(value.items(), key=lambda item: catalog.ROW_RANK[item[0]]))


class AppealGroup(_Strict):
    upheld: Cell = None
    corrected: Cell = None
    other: Cell = None
    pending: Cell = None
    total: Cell = None


class Appeals(_Strict):
    review: AppealGroup = AppealGroup()
    litigation_direct: AppealGroup = AppealGroup()
    litigation_after_review: AppealGroup = AppealGroup()


class Finding(_Strict):
    """One result of a check or of reading: a broken rule (error) or a doubt (warning)."""

    rule: str
    severity: Severity
    message: str
    column: str | None = None
    row: str | None = None
    group: str | None = None
    expected: int | str | None = None
    found: int | str | None = None
    line: int | None = Field(default=None, description="1-based line of the source text")
    page: int | None = Field(default=None, description="1-based page, where the source has pages")
    cells: list[str] | None = Field(
        default=None,
        description="the cells the finding is about (names as in `provenance`), where it names any",
    )


class Source(_Strict):
    path: str | None = None
    format: str
    sha256: str
    encoding: str | None = None


class NarrativeFigure(_Strict):
    """A number that the report's prose states, with the sentence it came from."""

    key: str
    value: int
    sentence: str
    line: int | None = None
    hedge: str | None = Field(
        default=None,
        description="the words that leave the figure's scope uncertain (全县, 各部门, 申请 …): "
        "a mismatch is then a warning",
    )
    alternatives: list[str] | None = Field(
        default=None,
        description="other quantities the figure may state, agreeing if it equals any: a reason "
        "said a clause before its group's answer (「本机关不掌握相关政府信息，无法提供37件」) may "
        "be said of the row or of the whole group",
    )


class CellSource(TypedDict, total=False):
    """Where a cell was printed in its source (an optional extension of the contract): a
    plain mapping, since a report holds one per cell and a model each would cost more
    than the reading."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]

    page: Annotated[int, Field(description="1-based page (PDF, scans)")]
    box: Annotated[
        tuple[float, float, float, float],
        Field(
            description="left, top, right, bottom: PDF points, top-left of the page shown "
            "upright (a picture's pixels, top-left, when `picture` is given)"
        ),
    ]
    line: Annotated[int, Field(description="1-based line of the source text")]
    start: Annotated[int, Field(description="first character in the line, 0-based")]
    end: Annotated[int, Field(description="past the last character in the line")]
    address: Annotated[
        str, Field(description="a spreadsheet cell (`Sheet1!C7`) or a Word table's (`Table1!B3`)")
    ]
    table: Annotated[
        int, Field(description="1-based table of a Word document or of an HTML page's data tables")
    ]
    row: Annotated[int, Field(description="1-based row of that table")]
    column: Annotated[int, Field(description="1-based column of that table's grid")]
    path: Annotated[str, Field(description="an HTML element path (XPath)")]
    picture: Annotated[
        int,
        Field(description="1-based picture of a Word document or web page the cell was read from"),
    ]


class Confidence(_Strict):
    """How the cells of a reading were established (an optional extension of the contract)."""

    cells: int = Field(description="every cell of tables 二, 三 and 四")
    by_layout: int = Field(description="read as printed, in the row its label or header names")
    by_rules: int = Field(description="in rows that a rule repaired: one reading only")
    flagged: int = Field(description="in rows with a doubt: several readings, none, or not found")
    doubted_rows: list[str] = Field(
        default_factory=list,
        description="rows whose cells or place the reading doubts: a rule broken across one"
        " is said as a warning (kept so that checking again after a correction agrees)",
    )
    unbalanced_rows: list[str] = Field(
        default_factory=list,
        description="doubted rows whose own row total is broken however they are read: an error",
    )
    doubted_columns: dict[str, list[str]] = Field(
        default_factory=dict,
        description="doubted rows that are doubted in these columns only (table 四: groups):"
        " their readings agree on every other column, and a rule comparing only those is an"
        " error as printed",
    )


class Report(_Strict):
    schema_: catalog.SchemaId = Field(default=catalog.SCHEMA_ID, alias="schema")
    agency: str | None = None
    year: int | None = None
    template: catalog.TemplateId
    published_on: dt.date | None = None
    active: Active2021 | Active2019
    applications: Applications
    appeals: Appeals = Appeals()
    sections: dict[str, str] | None = Field(
        default=None,
        description="the text of the six sections, by id (overview, active, applications, "
        "appeals, problems, other_matters), without the tables",
    )
    narrative_figures: list[NarrativeFigure] | None = None
    source: Source | None = None
    findings: list[Finding] | None = None
    confidence: Confidence | None = None
    provenance: dict[str, CellSource] | None = Field(
        default=None,
        description="where each cell of tables 二, 三 and 四 was printed, by cell name "
        "(`applications.total.natural`, `appeals.review.upheld`, `active.rules.issued`)",
    )

    @model_validator(mode="before")
    @classmethod
    def _active_matches_template(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("active"), dict):
            active_cls = Active2021 if data.get("template") == "2021" else Active2019
            data = {**data, "active": active_cls.model_validate(data["active"])}
        return data

    @field_validator("sections")
    @classmethod
    def _sections_are_the_six(cls, value: dict[str, str] | None) -> dict[str, str] | None:
        known = {section_id for section_id, _ in catalog.SECTIONS}
        if value is not None and set(value) - known:
            raise ValueError(f"unknown sections {sorted(set(value) - known)}")
        return value

    @model_validator(mode="after")
    def _rows_match_template(self) -> Report:
        expected = _expected_rows(self.template, set(self.applications.rows))
        if expected is not None and set(self.applications.rows) != set(expected):
            missing = sorted(set(expected) - set(self.applications.rows))
            extra = sorted(set(self.applications.rows) - set(expected))
            raise ValueError(
                f"applications rows do not fit template {self.template}: "
                f"missing {missing}, unexpected {extra}"
            )
        return self

    def to_json(self) -> dict[str, Any]:
        data = self.model_dump(mode="json", by_alias=True)
        for key in _OPTIONAL_TOP_LEVEL:
            if data.get(key) is None:
                data.pop(key, None)
        for key in ("findings", "narrative_figures"):
            if data.get(key):
                data[key] = [{k: v for k, v in item.items() if v is not None} for item in data[key]]
        return data


_OPTIONAL_TOP_LEVEL = (
    "sections",
    "narrative_figures",
    "source",
    "findings",
    "confidence",
    "provenance",
)


def _expected_rows(template: str, present: set[str]) -> tuple[str, ...] | None:
    if template == "2019" or "other" in present:
        return tuple(r.id for r in catalog.APPLICATION_ROWS["2019"])
    return tuple(r.id for r in catalog.APPLICATION_ROWS["2021"])


def report_json_schema() -> dict[str, Any]:
    return Report.model_json_schema(by_alias=True)
