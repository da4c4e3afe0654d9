"""The template catalog: every table, row, column and label of both national templates.

This module is the single place where the Chinese labels of the annual report live.
Readers match against `Row.keywords` and `Row.label`; renderers print `Row.label`;
checks name cells with `Row.ref`. Template 2021 is 国办公开办函〔2021〕30号, template
2019 is 国办公开办函〔2019〕60号 (used for the 2019 and 2020 reports).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

SchemaId = Literal["gongkai.annual-report/1"]
SCHEMA_ID: SchemaId = "gongkai.annual-report/1"

TemplateId = Literal["2019", "2021"]
TEMPLATES: tuple[TemplateId, ...] = ("2019", "2021")


@dataclass(frozen=True)
class Column:
    id: str
    label: str


@dataclass(frozen=True)
class Header:
    """A header cell over figure columns: a column's own (`column`, its place in the
    template's order) or a group's over the headers below it (`below`)."""

    label: str
    below: tuple[Header, ...] = ()
    column: int = -1


@dataclass(frozen=True)
class Row:
    """One printed row of a table.

    `keywords` are distinctive fragments (after normalisation: no spaces, no
    punctuation) that identify the row even when the rest of the label is garbled.
    """

    id: str
    label: str
    ref: str
    keywords: tuple[str, ...]
    group: str | None = None


@dataclass(frozen=True)
class Field:
    id: str
    label: str
    money: bool = False
    signed: bool = False


@dataclass(frozen=True)
class ActiveRow:
    id: str
    label: str
    block: str
    fields: tuple[Field, ...]
    keywords: tuple[str, ...] = field(default=())


# ---------------------------------------------------------------- sections

SECTIONS: tuple[tuple[str, str], ...] = (
    ("overview", "一、总体情况"),
    ("active", "二、主动公开政府信息情况"),
    ("applications", "三、收到和处理政府信息公开申请情况"),
    ("appeals", "四、政府信息公开行政复议、行政诉讼情况"),
    ("problems", "五、存在的主要问题及改进情况"),
    ("other_matters", "六、其他需要报告的事项"),
)

TITLE_SUFFIX = "政府信息公开工作年度报告"

# ---------------------------------------------------------------- table 二

BLOCK_ITEM_1 = "第二十条第（一）项"
BLOCK_ITEM_5 = "第二十条第（五）项"
BLOCK_ITEM_6 = "第二十条第（六）项"
BLOCK_ITEM_8 = "第二十条第（八）项"
BLOCK_ITEM_9 = "第二十条第（九）项"
CONTENT_HEADER = "信息内容"
# A column some offices put before the labels, numbering the rows (not in the templates).
SERIAL_HEADER = "序号"

_ISSUED = Field("issued", "本年制发件数")
_REPEALED = Field("repealed", "本年废止件数")
_IN_FORCE = Field("in_force", "现行有效件数")
_DECISIONS_2021 = Field("decisions", "本年处理决定数量")
_FEE_AMOUNT = Field("amount_10k_yuan", "本年收费金额（单位：万元）", money=True)

_MADE = Field("made", "本年新制作数量")
_PUBLISHED = Field("published", "本年新公开数量")
_TOTAL_PUBLISHED = Field("total_published", "对外公开总数量")
_PREV_ITEMS = Field("prev_items", "上一年项目数量")
_CHANGE = Field("change", "本年增/减", signed=True)
_DECISIONS_2019 = Field("decisions", "处理决定数量")
_PROC_ITEMS = Field("items", "采购项目数量")
_PROC_AMOUNT = Field("amount", "采购总金额", money=True)

ACTIVE_ROWS: dict[TemplateId, tuple[ActiveRow, ...]] = {
    "2021": (
        ActiveRow("regulations", "规章", BLOCK_ITEM_1, (_ISSUED, _REPEALED, _IN_FORCE), ("规章",)),
        ActiveRow(
            "normative_documents",
            "行政规范性文件",
            BLOCK_ITEM_1,
            (_ISSUED, _REPEALED, _IN_FORCE),
            ("规范性文件",),
        ),
        ActiveRow("licensing", "行政许可", BLOCK_ITEM_5, (_DECISIONS_2021,), ("行政许可",)),
        ActiveRow("penalty", "行政处罚", BLOCK_ITEM_6, (_DECISIONS_2021,), ("行政处罚",)),
        ActiveRow("coercion", "行政强制", BLOCK_ITEM_6, (_DECISIONS_2021,), ("行政强制",)),
        ActiveRow("fees", "行政事业性收费", BLOCK_ITEM_8, (_FEE_AMOUNT,), ("事业性收费",)),
    ),
    "2019": (
        ActiveRow(
            "regulations", "规章", BLOCK_ITEM_1, (_MADE, _PUBLISHED, _TOTAL_PUBLISHED), ("规章",)
        ),
        ActiveRow(
            "normative_documents",
            "规范性文件",
            BLOCK_ITEM_1,
            (_MADE, _PUBLISHED, _TOTAL_PUBLISHED),
            ("规范性文件",),
        ),
        ActiveRow(
            "licensing",
            "行政许可",
            BLOCK_ITEM_5,
            (_PREV_ITEMS, _CHANGE, _DECISIONS_2019),
            ("行政许可",),
        ),
        ActiveRow(
            "other_services",
            "其他对外管理服务事项",
            BLOCK_ITEM_5,
            (_PREV_ITEMS, _CHANGE, _DECISIONS_2019),
            ("对外管理服务",),
        ),
        ActiveRow(
            "penalty",
            "行政处罚",
            BLOCK_ITEM_6,
            (_PREV_ITEMS, _CHANGE, _DECISIONS_2019),
            ("行政处罚",),
        ),
        ActiveRow(
            "coercion",
            "行政强制",
            BLOCK_ITEM_6,
            (_PREV_ITEMS, _CHANGE, _DECISIONS_2019),
            ("行政强制",),
        ),
        ActiveRow("fees", "行政事业性收费", BLOCK_ITEM_8, (_PREV_ITEMS, _CHANGE), ("事业性收费",)),
        ActiveRow(
            "procurement",
            "政府集中采购",
            BLOCK_ITEM_9,
            (_PROC_ITEMS, _PROC_AMOUNT),
            ("集中采购",),
        ),
    ),
}


def may_be_negative(table: str, row_id: str, field_id: str) -> bool:
    """Whether the template lets a cell be below zero: only table 二's 本年增/减 (a field
    `signed`); every other cell of tables 二, 三 and 四 counts documents, decisions,
    applications or cases (国办公开办函〔2021〕30号 and the 2019 template)."""
    if table != "active":
        return False
    rows = (r for r in _ACTIVE_ROWS if r.id == row_id)
    return any(f.signed for r in rows for f in r.fields if f.id == field_id)


def signed_header(text: str) -> bool:
    """Whether `text` (a header as printed or recognised, spaces aside) heads a column the
    template lets be below zero: table 二's 本年增/减. A recogniser's garbled reading of it
    (「本年增减」「本年増/减」「增/减」) keeps 增 or 减, which no other header of the tables
    holds: taken for a count's header, its lost minus would go unsaid."""
    printed = "".join(text.split())
    signed = [f.label for r in _ACTIVE_ROWS for f in r.fields if f.signed]
    return printed in signed or any(mark in printed for mark in _SIGNED_MARKS)


