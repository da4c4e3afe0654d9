"""The command line: parse, check, schema, rules."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.cli import main
from gongkai.model import Report
from gongkai.readers import Reading, read_path

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
CLEAN = SEEDS / "000_8d68b7645fe2b4af.txt"
BROKEN = SEEDS / "004_dcba8a3c48a24b57.txt"


def test_parse_one_file_prints_one_json_object(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(CLEAN)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "gongkai.annual-report/1"
    assert data["agency"] == "运城市盐湖区人民政府办公室"


def test_parse_several_files_prints_json_lines_in_order(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["parse", str(CLEAN), str(BROKEN)]) == 1
    lines = capsys.readouterr().out.strip().split("\n")
    assert [json.loads(line)["year"] for line in lines] == [2021, 2019]


def test_check_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(CLEAN)]) == 0
    assert main(["check", str(BROKEN)]) == 1
    out = capsys.readouterr().out
    assert "三（七）总计「自然人」列填报为0，但各办理结果之和为2" in out
    assert "共 4 个错误" in out
    assert "读取：共200个单元格，按原文版面读出200个，按勾稽关系修复0个，存疑0个" in out


def test_check_reads_a_json_report_and_finds_the_same_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["parse", str(BROKEN)])
    saved = tmp_path / "report.json"
    saved.write_text(capsys.readouterr().out, "utf-8")
    assert main(["check", "--json", str(saved)]) == 1
    rules = [json.loads(line)["rule"] for line in capsys.readouterr().out.strip().split("\n")]
    assert rules.count("applications.total") == 2
    assert rules.count("applications.balance") == 2


def test_check_two_years_of_one_agency_checks_continuity(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["parse", str(CLEAN)])
    this_year = json.loads(capsys.readouterr().out)
    last_year = {**this_year, "year": 2020, "template": "2019"}
    last_year["active"] = {}
    rows = dict(this_year["applications"]["rows"])
    rows["other"] = [1, 0, 0, 0, 0, 0, 1]
    for key in ("other.no_correction", "other.unpaid_fee", "other.other"):
        rows.pop(key)
    rows["carry_forward"] = [3, 0, 0, 0, 0, 0, 3]
    rows["new_received"] = [26, 0, 0, 0, 0, 0, 26]
    last_year["applications"] = {"rows": rows}
    this_year = {**this_year, "year": 2021}
    (tmp_path / "2020.json").write_text(json.dumps(last_year, ensure_ascii=False), "utf-8")
    (tmp_path / "2021.json").write_text(json.dumps(this_year, ensure_ascii=False), "utf-8")
    status = main(["check", "--json", str(tmp_path / "2020.json"), str(tmp_path / "2021.json")])
    found = [json.loads(x) for x in capsys.readouterr().out.strip().split("\n") if x]
    carry = [
        (f["rule"], f["column"], f["expected"], f["found"])
        for f in found
        if f["rule"] == "continuity.carry"
    ]
    assert status == 1
    assert carry == [
        ("continuity.carry", "natural_person", 3, 0),
        ("continuity.carry", "total", 3, 0),
    ]


def test_schema_is_a_json_schema_of_the_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Report"
    assert {"schema", "agency", "year", "template", "applications"} <= set(schema["properties"])


def test_installed_command_runs_without_traceback(tmp_path: Path) -> None:
    garbage = tmp_path / "x.txt"
    garbage.write_bytes(bytes(range(256)) * 10)
    done = subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "parse", str(garbage)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "不是文本文件" in done.stderr


def test_parse_debug_draws_each_pdf_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from gongkai.render import render

    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(render(main_report(), "pdf"))
    assert main(["parse", "--debug", str(tmp_path / "debug"), str(pdf)]) == 0
    pictures = sorted((tmp_path / "debug").glob("report-p*.png"))
    assert len(pictures) >= 2
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in pictures)
    assert main(["parse", "--debug", str(tmp_path / "debug"), str(CLEAN)]) == 0
    assert "没有页面图像" in capsys.readouterr().err


def main_report() -> Report:
    return read_path(CLEAN)


def test_a_file_over_a_limit_exits_2_with_the_limit_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.support.hostile import html_spans

    bomb = tmp_path / "bomb.html"
    bomb.write_bytes(html_spans())
    assert main(["check", str(CLEAN), str(bomb)]) == 2
    assert capsys.readouterr().err == (
        f"gongkai: {bomb}：一张表格的单元格数（合并单元格按所占面积计）为30,000,000个，"
        "超过上限250,000个，拒绝读取\n"
    )


def test_an_internal_error_exits_3_with_one_chinese_line_and_no_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import gongkai.cli

    def broken(data: bytes, path: str | None = None, **_: object) -> Reading:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(gongkai.cli, "read_reading", broken)
    assert main(["parse", str(CLEAN), str(BROKEN)]) == 3
    captured = capsys.readouterr()
    assert [json.loads(line)["error"]["code"] for line in captured.out.splitlines()] == [
        "internal",
        "internal",
    ]
    assert captured.err.splitlines() == [
        f"gongkai: {path}：程序内部错误，未能完成。这是 gongkai 的缺陷，请把所用的文件和命令"
        "报告给维护人员（设置环境变量 GONGKAI_TRACEBACK=1 可显示详细信息）"
        for path in (CLEAN, BROKEN)
    ]
    monkeypatch.setenv("GONGKAI_TRACEBACK", "1")
    assert main(["check", str(CLEAN)]) == 3
    assert "ZeroDivisionError: a bug" in capsys.readouterr().err


def test_the_highest_exit_code_of_several_files_wins(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["check", str(BROKEN), str(empty)]) == 2
    assert main(["check", str(empty), str(BROKEN)]) == 2
    assert main(["check", str(BROKEN), str(CLEAN)]) == 1


def test_libraries_warnings_stay_off_stderr(tmp_path: Path) -> None:
    from tests.support.hostile import pdf_page

    pdf = pdf_page(300, 300, text=True).replace(
        b"/Subtype /Type1 /BaseFont /Helvetica",
        b"/Subtype /TrueType /BaseFont /X /FontDescriptor << /Type /FontDescriptor >>",
    )
    broken = tmp_path / "font.pdf"
    broken.write_bytes(pdf)
    done = subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "parse", str(broken)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"gongkai: {broken}：未找到年度报告的统计表（表二、表三、表四均缺失），"
        "不像是政府信息公开工作年度报告"
    ]


def test_a_limit_given_on_the_command_line_is_the_readers_limit(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["parse", "--limit", "file_bytes=100", str(CLEAN)]) == 2
    assert "文件大小" in capsys.readouterr().err
    assert (
        main(["check", "--limit", "file_bytes=100", "--limit", "file_bytes=10000000", str(CLEAN)])
        == 0
    )


def test_a_limit_the_readers_cannot_take_is_refused_as_a_bad_option(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["parse", "--limit", "ocr_pagez=200", str(CLEAN)])
    assert exited.value.code == 2
    assert "参数 --limit：没有名为 ocr_pagez 的读取限制" in capsys.readouterr().err
