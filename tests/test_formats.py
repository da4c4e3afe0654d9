"""Every format in and out: render a report, read it back, get the same data."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from gongkai.errors import OverLimit, UnreadableInput
from gongkai.model import Report
from gongkai.readers import read_bytes, read_path
from gongkai.readers.detect import detect_format
from gongkai.render import render
from gongkai.render.pdf import has_cjk_font
from tests.support.reports import consistent_reports

DATA = ("agency", "year", "template", "published_on", "active", "applications", "appeals")
SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def _data(report: Report) -> dict[str, Any]:
    data = report.to_json()
    return {k: data[k] for k in DATA}


@pytest.mark.parametrize("target", ["html", "docx", "xlsx", "txt"])
@given(report=consistent_reports())
@settings(max_examples=25)
def test_render_then_read_gives_the_same_data(target: str, report: Report) -> None:
    data = render(report, target)
    back = read_bytes(data)
    assert back.source is not None
    assert back.source.format == {"txt": "text"}.get(target, target)
    assert _data(back) == _data(report)


@given(report=consistent_reports())
@settings(max_examples=5, deadline=None)
def test_pdf_round_trip(report: Report) -> None:
    assert _data(read_bytes(render(report, "pdf"))) == _data(report)


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem[:3])
@pytest.mark.parametrize("target", ["html", "docx", "xlsx", "pdf"])
def test_seed_reports_survive_every_format_with_their_sections(seed: Path, target: str) -> None:
    original = read_path(seed)
    back = read_bytes(render(original, target))
    assert _data(back) == _data(original)
    if target in ("html", "docx", "pdf"):
        assert _squeeze(back.sections) == _squeeze(original.sections)


def _squeeze(sections: dict[str, str] | None) -> dict[str, str]:
    return {k: "".join(v.split()) for k, v in (sections or {}).items()}


def test_pdf_embeds_a_chinese_font_and_its_text_is_chinese(tmp_path: Path) -> None:
    assert has_cjk_font(), "install fonts-noto-cjk (or another CJK font): PDFs would show boxes"
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(render(read_path(sorted(SEEDS.glob("*.txt"))[0]), "pdf"))
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    assert "Identity-H" in fonts.stdout
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    flat = "".join(text.stdout.split())
    assert "政府信息公开工作年度报告" in flat
    assert "收到和处理政府信息公开申请情况" in flat


def test_format_is_detected_from_content_not_name(tmp_path: Path) -> None:
    report = read_path(sorted(SEEDS.glob("*.txt"))[0])
    for target, kind in (("docx", "docx"), ("xlsx", "xlsx"), ("html", "html"), ("pdf", "pdf")):
        misnamed = tmp_path / f"report-{target}.txt"
        misnamed.write_bytes(render(report, target))
        assert read_path(misnamed).source.format == kind  # type: ignore[union-attr]


def test_gbk_html_page_is_decoded() -> None:
    report = read_path(sorted(SEEDS.glob("*.txt"))[0])
    page = render(report, "html").decode().replace('charset="utf-8"', 'charset="gb2312"')
    back = read_bytes(page.encode("gb18030"))
    assert back.agency == report.agency
    assert back.source is not None and back.source.encoding == "gb18030"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"PK\x03\x04" + b"\x00" * 100, "损坏"),
        (b"%PDF-1.4\n%garbage that is not a pdf\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "图片已损坏"),
    ],
)
def test_broken_files_get_a_clear_error(data: bytes, words: str) -> None:
    with pytest.raises(UnreadableInput) as caught:
        read_bytes(data)
    assert words in caught.value.message


def test_zip_bomb_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\x00" * (210 * 1024 * 1024))
    assert len(buffer.getvalue()) < 1024 * 1024
    with pytest.raises(OverLimit) as caught:
        detect_format(buffer.getvalue())
    assert caught.value.limit == "xml_bytes"
    assert caught.value.message == (
        "文档中 XML 部件解压后的总大小为210.0MiB，超过上限20.0MiB，拒绝读取"
    )


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    plain = render(read_path(sorted(SEEDS.glob("*.txt"))[0]), "pdf")
    source = tmp_path / "plain.pdf"
    source.write_bytes(plain)
    locked = tmp_path / "locked.pdf"
    done = subprocess.run(
        ["qpdf", "--encrypt", "secret", "secret", "256", "--", str(source), str(locked)],
        capture_output=True,
        check=False,
    )
    if done.returncode not in (0, 3):
        pytest.fail(f"qpdf is needed for this test: {done.stderr!r}")
    with pytest.raises(UnreadableInput) as caught:
        read_path(locked)
    assert "加密" in caught.value.message


def test_findings_in_a_pdf_name_their_page() -> None:
    original = read_path(SEEDS / "004_dcba8a3c48a24b57.txt")
    back = read_bytes(render(original, "pdf"))
    errors = [f for f in back.findings or [] if f.severity == "error"]
    assert [f.rule for f in errors] == [
        f.rule for f in original.findings or [] if f.severity == "error"
    ]
    pages = {f.page for f in errors}
    assert len(pages) == 1 and pages != {None}


def test_pdf_table_without_ruling_lines_is_read_from_word_positions() -> None:
    import weasyprint

    from gongkai.render.html import render_html

    report = read_path(SEEDS / "003_6c1bbe7f11dcd8e6.txt")
    html = render_html(report).replace("border: 1px solid #000", "border: none")
    back = read_bytes(weasyprint.HTML(string=html).write_pdf())
    assert _data(back) == _data(report)


def test_pages_turned_to_landscape_are_read_upright(tmp_path: Path) -> None:
    original = read_path(SEEDS / "004_dcba8a3c48a24b57.txt")
    plain, turned = tmp_path / "plain.pdf", tmp_path / "turned.pdf"
    plain.write_bytes(render(original, "pdf"))
    subprocess.run(["qpdf", "--rotate=+90", "--", str(plain), str(turned)], check=True)
    assert _data(read_path(turned)) == _data(original)


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)"])
def test_xlsx_writes_text_that_looks_like_a_formula_as_text(text: str) -> None:
    import openpyxl

    report = read_path(sorted(SEEDS.glob("*.txt"))[0])
    report.agency = text
    report.findings = [*(report.findings or []), *_finding_saying(text)]
    workbook = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx")))
    cells = [c for sheet in workbook.worksheets for row in sheet.iter_rows() for c in row]
    written = [c for c in cells if isinstance(c.value, str) and text in c.value]
    assert {c.data_type for c in written} == {"s"}
    # the title of each table's sheet, the signature under table 四, and the finding
    assert len(written) == 5
    assert [c.value for c in written if c.value == text] == [text, text]
    assert all(c.data_type != "f" for c in cells)


def _finding_saying(text: str) -> list[Any]:
    from gongkai.model import Finding

    return [Finding(rule="parse.no_year", severity="warning", message=text)]
