"""The narrative catalogue, pattern by pattern: sentences it must read, and sentences it must not.

Every pattern of `catalog.NARRATIVE_PATTERNS` has at least one positive and one negative
example here (a test checks it). Sentences are worded as real reports word them.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai import catalog
from gongkai.readers.narrative import narrative_figures, sentence_figures

YEAR = 2021

# key: ([(sentence, value, hedge)], [sentences that must not give this key])
EXAMPLES: dict[str, tuple[list[tuple[str, int, str | None]], list[str]]] = {
    "granted_and_partial": (
        [
            ("予以公开及部分公开42件。", 42, None),
            ("其中同意公开（含部分公开）18件。", 18, None),
            ("予以全部或部分公开的申请共35件。", 35, None),
            ("其中公开和部分公开25件。", 25, None),
        ],
        [
            "其中予以公开7件，部分公开1件。",
            "不予以公开和部分公开的申请各3件。",
            "不同意公开和部分公开的申请各3件。",
            "未公开和部分公开的申请各3件。",
        ],
    ),
    "new_received": (
        [
            ("本年新收政府信息公开申请70件。", 70, None),
            ("共办理申请38件，其中当年新收35件，上年结转3件。", 35, None),
        ],
        ["新收到的群众来信30件已全部转交相关部门。"],
    ),
    "received": (
        [
            ("2021年共收到政府信息公开申请75件。", 75, None),
            ("全年共受理依申请公开24件，其中予以公开7件。", 24, None),
            ("共收到申请30件，其中上年结转2件。", 30, "申请"),
            ("全县各部门共收到政府信息公开申请120件。", 120, "全县"),
            ("2021年，全市收到并办理群众提出的信息公开申请20件。", 20, "全市"),
            ("其中，县人民政府办公室收到政府信息公开申请8件。", 8, "县人民政府办公室"),
            ("其中，县卫健委收到政府信息公开申请9件。", 9, "县卫健委"),
            ("从全县范围看，共收到政府信息公开申请130件。", 130, "全县"),
            ("2021年，我县共收到政府信息公开申请130件。", 130, "我县"),
            ("全县共收到申请120件，本机关收到政府信息公开申请24件。", 24, None),
            ("本年度共收到政府信息公开申请十二件。", 12, None),
            ("本年度共收到政府信息公开申请一百零五件。", 105, None),
            ("通过当面、网络、信函等方式共收到政府信息公开申请24件。", 24, None),
            ("截至2021年12月31日，共收到政府信息公开申请36件。", 36, None),
            ("1-12月共收到政府信息公开申请36件。", 36, None),
            ("2021年1月1日至12月31日，本机关共受理政府信息公开申请36件。", 36, None),
            ("1至6月收到申请20件，全年共收到政府信息公开申请36件。", 36, None),
            ("截至目前，本机关共收到政府信息公开申请40件。", 40, "截至目前"),
            ("报告期间，共收到政府信息公开申请36件。", 36, None),
            ("共收到政府信息公开申请45件（含网上申请30件）。", 45, None),
            ("全年收到政府信息公开申请36件，自《条例》施行以来累计受理120件。", 36, None),
            ("截至12月31日，本年度累计受理政府信息公开申请36件。", 36, None),
            ("2021年累计收到政府信息公开申请36件。", 36, None),
            # a total run up to a date: every year's, or the year's own written at its end
            ("截至2021年底，累计收到政府信息公开申请156件。", 156, "截至2021年底，累计"),
            (
                "截止2021年12月31日，我局累计受理政府信息公开申请36件。",
                36,
                "截止2021年12月31日，我局累计",
            ),
            ("截至本年底，累计受理政府信息公开申请36件。", 36, "截至本年底，累计"),
        ],
        [
            "通过12345政务服务便民热线受理群众诉求4355件。",
            "通过政府信箱收到申请30件。",
            "年内共收到各类信息公开申请110件（含依申请公开和咨询类）。",
            "共收到政府信息公开申请45件(包括电话咨询12件)，均已答复。",
            "受理行政许可申请500件，办结率100%。",
            "收到申请数量较上年增长20%，达到45件。",
            "2020年收到政府信息公开申请12件。",
            "全年共收到政府信息公开申请100余件。",
            "共收到政府信息公开申请50件以上。",
            "其中，通过政府门户网站收到政府信息公开申请20件，当面收到4件。",
            "通过网上申请平台受理政府信息公开申请20件，其余为当面和信函申请。",
            "2021年1至6月，共收到政府信息公开申请30件。",
            "其中上半年收到政府信息公开申请30件。",
            "第四季度受理政府信息公开申请12件。",
            "12月份收到政府信息公开申请3件。",
            "截至11月30日，共收到政府信息公开申请36件。",
            "自《条例》施行以来，累计受理政府信息公开申请120件。",
            "近三年共受理政府信息公开申请90件。",
            "近年来收到的政府信息公开申请逐年增多，共计90件。",
            "2019—2021年，共收到政府信息公开申请95件。",
            "“十三五”期间共受理政府信息公开申请48件。",
            "平均每月受理政府信息公开申请6件。",
        ],
    ),
    "carried_over": (
        [
            ("上年结转政府信息公开申请5件。", 5, None),
            ("2020年结转的申请3件。", 3, None),
            ("上一年度结转2件。", 2, None),
        ],
        ["结转下年度继续办理1件。"],
    ),
    "carry_forward": (
        [("结转下年度继续办理1件。", 1, None), ("结转至2022年继续办理2件。", 2, None)],
        ["上年结转5件，均已办结。", "结转至2023年继续办理4件。"],
    ),
    "granted_including_partial": (
        [
            ("予以公开9件（含部分公开1件）。", 9, None),
            ("同意公开78件，其中部分公开21件。", 78, None),
        ],
        ["其中予以公开7件，部分公开1件。", "予以公开7件，不予公开1件，其中部分公开1件。"],
    ),
    "granted": (
        [
            ("其中予以公开7件，部分公开1件。", 7, None),
            ("同意公开12件。", 12, None),
            ("共收到申请24件，其中网上申请20件，当面申请4件，予以公开7件。", 7, None),
            ("涉及征地拆迁的申请20件，予以公开15件。", 15, "涉及征地拆迁的申请20件"),
            ("本年度共收到涉及政府信息公开的申请32件，其中予以公开20件。", 20, None),
            ("本机关受理关于政府信息公开的申请共32件，予以公开20件。", 20, None),
            ("依据《条例》有关规定本机关共收到政府信息公开申请32件，其中予以公开20件。", 20, None),
        ],
        [
            "不予公开3件。",
            "不予以公开2件。",
            "予以公开及部分公开42件。",
            "其中下半年予以公开10件。",
        ],
    ),
    "partially_granted": (
        [
            ("其中予以公开7件，部分公开1件。", 1, None),
            ("予以公开7件、部分公开1件、不予公开2件。", 1, None),
            ("同意部分公开2件。", 2, None),
        ],
        [
            "予以公开和部分公开共9件。",
            "予以公开、部分公开的申请共9件。",
            "其中公开和部分公开25件。",
        ],
    ),
    # One reason of a group of table 三: its row, not the group.
    **{
        row: ([(sentence, 2, None)], [f"因涉及{words}等原因{answer}5件。"])
        for row, sentence, words, answer in (
            (
                "withheld.state_secret",
                "因涉及国家秘密不予公开2件。",
                "国家秘密、商业秘密",
                "不予公开",
            ),
            (
                "withheld.law_prohibited",
                "属于法律行政法规禁止公开的不予公开2件。",
                "法律法规禁止",
                "不予公开",
            ),
            (
                "withheld.security_stability",
                "因危及“三安全一稳定”不予公开2件。",
                "三安全一稳定",
                "不予公开",
            ),
            ("withheld.third_party", "因可能损害第三方合法权益不予公开2件。", "第三方", "不予公开"),
            (
                "withheld.internal_affairs",
                "属于三类内部事务信息不予公开的2件。",
                "内部事务",
                "不予公开",
            ),
            (
                "withheld.process_info",
                "属于四类过程性信息依法不予公开2件。",
                "过程性信息",
                "不予公开",
            ),
            (
                "withheld.enforcement_file",
                "因申请公开行政执法案卷不予公开2件。",
                "执法案卷",
                "不予公开",
            ),
            ("withheld.query_matter", "属于行政查询事项的不予公开2件。", "行政查询", "不予公开"),
            (
                "unavailable.not_held",
                "因本机关不掌握相关政府信息无法提供2件。",
                "本机关不掌握",
                "无法提供",
            ),
            (
                "unavailable.needs_creation",
                "没有现成信息需要另行制作而无法提供2件。",
                "需另行制作",
                "无法提供",
            ),
            (
                "unavailable.unclear",
                "补正后申请内容仍不明确无法提供2件。",
                "内容不明确",
                "无法提供",
            ),
            (
                "not_processed.petition",
                "对信访举报投诉类申请不予处理2件。",
                "信访举报投诉",
                "不予处理",
            ),
            ("not_processed.duplicate", "属于重复申请的不予处理2件。", "重复申请", "不予处理"),
            (
                "not_processed.publication",
                "要求提供公开出版物的不予处理2件。",
                "公开出版物",
                "不予处理",
            ),
            (
                "not_processed.excessive",
                "无正当理由大量反复申请的不予处理2件。",
                "大量反复",
                "不予处理",
            ),
            (
                "not_processed.confirmation",
                "要求确认或重新出具已获取信息的不予处理2件。",
                "重新出具",
                "不予处理",
            ),
            ("other.no_correction", "申请人逾期不补正的其他处理2件。", "未补正", "其他处理"),
            ("other.unpaid_fee", "逾期未按收费通知缴纳费用的其他处理2件。", "缴费", "其他处理"),
            ("other.other", "申请人撤回申请后作其他处理2件。", "撤回", "其他处理"),
        )
    },
    "withheld": (
        [
            ("不予公开3件。", 3, None),
            ("依法不予公开的4件。", 4, None),
            ("因涉及国家秘密、第三方合法权益等原因不予公开5件。", 5, None),
            ("因涉及个人隐私不予公开2件。", 2, "因涉及个人隐私"),
            (
                "申请公开的信息属于内部管理信息，不予公开1件。",
                1,
                "申请公开的信息属于内部管理信息",
            ),
            ("因此依法不予公开3件。", 3, None),
            # a subject said with a reason's word before 「其中」 or 「全年」: it may be a reason
            # (「申请公开的信息不存在的，其中无法提供37件」), so a mismatch is only a warning
            (
                "本年度共收到政府信息公开申请32件，主要涉及征地拆迁补偿，其中不予公开3件。",
                3,
                "主要涉及征地拆迁补偿",
            ),
            (
                "对涉及群众切身利益的申请优先办理，全年不予公开3件。",
                3,
                "对涉及群众切身利益的申请优先办理",
            ),
            ("申请公开的信息属于不予公开范围的，依法告知申请人，不予公开3件。", 3, None),
        ],
        [
            "申请公开的文件涉及国家秘密，不予公开3件。",
            "因涉及国家秘密和第三方合法权益不予公开3件。",
            "因涉及国家秘密不予公开的申请比上年减少2件。",
            "全年制发公文120件，其中主动公开98件，依申请公开10件，不予公开12件。",
            "严格公文公开属性审核，不予公开5件。",
        ],
    ),
    "unavailable": (
        [
            ("因本机关不掌握相关政府信息等原因无法提供14件。", 14, None),
            ("因信息不存在无法提供5件。", 5, "因信息不存在"),
            # a qualified reason the catalogue cannot place: the group's, hedged, as a
            # qualified row's is
            (
                "主要原因是申请人申请的信息不存在，无法提供5件。",
                5,
                "主要原因是申请人申请的信息不存在",
            ),
        ],
        [
            "无法提供的原因主要是本机关不掌握相关信息，共涉及申请人6人。",
            "因本机关不掌握相关政府信息无法提供9件。",
        ],
    ),
    "not_processed": (
        [("不予处理2件。", 2, None)],
        ["对信访举报投诉类申请不予处理的，均已告知申请人通过信访渠道反映，涉及来信6件。"],
    ),
    "other": (
        [
            ("其他处理1件。", 1, None),
            ("由于申请人未提供身份证明，其他处理1件。", 1, "由于申请人未提供身份证明"),
        ],
        ["其他处理方式与上年相比增加3件。", "因申请人逾期未补正，其他处理2件。"],
    ),
    "completed": (
        [
            ("已办结19件。", 19, None),
            ("办理完成19件（结转下年度继续办理1件），全部依法及时答复。", 19, None),
            ("共办结32件，其中按期办结30件，延期办结2件。", 32, None),
            ("全年依法按时办结政府信息公开申请32件。", 32, "按时"),
            ("全年未发生逾期答复情况，共办结政府信息公开申请32件。", 32, None),
            ("无延期答复，办结申请32件。", 32, None),
            ("所有申请均按期办结，共办结32件。", 32, None),
            ("共收到申请32件，均在法定期限内答复，办结32件。", 32, None),
        ],
        [
            "其中在法定期限内办结30件，依法延期办结2件。",
            "办结群众诉求4000件，满意率98%。",
            "我市共转办市长信箱群众来信189件，已办结189件，办复率100%。",
        ],
    ),
    "review_and_litigation": (
        [("因政府信息公开被申请行政复议、提起行政诉讼共3件。", 3, None)],
        [
            "因政府信息公开被申请行政复议2件，提起行政诉讼1件。",
            "作为复议机关，办理政府信息公开类行政复议和行政诉讼案件共9件。",
        ],
    ),
    "review": (
        [
            ("因政府信息公开被申请行政复议2件，提起行政诉讼1件。", 2, None),
            ("发生政府信息公开行政复议案件1起。", 1, None),
            ("本年度被申请政府信息公开行政复议两起。", 2, None),
        ],
        [
            "本年度办理行政复议案件120件。",
            "本机关作为复议机关，全年共办理行政复议案件92件，其中涉及政府信息公开的19件。",
            "全年办理行政复议案件92件，政府信息公开工作规范有序。",
            "作为复议机关受理政府信息公开类行政复议申请23件。",
        ],
    ),
    "litigation": (
        [("因政府信息公开被申请行政复议2件，提起行政诉讼1件。", 1, None)],
        [
            "全年共办理行政诉讼案件35件。",
            "全年共发生行政诉讼案件74件，其中政府信息公开类1件。",
        ],
    ),
    "items_published": (
        [("主动公开政府信息4055条。", 4055, None)],
        ["依申请公开信息35条。"],
    ),
    "normative_issued": (
        [("全年共制发行政规范性文件5件。", 5, None), ("本年度新制定规范性文件12件。", 12, None)],
        ["废止规范性文件3件。", "清理规范性文件120件，其中现行有效86件。"],
    ),
    "normative_in_force": (
        [("现行有效的规范性文件共86件。", 86, None)],
        ["清理规范性文件120件，其中现行有效86件。", "废止规范性文件3件。"],
    ),
}


# Every row of a group with each word by which prose names its reason.
_REASONS = st.sampled_from(
    [(row, word) for row, words in catalog.NARRATIVE_REASONS.items() for word in words]
)


def _figures(text: str) -> dict[str, tuple[int, str | None]]:
    figures = narrative_figures(text, ((0, len(text)),), YEAR)
    return {f.key: (f.value, f.hedge) for f in figures}


def _readings(text: str) -> dict[str, tuple[int, str | None, list[str] | None]]:
    """Each figure's value, hedge and the other quantities it may state."""
    figures = narrative_figures(text, ((0, len(text)),), YEAR)
    return {f.key: (f.value, f.hedge, f.alternatives) for f in figures}


