"""The report's agency, year, template and publication date, from its title and text."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from gongkai import catalog

_TITLE = re.compile(
    r"(?P<year>(?:19|20)\d{2})\s*年\s*度?\s*(?:的)?\s*(?:政府)?(?:信息公开|政务公开)[^\n。]{0,8}?(?:年度)?(?:工作)?报告"
)
_TITLE_YEAR_FIRST = re.compile(
    r"^(?P<year>(?:19|20)\d{2})\s*年\s*度?+(?!的?(?:政府信息|信息公开|政务公开))(?P<agency>[\u4e00-\u9fff]{2,30}?)(?:的)?"
    r"(?:政府)?(?:信息公开|政务公开)[^\n。]{0,6}年度报告"
)
_TITLE_YEAR_AFTER = re.compile(
    r"(?:政府)?信息公开[^\n。]{0,6}年度报告\s*[(（]?\s*(?P<year>(?:19|20)\d{2})\s*年?\s*度?\s*[)）]?"
)
_PERIOD = re.compile(
    r"((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日\s*(?:起\s*)?至\s*\1\s*年\s*12\s*月\s*31\s*日"
)
_ANY_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_LABELLED_DATE = re.compile(
    r"(?:发布|印发|成文|公开|生成)(?:日期|时间)\s*[:：]?\s*"
    r"((?:19|20)\d{2})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})"
)
_DATE_LINE = re.compile(
    r"^\s*((?:19|20)\d{2})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})\s*日?\s*$"
)
_AGENCY_NOISE = re.compile(r"^(?:标题|题目|来源|发布机构|信息来源)\s*[:：]\s*|[\s\"“”《》]")
_HEADER_WORDS = ("索引号", "发布机构", "文号", "来源", "发布日期", "分类", "主题词")


def find_title(text: str) -> tuple[str | None, int | None]:
    """The agency and year that the report's title names."""
    lines = [line.strip() for line in text.split("\n", 80)[:80] if line.strip()]
    for index, line in enumerate(lines[:40]):
        compact = re.sub(r"\s+", "", line)
        # A title broken after its year continues on the next line.
        joined = compact + "".join(re.sub(r"\s+", "", x) for x in lines[index + 1 : index + 2])
        first = _TITLE_YEAR_FIRST.search(joined)
        if first:
            return _agency_from(first.group("agency")), int(first.group("year"))
        match = _TITLE.search(joined) or _TITLE_YEAR_AFTER.search(joined)
        if not match or match.start() >= len(compact):
            continue
        year = int(match.group("year"))
        prefix = compact[: match.start()]
        head = _title_head(lines, index)
        agency = _agency_from(head + prefix) if prefix else _agency_above(lines, index)
        return agency, year
    return None, None


_PUBLISHER = re.compile(
    r"(?:发布机构|发文机关|信息来源|来源|发布单位|公开主体)\s*[:：]\s*([\u4e00-\u9fff]{2,30})"
)
_SIGNATURE = re.compile(r"^[\u4e00-\u9fff]{2,30}$")


def _date_line(line: str) -> re.Match[str] | None:
    """A line that is only a date (2022年1月28日, 2022-01-28), digits spaced or not."""
    return _DATE_LINE.match(re.sub(r"(?<=\d)\s+(?=\d)", "", line))


def closing_lines(lines: list[str]) -> int:
    """How many of the last lines are the closing: the date, and the agency signed above it."""
    kept = [line.strip() for line in lines]
    count = 0
    while kept and not kept[-1]:
        kept.pop()
        count += 1
    if not kept or not _date_line(kept[-1]):
        return 0
    count += 1
    kept.pop()
    if (
        kept
        and _SIGNATURE.match(re.sub(r"\s+", "", kept[-1]))
        and re.sub(r"\s+", "", kept[-1]).endswith(_WHOLE_NAME_ENDINGS)
    ):
        count += 1
    return count


def find_agency_elsewhere(text: str) -> str | None:
    """When the title names no agency: the page's publisher field, or the signature."""
    publisher = _PUBLISHER.search(text[:3000])
    if publisher:
        return canonical_agency(publisher.group(1))
    lines = [line.strip() for line in text.rstrip().split("\n")[-30:] if line.strip()]
    for index in range(len(lines) - 1, 0, -1):
        if _date_line(lines[index]):
            above = re.sub(r"\s+", "", lines[index - 1])
            if _SIGNATURE.match(above) and above.endswith(_WHOLE_NAME_ENDINGS):
                return canonical_agency(above)
    return None


