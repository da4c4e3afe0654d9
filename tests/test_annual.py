"""The annual report compiled from an agency's year of records: it passes every check by
construction, its tables equal an independent count, it chains across years, and what it
renders reads back as the same data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import get_args

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.annual.compile import YearRecords, compile_report
from gongkai.annual.registers import (
    AppealFacts,
    AppealKind,
    AppealResult,
    DocumentFacts,
    DocumentKind,
    YearFigures,
    ten_thousand_yuan,
)
from gongkai.cases.table import APPLICANT_TYPES, OUTCOME_ROWS, CaseFacts, assemble, count_cases
from gongkai.model import Active2021
from gongkai.readers import read_bytes
from gongkai.render import render

AGENCY = "某县人民政府办公室"
PROBLEMS = "一是主动公开的及时性有待提高；二是政策解读形式较为单一。下一步将加强培训。"


def _date(draw: st.DrawFn) -> dt.date:
    return draw(st.dates(dt.date(2021, 1, 1), dt.date(2025, 12, 31)))


@st.composite
def documents(draw: st.DrawFn) -> DocumentFacts:
    issued = _date(draw)
    repealed = (
        issued + dt.timedelta(days=draw(st.integers(1, 900))) if draw(st.booleans()) else None
    )
    kind: DocumentKind = draw(st.sampled_from(("regulations", "normative_documents")))
    return DocumentFacts(kind, issued, repealed)


@st.composite
def appeals(draw: st.DrawFn) -> AppealFacts:
    filed = _date(draw)
    kind: AppealKind = draw(st.sampled_from(get_args(AppealKind)))
    if draw(st.booleans()):
        return AppealFacts(kind, filed)
    decided = filed + dt.timedelta(days=draw(st.integers(1, 300)))
    result: AppealResult = draw(st.sampled_from(("upheld", "corrected", "other")))
    return AppealFacts(kind, filed, result, decided)


@st.composite
def cases(draw: st.DrawFn) -> CaseFacts:
    received = _date(draw)
    applicant = draw(st.sampled_from(APPLICANT_TYPES))
    if draw(st.integers(0, 4)) == 0:
        return CaseFacts(received, applicant)
    answered = received + dt.timedelta(days=draw(st.integers(0, 60)))
    return CaseFacts(received, applicant, draw(st.sampled_from(OUTCOME_ROWS)), answered)


def _records(
    year: int, docs: list[DocumentFacts], suits: list[AppealFacts], register: list[CaseFacts]
) -> YearRecords:
    return YearRecords(
        agency=AGENCY,
        year=year,
        applications=assemble(count_cases(register, year)),
        documents=tuple(docs),
        figures=YearFigures(licensing=12, penalty=3, coercion=0, fees_10k_yuan=Decimal("1.5")),
        appeals=tuple(suits),
        fees_yuan=Decimal(200),
        problems=f"{year}年：{PROBLEMS}" if year % 2 else f"本年度问题：{year}年在{year}年度…",
    )


@settings(max_examples=40, deadline=None)
@given(
    docs=st.lists(documents(), max_size=25),
    suits=st.lists(appeals(), max_size=15),
    register=st.lists(cases(), max_size=60),
)
def test_a_compiled_report_passes_every_check_and_chains(
    docs: list[DocumentFacts], suits: list[AppealFacts], register: list[CaseFacts]
) -> None:
    previous = None
    for year in (2023, 2024, 2025):
        report = compile_report(_records(year, docs, suits, register), previous)
        problems = [f for f in report.findings or [] if f.severity == "error"]
        assert problems == [], problems
        assert not any(f.rule == "continuity.in_force" for f in report.findings or [])
        in_force = sum(
            1
            for d in docs
            if d.kind == "regulations"
            and d.issued_on.year <= year
            and (d.repealed_on is None or d.repealed_on.year > year)
        )
        assert report.active.regulations.in_force == in_force  # type: ignore[union-attr]
        reviews = [a for a in suits if a.kind == "review" and a.filed_on.year == year]
        assert report.appeals.review.total == len(reviews)
        keys = {f.key for f in report.narrative_figures or []}
        assert {"new_received", "carried_over", "carry_forward", "review"} <= keys
        previous = report


@settings(max_examples=15, deadline=None)
@given(
    docs=st.lists(documents(), max_size=10),
    suits=st.lists(appeals(), max_size=12),
    register=st.lists(cases(), max_size=30),
)
def test_what_a_compiled_report_renders_reads_back_the_same(
    docs: list[DocumentFacts], suits: list[AppealFacts], register: list[CaseFacts]
) -> None:
    # The prose of section 四 names 行政复议 with its figures just before table 四: the reader
    # must start the table at its header, not at that sentence.
    report = compile_report(_records(2025, docs, suits, register))
    again = read_bytes(render(report, "html"), "report.html")
    assert (again.agency, again.year, again.template) == (AGENCY, 2025, "2021")
    assert again.active == report.active
    assert again.applications.rows == report.applications.rows
    assert again.appeals == report.appeals


def test_a_missing_section_and_a_copied_section_five_are_found() -> None:
    last = compile_report(_records(2024, [], [], []))
    records = _records(2025, [], [], [])
    copied = compile_report(
        YearRecords(**{**records.__dict__, "problems": last.sections["problems"]}),  # type: ignore[index]
        last,
    )
    rules = {f.rule for f in copied.findings or []}
    assert "text.repeated_problems" in rules
    blank = compile_report(YearRecords(**{**records.__dict__, "problems": " "}))
    missing = [f for f in blank.findings or [] if f.rule == "report.section_missing"]
    assert [f.message for f in missing] == ["缺少第五部分的内容"]


def _regulation(issued: str, repealed: str | None = None) -> DocumentFacts:
    return DocumentFacts(
        "regulations",
        dt.date.fromisoformat(issued),
        dt.date.fromisoformat(repealed) if repealed else None,
    )


def test_documents_in_force_carry_over_from_last_years_report() -> None:
    """Issue 12: 现行有效件数 compiled from this year's register alone (2, where last year's
    report said 31)."""
    docs = [
        _regulation("2025-03-01"),
        _regulation("2025-06-01"),
        _regulation("2019-05-01", "2025-09-01"),
    ]
    last = compile_report(_records(2024, [], [], []))
    active = last.active
    assert isinstance(active, Active2021)
    active = active.model_copy(
        update={
            "regulations": active.regulations.model_copy(update={"in_force": 31}),
            "normative_documents": active.normative_documents.model_copy(update={"in_force": 7}),
        }
    )
    report = compile_report(
        _records(2025, docs, [], []), last.model_copy(update={"active": active})
    )
    assert isinstance(report.active, Active2021)
    regulations = report.active.regulations
    assert (regulations.issued, regulations.repealed, regulations.in_force) == (2, 1, 32)
    assert report.active.normative_documents.in_force == 7
    rules = {f.rule for f in report.findings or []}
    assert "continuity.in_force" not in rules and "continuity.no_previous" not in rules


def test_without_last_years_report_the_draft_says_it_counted_the_register() -> None:
    docs = [_regulation("2025-03-01"), _regulation("2019-05-01")]
    report = compile_report(_records(2025, docs, [], []))
    assert isinstance(report.active, Active2021)
    assert report.active.regulations.in_force == 2
    said = [f for f in report.findings or [] if f.rule == "continuity.no_previous"]
    assert [(f.severity, f.row, f.column, f.message) for f in said] == [
        (
            "warning",
            "regulations",
            "in_force",
            "表二（一）现行有效件数：系统中没有2024年度已公开的年度报告，"
            "无法按“上年现行有效件数＋本年制发－本年废止”结转，"
            "现按登记簿中的规章和行政规范性文件统计，可能漏计登记簿建立前制发的文件，请核对",
        )
    ]


def test_ten_thousand_yuan_are_printed_to_four_decimals() -> None:
    """Issue 12: 0.636945 printed as summed; reports print 万元 to four decimals (the yuan)."""
    for amount, printed in [
        ("0.636945", "0.6369"),
        ("0.63695", "0.6370"),
        ("8461.5652", "8461.5652"),
        ("1.5", "1.5000"),
        ("0", "0"),
    ]:
        assert ten_thousand_yuan(Decimal(amount)) == printed
    figures = YearFigures(fees_10k_yuan=Decimal("0.636945"))
    records = YearRecords(**{**_records(2025, [], [], []).__dict__, "figures": figures})
    active = compile_report(records).active
    assert isinstance(active, Active2021) and active.fees.amount_10k_yuan == "0.6369"