def _rows_of(group: str) -> list[str]:
    return [row for row in catalog.NARRATIVE_REASONS if catalog.group_of(row) == group]


def _cases(positive: bool) -> list[tuple[str, str, int, str | None]]:
    cases = []
    for key, (yes, no) in EXAMPLES.items():
        if positive:
            cases += [(key, sentence, value, hedge) for sentence, value, hedge in yes]
        else:
            cases += [(key, sentence, 0, None) for sentence in no]
    return cases


@pytest.mark.parametrize(("key", "sentence", "value", "hedge"), _cases(positive=True))
def test_pattern_reads_its_figure(key: str, sentence: str, value: int, hedge: str | None) -> None:
    assert _figures(sentence)[key] == (value, hedge)


@pytest.mark.parametrize(("key", "sentence", "value", "hedge"), _cases(positive=False))
def test_pattern_leaves_other_scopes_alone(
    key: str, sentence: str, value: int, hedge: str | None
) -> None:
    assert key not in _figures(sentence)


def test_every_pattern_has_positive_and_negative_examples() -> None:
    assert [p.key for p in catalog.NARRATIVE_PATTERNS] == list(EXAMPLES)
    assert all(yes and no for yes, no in EXAMPLES.values())


def test_a_sentence_gives_every_figure_it_states() -> None:
    text = (
        "2021年共受理依申请公开24件，其中予以公开7件，部分公开1件，"
        "因本机关不掌握相关政府信息等原因无法提供14件，其他处理1件，结转下年度继续办理1件。"
    )
    assert _figures(text) == {
        "received": (24, None),
        "granted": (7, None),
        "partially_granted": (1, None),
        "unavailable": (14, None),
        "other": (1, None),
        "carry_forward": (1, None),
    }


