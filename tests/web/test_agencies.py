"""Agencies from a CSV: the tree, and all or nothing with the line of every problem."""

from __future__ import annotations

import pytest

from gongkai.web.agencies.imports import AgencyImportError, do_import_agencies
from gongkai.web.agencies.models import Agency

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
