"""The text reader: a report given as text, in any layout, to the interchange format.

Pipeline: text_to_regions → text_to_tokens → tokens_to_segments → read_* tables,
with the title, year, template and narrative figures read beside them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from gongkai import checks, messages
from gongkai.cells import finding_cells
from gongkai.confidence import report_confidence
from gongkai.errors import NotAReport
from gongkai.grid import PICTURE, SourceMap
from gongkai.model import Finding, Report, Source
from gongkai.readers import (
    bracketed,
    figuremarks,
    meta,
    narrative,
    pagecells,
    printorder,
    serials,
    tables,
    textpages,
)
from gongkai.readers.active import read_active
from gongkai.readers.blankmarks import marks_split
from gongkai.readers.limits import DEFAULT_LIMITS, Limits, check_numbers
from gongkai.readers.negatives import unsigned_counts
from gongkai.readers.normalize import normalize_text
from gongkai.readers.pictured import shown_as_picture
from gongkai.readers.provenance import cells_provenance
from gongkai.readers.regions import Region, Regions, text_to_regions
from gongkai.readers.sections import report_sections
from gongkai.readers.stated import stated_active_cells, stated_appeal_totals
from gongkai.readers.tables import TableResult
from gongkai.readers.tokens import Segment, text_to_tokens, tokens_to_segments


@dataclass(frozen=True)
class TextSettings:
    """Options of the text reader, validated in one place."""

    check: bool = True
    narrative: bool = True
    provenance: bool = True  # where each cell was printed (Report.provenance)


DEFAULT_SETTINGS = TextSettings()


def text_to_report(
    text: str,
    source: Source | None = None,
    settings: TextSettings = DEFAULT_SETTINGS,
    limits: Limits = DEFAULT_LIMITS,
    source_map: SourceMap | None = None,
) -> Report:
    """Read one report from its text; findings include the checker's unless disabled.
    `source_map` says where a structured format printed the pieces of `text`."""
    limits.check("text_chars", len(text))
    original = text
    text = normalize_text(text)
    check_numbers(text, limits)
    regions = text_to_regions(text)
    segments = {
        name: _segments(getattr(regions, name), name, limits, text)
        for name in ("active", "applications", "appeals")
    }
    if not any(s.numbers for segs in segments.values() for s in segs):
        raise NotAReport(messages.NO_TABLES)
    findings: list[Finding] = []
    agency, year = meta.find_title(text)
    agency = agency or meta.find_agency_elsewhere(text)
    year = year or meta.find_year(text)
    template, guessed = meta.find_template(_region_text(regions.active), year)
    if guessed:
        findings.append(
            Finding(
                rule="parse.template_guessed",
                severity="warning",
                found=template,
                message=messages.TEMPLATE_GUESSED.format(template=template),
            )
        )
    figures = (
        narrative.narrative_figures(text, regions.narrative_spans, year)
        if settings.narrative
        else None
    )
    kept = normalize_text(original, page_numbers=False) if "\f" in original else text

    def read(name: str, reader: Callable[[list[Segment]], TableResult]) -> TableResult:
        """The table as read, or as read less the serials that count its rows, or with the
        numbers taken for page numbers kept."""
        region = pagecells.with_page_cells(getattr(regions, name), text, kept)
        usual = serials.better_reading((segments[name], reader(segments[name])), reader)
        segments[name], result = pagecells.better_reading(
            usual, region, lambda r: _read_segments(_segments(r, name, limits, text), reader)
        )
        if name != "active":  # table 二's 本年增/减 may be below zero
            segments[name], result = marks_split((segments[name], result), reader)
        return result

    stated = stated_active_cells(figures, template)
    pages = textpages.line_pages(original)
    readers: dict[str, Callable[[list[Segment]], TableResult]] = {
        "active": lambda s: read_active(s, template, stated, regions.active_caption),
        "applications": lambda s: tables.read_applications(s, template),
        "appeals": lambda s: tables.read_appeals(
            textpages.appeal_cells_below_header(s, pages), stated_appeal_totals(figures)
        ),
    }
    active = read("active", readers["active"])
    applications = read("applications", readers["applications"])
    applications = printorder.reread_applications(
        regions.applications, text, original, template, applications
    )
    appeals = read("appeals", readers["appeals"])
    results = {"active": active, "applications": applications, "appeals": appeals}
    pictured = _pictured_tables(regions, segments, results, source_map)
    for name in pictured:  # the prose around the picture is no row of its table
        segments[name] = []
        results[name] = readers[name]([])
    active, applications, appeals = results.values()
    shown = bracketed.as_printed(text, active.sources)
    findings += unsigned_counts(active, applications, appeals, shown)
    findings += [tables.table_picture(name) for name in pictured]
    findings += active.findings + applications.findings + appeals.findings
    unread = _unread_findings(segments, results)
    findings += unread
    findings += _meta_findings(agency, year)
    report = Report(
        agency=agency,
        year=year,
        template=template,
        published_on=meta.find_published_on(text, year),
        active=active.data,  # type: ignore[arg-type]
        applications=applications.data,  # type: ignore[arg-type]
        appeals=appeals.data,  # type: ignore[arg-type]
        sections=report_sections(original, text, regions) if settings.narrative else None,
        narrative_figures=figures,
        source=source,
    )
    doubtful = applications.doubtful | appeals.doubtful | checks.doubtful_rows(unread)
    columns = {**active.columns, **applications.columns, **appeals.columns}
    if settings.check:
        lines = {**applications.lines, **appeals.lines}
        checked = checks.check_report(report, doubtful, applications.unbalanced, columns)
        findings += _located(checked, lines)
    report.findings = _with_cells(_with_pages(_ordered(findings), original, pages))
    report.confidence = report_confidence(report, doubtful, applications.unbalanced, columns)
    if settings.provenance:
        sources = {**active.sources, **applications.sources, **appeals.sources}
        report.provenance = cells_provenance(sources, original, text, source_map)
    return report


def _with_cells(findings: list[Finding]) -> list[Finding]:
    """Name the cells each finding is about, for a preview to point at where they are."""
    for finding in findings:
        finding.cells = finding_cells(finding) or None
    return findings


# Where a rule's finding is best checked in the source: the row it names, else this one.
_RULE_ROWS = {
    "applications.total": "total",
    "applications.balance": "total",
    "appeals.total": "appeals",
}


def _located(findings: list[Finding], lines: dict[str, int]) -> list[Finding]:
    for finding in findings:
        row = finding.row if finding.row in lines else _RULE_ROWS.get(finding.rule)
        if finding.line is None and row in lines:
            finding.line = lines[row]
    return findings


def _with_pages(findings: list[Finding], original: str, pages: list[int]) -> list[Finding]:
    """Name the page of each finding's line when the source is paged (form feeds)."""
    if "\f" not in original:
        return findings
    for finding in findings:
        if finding.line is not None and finding.line <= len(pages):
            finding.page = pages[finding.line - 1]
    return findings