def test_every_value_stated_for_certain_is_kept_once_with_its_line() -> None:
    """The overview and section 三 may state one figure differently: each value is compared."""
    text = (
        "本年新收政府信息公开申请70件。\n另：本年新收政府信息公开申请71件。"
        "\n本年新收政府信息公开申请70件。"
    )
    figures = narrative_figures(text, ((0, len(text)),), YEAR)
    assert [(f.key, f.value, f.line) for f in figures] == [
        ("new_received", 70, 1),
        ("new_received", 71, 2),
    ]


def test_an_uncertain_figure_is_kept_only_where_no_certain_one_is() -> None:
    text = "全县共收到政府信息公开申请120件。全县共收到政府信息公开申请130件。"
    assert _figures(text) == {"received": (120, "全县")}


def test_a_figure_of_certain_scope_is_kept_before_an_uncertain_one() -> None:
    text = "全县各部门共收到政府信息公开申请120件。本机关共收到政府信息公开申请30件。"
    assert _figures(text)["received"] == (30, None)


def test_a_sentence_wrapped_across_lines_is_read_whole() -> None:
    """PDF text breaks prose at the end of each printed line."""
    text = "一、总体情况\n本机关坚持以公开为常态，全年共收到政府信息公开\n申请75件。\n上年结转5件。"
    assert _figures(text) == {
        "received": (75, None),
        "carried_over": (5, None),
    }


