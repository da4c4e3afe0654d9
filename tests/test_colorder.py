"""Tables printed in another order than the template's, under headers or labels that say so
(`readers/colorder.py`, `align.in_template_rows`): an office moves table 三's 总计 column
first, table 四's 行政诉讼 before 行政复议, 三（七）总计 below 四, two rows of 二. Each is
printed by our writers in every format, read, and compared cell by cell with the report."""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai import catalog, checks
from gongkai.model import AppealGroup, Appeals, Report
from gongkai.readers import read_bytes
from gongkai.readers.colorder import Doubt, printed_order, total_elsewhere
from gongkai.readers.tokens import LABEL, Segment, text_to_tokens
from gongkai.render import render
from tests.support.corpus.producers import pdftotext
from tests.support.reordered import REORDERINGS, Reordering, printed_reordered
from tests.support.reports import consistent_reports, report_from_rng
from tests.support.scoring import silently_wrong, wrong_cells

_BY_NAME = {r.name: r for r in REORDERINGS}


def _read_reordered(report: Report, reordering: Reordering, target: str) -> Report:
    with printed_reordered(reordering):
        data = render(report, target)
    return read_bytes(data, f"report.{target}")


def _errors(report: Report) -> list[str]:
    return [f.rule for f in report.findings or [] if f.severity == "error"]


@pytest.mark.parametrize("target", ["html", "docx", "xlsx", "txt"])
@pytest.mark.parametrize("reordering", REORDERINGS, ids=lambda r: r.name)
def test_a_reordered_table_is_read_by_its_headers_and_labels(
    reordering: Reordering, target: str
) -> None:
    """Before: read by position, 三's and 四's moved columns were silently wrong (总计 first
    also gave false errors), moved rows were lost with a warning."""
    for template in catalog.TEMPLATES:
        report = report_from_rng(random.Random(f"colorder/{template}"), template)
        got = _read_reordered(report, reordering, target)
        assert wrong_cells(got, report) == [], (template, reordering.name)
        assert _errors(got) == []
        assert "parse.printed_order" in {f.rule for f in got.findings or []}


@pytest.mark.parametrize("target", ["html", "docx", "txt"])
@pytest.mark.parametrize(
    ("reordering", "header", "variant"),
    [
        ("三·法人在自然人前", catalog.LEGAL_PERSON_HEADER, "法人或者其他组织"),
        ("四·两类诉讼对调", catalog.APPEAL_GROUPS[2].label, "经复议后起诉"),
        ("四·两类诉讼对调", catalog.APPEAL_GROUPS[1].label, "未经行政复议直接起诉"),
    ],
)
def test_a_header_in_another_wording_is_read_as_its_header(
    reordering: str, header: str, variant: str, target: str
) -> None:
    """An office prints a group's header in the 条例's or its own wording (「法人或者其他组织」)
    and moves the group: the header still places its columns. Before: the unknown word was
    passed over, the rest fitted the template's order and the columns were silently wrong."""
    for template in catalog.TEMPLATES:
        report = report_from_rng(random.Random(f"colorder/variant/{template}"), template)
        with printed_reordered(_BY_NAME[reordering]):
            data = render(report, target)
        if target != "docx":
            printed = data.decode()
            assert header in printed
            data = printed.replace(header, variant).encode()
        else:
            data = _docx_replaced(data, header, variant)
        got = read_bytes(data, f"report.{target}")
        assert wrong_cells(got, report) == [] and _errors(got) == [], template