_SIGNED_MARKS = ("增", "増", "减", "減")


def signed_row(label: str) -> bool:
    """Whether `label` (a row's label as printed) names a row of table 二 with a column the
    template lets be below zero."""
    return any(
        any(f.signed for f in r.fields) and any(k in label for k in r.keywords)
        for r in _ACTIVE_ROWS
    )


_ACTIVE_ROWS = tuple(r for rows in ACTIVE_ROWS.values() for r in rows)  # both templates'


# Header words that identify a template from its table 二 alone.
TEMPLATE_MARKERS: dict[TemplateId, tuple[str, ...]] = {
    "2021": ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "本年处理决定数量"),
    "2019": (
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "政府集中采购",
    ),
}

# ---------------------------------------------------------------- table 三

APPLICANT_COLUMNS: tuple[Column, ...] = (
    Column("natural_person", "自然人"),
    Column("commercial", "商业企业"),
    Column("research", "科研机构"),
    Column("social_welfare", "社会公益组织"),
    Column("legal_service", "法律服务机构"),
    Column("other_org", "其他"),
    Column("total", "总计"),
)
COLUMN_IDS: tuple[str, ...] = tuple(c.id for c in APPLICANT_COLUMNS)
COLUMN_LABELS: dict[str, str] = {c.id: c.label for c in APPLICANT_COLUMNS}
APPLICANT_HEADER = "申请人情况"
LEGAL_PERSON_HEADER = "法人或其他组织"
# Table 三's figure columns under their headers, in the template's order.
APPLICANT_HEADERS: tuple[Header, ...] = (
    Header(APPLICANT_COLUMNS[0].label, column=0),
    Header(
        LEGAL_PERSON_HEADER,
        tuple(Header(c.label, column=k) for k, c in enumerate(APPLICANT_COLUMNS) if 1 <= k <= 5),
    ),
    Header(APPLICANT_COLUMNS[6].label, column=6),
)
BALANCE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

GROUP_RESULTS = "三、本年度办理结果"
GROUP_WITHHELD = "（三）不予公开"
GROUP_UNAVAILABLE = "（四）无法提供"
GROUP_NOT_PROCESSED = "（五）不予处理"
GROUP_OTHER = "（六）其他处理"