def test_a_sentence_laid_out_as_a_table_is_read_whole() -> None:
    """Markdown converted from a PDF may lay prose out as table rows, a rule line between
    them: the cell borders and the rule do not end the sentence."""
    text = (
        "| 事项 | 113 | 件，及时转交有关部门办理。本年度新收政府信息公 |     |\n"
        "\n"
        "| 开申请 | 650 | 件。 |     |"
    )
    assert _figures(text) == {"new_received": (650, None)}


@given(
    first=st.integers(1, 12),
    last=st.integers(1, 12),
    joint=st.sampled_from(["至", "到", "-", "～"]),
    figure=st.integers(0, 9999),
)
def test_a_figure_for_months_is_compared_only_for_the_whole_year(
    first: int, last: int, joint: str, figure: int
) -> None:
    """「1至6月收到…」 counts part of the year; 「1至12月收到…」 the whole of it."""
    if first > last:
        first, last = last, first
    text = f"{first}{joint}{last}月共收到政府信息公开申请{figure}件。"
    whole = (first, last) == (1, 12)
    assert _figures(text) == ({"received": (figure, None)} if whole else {})


@given(
    reason=_REASONS,
    figure=st.integers(0, 9999),
    listed=st.booleans(),
)
def test_a_figure_for_one_reason_is_its_rows_and_a_list_of_reasons_is_no_rows(
    reason: tuple[str, str], figure: int, listed: bool
) -> None:
    """「因涉及国家秘密不予公开2件」 is row 1.属于国家秘密; 「…等原因不予公开」 the group."""
    row, word = reason
    group = catalog.group_of(row)
    answer = catalog.NARRATIVE_ANSWERS[group]
    text = f"因涉及{word}{'等原因' if listed else ''}{answer}{figure}件。"
    assert _readings(text) == {group if listed else row: (figure, None, None)}


