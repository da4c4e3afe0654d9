"""Bad input: a clear one-line reason or clear findings, never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gongkai.cli import main
from gongkai.errors import NotAReport, UnreadableInput
from gongkai.readers import read_bytes

SEED = Path(__file__).parent / "fixtures" / "seeds" / "000_8d68b7645fe2b4af.txt"


@pytest.mark.parametrize(
    ("data", "error", "words"),
    [
        (b"", UnreadableInput, "文件为空"),
        (b"   \n\n", UnreadableInput, "文件为空"),
        (bytes(range(256)) * 20, UnreadableInput, "二进制"),
        (os.urandom(4096).replace(b"\x00", b"\x01"), UnreadableInput, ""),
        ("这是一部小说。第一章，天色将晚，他走进了那座城。".encode() * 50, NotAReport, "统计表"),
        (
            "某某局2021年政府信息公开工作年度报告\n一、总体情况\n本年度工作顺利。".encode(),
            NotAReport,
            "",
        ),
    ],
)
def test_unreadable_input_raises_a_typed_error(data: bytes, error: type, words: str) -> None:
    with pytest.raises((UnreadableInput, NotAReport)) as caught:
        read_bytes(data)
    if error is NotAReport or words:
        assert isinstance(caught.value, error)
        assert words in caught.value.message


def test_truncated_table_is_read_with_findings_not_a_crash() -> None:
    text = SEED.read_text("utf-8")
    cut = text[: text.index("(五)不予处理") if "(五)不予处理" in text else len(text) // 2]
    report = read_bytes(cut.encode())
    rules = {f.rule for f in report.findings or []}
    assert "parse.missing_row" in rules
    assert "parse.missing_table" in rules


def test_cli_says_what_is_wrong_in_one_line_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["check", str(empty), str(tmp_path / "missing.txt"), str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().split("\n")
    assert err == [
        f"gongkai: {empty}：文件为空",
        f"gongkai: {tmp_path / 'missing.txt'}：文件不存在",
        f"gongkai: {tmp_path}：不是文件",
    ]


def test_cli_rejects_json_that_is_not_a_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"template": "2030"}', "utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", "utf-8")
    assert main(["check", str(bad), str(broken)]) == 2
    err = capsys.readouterr().err
    assert "不符合年度报告数据格式" in err
    assert "不是有效的 JSON" in err
    assert "Traceback" not in err