_HEAD_ROWS = (
    Row("new_received", "一、本年新收政府信息公开申请数量", "一", ("本年新收", "新收政府信息")),
    Row("carried_over", "二、上年结转政府信息公开申请数量", "二", ("上年结转",)),
)
_RESULT_ROWS = (
    Row("granted", "（一）予以公开", "三（一）", ("予以公开",), GROUP_RESULTS),
    Row(
        "partially_granted",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "三（二）",
        ("部分公开",),
        GROUP_RESULTS,
    ),
    Row("withheld.state_secret", "1.属于国家秘密", "三（三）1", ("国家秘密",), GROUP_WITHHELD),
    Row(
        "withheld.law_prohibited",
        "2.其他法律行政法规禁止公开",
        "三（三）2",
        ("禁止公开", "法规禁止"),
        GROUP_WITHHELD,
    ),
    Row(
        "withheld.security_stability",
        "3.危及“三安全一稳定”",
        "三（三）3",
        ("三安全", "一稳定"),
        GROUP_WITHHELD,
    ),
    Row("withheld.third_party", "4.保护第三方合法权益", "三（三）4", ("第三方",), GROUP_WITHHELD),
    Row(
        "withheld.internal_affairs",
        "5.属于三类内部事务信息",
        "三（三）5",
        ("内部事务",),
        GROUP_WITHHELD,
    ),
    Row("withheld.process_info", "6.属于四类过程性信息", "三（三）6", ("过程性",), GROUP_WITHHELD),
    Row(
        "withheld.enforcement_file",
        "7.属于行政执法案卷",
        "三（三）7",
        ("执法案卷",),
        GROUP_WITHHELD,
    ),
    Row("withheld.query_matter", "8.属于行政查询事项", "三（三）8", ("查询事项",), GROUP_WITHHELD),
    Row(
        "unavailable.not_held",
        "1.本机关不掌握相关政府信息",
        "三（四）1",
        ("不掌握",),
        GROUP_UNAVAILABLE,
    ),
    Row(
        "unavailable.needs_creation",
        "2.没有现成信息需要另行制作",
        "三（四）2",
        ("另行制作", "没有现成"),
        GROUP_UNAVAILABLE,
    ),
    Row(
        "unavailable.unclear",
        "3.补正后申请内容仍不明确",
        "三（四）3",
        ("仍不明确",),
        GROUP_UNAVAILABLE,
    ),
    Row(
        "not_processed.petition",
        "1.信访举报投诉类申请",
        "三（五）1",
        ("信访", "举报投诉"),
        GROUP_NOT_PROCESSED,
    ),
    Row("not_processed.duplicate", "2.重复申请", "三（五）2", ("重复申请",), GROUP_NOT_PROCESSED),
    Row(
        "not_processed.publication",
        "3.要求提供公开出版物",
        "三（五）3",
        ("出版物",),
        GROUP_NOT_PROCESSED,
    ),
    Row(
        "not_processed.excessive",
        "4.无正当理由大量反复申请",
        "三（五）4",
        ("大量反复",),
        GROUP_NOT_PROCESSED,
    ),
    Row(
        "not_processed.confirmation",
        "5.要求行政机关确认或重新出具已获取信息",
        "三（五）5",
        ("重新出具", "确认或重新"),
        GROUP_NOT_PROCESSED,
    ),
)
_OTHER_SPLIT_ROWS = (
    Row(
        "other.no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "三（六）1",
        ("逾期不补正", "不补正"),
        GROUP_OTHER,
    ),
    Row(
        "other.unpaid_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "三（六）2",
        ("缴纳费用", "收费通知"),
        GROUP_OTHER,
    ),
    Row("other.other", "3.其他", "三（六）3", ("其他",), GROUP_OTHER),
)
OTHER_UNDIVIDED = Row("other", GROUP_OTHER, "三（六）", ("其他处理",), GROUP_RESULTS)
_TAIL_ROWS = (
    Row("total", "（七）总计", "三（七）", ("总计", "合计"), GROUP_RESULTS),
    Row("carry_forward", "四、结转下年度继续办理", "四", ("结转下年", "结转下一年")),
)

APPLICATION_ROWS: dict[TemplateId, tuple[Row, ...]] = {
    "2021": _HEAD_ROWS + _RESULT_ROWS + _OTHER_SPLIT_ROWS + _TAIL_ROWS,
    "2019": _HEAD_ROWS + _RESULT_ROWS + (OTHER_UNDIVIDED,) + _TAIL_ROWS,
}
# A 2021 report that prints 三（六） as one row: the contract stores it as `other`.
APPLICATION_ROWS_2021_UNDIVIDED: tuple[Row, ...] = APPLICATION_ROWS["2019"]

ALL_APPLICATION_ROWS: dict[str, Row] = {r.id: r for rows in APPLICATION_ROWS.values() for r in rows}
# Each row's place in table 三 (rows only the 2019 template has sit beside their 2021 kin).
ROW_RANK: dict[str, float] = {
    **{r.id: i + 0.5 for i, r in enumerate(APPLICATION_ROWS["2019"])},
    **{r.id: float(i) for i, r in enumerate(APPLICATION_ROWS["2021"])},
}
OUTCOME_EXCLUDED = frozenset({"new_received", "carried_over", "total", "carry_forward"})


