"""The `gongkai` command: parse, check, render, schema, rules, deadline, ingest, copies,
export.

The edge where errors become messages.

Exit codes: 0 no error found; 1 a report breaks a rule; 2 an input is refused (over a
reader's limit) or cannot be read; 3 an internal error of gongkai, said in one Chinese
line that asks for it to be reported. No traceback reaches stderr unless the environment
sets GONGKAI_TRACEBACK=1 (which also lets the libraries' own warnings through). With
several files, the highest code wins.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import sys
import traceback
import warnings
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError

from gongkai import checks, messages, opendata, workdays
from gongkai.argparse_zh import ChineseParser
from gongkai.copies import CopyPair, CopySettings, ReportText, find_copies
from gongkai.errors import GongkaiError, InternalError, InvalidReport
from gongkai.ingest.files import FORMATS, FileSink
from gongkai.ingest.pool import WorkerLimits
from gongkai.ingest.progress import Progress
from gongkai.ingest.progress import wanted as progress_wanted
from gongkai.ingest.run import Summary, ingest
from gongkai.ingest.sources import expand
from gongkai.ingest.urls import check_reachable
from gongkai.model import Finding, Report, report_json_schema
from gongkai.opendata import LibraryEntry
from gongkai.readers import Reading, read_file, read_reading
from gongkai.readers.interchange import first_problem, json_to_report
from gongkai.readers.limits import InvalidLimits, Limits, limit_pair
from gongkai.render import TARGETS, render

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE, EXIT_INTERNAL = 0, 1, 2, 3
_SEVERITY = {"error": "错误", "warning": "警告"}


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    handler = args.handler
    if os.environ.get("GONGKAI_TRACEBACK") != "1":
        _quiet_libraries()
    try:
        return int(handler(args, sys.stdout, sys.stderr))
    except Exception as exc:  # a fault of gongkai itself: one line, not a traceback
        _say_internal(sys.stderr, None, exc)
        return EXIT_INTERNAL


def _parser() -> argparse.ArgumentParser:
    parser = ChineseParser(
        prog="gongkai", description="政府信息公开工作年度报告：读取、校验（勾稽关系）与数据格式。"
    )
    sub = parser.add_subparsers(required=True, metavar="命令", parser_class=ChineseParser)
    p = sub.add_parser("parse", help="读取报告文本，输出 JSON（多个文件时每行一个 JSON 对象）")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--compact", action="store_true", help="单个文件也输出一行 JSON")
    p.add_argument(
        "--debug", type=Path, metavar="DIR", help="把识别出的单元格画在每页图像上，存入 DIR"
    )
    _limit_option(p)
    p.set_defaults(handler=cmd_parse)
    c = sub.add_parser("check", help="校验报告（文本或 JSON），列出全部问题")
    c.add_argument("files", nargs="+", metavar="FILE")
    c.add_argument("--json", action="store_true", help="以 JSON Lines 输出问题清单")
    _limit_option(c)
    c.set_defaults(handler=cmd_check)
    s = sub.add_parser("schema", help="输出年度报告数据格式的 JSON Schema")
    s.set_defaults(handler=cmd_schema)
    r = sub.add_parser("rules", help="列出全部校验规则及其编号")
    r.set_defaults(handler=cmd_rules)
    w = sub.add_parser("render", help="按国家格式输出年度报告：html、docx、pdf、xlsx 或 txt")
    w.add_argument("report", metavar="REPORT", help="报告（JSON 或任何可读取的格式）")
    w.add_argument("--to", required=True, choices=TARGETS, help="输出格式")
    w.add_argument("-o", "--output", required=True, type=Path, metavar="FILE", help="输出文件")
    _limit_option(w)
    w.set_defaults(handler=cmd_render)
    d = sub.add_parser(
        "deadline",
        help="计算依申请公开的答复期限（工作日，按国务院放假安排）",
        description=(
            "收到申请之日的次日起算。默认20个工作日（条例第三十三条）。"
            "涉及尚无国务院放假安排的年份时，按法定节假日推算并标明“暂定”。"
        ),
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
    _ingest_parser(sub)
    k = sub.add_parser(
        "copies",
        help="查找报告之间重复的段落（同一机关的上下年度、不同机关之间），输出 JSON Lines",
        description="输入为 JSON Lines 报告（如 gongkai ingest 的 reports.jsonl）；"
        "多数机关通用的套话不计为重复。",
    )
    k.add_argument("files", nargs="+", metavar="FILE")
    k.add_argument("--min-share", type=float, default=0.3, help="报告的最低重复比例，默认0.3")
    k.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="进程数")
    k.set_defaults(handler=cmd_copies)
    e = sub.add_parser(
        "export",
        help="把 JSON Lines 报告导出为开放数据：单元格 CSV 及数据字典、Parquet、JSON Lines",
    )
    e.add_argument("files", nargs="+", metavar="FILE")
    e.add_argument("-o", "--output", required=True, type=Path, metavar="DIR", help="输出文件夹")
    e.set_defaults(handler=cmd_export)
    return parser


def _ingest_parser(sub: Any) -> None:
    g = sub.add_parser(
        "ingest",
        help="批量导入：读取文件夹、压缩包或清单中的全部报告，写入 JSON Lines 或 Parquet",
        description="按文件内容的 SHA-256 去重；中断后用同样的参数再次运行即可续传，"
        "已读取的文件不再读取。无法读取的文件列入输出文件夹中的 failures.jsonl。",
    )
    g.add_argument("paths", nargs="*", metavar="PATH", help="文件夹、压缩包或报告文件")
    g.add_argument(
        "--list", action="append", default=[], metavar="FILE", help="文件清单：每行一个路径或网址"
    )
    g.add_argument("-o", "--output", required=True, type=Path, metavar="DIR", help="输出文件夹")
    g.add_argument("--format", choices=FORMATS, default="jsonl", help="报告的格式，默认 jsonl")
    g.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="读取进程数，默认为处理器核数"
    )
    g.add_argument(
        "--timeout",
        type=float,
        default=WorkerLimits.seconds,
        help="每个文件的读取时限（秒），默认300",
    )
    g.add_argument("--memory", type=int, metavar="MB", help="每个读取进程的内存上限（MB）")
    _limit_option(g)
    g.set_defaults(handler=cmd_ingest)


def _limit_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--limit",
        type=_limit,
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="改变一项读取限制（可重复），如 ocr_pages=200；名称与默认值见 docs/limits.md",
    )


def _limit(text: str) -> tuple[str, int | str]:
    """One --limit, refused at once (as argparse refuses any bad option) when the readers
    cannot take it."""
    try:
        pair = limit_pair(text)
        Limits.resolve(dict([pair]))
    except InvalidLimits as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc
    return pair


def _limits(args: argparse.Namespace) -> Limits:
    """The readers' limits, the defaults changed by --limit (the last of a name wins)."""
    return Limits.resolve(dict(args.limit))