@given(
    period=st.sampled_from(catalog.NARRATIVE_BEYOND_YEAR + catalog.NARRATIVE_RATES),
    this_year=st.integers(0, 9999),
    figure=st.integers(0, 9999),
)
def test_a_figure_for_more_than_the_year_is_not_compared(
    period: str, this_year: int, figure: int
) -> None:
    """「全年收到申请36件，近三年共收到申请90件」: the 36 is the year's, the 90 is not."""
    text = f"全年共收到政府信息公开申请{this_year}件，{period}共收到政府信息公开申请{figure}件。"
    assert _figures(text) == {"received": (this_year, None)}


# Issue 13 (branch `prose`): one row of a group named just before the group's answer, as
# county and township reports word it, with no cause word; and reasons that may be several
# rows. Each sentence with every figure it must give (key: value, hedge).
ROWS_NAMED: list[tuple[str, dict[str, tuple[int, str | None]]]] = [
    ("经检索没有相关信息，无法提供3件。", {"unavailable.not_held": (3, None)}),
    ("本机关不掌握相关政府信息，无法提供3件。", {"unavailable.not_held": (3, None)}),
    ("其中本机关不掌握相关政府信息，无法提供3件。", {"unavailable.not_held": (3, None)}),
    ("经检索，本机关未制作或获取相关信息，无法提供2件。", {"unavailable.not_held": (2, None)}),
    ("属于国家秘密的，不予公开1件。", {"withheld.state_secret": (1, None)}),
    ("涉及国家秘密，依法不予公开1件。", {"withheld.state_secret": (1, None)}),
    ("危及三安全一稳定的，不予公开1件。", {"withheld.security_stability": (1, None)}),
    ("属于过程性信息的，依法不予公开2件。", {"withheld.process_info": (2, None)}),
    ("属行政查询事项，不予公开1件。", {"withheld.query_matter": (1, None)}),
    ("属于重复申请，不予处理2件。", {"not_processed.duplicate": (2, None)}),
    ("重复申请的，不予处理2件。", {"not_processed.duplicate": (2, None)}),
    ("申请人要求提供公开出版物，不予处理1件。", {"not_processed.publication": (1, None)}),
    ("信访举报投诉类申请，不予处理3件。", {"not_processed.petition": (3, None)}),
    ("要求确认或重新出具已获取信息，不予处理1件。", {"not_processed.confirmation": (1, None)}),
    (
        "其中：信访举报投诉类申请不予处理1件、重复申请不予处理2件。",
        {"not_processed.petition": (1, None), "not_processed.duplicate": (2, None)},
    ),
    ("申请内容不明确，经补正后仍不明确，无法提供1件。", {"unavailable.unclear": (1, None)}),
    ("需要另行制作，无法提供1件。", {"unavailable.needs_creation": (1, None)}),
    ("申请人逾期未补正，其他处理1件。", {"other.no_correction": (1, None)}),
    # 撤回 is a part of row 3.其他, and 其他处理 a comma after it may be the group's: hedged
    ("申请人主动撤回申请的，作其他处理2件。", {"other.other": (2, "申请人主动撤回申请的")}),
    # 补正 alone names the step of asking: the figure may be the group's (a review found
    # 「告知申请人补正后，其他处理205件」 an error against the row), so the row is hedged
    ("申请人未按要求补正，其他处理73件。", {"other.no_correction": (73, "申请人未按要求补正")}),
    ("告知申请人补正后，其他处理205件。", {"other.no_correction": (205, "告知申请人补正后")}),
    (
        "公开后可能危及国家安全、公共安全、经济安全、社会稳定的，不予公开14件。",
        {"withheld.security_stability": (14, None)},
    ),
    (
        "公开后可能危及国家安全、公共安全、经济安全和社会稳定的，不予公开14件。",
        {"withheld.security_stability": (14, None)},
    ),
    # the group stated first: its total, whatever rows follow
    ("无法提供3件，均为本机关不掌握相关政府信息。", {"unavailable": (3, None)}),
    ("不予公开3件（其中属于国家秘密1件、保护第三方合法权益2件）。", {"withheld": (3, None)}),
    # a count of one reason before the answer: the answer may be those applications' or any
    # row's, hedged
    ("本年度收到重复申请3件，不予处理2件。", {"not_processed": (2, "重复申请3件")}),
    ("本年度收到重复申请13件，不予处理12件。", {"not_processed": (12, "重复申请13件")}),
    # a reason qualified, or given as an example: the group's, hedged
    (
        "无法提供的主要原因是本机关不掌握相关政府信息，无法提供106件。",
        {"unavailable": (106, "无法提供的主要原因是本机关不掌握相关政府信息")},
    ),
    (
        "大部分为本机关不掌握相关政府信息，无法提供106件。",
        {"unavailable": (106, "大部分为本机关不掌握相关政府信息")},
    ),
    ("以重复申请为主，不予处理79件。", {"not_processed": (79, "以重复申请为主")}),
    (
        "对明显超出合理范围的申请，如重复申请，不予处理79件。",
        {"not_processed": (79, "如重复申请")},
    ),
    ("例如重复申请，不予处理79件。", {"not_processed": (79, "例如重复申请")}),
    ("主要是重复申请，不予处理79件。", {"not_processed": (79, "主要是重复申请")}),
    ("多数为重复申请，依法不予处理79件。", {"not_processed": (79, "多数为重复申请")}),
    ("其中大部分属于重复申请，不予处理79件。", {"not_processed": (79, "其中大部分属于重复申请")}),
    ("部分重复申请不予处理79件。", {"not_processed": (79, "部分重复申请")}),
    ("重复申请较多，不予处理79件。", {"not_processed": (79, "重复申请较多")}),
    (
        "主要因本机关不掌握相关政府信息无法提供106件。",
        {"unavailable": (106, "主要因本机关不掌握相关政府信息")},
    ),
    # reasons that may sum several rows, or that the catalogue cannot place: hedged
    (
        "不掌握或不存在相关信息，无法提供3件。",
        {"unavailable": (3, "不掌握或不存在相关信息")},
    ),
    (
        "信息不存在或需要另行制作，无法提供3件。",
        {"unavailable": (3, "信息不存在或需要另行制作")},
    ),
    (
        "属于国家秘密和商业秘密的，不予公开2件。",
        {"withheld": (2, "国家秘密和商业秘密的")},
    ),
    (
        "所申请信息不属于本机关职责范围，无法提供2件。",
        {"unavailable": (2, "所申请信息不属于本机关职责范围")},
    ),
    (
        "对申请公开的信息本机关不掌握的，告知申请人，无法提供4件。",
        {"unavailable": (4, "不掌握的，告知申请人")},
    ),
    # a reason excluded or negated: the group's other rows, not compared
    ("除重复申请外，依法不予处理67件。", {}),
    ("除重复申请外依法不予处理67件。", {}),
    ("经审查不涉及国家秘密，不予公开409件。", {}),
    ("经审查不涉及国家秘密的不予公开409件。", {}),
    ("不含重复申请，不予处理67件。", {}),
    ("非重复申请，不予处理67件。", {}),
    ("不属于国家秘密，依法不予公开409件。", {}),
    ("没有重复申请，不予处理67件。", {}),
    ("未发现国家秘密，不予公开409件。", {}),
    ("不存在重复申请，不予处理67件。", {}),
    # two rows named: a part of the group, not compared
    ("经检索没有相关信息，或者需要另行制作，无法提供3件。", {}),
    ("属于国家秘密、第三方合法权益的不予公开3件。", {}),
]


