"""Table 二 as offices spell it: 本年增/减 in words or arrows, block headers with Arabic
numerals (issue 13)."""

from __future__ import annotations

import random
import re
from collections.abc import Callable

import pytest

from gongkai.catalog import TemplateId
from gongkai.model import Report
from gongkai.readers import read_bytes
from gongkai.readers.align import normalize_label
from gongkai.readers.tokens import NUMBER, line_to_tokens
from gongkai.render.html import render_html
from tests.support.corpus.producers import weasyprint_pdf
from tests.support.reports import report_from_rng
from tests.support.scoring import wrong_cells

FORMATS: dict[str, Callable[[str], tuple[bytes, str]]] = {
    "html": lambda html: (html.encode(), "report.html"),
    "pdf": lambda html: (weasyprint_pdf(html), "report.pdf"),
}
CHANGE_ROWS = ("行政许可", "其他对外管理服务事项", "行政处罚", "行政强制", "行政事业性收费")


def _values(line: str) -> list[int | str | None]:
    return [t.value for t in line_to_tokens(line, 1) if t.kind == NUMBER]


def test_a_change_in_words_or_arrows_is_a_signed_figure() -> None:
    assert _values("行政许可\t12\t增加5\t减少3\t增5\t减3\t↑5\t↓3") == [12, 5, -3, 5, -3, 5, -3]
    assert _values("行政许可  12  减少3  30") == [12, -3, 30]


def test_a_change_word_glued_after_a_label_is_left_to_it() -> None:
    [label, number] = line_to_tokens("行政许可增加5", 1)
    assert (label.text, number.value) == ("行政许可增加", 5)


def _changes_in_words(words: tuple[str, str]) -> tuple[str, Report]:
    """2019's 本年增/减 of every row written 「增加N」/「减少N」 (or arrows); 0 as it is."""
    report = report_from_rng(random.Random(4), "2019")  # changes up and down, no 0

    def worded(match: re.Match[str]) -> str:
        cells = re.findall(r"<td[^>]*>[^<]*</td>", match.group(2))
        value = int(re.sub(r"<[^>]+>", "", cells[1]))
        if value:
            text = f"{words[0]}{value}" if value > 0 else f"{words[1]}{-value}"
            cells[1] = re.sub(r">[^<]*<", f">{text}<", cells[1])
        return match.group(1) + "".join(cells) + "</tr>"

    rows = "|".join(CHANGE_ROWS)
    pattern = rf"(<tr><td>(?:{rows})</td>)((?:<td[^>]*>[^<]*</td>)+)</tr>"
    html, count = re.subn(pattern, worded, render_html(report))
    assert count == len(CHANGE_ROWS)
    return html, report


@pytest.mark.parametrize("kind", sorted(FORMATS))
@pytest.mark.parametrize("words", [("增加", "减少"), ("增", "减"), ("↑", "↓")])
def test_a_change_written_in_words_is_read_with_its_sign(words: tuple[str, str], kind: str) -> None:
    """「增加5」/「减少3」 were taken for labels: the rows flagged, their cells lost."""
    html, truth = _changes_in_words(words)
    assert any(c > 0 for c in _changes(truth)) and any(c < 0 for c in _changes(truth))
    back = read_bytes(*FORMATS[kind](html))
    assert wrong_cells(back, truth) == []
    assert not [f for f in back.findings or [] if f.rule.startswith("parse.")]


def _changes(report: Report) -> list[int]:
    active = report.to_json()["active"]
    return [row["change"] for row in active.values() if row.get("change")]


def test_a_block_header_with_arabic_numerals_is_the_template_s() -> None:
    assert normalize_label("第20条第(1)项") == normalize_label("第二十条第(一)项")
    assert normalize_label("第20条第(9)项") == "第二十条第九项"
    assert normalize_label("第二十条第(5)项") == "第二十条第五项"


@pytest.mark.parametrize("kind", sorted(FORMATS))
@pytest.mark.parametrize("template", ["2019", "2021"])
@pytest.mark.parametrize("arabic", [r"第20条第(\1)项", r"第二十条第(\1)项", r"第20条第（\1）项"])
def test_block_headers_with_arabic_numerals_prove_their_rows(
    template: TemplateId, arabic: str, kind: str
) -> None:
    """「第20条第(1)项」 was no block header: each block's first row was doubted
    (parse.unproven_row) although read right."""
    report = report_from_rng(random.Random(0), template)
    numbers = {c: str(i) for i, c in enumerate("一二三四五六七八九", start=1)}
    html = re.sub(
        r"第二十条第（(.)）项",
        lambda m: m.expand(arabic.replace(r"\1", numbers[m.group(1)])),
        render_html(report),
    )
    back = read_bytes(*FORMATS[kind](html))
    assert wrong_cells(back, report) == []
    assert not [f for f in back.findings or [] if f.rule.startswith("parse.")]
