"""Table 二's block 第二十条第（一）项 printed in two runs by pdftotext's default mode from
LibreOffice's PDF: 本年制发件数/本年废止件数 with their numbers row by row, and later
现行有效件数 alone with its column (issue 13)."""

from __future__ import annotations

import json
import random
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gongkai import messages
from gongkai.model import Report
from gongkai.readers import read_path
from gongkai.readers.text import text_to_report
from gongkai.render.text import render_text
from tests.support.reports import report_from_rng
from tests.support.scoring import silently_wrong

FIXTURE = Path(__file__).parent / "fixtures" / "issue-13" / "issue-13-libreoffice-103"
BLOCK_ONE = ("regulations", "normative_documents")


def _truth(path: Path) -> Report:
    data = json.loads(path.with_suffix(".expected.json").read_text("utf-8"))
    return Report.model_validate(data)


def test_a_block_printed_in_two_runs_is_joined_back_and_flagged() -> None:
    got, truth = read_path(FIXTURE.with_suffix(".txt")), _truth(FIXTURE)
    assert got.active == truth.active
    flagged = [(f.rule, f.row, f.message) for f in got.findings or [] if f.row in BLOCK_ONE]
    assert flagged == [
        ("parse.unproven_row", row, messages.COLUMN_APART_ACTIVE.format(where=f"表二「{label}」"))
        for row, label in (("regulations", "规章"), ("normative_documents", "行政规范性文件"))
    ]


def _libreoffice_table_two(report: Report, rows_first: bool) -> list[str]:
    """Table 二 as pdftotext's default mode prints LibreOffice's PDF: the labels, each
    block's names and numbers, 现行有效件数 and its column last. The first run of block
    (一) is read line by line (`rows_first`, poppler's order) or column by column (an
    order outside the model)."""
    a = report.to_json()["active"]
    reg, norm = a["regulations"], a["normative_documents"]
    run = (
        [reg["issued"], reg["repealed"], norm["issued"], norm["repealed"]]
        if rows_first
        else [reg["issued"], norm["issued"], reg["repealed"], norm["repealed"]]
    )
    labels = ["规章", "行政规范性文件", "信息内容", "行政许可", "信息内容", "行政处罚", "行政强制"]
    return [
        "二、主动公开政府信息情况",
        "信息内容",
        *labels,
        "信息内容",
        "行政事业性收费",
        "",
        "第二十条第（一）项",
        "本年制发件数",
        "本年废止件数",
        *map(str, run),
        "第二十条第（五）项",
        "本年处理决定数量",
        str(a["licensing"]["decisions"]),
        "第二十条第（六）项",
        "本年处理决定数量",
        str(a["penalty"]["decisions"]),
        str(a["coercion"]["decisions"]),
        "第二十条第（八）项",
        "本年收费金额（单位：万元）",
        str(a["fees"]["amount_10k_yuan"]),
        "",
        "现行有效件数",
        str(reg["in_force"]),
        str(norm["in_force"]),
        "",
    ]


def _with_table_two(report: Report, rows_first: bool) -> str:
    lines = render_text(report, "tabs").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("二、"))
    end = next(i for i, line in enumerate(lines) if line.startswith("三、"))
    return "\n".join(lines[:start] + _libreoffice_table_two(report, rows_first) + lines[end:])


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**31))
def test_a_block_in_two_runs_reads_as_printed_and_flagged(seed: int) -> None:
    report = report_from_rng(random.Random(seed), "2021")
    got = text_to_report(_with_table_two(report, rows_first=True))
    assert got.active == report.active
    flagged = {f.row for f in got.findings or [] if f.rule == "parse.unproven_row"}
    assert set(BLOCK_ONE) <= flagged


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**31))
def test_a_block_in_an_order_outside_the_model_is_never_silently_wrong(seed: int) -> None:
    report = report_from_rng(random.Random(seed), "2021")
    a = report.to_json()["active"]
    assume(a["regulations"]["repealed"] != a["normative_documents"]["issued"])
    got = text_to_report(_with_table_two(report, rows_first=False))
    assert silently_wrong(got, report) == []