def _read_segments(
    segments: list[Segment], reader: Callable[[list[Segment]], TableResult]
) -> pagecells.Reading:
    return segments, reader(segments)


def _segments(region: Region | None, name: str, limits: Limits, text: str) -> list[Segment]:
    """The table's segments, less a 序号 column's serials and the marks typed after its
    figures (「12。」); table 二's accounting negatives 「(3)」 read as −3."""
    if region is None:
        return []
    limits.check("rows", region.text.count("\n") + 1, messages.TABLE_NAMES[name])
    column = region.start - (text.rfind("\n", 0, region.start) + 1)
    table = figuremarks.unmarked(region.text)
    table = bracketed.signed(table) if name == "active" else table
    tokens = text_to_tokens(table, region.first_line, column)
    return tokens_to_segments(serials.without_serials(tokens))


def _unread_findings(
    segments: Mapping[str, list[Segment]], results: Mapping[str, tables.TableResult]
) -> list[Finding]:
    """Rows with a cell printed as a mark that is no figure (a scan's 「?」: `tokens.unread`):
    read as blank, which it need not be, so the row is in doubt and its rules are no errors.
    A row is found by the lines its cells were read from."""
    findings = []
    for name, result in results.items():
        marks = {t.line: t.text for s in segments[name] for t in s.cells if t.unread}
        rows: dict[str, int] = {}
        for cell, at in result.sources.items():
            if at.line in marks:
                row = cell.split(".", 1)[1].rsplit(".", 1)[0]  # applications.withheld.x.total
                rows.setdefault("appeals" if name == "appeals" else row, at.line)
        findings += [
            tables.warning(
                "parse.unread_cell",
                row,
                messages.UNREAD_CELL.format(
                    table=messages.TABLE_NAMES[name], line=line, mark=marks[line]
                ),
                line,
            )
            for row, line in rows.items()
        ]
    return findings


def _pictured_tables(
    regions: Regions,
    segments: Mapping[str, list[Segment]],
    results: Mapping[str, TableResult],
    source_map: SourceMap | None,
) -> list[str]:
    """The tables printed as a picture (a format reader's mark where it showed one) in
    place of their figures, whose region does not read as the table: what it holds is the
    prose around the picture. Plain text cannot tell a table's lines from prose: there, a
    region that shows the mark and holds no number."""
    if source_map is None:
        shown = [
            name
            for name, found in segments.items()
            if PICTURE in _region_text(getattr(regions, name)) and not any(s.numbers for s in found)
        ]
    else:
        shown = [name for name in segments if shown_as_picture(getattr(regions, name), source_map)]
    return [
        name for name in shown if not pagecells.plain(results[name]) and _rowless(results[name])
    ]


def _rowless(result: TableResult) -> bool:
    """Whether a reading found no more of the table's rows than it missed: the prose around
    a picture names a row or three (「…792件（含上年结转9件）」 as 上年结转), a table printed as
    lines of text nearly all, even where a cell of it cannot be read (a stamp beside such a
    table, one doubt, once had the whole table thrown away as a picture)."""
    missing = sum(f.rule == "parse.missing_row" for f in result.findings)
    return len(result.lines) <= missing


def _region_text(region: Region | None) -> str:
    return region.text if region else ""


def _meta_findings(agency: str | None, year: int | None) -> list[Finding]:
    findings = []
    if agency is None:
        findings.append(
            Finding(rule="parse.no_agency", severity="warning", message=messages.NO_AGENCY)
        )
    if year is None:
        findings.append(Finding(rule="parse.no_year", severity="warning", message=messages.NO_YEAR))
    return findings


def _ordered(findings: list[Finding]) -> list[Finding]:
    """Errors first, then warnings, each in the order they were found."""
    return [f for f in findings if f.severity == "error"] + [
        f for f in findings if f.severity == "warning"
    ]
