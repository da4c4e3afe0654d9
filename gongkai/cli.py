"""The `gongkai` command: parse, check, render, schema, rules, deadline.

The edge where errors become messages.

Exit codes: 0 no error found, 1 a report breaks a rule, 2 an input cannot be read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

from pydantic import ValidationError

from gongkai import checks, messages, workdays
from gongkai.errors import GongkaiError, InvalidReport
from gongkai.model import Finding, Report, report_json_schema
from gongkai.readers import read_bytes, read_file
from gongkai.render import TARGETS, render

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2
_SEVERITY = {"error": "错误", "warning": "警告"}


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    handler = args.handler
    return int(handler(args, sys.stdout, sys.stderr))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gongkai", description="政府信息公开工作年度报告：读取、校验（勾稽关系）与数据格式。"
    )
    sub = parser.add_subparsers(required=True, metavar="COMMAND")
    p = sub.add_parser("parse", help="读取报告文本，输出 JSON（多个文件时每行一个 JSON 对象）")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--compact", action="store_true", help="单个文件也输出一行 JSON")
    p.add_argument(
        "--debug", type=Path, metavar="DIR", help="把识别出的单元格画在每页图像上，存入 DIR"
    )
    p.set_defaults(handler=cmd_parse)
    c = sub.add_parser("check", help="校验报告（文本或 JSON），列出全部问题")
    c.add_argument("files", nargs="+", metavar="FILE")
    c.add_argument("--json", action="store_true", help="以 JSON Lines 输出问题清单")
    c.set_defaults(handler=cmd_check)
    s = sub.add_parser("schema", help="输出年度报告数据格式的 JSON Schema")
    s.set_defaults(handler=cmd_schema)
    r = sub.add_parser("rules", help="列出全部校验规则及其编号")
    r.set_defaults(handler=cmd_rules)
    w = sub.add_parser("render", help="按国家格式输出年度报告：html、docx、pdf、xlsx 或 txt")
    w.add_argument("report", metavar="REPORT", help="报告（JSON 或任何可读取的格式）")
    w.add_argument("--to", required=True, choices=TARGETS, help="输出格式")
    w.add_argument("-o", "--output", required=True, type=Path, metavar="FILE", help="输出文件")
    w.set_defaults(handler=cmd_render)
    d = sub.add_parser(
        "deadline",
        help="计算依申请公开的答复期限（工作日，按国务院放假安排）",
        description="收到申请之日的次日起算。默认20个工作日（条例第三十三条）。",
    )
    d.add_argument("received", metavar="DATE", help="收到申请之日，YYYY-MM-DD")
    d.add_argument("--days", type=int, default=workdays.ANSWER_DAYS, help="期限（工作日），默认20")
    d.add_argument("--extend", action="store_true", help="经批准延长20个工作日")
    d.add_argument(
        "--pause",
        nargs=2,
        action="append",
        default=[],
        metavar=("FROM", "TO"),
        help="不计入期限的期间（含首尾，可重复），如征求第三方意见",
    )
    d.add_argument("--calendar", type=Path, help="补充或更正工作日历的 JSON 文件")
    d.set_defaults(handler=cmd_deadline)
    return parser


def cmd_parse(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    status = EXIT_OK
    single = len(args.files) == 1 and not args.compact
    for path in args.files:
        try:
            report = load(path)
        except GongkaiError as exc:
            _say_error(err, path, exc)
            out.write(json.dumps(_error_object(path, exc), ensure_ascii=False) + "\n")
            status = EXIT_UNREADABLE
            continue
        data = report.to_json()
        out.write(json.dumps(data, ensure_ascii=False, indent=1 if single else None) + "\n")
        if args.debug:
            _write_debug_images(args.debug, Path(path), err)
        if status == EXIT_OK and checks.errors(report.findings or []):
            status = EXIT_ERRORS
    return status


def _write_debug_images(folder: Path, path: Path, err: TextIO) -> None:
    from gongkai.readers.debug import debug_images

    images = debug_images(read_file(path))
    if not images:
        err.write(f"gongkai: {path}：{messages.NO_PAGE_IMAGES}\n")
        return
    folder.mkdir(parents=True, exist_ok=True)
    for number, png in enumerate(images, start=1):
        (folder / f"{path.stem}-p{number}.png").write_bytes(png)


def cmd_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    loaded: list[Report] = []
    status = EXIT_OK
    for path in args.files:
        try:
            loaded.append(load(path))
        except GongkaiError as exc:
            _say_error(err, path, exc)
            status = EXIT_UNREADABLE
    for report, extra in zip(loaded, continuity_findings(loaded)):
        findings = [*(report.findings or []), *extra]
        if args.json:
            _write_json_findings(out, report, findings)
        else:
            _write_findings(out, report, findings)
        if status == EXIT_OK and checks.errors(findings):
            status = EXIT_ERRORS
    return status


def cmd_schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    out.write(json.dumps(report_json_schema(), ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def cmd_rules(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    for rule, (severity, meaning) in messages.RULES.items():
        out.write(f"{rule}\t{_SEVERITY[severity]}\t{meaning}\n")
    return EXIT_OK


def cmd_render(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        data = render(load(args.report), args.to)
        args.output.write_bytes(data)
    except GongkaiError as exc:
        _say_error(err, args.report, exc)
        return EXIT_UNREADABLE
    except OSError as exc:
        err.write(f"gongkai: {args.output}：{exc.strerror}\n")
        return EXIT_UNREADABLE
    return EXIT_OK


def cmd_deadline(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        calendar = workdays.load_calendar(args.calendar)
        received = _iso_date(args.received)
        pauses = [(_iso_date(a), _iso_date(b)) for a, b in args.pause]
        due = workdays.answer_deadline(
            calendar, received, days=args.days, extend=args.extend, pauses=pauses
        )
    except GongkaiError as exc:
        err.write(f"gongkai: {exc}\n")
        return EXIT_UNREADABLE
    out.write(due.isoformat() + "\n")
    return EXIT_OK


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise workdays.InvalidPeriod(messages.BAD_DATE.format(value=text)) from exc


def load(path: str) -> Report:
    """A report from a file: the contract's JSON as it is, or any text the reader takes."""
    data = read_file(path)
    if Path(path).suffix.lower() == ".json" or data.lstrip()[:1] == b"{":
        return _load_json(data, path)
    return read_bytes(data, path)