def outcome_row_ids(row_ids: tuple[str, ...] | list[str]) -> list[str]:
    """The result rows whose sum is 三（七）总计."""
    return [r for r in row_ids if r not in OUTCOME_EXCLUDED]


# ---------------------------------------------------------------- table 四

APPEAL_GROUPS: tuple[Column, ...] = (
    Column("review", "行政复议"),
    Column("litigation_direct", "未经复议直接起诉"),
    Column("litigation_after_review", "复议后起诉"),
)
APPEAL_FIELDS: tuple[Column, ...] = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计"),
)
LITIGATION_HEADER = "行政诉讼"
# Table 四's fifteen figure columns under their headers, in the template's order.
APPEAL_HEADERS: tuple[Header, ...] = (
    Header(
        APPEAL_GROUPS[0].label,
        tuple(Header(f.label, column=k) for k, f in enumerate(APPEAL_FIELDS)),
    ),
    Header(
        LITIGATION_HEADER,
        tuple(
            Header(
                g.label,
                tuple(Header(f.label, column=5 * n + k) for k, f in enumerate(APPEAL_FIELDS)),
            )
            for n, g in enumerate(APPEAL_GROUPS[1:], start=1)
        ),
    ),
)
APPEAL_GROUP_LABELS: dict[str, str] = {g.id: g.label for g in APPEAL_GROUPS}
APPEAL_FIELD_LABELS: dict[str, str] = {f.id: f.label for f in APPEAL_FIELDS}

# ---------------------------------------------------------------- reading aids

# Words that mark where each table starts and ends in running text (readers/regions.py).
TABLE2_HEADING = "主动公开政府信息"
TABLE2_WORDS = (BLOCK_ITEM_1, CONTENT_HEADER)
TABLE3_HEADING = "收到和处理政府信息公开申请"
TABLE3_WORDS = ("本列数据的勾稽", APPLICANT_HEADER, "本年新收")
TABLE3_LAST = "结转下年"
TABLE4_WORDS = (APPEAL_GROUPS[0].label, LITIGATION_HEADER, APPEAL_FIELDS[0].label)
TABLES_END = ("存在的主要问题", "其他需要报告的事项")

# Administrative-division endings after which a bare place name means its people's government.
GOVERNMENT_SUFFIXES = ("自治县", "自治州", "市", "区", "县", "旗", "盟", "州", "镇", "乡")
PEOPLES_GOVERNMENT = "人民政府"
GOVERNMENT = "政府"
PEOPLE = "人民"

# Common variants that the normaliser folds before matching (printed → canonical).
LABEL_VARIANTS: tuple[tuple[str, str], ...] = (
    ("社会组织", "社会公益组织"),
    ("社会公共", "社会公益"),
    ("其他法律法规禁止公开", "其他法律行政法规禁止公开"),
    ("其他法律行政法规规定禁止公开", "其他法律行政法规禁止公开"),
    ("规范性文档", "规范性文件"),  # opencc's Taiwan phrases turn 文件 into 文档
    # Table 三's and 四's group headers in the 条例's or an office's wording
    ("法人或者其他组织", LEGAL_PERSON_HEADER),
    ("未经行政复议直接起诉", APPEAL_GROUPS[1].label),
    ("经行政复议后起诉", APPEAL_GROUPS[2].label),
    ("经复议后起诉", APPEAL_GROUPS[2].label),
)

FEE_UNIT_10K = "万元"
FEE_UNIT_YUAN = "元"


# ---------------------------------------------------------------- narrative


@dataclass(frozen=True)
class Quantity:
    """A figure of the tables that the prose may state: the sum of the 总计 cells of some rows
    of table 三 (those the report has), or of the 总计 of some groups of table 四."""

    id: str
    label: str
    rows: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()


def _group_rows(group: str, *more: str) -> tuple[str, ...]:
    return tuple(r.id for r in ALL_APPLICATION_ROWS.values() if r.group == group) + more