def _docx_replaced(data: bytes, old: str, new: str) -> bytes:
    """A DOCX's document text with `old` printed as `new`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "word/document.xml":
                assert old.encode() in content
                content = content.replace(old.encode(), new.encode())
            target.writestr(item, content)
    return out.getvalue()


def test_a_pdf_with_litigation_first_is_read_by_its_headers() -> None:
    report = report_from_rng(random.Random("colorder/pdf"), "2021")
    got = _read_reordered(report, _BY_NAME["四·诉讼在复议前"], "pdf")
    assert wrong_cells(got, report) == [] and _errors(got) == []


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(consistent_reports(), st.sampled_from(REORDERINGS))
def test_any_reordered_report_reads_back_exactly(report: Report, reordering: Reordering) -> None:
    got = _read_reordered(report, reordering, "txt")
    assert wrong_cells(got, report) == []
    assert _errors(got) == []


def test_a_template_header_keeps_the_template_order() -> None:
    order = printed_order(_segments(_template_header()), catalog.APPLICANT_HEADERS)
    assert order == tuple(range(7))


def test_a_header_that_proves_no_one_order_is_a_doubt() -> None:
    """Two of 法人或其他组织's five headers unreadable, the other three out of the template's
    order: several orders fit them, the template's does not."""
    header = _template_header().replace(
        "商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他",
        "其他\t某\t某\t法律服务机构\t商业企业",
    )
    order = printed_order(_segments(header), catalog.APPLICANT_HEADERS)
    assert isinstance(order, Doubt)


def test_columns_the_header_cannot_place_are_flagged_not_read_silently() -> None:
    """商业企业 and 其他 swapped, two of the five headers between them unreadable: the table is
    in doubt, each wrong cell carries a warning on its row, no error is reported."""
    report = report_from_rng(random.Random("colorder/doubt"), "2021")
    with printed_reordered(_BY_NAME["三·法人各列对调"]):
        text = render(report, "txt").decode()
    text = text.replace("科研机构\t社会公益组织", "科研\t公益", 1)
    got = read_bytes(text.encode(), "report.txt")
    assert wrong_cells(got, report) != []
    assert silently_wrong(got, report) == []
    assert _errors(got) == []


@pytest.mark.parametrize("reordering", ["三·总计列在前", "四·总计在各组前"])
def test_a_total_moved_under_a_header_copied_apart_is_flagged(reordering: str) -> None:
    """Copied PDF text prints the narrow header cells' words line by line apart (「总」 over
    「计」): the header proves nothing, but the rows add up with 总计 in another column.
    Before: read by position, silently wrong, a false error on every row."""
    report = report_from_rng(random.Random("colorder/copied"), "2021")
    with printed_reordered(_BY_NAME[reordering]):
        pdf = render(report, "pdf")
    for mode in ("pdftotext-layout", "pdftotext-raw"):
        got = read_bytes(pdftotext(pdf, mode), "report.txt")
        assert silently_wrong(got, report) == [] and _errors(got) == [], mode


def _slipped_applications(report: Report) -> Report:
    """Table 三 as a small office slips: two applications, one from a person and one from a
    company, each figured row's 总计 printed 1 (the company's alone), not 3."""
    slipped = report.model_copy(deep=True)
    figured = ("new_received", "granted", "total")
    for row_id, cells in slipped.applications.rows.items():
        row = [2, 1, 0, 0, 0, 0, 1] if row_id in figured else [0] * 7
        cells[:] = row
    return slipped


def _slipped_appeals(report: Report) -> Report:
    """Table 四 with one group figured, its 总计 printed 2 where 维持 3 and 纠正 1 sum to 4."""
    slipped = report.model_copy(deep=True)
    zero = AppealGroup(upheld=0, corrected=0, other=0, pending=0, total=0)
    slipped.appeals = Appeals(
        review=AppealGroup(upheld=3, corrected=1, other=0, pending=0, total=2),
        litigation_direct=zero,
        litigation_after_review=zero,
    )
    return slipped


@pytest.mark.parametrize("target", ["html", "docx", "xlsx", "txt"])
@pytest.mark.parametrize(
    ("slip", "rule"),
    [(_slipped_applications, "applications.row_total"), (_slipped_appeals, "appeals.total")],
    ids=["三", "四"],
)
def test_a_printed_error_under_the_templates_header_stays_an_error(
    slip: Callable[[Report], Report], rule: str, target: str
) -> None:
    """A 总计 printed wrong where another column happens to equal the rest's sum, under a
    header read in the template's order: the report's own error, read as printed. Before:
    taken for a 总计 column moved elsewhere, the error became a warning on a doubted table."""
    for template in catalog.TEMPLATES:
        report = slip(report_from_rng(random.Random(f"colorder/slip/{template}"), template))
        assert rule in {f.rule for f in checks.check_report(report) if f.severity == "error"}
        got = read_bytes(render(report, target), f"report.{target}")
        assert wrong_cells(got, report) == [], template
        assert rule in _errors(got), template
        assert "parse.unproven_row" not in {f.rule for f in got.findings or []}, template


