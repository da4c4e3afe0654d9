"""Which row a label proves: the end of the row above, wrapped below its numbers, is not it."""

from __future__ import annotations

import json
from pathlib import Path

from gongkai import catalog
from gongkai.readers import align, read_path
from gongkai.readers.tables import _targets
from gongkai.readers.tokens import text_to_tokens, tokens_to_segments

FIXTURES = Path(__file__).parent / "fixtures" / "issue-13"
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


def test_a_wrapped_labels_first_line_names_the_numbers_beside_it() -> None:
    """LibreOffice's narrow label column in pdftotext -layout: each row's label starts beside
    its numbers (「1.属于」) and goes on below them (「国家秘 密」), before the next row's
    start (「2.其他」). Before, each row's numbers went to the row above, unproven."""
    text = (
        "（三）不予公开  1.属于   26   0    0    0    0    0    26\n"
        "      国家秘\n"
        "      密\n"
        "      2.其他   13   38   0    0    0    0    51\n"
        "      法律行\n"
        "      政法规\n"
        "      禁止公\n"
        "      开\n"
        "      3.危   12   0    0    8    10   6    36\n"
        "      及“三安\n"
        "      全一稳\n"
        "      定”\n"
    )
    named = _named(text)
    rows = ("withheld.state_secret", "withheld.law_prohibited", "withheld.security_stability")
    assert all(named.get(row) for row in rows)


def test_a_layout_table_with_wrapped_labels_reads_exactly() -> None:
    """A whole table 三 of that kind (`copy.pdftotext-layout` of a LibreOffice PDF)."""
    path = FIXTURES / "issue-13-wrapped-heads.txt"
    truth = json.loads(path.with_name(path.stem + ".expected.json").read_text("utf-8"))
    got = read_path(path)
    assert got.to_json()["applications"] == truth["applications"]
    doubts = [f for f in got.findings or [] if f.rule.startswith("parse.")]
    assert [f.rule for f in doubts] == ["parse.blank_cell"] * len(doubts)


UNREAD_LABEL = FIXTURES / "issue-13-unread-label.txt"  # a scan of gen-13-023 (LibreOffice)


def test_a_row_whose_label_was_not_read_fills_the_one_slot_left_between_named_rows() -> None:
    """三（六）'s label read as 「?」 between 三（五）5 and 三（七）总计: the only row left there,
    its cells adding up, is placed, so the report's own wrong 总计 is an error again."""
    truth = json.loads(UNREAD_LABEL.with_name(UNREAD_LABEL.stem + ".expected.json").read_text())
    got = read_path(UNREAD_LABEL)
    assert got.to_json()["applications"]["rows"] == truth["applications"]["rows"]
    assert not [f for f in got.findings or [] if f.row == "other"]
    errors = {(f.rule, f.column) for f in got.findings or [] if f.severity == "error"}
    assert {("applications.total", "natural_person"), ("applications.total", "total")} <= errors


def test_a_row_in_the_one_slot_left_whose_cells_do_not_add_up_is_flagged(tmp_path: Path) -> None:
    text = UNREAD_LABEL.read_text("utf-8")
    unread = "\t?\t\t0\t0\t0\t0\t0\t0\t0\n"
    assert unread in text
    path = tmp_path / "slot.txt"
    path.write_text(text.replace(unread, "\t?\t\t0\t0\t1\t0\t0\t0\t0\n"), "utf-8")
    got = read_path(path)
    assert ("parse.unproven_row", "other") in {(f.rule, f.row) for f in got.findings or []}
