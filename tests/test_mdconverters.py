"""Markdown made from PDFs by the converters researchers use (MinerU, docling, marker,
pymupdf4llm, LLMs): their pipe tables read as the printed tables."""

from __future__ import annotations

import random
import re

from gongkai.render.html import render_html
from tests.support.corpus.mdconverters import converted
from tests.support.reports import report_from_rng


def test_each_style_prints_the_marks_of_its_converter() -> None:
    """The corpus's emulations show what each tool's documentation says it writes."""
    html = render_html(report_from_rng(random.Random(1), "2019"))
    marks = {  # patterns each output must hold
        "mineru": [r'<td rowspan="\d+"', r'<td colspan="\d+"', "<html><body><table>", "^# 二"],
        "docling": [r"采购总金额 +\| 采购总金额 +\|", "^<!-- image -->$"],
        "marker": [r"<br>", "^## 二"],
        "pymupdf": [r"\|Col2\|", "^-----$", "<br>"],
        "llm": [r"^\|---\|"],
    }
    for style, patterns in marks.items():
        markdown = converted(html, style, random.Random(2))
        missing = [p for p in patterns if not re.search(p, markdown, re.MULTILINE)]
        assert missing == [], style
    assert "— 1 —" not in converted(html, "mineru", random.Random(2))  # furniture dropped
