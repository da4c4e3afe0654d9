"""Agency, year, template and publication date from the many shapes of real titles."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.readers import meta


@pytest.mark.parametrize(
    ("title", "agency", "year"),
    [
        (
            "运城市盐湖区人民政府办公室 2021 年政府信息公开工作年度报告",
            "运城市盐湖区人民政府办公室",
            2021,
        ),
        ("大同市云州区2021年政府信息公开工作年度报告", "大同市云州区人民政府", 2021),
        ("青 铜 峡 市\n2021 年政府信息公开工作年度报告", "青铜峡市人民政府", 2021),
        ("盐池县政府办公室\n\n2019 年度政府信息公开工作年度报告", "盐池县人民政府办公室", 2019),
        ("2022年度某市生态环境局政府信息公开工作年度报告", "某市生态环境局", 2022),
        ("2021年度嵩县人民政府信息公开工作年度报告", "嵩县人民政府", 2021),
        ("某县卫生健康委员会关于2023年政府信息公开工作年度报告", "某县卫生健康委员会", 2023),
        ("某市统计局政府信息公开工作年度报告（2020年度）", "某市统计局", 2020),
        (
            "运城市盐湖\n区人民政府办公室2024年政府信\n息公开工作年度报告",
            "运城市盐湖区人民政府办公室",
            2024,
        ),
    ],
)
def test_title_gives_agency_and_year(title: str, agency: str, year: int) -> None:
    assert meta.find_title(title + "\n一、总体情况\n") == (agency, year)


def test_publication_date_labelled_or_signed_at_the_end() -> None:
    labelled = "标题\n发布日期:2022-02-14 11:10\n正文"
    assert meta.find_published_on(labelled, 2021) == dt.date(2022, 2, 14)
    signed = "正文。\n某县人民政府办公室\n2022年1月28日\n\n扫一扫在手机打开当前页\n打印本页"
    assert meta.find_published_on(signed, 2021) == dt.date(2022, 1, 28)
    assert meta.find_published_on("正文。\n2021年6月1日", 2021) is None


def test_template_from_table_words_then_from_year() -> None:
    assert meta.find_template("信息内容 本年新制作数量 本年新公开数量", 2021) == ("2019", False)
    assert meta.find_template("信息内容 本年制发件数", 2020) == ("2021", False)
    assert meta.find_template("", 2020) == ("2019", True)
    assert meta.find_template("", 2022) == ("2021", True)


def test_agency_from_the_publisher_field_or_the_signature_when_the_title_has_none() -> None:
    page = "首页 > 政务公开\n发布机构：某县交通运输局\n2021年政府信息公开工作年度报告\n"
    assert meta.find_title(page)[0] is None
    assert meta.find_agency_elsewhere(page) == "某县交通运输局"
    signed = "2021年政府信息公开工作年度报告\n正文。\n某县自然资源局\n2022年1月20日\n"
    assert meta.find_agency_elsewhere(signed) == "某县自然资源局"