# The words by which prose names one reason of a group of table 三 (「因涉及国家秘密不予公开3件」
# counts the row 1.属于国家秘密, not the whole of 不予公开), and the words of the group's answer.
NARRATIVE_REASONS: dict[str, tuple[str, ...]] = {
    "withheld.state_secret": ("国家秘密",),
    "withheld.law_prohibited": ("法律行政法规禁止", "法律、行政法规禁止", "法律法规禁止"),
    # the statute's run first: its 、 would otherwise read as a list of reasons
    "withheld.security_stability": (
        "国家安全、公共安全、经济安全、社会稳定",
        "国家安全、公共安全、经济安全和社会稳定",
        "三安全一稳定",
        "国家安全、公共安全",
        "社会稳定",
    ),
    "withheld.third_party": ("第三方",),
    "withheld.internal_affairs": ("内部事务",),
    "withheld.process_info": ("过程性信息",),
    "withheld.enforcement_file": ("执法案卷",),
    "withheld.query_matter": ("行政查询",),
    # 「经检索没有相关信息」; 「本机关未制作或获取」 (条例 第二条: information an agency made or
    # obtained is its own). 「信息不存在」, 个人隐私 and 商业秘密 are left unplaced (causes,
    # hedged): no label of the template names them.
    "unavailable.not_held": ("不掌握", "没有相关信息", "没有相关政府信息", "未制作或获取"),
    "unavailable.needs_creation": ("另行制作", "没有现成"),
    "unavailable.unclear": ("不明确",),
    "not_processed.petition": ("信访举报投诉",),
    "not_processed.duplicate": ("重复申请",),
    "not_processed.publication": ("公开出版物",),
    "not_processed.excessive": ("大量反复",),
    "not_processed.confirmation": ("确认或重新出具", "重新出具"),
    # 「申请人未按要求补正」: 补正 said alone is the row too, hedged (NARRATIVE_LOOSE_WORDS)
    "other.no_correction": ("不补正", "未补正", "补正"),
    "other.unpaid_fee": ("缴纳费用", "缴费", "收费通知"),
    "other.other": ("撤回",),
}
# By the group's quantity, which begins the id of each of its rows (withheld.state_secret).
NARRATIVE_ANSWERS = {
    "withheld": "不予公开",
    "unavailable": "无法提供",
    "not_processed": "不予处理",
    "other": "其他处理",
}


# Words that list reasons (「信息不存在或需要另行制作」): a figure after them may sum several rows.
NARRATIVE_LIST_WORDS = ("或", "和", "与", "、", "及")
# Words said with a reason, in its clause before it or between it and the answer, that make
# it less than the whole of the figure: a qualifier or an example (「主要原因是本机关不掌握…」,
# 「以重复申请为主」, 「如重复申请」): the figure may sum several rows, so it is the group's,
# hedged.
NARRATIVE_REASON_QUALIFIERS = (
    "主要",
    "大部分",
    "大多",
    "多数",
    "为主",
    "居多",
    "较多",
    "部分",
    "如",
    "包括",
)
# An exclusion or a negation of the reason (「除重复申请外」, 「经审查不涉及国家秘密」): the
# figure counts the group's other rows, which no row is: not compared. Looked for before the
# reason word only, as 「没有相关信息」 is itself a reason.
NARRATIVE_REASON_NEGATIONS = (
    "除",
    "不含",
    "不包括",
    "不涉及",
    "不属于",
    "不是",
    "非",
    "没有",
    "未发现",
    "未涉及",
    "不存在",
)
# Reason words that, said a comma before the group's answer, may be said of the group's whole
# figure, by row (「申请人撤回申请，作其他处理3件」: 其他处理 names the group and row 3.其他
# alike; 「告知申请人补正后，其他处理205件」: 补正 alone names the step of asking, and the
# figure may be every row's, where 未补正 and 不补正 name the row).
NARRATIVE_LOOSE_WORDS = {"other.other": ("撤回",), "other.no_correction": ("补正",)}


def group_of(key: str) -> str:
    """The group of table 三 whose answer a narrative key states (「withheld」 for
    withheld.state_secret and for withheld itself), or the key itself."""
    return key.partition(".")[0]


def _reason_label(row_id: str) -> str:
    row = ALL_APPLICATION_ROWS[row_id]
    return f"表三“{row.group}”中“{row.label}”总计"


QUANTITIES: dict[str, Quantity] = {
    q.id: q
    for q in (
        *(Quantity(row, _reason_label(row), (row,)) for row in NARRATIVE_REASONS),
        Quantity("new_received", "表三“本年新收”总计", ("new_received",)),
        Quantity(
            "new_and_carried",
            "表三“本年新收”与“上年结转”总计之和",
            ("new_received", "carried_over"),
        ),
        Quantity("carried_over", "表三“上年结转”总计", ("carried_over",)),
        Quantity("carry_forward", "表三“结转下年度继续办理”总计", ("carry_forward",)),
        Quantity("granted", "表三“予以公开”总计", ("granted",)),
        Quantity("partially_granted", "表三“部分公开”总计", ("partially_granted",)),
        Quantity(
            "granted_and_partial",
            "表三“予以公开”与“部分公开”总计之和",
            ("granted", "partially_granted"),
        ),
        Quantity("withheld", "表三“不予公开”各项总计之和", _group_rows(GROUP_WITHHELD)),
        Quantity("unavailable", "表三“无法提供”各项总计之和", _group_rows(GROUP_UNAVAILABLE)),
        Quantity("not_processed", "表三“不予处理”各项总计之和", _group_rows(GROUP_NOT_PROCESSED)),
        Quantity("other", "表三“其他处理”总计", _group_rows(GROUP_OTHER, "other")),
        Quantity("total", "表三“（七）总计”", ("total",)),
        Quantity("review", "表四“行政复议”总计", groups=("review",)),
        Quantity(
            "review_and_litigation",
            "表四“行政复议”与“行政诉讼”总计之和",
            groups=("review", "litigation_direct", "litigation_after_review"),
        ),
        Quantity(
            "litigation",
            "表四“行政诉讼”两组总计之和",
            groups=("litigation_direct", "litigation_after_review"),
        ),
    )
}