@pytest.mark.parametrize(("sentence", "expected"), ROWS_NAMED)
def test_a_row_named_before_its_groups_answer_is_that_rows(
    sentence: str, expected: dict[str, tuple[int, str | None]]
) -> None:
    assert _figures(sentence) == expected


@given(
    reason=_REASONS,
    tail=st.sampled_from(["", "的", "相关信息", "的申请"]),
    joint=st.sampled_from(["，", "，依法", ",", "，均"]),
    figure=st.integers(0, 9999),
)
def test_a_reason_a_comma_before_its_groups_answer_is_its_rows(
    reason: tuple[str, str], tail: str, joint: str, figure: int
) -> None:
    """「本机关不掌握相关政府信息，无法提供3件」 is row 1 of 无法提供 or the whole group (an
    office may say the group with one reason); 撤回 a comma before 其他处理 is hedged, as is
    补正 alone."""
    row, word = reason
    group = catalog.group_of(row)
    answer = catalog.NARRATIVE_ANSWERS[group]
    figures = _readings(f"{word}{tail}{joint}{answer}{figure}件。")
    assert list(figures) == [row] and figures[row][0] == figure
    assert bool(figures[row][1]) == (word in catalog.NARRATIVE_LOOSE_WORDS.get(row, ()))
    # the whole group may be said of the reason as well (issue 13, prose3)
    assert figures[row][2] == [group]


@given(
    reason=_REASONS,
    unplaced=st.sampled_from(["信息不存在", "个人隐私", "其他原因"]),
    joint=st.sampled_from(["或", "和", "、", "或者", "以及"]),
    before=st.booleans(),
    figure=st.integers(0, 9999),
)
def test_a_reason_listed_with_another_is_its_groups_hedged(
    reason: tuple[str, str], unplaced: str, joint: str, before: bool, figure: int
) -> None:
    """「不掌握或不存在相关信息，无法提供3件」 may sum several rows: compared with the group,
    a mismatch only a warning."""
    row, word = reason
    group = catalog.group_of(row)
    answer = catalog.NARRATIVE_ANSWERS[group]
    listed = f"{unplaced}{joint}{word}" if before else f"{word}{joint}{unplaced}"
    figures = _figures(f"{listed}，{answer}{figure}件。")
    assert list(figures) == [group]
    assert figures[group][0] == figure and figures[group][1]