def test_a_slip_in_table_four_copied_from_a_pdf_stays_an_error() -> None:
    """Copied PDF text leaves table 四's header fitting several orders, the template's
    among them; its one figured group's 总计 printed wrong (维持 3 纠正 1 总计 2) was taken
    for a 总计 column moved elsewhere and the report's error became a warning (review of
    the mends). One group proves no order: the error stands, as on main."""
    for template in catalog.TEMPLATES:
        report = _slipped_appeals(
            report_from_rng(random.Random(f"colorder/t4/{template}"), template)
        )
        pdf = render(report, "pdf")
        for mode in ("pdftotext-layout", "pdftotext-raw"):
            got = read_bytes(pdftotext(pdf, mode), "report.txt")
            assert "appeals.total" in _errors(got), (template, mode)
            assert "parse.unproven_row" not in {f.rule for f in got.findings or []}


def test_a_hostile_headers_words_are_not_remembered() -> None:
    """The orders fitting a header are remembered by its words, as reports of a template
    print the same; a page of header words (thousands, inside the limits) would keep
    megabytes an upload (review of the mends): only headers a template could print are."""
    from gongkai.readers import colorder

    words = "\t".join(c.label for c in catalog.APPLICANT_COLUMNS)
    text = "\n".join([words] * 200 + ["本年新收\t1\t0\t0\t0\t0\t0\t1"])
    tokens = text_to_tokens(text)
    segment = Segment(
        [t for t in tokens if t.kind == LABEL], [t for t in tokens if t.kind != LABEL]
    )
    before = colorder._remembered_order.cache_info().currsize
    printed_order([segment], catalog.APPLICANT_HEADERS)
    assert colorder._remembered_order.cache_info().currsize == before


def test_a_total_adding_up_in_its_own_column_is_no_evidence_of_order() -> None:
    rows = [[1, 2, 0, 0, 0, 0, 3], [0, 0, 0, 0, 0, 0, 0], [4, 0, 0, 0, 0, 0, 5]]
    assert not total_elsewhere(rows, 6)  # one row printed wrong is the report's error
    assert total_elsewhere([[3, 1, 2, 0, 0, 0, 0], [5, 0, 0, 5, 0, 0, 0]], 6)


@pytest.mark.parametrize("target", ["html", "docx", "xlsx", "txt"])
def test_only_a_table_printed_in_another_order_says_so(target: str) -> None:
    """One consistent report, printed in the template's order and with 表三's 总计 first:
    both read exactly without error, and only the moved one says its columns were placed
    by the header. Before: the moved one was read by position, wrong, with false errors."""
    report = report_from_rng(random.Random("colorder/plain"), "2021")
    plain = read_bytes(render(report, target), f"report.{target}")
    moved = _read_reordered(report, _BY_NAME["三·总计列在前"], target)
    for got in (plain, moved):
        assert wrong_cells(got, report) == [] and _errors(got) == []
    assert "parse.printed_order" not in {f.rule for f in plain.findings or []}
    assert "parse.printed_order" in {f.rule for f in moved.findings or []}


def _template_header() -> str:
    legal = "\t".join(c.label for c in catalog.APPLICANT_COLUMNS[1:6])
    return (
        f"{catalog.APPLICANT_HEADER}\n"
        f"{catalog.APPLICANT_COLUMNS[0].label}\t{catalog.LEGAL_PERSON_HEADER}\t"
        f"{catalog.APPLICANT_COLUMNS[6].label}\n{legal}\n"
        f"{catalog.APPLICATION_ROWS['2021'][0].label}\t1\t0\t0\t0\t0\t0\t1"
    )


def _segments(text: str) -> list[Segment]:
    tokens = text_to_tokens(text)
    labels = [t for t in tokens if t.kind == LABEL]
    cells = [t for t in tokens if t.kind != LABEL]
    return [Segment(labels, cells)]