@dataclass(frozen=True)
class NarrativePattern:
    """One way report prose states a figure of the tables.

    `words` is a regular expression for the words just before the figure; the figure is
    followed by `unit`. The figure agrees with the tables when it equals any of
    `quantities` (none: read, never compared). Where `certain` (a regular expression) is
    given, only words that match it make the scope certain; other words found in the
    `object` group leave it uncertain (收到申请: which applications?). `needs`: a word the
    sentence must hold before the figure (a review body's 行政复议 counts are not about
    disclosure), and a figure narrowed to it after it is not read (「行政复议案件92件，
    其中涉及政府信息公开的19件」: the 92 are every case). `after`: words that must follow the
    figure's unit. `apart`: words that, said before the figure in its sentence, make it
    count something else (作为复议机关: the reviews the agency decides, not those of it).
    `part`: words that, said just before the pattern's, make it count a part (延期办结: the
    answers given late). `maybe_part`: words that do so after 其中 and may mean all of it
    otherwise (按时办结: in time, all of them where none was late), a `hedge`.
    """

    key: str
    words: str
    quantities: tuple[str, ...]
    unit: str = "件"
    certain: str = ""
    needs: str = ""
    after: str = ""
    apart: tuple[str, ...] = ()
    part: tuple[str, ...] = ()
    maybe_part: tuple[str, ...] = ()


# Words between a comma and a group's answer (「属于国家秘密的，依法不予公开」).
NARRATIVE_ANSWER_LEADS = ("依法", "均", "全部", "故", "作")


def _reason_pattern(row_id: str, words: tuple[str, ...]) -> NarrativePattern:
    """「因涉及国家秘密不予公开3件」, 「本机关不掌握相关政府信息，无法提供3件」: one reason, then
    its group's answer in its clause or just after a comma, nothing listed between them
    (「国家秘密、第三方等」 counts more than one row; 涉及 is no list) and no figure (「重复申请
    3件，不予处理2件」: the 2 may be of any row). A list of figures (「…1件、重复申请…」) is no
    list of reasons; 危及 is no list either."""
    answer = NARRATIVE_ANSWERS[group_of(row_id)]
    reason = "|".join(re.escape(w) for w in words)
    listed = "".join(w for w in NARRATIVE_LIST_WORDS if w != "及")
    between = rf"[^，,。；;等{listed}及\d]"
    leads = "|".join(NARRATIVE_ANSWER_LEADS)
    return NarrativePattern(
        row_id,
        rf"(?:(?<![{listed}])|(?<=[件条]、))(?<![^涉危]及)(?P<reason>{reason})"
        rf"(?:{between}{{0,10}}?|{between}{{0,8}}?[，,](?:{leads})?){answer}(?:的)?",
        (row_id,),
    )


# 「其中按期办结30件，延期办结2件」: the answers in time, or late, are a part of all answered.
ANSWERED_IN_TIME = ("按期", "按时", "如期", "期限内", "时限内")
ANSWERED_LATE = ("延期", "逾期", "超期")
# An agency that decides reviews of others (a government over its departments) states them
# as 「作为复议机关…」: not the reviews of its own answers that table 四 counts.
REVIEW_BODY = ("复议机关",)
_APPLICATION = r"(?:政府信息公开|信息公开|依申请公开)"
_RECEIVER = r"(?:各类|群众|社会公众|公民、法人(?:和|或者?)其他组织)?(?:提出|提交)?的?"