@given(
    reason=_REASONS,
    qualifier=st.sampled_from(catalog.NARRATIVE_REASON_QUALIFIERS),
    joint=st.sampled_from(["", "的", "，", "的，依法"]),
    figure=st.integers(0, 9999),
)
def test_a_reason_qualified_or_given_as_an_example_is_its_groups_hedged(
    reason: tuple[str, str], qualifier: str, joint: str, figure: int
) -> None:
    """「主要是重复申请，不予处理79件」 may sum several rows: compared with the group, a
    mismatch only a warning, with or without a comma before the answer."""
    row, word = reason
    group = catalog.group_of(row)
    answer = catalog.NARRATIVE_ANSWERS[group]
    figures = _figures(f"{qualifier}{word}{joint}{answer}{figure}件。")
    assert list(figures) == [group]
    assert figures[group][0] == figure and figures[group][1]


@given(
    reason=_REASONS,
    negation=st.sampled_from(catalog.NARRATIVE_REASON_NEGATIONS),
    joint=st.sampled_from(["", "的", "外，", "的，依法"]),
    figure=st.integers(0, 9999),
)
def test_a_reason_excluded_or_negated_is_not_compared(
    reason: tuple[str, str], negation: str, joint: str, figure: int
) -> None:
    """「除重复申请外，依法不予处理67件」 counts the group's other rows: no row, nor the group."""
    row, word = reason
    answer = catalog.NARRATIVE_ANSWERS[catalog.group_of(row)]
    assert _figures(f"{negation}{word}{joint}{answer}{figure}件。") == {}


# Issue 13 (branch `prose3`): a reason said a clause before its group's answer, as county and
# township reports say it. A catalogued reason a comma before is its row's or the group's,
# compared for certain; a reason no row's pattern reads (a comma, or nothing, before) is the
# group's or any one row's, hedged; an answer with no reason before it is the group's. Each
# sentence with every figure it must give (key: value, hedge, alternatives).
_UNAVAILABLE_ROWS = _rows_of("unavailable")
_NOT_PROCESSED_ROWS = _rows_of("not_processed")
_OTHER_ROWS = _rows_of("other")
Reading = dict[str, tuple[int, str | None, list[str] | None]]
ROW_OR_GROUP: list[tuple[str, Reading]] = [
    (
        "本机关不掌握相关政府信息，无法提供106件。",
        {"unavailable.not_held": (106, None, ["unavailable"])},
    ),
    ("申请人重复申请，不予处理79件。", {"not_processed.duplicate": (79, None, ["not_processed"])}),
    ("属于国家秘密的，依法不予公开1件。", {"withheld.state_secret": (1, None, ["withheld"])}),
    (
        "告知申请人补正后，其他处理205件。",
        {"other.no_correction": (205, "告知申请人补正后", ["other"])},
    ),
    (
        "申请公开的信息不存在，无法提供37件。",
        {"unavailable": (37, "申请公开的信息不存在", _UNAVAILABLE_ROWS)},
    ),
    (
        "经检索，未找到相关政府信息，无法提供37件。",
        {"unavailable": (37, "未找到相关政府信息", _UNAVAILABLE_ROWS)},
    ),
    (
        "申请人所申请的信息非本机关掌握，无法提供37件。",
        {"unavailable": (37, "申请人所申请的信息非本机关掌握", _UNAVAILABLE_ROWS)},
    ),
    (
        "申请人重复提出申请，不予处理12件。",
        {"not_processed": (12, "申请人重复提出申请", _NOT_PROCESSED_ROWS)},
    ),
    (
        "申请人重复提出申请不予处理12件。",
        {"not_processed": (12, "申请人重复提出申请", _NOT_PROCESSED_ROWS)},
    ),
    (
        "逾期不缴纳信息处理费，其他处理12件。",
        {"other": (12, "逾期不缴纳信息处理费", _OTHER_ROWS)},
    ),
    (
        "申请公开的信息不存在，依法告知申请人，无法提供37件。",
        {"unavailable": (37, "申请公开的信息不存在", _UNAVAILABLE_ROWS)},
    ),
    (
        "申请公开的信息不存在，本机关无法提供37件。",
        {"unavailable": (37, "申请公开的信息不存在", _UNAVAILABLE_ROWS)},
    ),
    # a row named where its own pattern did not read it: that row or the group
    (
        "对本机关不掌握的信息，告知申请人无法提供37件。",
        {"unavailable": (37, "不掌握的信息，告知申请人", ["unavailable.not_held"])},
    ),
    # a count of one reason before the answer stays the subject the answer may be of
    ("收到重复申请13件，经审查，不予处理12件。", {"not_processed": (12, "重复申请13件", None)}),
    # a reason in the answer's own clause: its row's only
    (
        "因本机关不掌握相关政府信息无法提供37件。",
        {"unavailable.not_held": (37, None, None)},
    ),
    # no reason before the answer, or the whole group's: the group's, for certain
    ("无法提供106件。", {"unavailable": (106, None, None)}),
    ("其中，无法提供106件。", {"unavailable": (106, None, None)}),
    ("其中：不予处理79件。", {"not_processed": (79, None, None)}),
    ("全年不予公开447件。", {"withheld": (447, None, None)}),
    ("2021年，本机关无法提供106件。", {"unavailable": (106, None, None)}),
    ("从办理结果看，不予公开447件。", {"withheld": (447, None, None)}),
    (
        "依法不予处理79件，其他处理205件。",
        {"not_processed": (79, None, None), "other": (205, None, None)},
    ),
    ("因本机关不掌握相关政府信息等原因，无法提供106件。", {"unavailable": (106, None, None)}),
    # 等 in a word (等同, 平等) ends no list: the reason is still looked for (were certain)
    (
        "申请人逾期未补正，等同于放弃申请，其他处理12件。",
        {"other": (12, "申请人逾期未补正", _OTHER_ROWS)},
    ),
    (
        "对申请人平等对待，经审查不属于政府信息，其他处理12件。",
        {"other": (12, "经审查不属于政府信息", _OTHER_ROWS)},
    ),
    # a reason, then words that introduce the answer: the reason's (were errors)
    (
        "申请人申请的信息本机关未制作，全年无法提供37件。",
        {"unavailable": (37, "申请人申请的信息本机关未制作", _UNAVAILABLE_ROWS)},
    ),
    (
        "申请公开的信息不存在的，其中无法提供37件。",
        {"unavailable": (37, "申请公开的信息不存在的", _UNAVAILABLE_ROWS)},
    ),
    (
        "申请人就同一事项反复申请，全年不予处理12件。",
        {"not_processed": (12, "申请人就同一事项反复申请", _NOT_PROCESSED_ROWS)},
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), ROW_OR_GROUP)
def test_a_reason_a_clause_before_its_groups_answer_is_the_rows_or_the_groups(
    sentence: str, expected: Reading
) -> None:
    assert _readings(sentence) == expected