def cmd_parse(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    status = EXIT_OK
    single = len(args.files) == 1 and not args.compact
    limits = _limits(args)
    for path in args.files:
        reading = _try_load(path, err, limits)
        if isinstance(reading, tuple):
            out.write(json.dumps(reading[1], ensure_ascii=False) + "\n")
            status = max(status, reading[0])
            continue
        report = reading.report
        data = report.to_json()
        out.write(json.dumps(data, ensure_ascii=False, indent=1 if single else None) + "\n")
        if args.debug:
            _write_debug_images(args.debug, Path(path), reading, err, limits)
        if checks.errors(report.findings or []):
            status = max(status, EXIT_ERRORS)
    return status


def _try_load(path: str, err: TextIO, limits: Limits) -> Reading | tuple[int, dict[str, object]]:
    """The reading, or (exit status, error object) once the failure is said on stderr."""
    try:
        return load_reading(path, limits)
    except GongkaiError as exc:
        _say_error(err, path, exc)
        internal = isinstance(exc, InternalError)
        status = EXIT_INTERNAL if internal else EXIT_UNREADABLE
        return status, _error_object(path, exc.code, exc.message)
    except Exception as exc:  # a fault of gongkai, not of the file: the other files go on
        _say_internal(err, path, exc)
        return EXIT_INTERNAL, _error_object(path, InternalError.code, messages.INTERNAL_ERROR)


def _write_debug_images(
    folder: Path, path: Path, reading: Reading, err: TextIO, limits: Limits
) -> None:
    from gongkai.readers.debug import debug_images

    images = debug_images(reading, read_file(path, limits), limits)
    if not images:
        err.write(f"gongkai: {path}：{messages.NO_PAGE_IMAGES}\n")
        return
    folder.mkdir(parents=True, exist_ok=True)
    for number, png in enumerate(images, start=1):
        (folder / f"{path.stem}-p{number}.png").write_bytes(png)


def cmd_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    loaded: list[Report] = []
    status = EXIT_OK
    limits = _limits(args)
    for path in args.files:
        reading = _try_load(path, err, limits)
        if isinstance(reading, tuple):
            status = max(status, reading[0])
        else:
            loaded.append(reading.report)
    for report, extra in zip(loaded, continuity_findings(loaded)):
        findings = [*(report.findings or []), *extra]
        if args.json:
            _write_json_findings(out, report, findings)
        else:
            _write_findings(out, report, findings)
        if checks.errors(findings):
            status = max(status, EXIT_ERRORS)
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
        data = render(load(args.report, _limits(args)), args.to)
        args.output.write_bytes(data)
    except GongkaiError as exc:
        _say_error(err, args.report, exc)
        return EXIT_INTERNAL if isinstance(exc, InternalError) else EXIT_UNREADABLE
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
    if not due.provisional:
        out.write(due.day.isoformat() + "\n")
        return EXIT_OK
    out.write(due.day.isoformat() + " 暂定\n")
    years = calendar.provisional_years(received, due.day)
    err.write(
        "gongkai: " + messages.PROVISIONAL_NOTE.format(years="、".join(map(str, years))) + "\n"
    )
    return EXIT_OK


def cmd_ingest(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if not args.paths and not args.list:
        err.write(f"gongkai: {messages.NOTHING_TO_INGEST}\n")
        return EXIT_UNREADABLE
    try:
        items = expand(args.paths, args.list)
        check_reachable([i.url for i in items if i.url])
        sink = FileSink(args.output, args.format)
    except GongkaiError as exc:
        err.write(f"gongkai: {exc}\n")
        return EXIT_UNREADABLE
    progress = Progress(len(items), err) if progress_wanted(err) else None
    try:
        limits = WorkerLimits(args.timeout, args.memory)
        summary = ingest(
            items,
            sink,
            workers=args.workers,
            limits=limits,
            reader_limits=_limits(args),
            observer=progress,
        )
    finally:
        sink.close()
        if progress:
            progress.close()
    _write_summary(err, summary, args.output)
    if summary.failed:
        return EXIT_UNREADABLE
    return EXIT_ERRORS if summary.with_errors else EXIT_OK


def _write_summary(err: TextIO, summary: Summary, folder: Path) -> None:
    for failure in summary.failures[:_FAILURES_SHOWN]:
        err.write(f"gongkai: {failure.name}：{failure.message}\n")
    rate = summary.read / summary.seconds if summary.seconds else 0.0
    err.write(
        messages.INGEST_SUMMARY.format(
            read=summary.read,
            pages=summary.pages,
            known=summary.known,
            duplicates=summary.duplicates,
            failed=summary.failed,
            errors=summary.with_errors,
            seconds=f"{summary.seconds:.1f}",
            rate=f"{rate:.1f}",
            folder=folder,
        )
        + "\n"
    )


_FAILURES_SHOWN = 20


def cmd_copies(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        keyed = dict(_keyed_reports(args.files))
    except GongkaiError as exc:
        err.write(f"gongkai: {exc}\n")
        return EXIT_UNREADABLE
    texts = [ReportText(key, r.agency or key, r.year, r.sections or {}) for key, r in keyed.items()]
    settings = CopySettings(workers=args.workers, min_share=args.min_share)
    pairs = find_copies(texts, settings)
    for pair in pairs:
        out.write(json.dumps(copy_object(pair, keyed), ensure_ascii=False) + "\n")
    err.write(messages.COPIES_SUMMARY.format(reports=len(keyed), pairs=len(pairs)) + "\n")
    return EXIT_OK


def copy_object(pair: CopyPair, reports: dict[str, Report]) -> dict[str, object]:
    left, right = reports[pair.left], reports[pair.right]
    left_text = (left.sections or {})[pair.section]
    right_text = (right.sections or {})[pair.section]
    return {
        "section": pair.section,
        "left": {"key": pair.left, "agency": left.agency, "year": left.year},
        "right": {"key": pair.right, "agency": right.agency, "year": right.year},
        "left_share": round(pair.left_share, 3),
        "right_share": round(pair.right_share, 3),
        "same_agency": pair.same_agency,
        "passages": [
            {
                "left": left_text[slice(*p.left)],
                "right": right_text[slice(*p.right)],
                "left_span": p.left,
                "right_span": p.right,
            }
            for p in pair.passages
        ],
    }


def cmd_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        entries = [LibraryEntry(key, r) for key, r in _keyed_reports(args.files)]
    except GongkaiError as exc:
        err.write(f"gongkai: {exc}\n")
        return EXIT_UNREADABLE
    folder: Path = args.output
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "cells.csv").open("w", encoding="utf-8-sig", newline="") as cells:
        opendata.write_cells_csv(entries, cells)
    with (folder / "dictionary.csv").open("w", encoding="utf-8-sig", newline="") as dictionary:
        opendata.write_dictionary_csv(dictionary)
    with (folder / "reports.jsonl").open("w", encoding="utf-8") as lines:
        opendata.write_jsonl(entries, lines)
    with (
        (folder / "reports.parquet").open("wb") as table,
        (folder / "cells.parquet").open("wb") as cell_table,
    ):
        opendata.write_parquet(entries, table, cell_table)
    err.write(messages.EXPORT_SUMMARY.format(reports=len(entries), folder=folder) + "\n")
    return EXIT_OK


def _keyed_reports(paths: Sequence[str]) -> Iterator[tuple[str, Report]]:
    """The reports of JSON Lines files, keyed by the sha256 of their source (else file and
    line); lines that record a file that could not be read are passed over."""
    for path in paths:
        for number, line in enumerate(read_file(path).decode("utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            where = messages.FILE_LINE.format(path=path, line=number)
            report = _report_line(line, where)
            if report is not None:
                source = report.source
                yield (source.sha256 if source else where), report


def _report_line(line: str, where: str) -> Report | None:
    try:
        raw = json.loads(line)
        if isinstance(raw, dict) and "error" in raw:
            return None
        return Report.model_validate(raw)
    except json.JSONDecodeError as exc:
        raise InvalidReport(messages.BAD_JSON.format(detail=exc), location=where) from exc
    except ValidationError as exc:
        detail = first_problem(exc)
        raise InvalidReport(messages.BAD_REPORT.format(detail=detail), location=where) from exc


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise workdays.InvalidPeriod(messages.BAD_DATE.format(value=text)) from exc


def load(path: str, limits: Limits) -> Report:
    """A report from a file: the contract's JSON as it is, or any text the reader takes."""
    return load_reading(path, limits).report


def load_reading(path: str, limits: Limits) -> Reading:
    """load, with the stages the report was read from (none for the contract's JSON)."""
    data = read_file(path, limits)
    if Path(path).suffix.lower() == ".json" or data.lstrip()[:1] == b"{":
        return Reading(json_to_report(data, path, limits))
    return read_reading(data, path, limits=limits)


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


def _quiet_libraries() -> None:
    """Libraries' own log lines and warnings (pdfminer on a broken font, Pillow on broken
    EXIF) are English and not for the person; Python would print them on stderr."""
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(logging.NullHandler())
    warnings.simplefilter("ignore")


def _say_internal(err: TextIO, path: str | None, exc: BaseException) -> None:
    where = f"{path}：" if path else ""
    err.write(f"gongkai: {where}{messages.INTERNAL_ERROR}\n")
    if os.environ.get("GONGKAI_TRACEBACK") == "1":
        traceback.print_exception(exc, file=err)


def _error_object(path: str, code: str, message: str) -> dict[str, object]:
    """The JSON Lines object `parse` prints for a file it could not read."""
    return {"source": {"path": path}, "error": {"code": code, "message": message}}


if __name__ == "__main__":
    raise SystemExit(main())