# Catalogue order matters: a figure is claimed by the first pattern that reads it, so the
# combined and specific wordings come before the words they contain.
NARRATIVE_PATTERNS: tuple[NarrativePattern, ...] = (
    NarrativePattern(
        "granted_and_partial",
        r"(?:(?<![不未])(?<!不予)(?<!不予以)(?<!不同意)(?:予以|同意|全部)?公开"
        r"(?:及|和|与|、|或)(?:予以)?部分公开"
        r"|(?:予以|同意)?(?:全部或|全部和|全部及)部分公开"
        r"|(?:予以|同意)公开[(（](?:含|包括)部分公开[)）])(?:的)?(?:申请)?",
        ("granted_and_partial",),
    ),
    NarrativePattern(
        "new_received",
        r"(?:本年度?|全年)?新收" + _APPLICATION + r"?(?:申请)?(?:数量)?",
        ("new_received",),
    ),
    NarrativePattern(
        "received",
        r"(?:收到|受理|接收|接到)(?:并办理)?"
        + _RECEIVER
        + r"(?P<object>"
        + _APPLICATION
        + r"(?:的)?(?:申请)?|申请)(?:数量)?",
        ("new_received", "new_and_carried"),
        certain=_APPLICATION,
    ),
    NarrativePattern(
        "carried_over",
        r"(?:上年度?|上一年度?)结转(?:的)?" + _APPLICATION + r"?(?:申请)?",
        ("carried_over",),
    ),
    NarrativePattern(
        "carry_forward",
        r"结转(?:至|到)?下(?:一)?年度?(?:继续)?(?:办理)?(?:的)?(?:申请)?",
        ("carry_forward",),
    ),
    # 「予以公开9件（含部分公开1件）」, 「同意公开9件，其中部分公开1件」: the 9 hold the 1.
    NarrativePattern(
        "granted_including_partial",
        r"(?<!不)(?:予以|同意|全部)公开(?:的)?(?:申请)?",
        ("granted_and_partial",),
        after=r"[(（，,]?(?:其中(?:含|包括)?|含|包括)(?:予以|同意)?部分公开",
    ),
    NarrativePattern("granted", r"(?<!不)(?:予以|同意|全部)公开", ("granted",)),
    NarrativePattern("partially_granted", r"(?:予以|同意)?部分公开", ("partially_granted",)),
    *(_reason_pattern(row, words) for row, words in NARRATIVE_REASONS.items()),
    NarrativePattern("withheld", r"不予公开(?:的)?", ("withheld",)),
    NarrativePattern("unavailable", r"无法提供(?:的)?", ("unavailable",)),
    NarrativePattern("not_processed", r"不予处理(?:的)?", ("not_processed",)),
    NarrativePattern("other", r"其他处理(?:的)?", ("other",)),
    NarrativePattern(
        "completed",
        r"(?:办结|办理完毕|办理完成|答复办结)(?:了)?" + _APPLICATION + r"?(?:申请)?",
        ("total",),
        part=ANSWERED_LATE,
        maybe_part=ANSWERED_IN_TIME,
    ),
    NarrativePattern(
        "review_and_litigation",
        r"行政复议(?:案件)?(?:、|和|及|与|或)(?:提起)?行政诉讼(?:案件)?(?:的)?",
        ("review_and_litigation",),
        unit="(?:件|起)",
        needs="信息公开",
        apart=REVIEW_BODY,
    ),
    NarrativePattern(
        "review",
        r"行政复议(?:案件)?(?:申请)?",
        ("review",),
        unit="(?:件|起)",
        needs="信息公开",
        apart=REVIEW_BODY,
    ),
    NarrativePattern(
        "litigation", r"行政诉讼(?:案件)?", ("litigation",), unit="(?:件|起)", needs="信息公开"
    ),
    NarrativePattern("items_published", r"主动公开(?:各类)?(?:政府)?信息", (), unit="条"),
    # Table 二's figures: not compared (table 二 has no rules to say which cell is off), but
    # they rule out splits of a glued row (`STATED_ACTIVE_CELLS`).
    NarrativePattern(
        "normative_issued",
        r"(?:本年度?|全年)?(?:共|累计)?新?(?:制发|制定|出台|印发)(?:了)?(?:行政)?规范性文件",
        (),
    ),
    NarrativePattern("normative_in_force", r"现行有效(?:的)?(?:行政)?规范性文件", ()),
)

# The cell of table 二 (row, field) that a narrative figure states, by template.
STATED_ACTIVE_CELLS: dict[str, dict[TemplateId, tuple[str, str]]] = {
    "normative_issued": {
        "2021": ("normative_documents", "issued"),
        "2019": ("normative_documents", "made"),
    },
    "normative_in_force": {"2021": ("normative_documents", "in_force")},
}

NARRATIVE_BY_KEY: dict[str, NarrativePattern] = {p.key: p for p in NARRATIVE_PATTERNS}
# The quantities of applications received or carried, not of how they were answered.
RECEIVING_QUANTITIES = ("new_received", "new_and_carried", "carried_over", "carry_forward")


def answers(pattern: NarrativePattern) -> bool:
    """Whether the pattern states how applications were answered (三's results)."""
    return bool(pattern.quantities) and all(
        QUANTITIES[q].rows and q not in RECEIVING_QUANTITIES for q in pattern.quantities
    )


