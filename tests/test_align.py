"""Which row a label proves: the end of the row above, wrapped below its numbers, is not it."""

from __future__ import annotations

from gongkai import catalog
from gongkai.readers import align
from gongkai.readers.tables import _targets
from gongkai.readers.tokens import text_to_tokens, tokens_to_segments

RESULTS = {t.id: t for t in _targets(catalog.APPLICATION_ROWS["2021"])}


def _named(text: str) -> dict[str, bool]:
    segments = tokens_to_segments(text_to_tokens(text))
    _, assignments = align.align_dp(
        segments, [align.normalize_label(s.label) for s in segments], list(RESULTS.values())
    )
    return {a.rows[0].id: a.named for a in assignments if len(a.rows) == 1}


def test_a_label_names_a_row_only_after_its_last_item_number() -> None:
    """「禁止公 开 3.危」: the end of row 2's label, then the start of row 3's."""
    law = RESULTS["withheld.law_prohibited"]
    assert align.names_row(align.normalize_label("2.其他法律行政法规禁止公开"), law)
    assert not align.names_row(align.normalize_label("禁止公 开 3.危"), law)


def test_a_label_that_continues_the_row_above_proves_no_row() -> None:
    """pdftotext -layout of a narrow label column: row 4's label wraps above its numbers and
    row 5's 「5.要求」 stands beside them, the rest of row 5's label beside the next numbers.
    Neither row's numbers are proven by a label (before, both were taken as named)."""
    text = (
        "1.信访举报投诉类申请 0 0 0 0 0 0 0\n"
        "2.重复申请 0 0 0 0 0 0 0\n"
        "3.要求提供公开出版物 0 0 0 0 0 0 0\n"
        "4.无正当理由大量反复申请\n"
        "5.要求 0 0 1 0 0 0 1\n"
        "行政机关确认或重新出具已获取信息 0 0 2 0 0 0 2\n"
    )
    named = _named(text)
    assert named["not_processed.publication"]
    assert not named["not_processed.excessive"]
    assert not named["not_processed.confirmation"]
