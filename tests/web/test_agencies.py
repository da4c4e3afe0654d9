"""Agencies from a CSV: the tree, and all or nothing with the line of every problem."""

from __future__ import annotations

import pytest

from gongkai.web.agencies.imports import (
    AgencyImportError,
    do_import_agencies,
    do_import_population,
)
from gongkai.web.agencies.models import Agency
from gongkai.web.audit.models import AuditEvent, EventType

pytestmark = pytest.mark.django_db

GOOD = "名称,层级,上级\n某省,省级,\n某市,市级,某省\n某县,县级,某市\n某县教育局,部门,某县\n"


def test_a_csv_builds_the_tree_with_subtree_paths() -> None:
    created = do_import_agencies(GOOD.encode())
    assert [a.name for a in created] == ["某省", "某市", "某县", "某县教育局"]
    bureau = Agency.objects.get(name="某县教育局")
    province = Agency.objects.get(name="某省")
    assert bureau.path.startswith(province.path)
    assert bureau.region() == "某省 某市 某县"


def test_any_wrong_line_stores_nothing_and_every_problem_is_named() -> None:
    bad = "名称,层级,上级\n某省,省级,\n某市,城市,某省\n某县,县级,不存在的市\n,部门,某省\n"
    with pytest.raises(AgencyImportError) as caught:
        do_import_agencies(bad.encode())
    assert caught.value.problems == [
        "第3行：层级“城市”不是省级、市级、县级、乡镇（街道）或部门",
        "第5行：缺少名称",
    ]
    assert Agency.objects.count() == 0


def test_unknown_parent_and_duplicates_roll_everything_back() -> None:
    with pytest.raises(AgencyImportError) as caught:
        do_import_agencies("名称,层级,上级\n某省,省级,\n某县,县级,某市\n某省,省级,\n".encode())
    assert caught.value.problems == ["第3行：找不到上级“某市”", "第4行：“某省”已存在"]
    assert Agency.objects.count() == 0


def test_gbk_csv_from_excel_and_a_wrong_header() -> None:
    assert len(do_import_agencies(GOOD.encode("gb18030"))) == 4
    with pytest.raises(AgencyImportError) as caught:
        do_import_agencies(b"name,level,parent\n")
    assert caught.value.problems == ["第1行应为表头：名称，层级，上级"]


def test_a_file_that_is_not_text_is_refused_plainly() -> None:
    with pytest.raises(AgencyImportError) as caught:
        do_import_agencies(bytes([0x81, 0x30, 0xFF, 0xFE]) * 10)
    assert caught.value.problems == ["文件不是 UTF-8 或 GB18030 编码的文本"]


def test_population_comes_with_the_tree_or_from_its_own_file() -> None:
    do_import_agencies("名称,层级,上级,人口\n某省,省级,,\n某市,市级,某省,1200000\n".encode())
    assert Agency.objects.get(name="某市").population == 1_200_000
    assert Agency.objects.get(name="某省").population is None
    changed = do_import_population("名称,上级,人口\n某省,,40000000\n某市,某省,\n".encode())
    assert {a.name: a.population for a in changed} == {"某省": 40_000_000, "某市": None}
    assert Agency.objects.get(name="某市").population is None
    event = AuditEvent.objects.get(event_type=EventType.POPULATION_IMPORTED)
    assert event.after == {"population": [[a.pk, a.population] for a in changed]}


def test_a_wrong_population_line_stores_no_population_at_all() -> None:
    do_import_agencies("名称,层级,上级\n某省,省级,\n某市,市级,某省\n".encode())
    bad = "名称,上级,人口\n某省,,40000000\n某市,某省,一百万\n某县,某市,10\n某市,某省,-5\n"
    with pytest.raises(AgencyImportError) as raised:
        do_import_population(bad.encode())
    assert raised.value.problems == [
        "第3行：人口“一百万”应为不小于0的整数（人），或留空",
        "第4行：找不到上级为“某市”的“某县”",
        "第5行：人口“-5”应为不小于0的整数（人），或留空",
    ]
    assert Agency.objects.get(name="某省").population is None
    with pytest.raises(AgencyImportError, match="人口"):
        do_import_agencies("名称,层级,上级,人口\n某县,县级,,²\n".encode())