def _title_head(lines: list[str], index: int) -> str:
    """The start of a title broken across lines: a short fragment that is not a whole name."""
    if index == 0:
        return ""
    above = re.sub(r"\s+", "", lines[index - 1])
    if (
        len(above) <= 15
        and re.fullmatch(r"[\u4e00-\u9fff]+", above)
        and not above.endswith(_WHOLE_NAME_ENDINGS)
        and not any(w in above for w in ("公开", "报告", "年报", "首页", "栏目"))
    ):
        return above
    return ""


_WHOLE_NAME_ENDINGS = (
    "政府",
    "办公室",
    "局",
    "委员会",
    "委",
    "厅",
    "部",
    "署",
    "院",
    "中心",
    "办",
    "处",
    "所",
    "站",
    "会",
    "室",
    "队",
    "街道",
    "镇",
    "乡",
)


def _agency_from(prefix: str) -> str | None:
    prefix = _AGENCY_NOISE.sub("", prefix)
    prefix = re.sub(r"^关于|关于$|^印发", "", prefix)
    if not prefix or len(prefix) > 40 or "。" in prefix:
        return None
    return canonical_agency(prefix)


def _agency_above(lines: list[str], index: int) -> str | None:
    for line in reversed(lines[max(0, index - 2) : index]):
        compact = _AGENCY_NOISE.sub("", line)
        if (
            compact
            and len(compact) <= 30
            and not any(w in line for w in _HEADER_WORDS)
            and re.fullmatch(r"[\u4e00-\u9fff()（）]{2,30}", compact)
            and compact.endswith(_WHOLE_NAME_ENDINGS + catalog.GOVERNMENT_SUFFIXES)
        ):
            return canonical_agency(compact)
    return None


def canonical_agency(name: str) -> str:
    """盐池县政府办公室 → 盐池县人民政府办公室; 青铜峡市 → 青铜峡市人民政府."""
    name = re.sub(r"\s+", "", name)
    if name.endswith(catalog.PEOPLE):
        # 某县人民政府信息公开…: the title's 政府 was shared by the name and 政府信息公开.
        name += catalog.GOVERNMENT
    name = re.sub(
        r"(?<=[市区县旗盟州镇乡])(?<!人民)" + catalog.GOVERNMENT, catalog.PEOPLES_GOVERNMENT, name
    )
    if name.endswith(catalog.GOVERNMENT_SUFFIXES) and not name.endswith(catalog.PEOPLES_GOVERNMENT):
        name += catalog.PEOPLES_GOVERNMENT
    return name


def find_year(text: str) -> int | None:
    period = _PERIOD.search(text)
    if period:
        return int(period.group(1))
    years = Counter(int(y) for y in _ANY_YEAR.findall(text[:3000]) if 2008 <= int(y) <= 2100)
    return years.most_common(1)[0][0] if years else None


def find_published_on(text: str, year: int | None) -> dt.date | None:
    """The date the report says it was published: a labelled date, or a date line at its end."""
    labelled = _LABELLED_DATE.search(text)
    if labelled:
        y, m, d = labelled.groups()
        return _date(y, m, d, year)
    tail = [line for line in text.rstrip().split("\n")[-30:] if line.strip()]
    for line in reversed(tail[-12:]):
        match = _date_line(line)
        if match:
            y, m, d = match.groups()
            return _date(y, m, d, year)
    return None


def _date(y: str, m: str, d: str, year: int | None) -> dt.date | None:
    try:
        date = dt.date(int(y), int(m), int(d))
    except ValueError:
        return None
    if year is not None and date.year <= year:
        return None
    return date


def find_template(table_text: str, year: int | None) -> tuple[catalog.TemplateId, bool]:
    """The template the tables are printed in; the flag says it had to be guessed from the year."""
    compact = re.sub(r"\s+", "", table_text)
    hits = {
        t: sum(compact.count(w) for w in words) for t, words in catalog.TEMPLATE_MARKERS.items()
    }
    if hits["2021"] != hits["2019"]:
        return ("2021" if hits["2021"] > hits["2019"] else "2019"), False
    if "逾期不补正" in compact or "缴纳费用" in compact:
        return "2021", False
    return ("2019" if year is not None and year < 2021 else "2021"), True
