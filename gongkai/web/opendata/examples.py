"""The DuckDB queries the researchers' page shows. tests/web/test_opendata_examples.py
runs every one of them, as printed, on files downloaded from a test library and checks
the answers; a query added here without its check fails that test."""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.web.opendata.files import BY_KEY


@dataclass(frozen=True)
class Example:
    key: str
    title: str
    says: str  # what the answer means, in words
    sql: str


def setup_sql() -> str:
    """Views over the downloaded files, named as the browser saves them."""
    reports = BY_KEY["reports-parquet"].download
    cells = BY_KEY["cells-parquet"].download
    dictionary = BY_KEY["dictionary"].download
    return (
        f"CREATE VIEW reports AS SELECT * FROM read_parquet('{reports}');\n"
        f"CREATE VIEW cells AS SELECT * FROM read_parquet('{cells}');\n"
        f"CREATE VIEW dictionary AS SELECT * FROM read_csv('{dictionary}');"
    )


EXAMPLES = (
    Example(
        "disclosure_rate",
        "各年度的报告数和公开率",
        "公开率：表三（一）予以公开与（二）部分公开之和占（七）总计的百分比，各机关合计。",
        """SELECT r.year AS 年度,
       count(DISTINCT r.id) AS 报告数,
       round(100.0 * sum(c.number) FILTER (WHERE c.cell IN
               ('applications.granted.total', 'applications.partially_granted.total'))
             / nullif(sum(c.number) FILTER (WHERE c.cell = 'applications.total.total'), 0),
             1) AS 公开率
FROM reports r JOIN cells c USING (id)
GROUP BY r.year
ORDER BY r.year;""",
    ),
    Example(
        "errors",
        "勾稽关系有错误的报告",
        "错误数：报告中违反勾稽关系的处数（校验规则见各报告页面），错误多的在前。",
        """SELECT agency AS 机关, region AS 所属地区, year AS 年度, errors AS 错误数
FROM reports
WHERE errors > 0
ORDER BY errors DESC, year DESC, agency;""",
    ),
    Example(
        "most_applications",
        "最近一年新收申请最多的十个机关",
        "新收申请：表三“一、本年新收政府信息公开申请数量”的总计。",
        """SELECT r.agency AS 机关, r.region AS 所属地区, c.number AS 新收申请
FROM reports r JOIN cells c USING (id)
WHERE c.cell = 'applications.new_received.total'
  AND r.year = (SELECT max(year) FROM reports)
ORDER BY c.number DESC NULLS LAST, r.agency
LIMIT 10;""",
    ),
    Example(
        "review_corrected",
        "各年度行政复议的纠错率",
        "纠错率：表四行政复议“结果纠正”占“总计”的百分比，各机关合计。",
        """SELECT r.year AS 年度,
       sum(c.number) FILTER (WHERE c.cell = 'appeals.review.total') AS 复议总数,
       round(100.0 * sum(c.number) FILTER (WHERE c.cell = 'appeals.review.corrected')
             / nullif(sum(c.number) FILTER (WHERE c.cell = 'appeals.review.total'), 0),
             1) AS 纠错率
FROM reports r JOIN cells c USING (id)
WHERE c.cell LIKE 'appeals.review.%'
GROUP BY r.year
ORDER BY r.year;""",
    ),
    Example(
        "late",
        "逾期发布的报告",
        "逾期：发布日期晚于条例第四十九条规定的报送期限。",
        """SELECT agency AS 机关, year AS 年度, published_on AS 发布日期
FROM reports
WHERE late = '是'
ORDER BY year, agency;""",
    ),
    Example(
        "labelled",
        "一份报告表四的全部单元格，附印刷的标签",
        "数据字典给出每个单元格在报告中印刷的标签和单位；这里取编号最小的一份报告。",
        """SELECT d.label AS 单元格, c.number AS 数值, d.unit AS 单位
FROM cells c JOIN dictionary d USING (cell)
WHERE c.id = (SELECT min(id) FROM reports) AND d."table" = '表四'
ORDER BY c.cell;""",
    ),
)
