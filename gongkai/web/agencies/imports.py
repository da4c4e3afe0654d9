"""Agencies from a CSV file, all or nothing.

Columns: 名称 (name), 层级 (省级/市级/县级/乡镇（街道）/部门, or the level ids), 上级 (the
parent's name, empty for a top agency; a parent listed earlier in the file or already in
the system). Every problem is reported with its line; nothing is stored unless all lines
are right.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction

from gongkai.errors import GongkaiError
from gongkai.web.agencies.models import Agency
from gongkai.web.audit.log import record
from gongkai.web.audit.models import EventType

HEADER = ("名称", "层级", "上级")

NO_PARENT = "第{line}行：找不到上级“{parent}”"
DUPLICATE = "第{line}行：“{name}”已存在"
BAD_HEADER = "第1行应为表头：{header}"
NO_NAME = "第{line}行：缺少名称"
LONG_NAME = "第{line}行：名称超过100个字"
BAD_LEVEL = "第{line}行：层级“{level}”不是省级、市级、县级、乡镇（街道）或部门"
NOT_TEXT = "文件不是 UTF-8 或 GB18030 编码的文本"
_LEVELS = {
    **{label: value for value, label in Agency.Level.choices},
    **{value: value for value, _ in Agency.Level.choices},
}


class AgencyImportError(GongkaiError):
    code = "agencies.import"

    def __init__(self, problems: list[str]) -> None:
        super().__init__("；".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class _Line:
    number: int
    name: str
    level: str
    parent: str


@transaction.atomic
def do_import_agencies(data: bytes, user: User | None = None) -> list[Agency]:
    lines = _parse(data)
    created: dict[str, Agency] = {}
    problems = []
    for line in lines:
        parent = None
        if line.parent:
            parent = created.get(line.parent) or Agency.objects.filter(name=line.parent).first()
            if parent is None:
                problems.append(NO_PARENT.format(line=line.number, parent=line.parent))
                continue
        if Agency.objects.filter(parent=parent, name=line.name).exists() or line.name in created:
            problems.append(DUPLICATE.format(line=line.number, name=line.name))
            continue
        created[line.name] = Agency.objects.create(name=line.name, level=line.level, parent=parent)
    if problems:
        transaction.set_rollback(True)
        raise AgencyImportError(problems)
    record(
        EventType.AGENCIES_IMPORTED,
        None,
        kind="agency",
        user=user,
        agency_id=None,
        after={"agencies": [[a.pk, a.name] for a in created.values()]},
    )
    return list(created.values())


def _parse(data: bytes) -> list[_Line]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as exc:
            raise AgencyImportError([NOT_TEXT]) from exc
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or tuple(c.strip() for c in rows[0][:3]) != HEADER:
        raise AgencyImportError([BAD_HEADER.format(header="，".join(HEADER))])
    lines, problems = [], []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        name, level, parent = ([c.strip() for c in row] + ["", "", ""])[:3]
        if not name:
            problems.append(NO_NAME.format(line=number))
        elif len(name) > 100:
            problems.append(LONG_NAME.format(line=number))
        elif level not in _LEVELS:
            problems.append(BAD_LEVEL.format(line=number, level=level))
        else:
            lines.append(_Line(number, name, _LEVELS[level], parent))
    if problems:
        raise AgencyImportError(problems)
    return lines