def _load_json(data: bytes, path: str) -> Report:
    try:
        raw = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InvalidReport(messages.BAD_JSON.format(detail=exc), location=path) from exc
    try:
        report = Report.model_validate(
            {k: v for k, v in raw.items() if k not in _NOT_CONTRACT}
            if isinstance(raw, dict)
            else raw
        )
    except ValidationError as exc:
        raise InvalidReport(
            messages.BAD_REPORT.format(detail=_first_problem(exc)), location=path
        ) from exc
    report.findings = [
        *[f for f in report.findings or [] if f.rule.startswith("parse.")],
        *[f for f in checks.check_report(report) if not f.rule.startswith("parse.")],
    ]
    return report


# Keys that the seeds' expected files carry beside the contract.
_NOT_CONTRACT = ("expected_violations", "ambiguous", "notes")


def _first_problem(exc: ValidationError) -> str:
    problem = exc.errors()[0]
    where = ".".join(str(p) for p in problem["loc"])
    return f"{where}: {problem['msg']}"


def continuity_findings(reports: Sequence[Report]) -> list[list[Finding]]:
    """continuity.carry for each report whose agency's previous year is also given."""
    by_key = {(r.agency, r.year): r for r in reports if r.agency and r.year}
    result = []
    for report in reports:
        previous = by_key.get((report.agency or "", (report.year or 0) - 1))
        result.append(checks.check_continuity(previous, report) if previous else [])
    return result


def _write_findings(out: TextIO, report: Report, findings: Iterable[Finding]) -> None:
    findings = list(findings)
    path = report.source.path if report.source else ""
    out.write(
        f"{path}  {report.agency or '（机关不详）'} {report.year or '？'}年度"
        f"（{report.template}年格式）\n"
    )
    for f in findings:
        where = f.column or f.group or f.row or ""
        line = f" 第{f.page}页" if f.page else (f" 第{f.line}行" if f.line else "")
        out.write(f"  {_SEVERITY[f.severity]} {f.rule} [{where}]{line} {f.message}\n")
    n_err = len(checks.errors(findings))
    out.write(f"  共 {n_err} 个错误，{len(findings) - n_err} 个警告\n")
    if report.confidence is not None:
        out.write("  " + messages.CONFIDENCE.format(**report.confidence.model_dump()) + "\n")


def _write_json_findings(out: TextIO, report: Report, findings: Iterable[Finding]) -> None:
    path = report.source.path if report.source else None
    for f in findings:
        row = {"path": path, **f.model_dump(exclude_none=True)}
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _say_error(err: TextIO, path: str, exc: GongkaiError) -> None:
    location = exc.location or path
    err.write(f"gongkai: {location}：{exc.message}\n")


def _error_object(path: str, exc: GongkaiError) -> dict[str, object]:
    return {"source": {"path": path}, "error": {"code": exc.code, "message": exc.message}}


if __name__ == "__main__":
    raise SystemExit(main())