# Reasons no row's words name, as offices word them.
_UNPLACED = st.sampled_from(
    [
        "申请公开的信息不存在",
        "申请人所需信息本机关未掌握",
        "经认真检索，未查到申请公开的文件",
        "申请人反复就同一事项提出申请",
        "逾期不缴纳信息处理费",
        "申请人在答复前主动放弃申请",
    ]
)


@given(
    reason=_UNPLACED,
    group=st.sampled_from(list(catalog.NARRATIVE_ANSWERS)),
    joint=st.sampled_from(["，", "", "，依法", "，依法告知申请人，", "，本机关", "，因此"]),
    figure=st.integers(0, 9999),
)
def test_a_reason_no_row_names_before_a_groups_answer_is_the_groups_or_any_rows(
    reason: str, group: str, joint: str, figure: int
) -> None:
    """「申请公开的信息不存在，无法提供37件」 may be the group's or any one row's: a figure
    equal to none of them is only a warning, naming the reason."""
    answer = catalog.NARRATIVE_ANSWERS[group]
    said = reason.rpartition("，")[2]
    assert _readings(f"{reason}{joint}{answer}{figure}件。") == {
        group: (figure, said, _rows_of(group))
    }


@given(
    lead=st.sampled_from(
        [
            "",
            "其中",
            "其中，",
            "其中：",
            "全年",
            "本年度，",
            "2021年，",
            "具体如下：",
            "此外，依法",
            "（三）",
            "2.",
            "二是",
            "第二，",
            "经统计，",
            "经汇总，",
            "经认真研究，",
            "根据相关规定，",
            "按照《条例》规定，",
            "在已办结的申请中，",
            "办结的申请中：",
            "答复情况：",
            "我单位严格依法办理，",
            "截止12月31日，",
            "依法告知申请人，",
        ]
    ),
    group=st.sampled_from(list(catalog.NARRATIVE_ANSWERS)),
    figure=st.integers(0, 9999),
)
def test_a_groups_answer_with_no_reason_before_it_is_the_groups(
    lead: str, group: str, figure: int
) -> None:
    """「其中，无法提供106件」 states the group's figure, compared for certain: words that
    give no reason (「经统计，」, 「在已办结的申请中，」) do not make a wrong figure a warning."""
    answer = catalog.NARRATIVE_ANSWERS[group]
    assert _readings(f"{lead}{answer}{figure}件。") == {group: (figure, None, None)}


@pytest.mark.parametrize(
    "before",
    ["2021001、" * 4 + "号申请", "1" * 25 + "x", "2021年" * 12 + "x", "具体如下" * 24 + "x"],
)
def test_numbers_dates_or_lead_ins_before_an_answer_are_read_at_once(before: str) -> None:
    """A review found the words before an answer matched against lead-ins with a pattern
    that repeated its alternatives: four file numbers took 68 s, twelve years far longer."""
    started = time.process_time()
    sentence_figures(f"{before}，不予公开3件。")
    assert time.process_time() - started < 0.5
