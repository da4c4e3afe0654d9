"""Issue 14: a report's six sections survive rendering and reading in every format the
bulk ingest reads, so that copy detection over the library sees what was printed."""

from __future__ import annotations

import random

import pytest

from gongkai.copies.text import normalize
from gongkai.model import Report
from gongkai.readers import read_bytes
from gongkai.render import render
from gongkai.render.text import render_text
from tests.support.copy_corpus import planted_corpus
from tests.support.reports import report_from_rng

CORPUS = planted_corpus(8, seed=14, copy_share=0.5)


def _report(n: int) -> Report:
    text = CORPUS.reports[n]
    report = report_from_rng(random.Random(n), "2021")
    update = {"agency": text.agency, "year": text.year, "sections": dict(text.sections)}
    return report.model_copy(update=update)


def _comparable(sections: dict[str, str] | None) -> dict[str, str]:
    """What copy detection compares: the characters that carry meaning."""
    return {k: "".join(map(chr, normalize(v).codes)) for k, v in (sections or {}).items()}


def _rendered(report: Report, kind: str) -> bytes:
    return render_text(report).encode() if kind == "txt" else render(report, kind)


@pytest.mark.parametrize("kind", ["txt", "html", "pdf"])
@pytest.mark.parametrize("n", [0, 1, 3])  # 1: "未发生…行政复议和行政诉讼。"
def test_every_section_is_read_back_as_printed(kind: str, n: int) -> None:
    report = _report(n)
    back = read_bytes(_rendered(report, kind), f"report.{kind}")
    assert _comparable(back.sections) == _comparable(report.sections)