# Between the words and the figure: 共, 合计, 为, 达到 …
NARRATIVE_FILLER = r"(?:共|合计|总计|累计|共计|总共)?(?:为|达|达到)?"
# A sentence with one of these compares with another year: its figures are not read.
NARRATIVE_COMPARATIVES = tuple(
    ["同比", "环比", "较上年", "较去年", "比上年", "与上年相比", "增长", "下降", "减少", "增加"]
)
# A clause with one of these counts another channel (the 12345 hotline, letters, petitions,
# consultations, messages): its figures are never compared with the tables.
NARRATIVE_OTHER_CHANNELS = tuple(
    [
        "12345",
        "热线",
        "信箱",
        "来信",
        "来访",
        "来电",
        "信访",
        "诉求",
        "咨询",
        "留言",
        "建议",
        "提案",
        "网民",
        "便民",
        "政务服务",
        "依申请公开信息",
        "投诉",
        "举报",
    ]
)
# Row labels of table 三 that hold channel words but are the table's own.
NARRATIVE_TABLE_WORDS = ("信访举报投诉类", "信访举报投诉")
# A clause with one of these counts the applications of one way of applying (当面, 网络,
# 信函 …): a part of the table's figure, never compared with it.
NARRATIVE_PART_CHANNELS = tuple(
    [
        "当面",
        "网络",
        "网上",
        "在线",
        "信函",
        "邮寄",
        "邮件",
        "传真",
        "门户网站",
        "政府网站",
        "申请平台",
        "窗口",
        "现场",
    ]
)
# A clause (or the sentence before it) with one of these may count more (or less) than the
# report's agency: a mismatch is then a warning. 「我县」 in a county government's report may
# be the county or its government.
NARRATIVE_WIDER_SCOPE = tuple(
    [
        "我市",
        "我县",
        "我区",
        "我州",
        "我旗",
        "我省",
        "全市",
        "全县",
        "全区",
        "全旗",
        "全州",
        "全省",
        "全镇",
        "全乡",
        "各部门",
        "各单位",
        "各乡镇",
        "各街道",
        "县直",
        "市直",
        "区直",
        "全系统",
        "系统内",
        "所属",
        "下属",
        "本级",
        "各级",
        "各地",
    ]
)
# A clause that names the report's own agency: the wider scope of the sentence before it
# (「全县共收到申请120件，本机关收到政府信息公开申请24件」) is not its scope.
NARRATIVE_OWN_SCOPE = ("本机关", "本单位", "本部门", "我局", "我办", "我委", "本局", "本办")
# Words without which a clause before a group's answer gives no reason for it (「经统计，」,
# 「其中，」, 「2021年，」, 「在已办结的申请中，」): the answer after it is then bare, the
# group's, compared for certain. Generous: a reason missed here would be compared so, a
# false error; a clause taken for a reason only makes a mismatch a warning.
NARRATIVE_REASON_CUES = tuple(
    [
        "因",
        "由于",
        "涉及",
        "属于",
        "不",
        "未",
        "无",
        "非",
        "没有",
        "申请人",
        "信息",
        "重复",
        "反复",
        "补正",
        "撤回",
        "宽泛",
        "明确",
        "存在",
        "掌握",
        "制作",
        "获取",
        "出版",
        "咨询",
        "信访",
        "投诉",
        "举报",
        "缴",
        "确认",
        "查询",
        "秘密",
        "隐私",
        "安全",
        "第三方",
        "内部",
        "过程",
        "执法",
    ]
)
# Words of giving the answer that hold a reason's cue but give none (「…，依法告知申请人，
# 不予公开」, 「…，因此无法提供」): a clause of them alone is no reason.
NARRATIVE_ANSWER_WORDS = ("告知申请人", "答复申请人", "通知申请人", "因此", "因而")
# A sentence that names documents and no application before a figure counts documents by
# their disclosure attribute (「制发公文120件，其中主动公开98件、依申请公开10件、不予公开12件」),
# not answers to applications: its figures are never compared with table 三.
NARRATIVE_DOCUMENT_WORDS = ("公文", "文件", "发文", "公开属性")
# Words after a figure that make it approximate.
NARRATIVE_APPROXIMATE = ("以上", "左右")
# Words before a figure that count a part of the year (「上半年收到申请30件」): never compared.
# Months and dates are judged apart (`narrative._part_of_year`): 「1至12月」 and 「截至12月31日」
# are the whole year, 「1至6月」, 「12月份」 and 「截至11月30日」 are not.
NARRATIVE_PART_PERIODS = ("上半年", "下半年", "季度", "月底前", "年中")
# Words before a figure that count more than the year, or a rate of it (「自《条例》施行以来
# 累计受理…」, 「近三年」, 「“十三五”期间」, 「平均每月」): never compared.
NARRATIVE_BEYOND_YEAR = ("以来", "年来", "近年", "近两年", "近三年", "近五年", "历年", "期间")
NARRATIVE_RATES = ("平均", "月均", "日均", "每月", "每年", "每周")
# 「截至12月31日，本年度累计受理…」: the year named as the span of a running total.
NARRATIVE_THIS_YEAR = ("本年", "全年", "年内", "当年")
# Words of a rule or of the agency's remit, not of one subject (「依据有关规定…的申请」).
NARRATIVE_NOT_SUBJECTS = ("规定", "要求", "职能", "职责")
# Words before a figure that date it by the day of writing, not the year's end (「截至目前」):
# the year may be in it or not, so a mismatch is a warning that says so.
NARRATIVE_UNDATED = ("截至目前", "截止目前", "截至发稿", "截至报告", "至今", "迄今")
