"""A report given as the interchange format's JSON, read back within limits and checked.

json.loads recurses once per nesting level and Python's int() refuses numbers longer
than 4,300 digits with a ValueError: both are checked here first, so that a hostile file
is refused with the limit it breaks, not with a RecursionError or a library's English.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import ValidationError

from gongkai import checks, messages
from gongkai.errors import InvalidReport
from gongkai.model import Report
from gongkai.readers.limits import DEFAULT_LIMITS, Limits

# Keys that the seeds' expected files carry beside the contract.
_NOT_CONTRACT = ("expected_violations", "ambiguous", "notes")
# Strings (skipped whole, brackets inside them do not nest) and runs of brackets.
_NESTING = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[{]+|[\]}]+')


def json_to_report(data: bytes, path: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Report:
    """The report in `data`, its data's rules checked anew (`checks.recheck`: the findings
    about how it was read are kept as they were)."""
    limits.check("file_bytes", len(data), path)
    limits.check("depth", nesting_depth(data), path)
    raw = _parsed(data, path, limits)
    try:
        report = Report.model_validate(
            {k: v for k, v in raw.items() if k not in _NOT_CONTRACT}
            if isinstance(raw, dict)
            else raw
        )
    except ValidationError as exc:
        raise InvalidReport(
            messages.BAD_REPORT.format(detail=first_problem(exc)), location=path
        ) from exc
    return checks.recheck(report)


def nesting_depth(data: bytes) -> int:
    """How deeply arrays and objects nest, counted on the bytes before they are parsed."""
    depth = deepest = 0
    for match in _NESTING.finditer(data):
        run = match.group()
        if run[:1] in (b"[", b"{"):
            depth += len(run)
            deepest = max(deepest, depth)
        elif run[:1] != b'"':
            depth -= len(run)
    return deepest


def _parsed(data: bytes, path: str | None, limits: Limits) -> Any:
    def bounded(text: str) -> str:
        limits.check("number_digits", sum(ch.isdigit() for ch in text), path)
        return text

    try:
        return json.loads(
            data, parse_int=lambda t: int(bounded(t)), parse_float=lambda t: float(bounded(t))
        )
    except json.JSONDecodeError as exc:
        where = messages.LINE_COLUMN.format(line=exc.lineno, column=exc.colno)
        raise InvalidReport(messages.BAD_JSON.format(detail=where), location=path) from exc
    except UnicodeDecodeError as exc:
        raise InvalidReport(messages.BAD_JSON_ENCODING, location=path) from exc


def first_problem(exc: ValidationError) -> str:
    """The first problem pydantic found, in Chinese: where (the field's path) and what."""
    problem = exc.errors()[0]
    where = ".".join(str(p) for p in problem["loc"]) or messages.WHOLE_REPORT
    what = messages.MODEL_PROBLEMS.get(problem["type"], messages.MODEL_PROBLEM_OTHER)
    return f"{where}：{what}"
