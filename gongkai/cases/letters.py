# ruff: noqa: E501  (letter texts are prose, kept one clause per line for editing)
"""The letters of the procedure (补正告知书, 征求意见书, 延期答复告知书, 收费通知, and the
answer, one wording per outcome of table 三), each citing its article.

Texts here are the defaults; an administrator may replace a kind's title and body (the web
system keeps them). Placeholders in braces are filled from the case; an unknown placeholder
is left as written, so a mistyped template shows its mistake instead of failing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongkai import messages
from gongkai.errors import GongkaiError

REGULATION = "《中华人民共和国政府信息公开条例》"
REMEDY = (
    "如对本答复不服，可以自收到本答复之日起60日内依法申请行政复议，"
    "或者自收到本答复之日起6个月内依法提起行政诉讼。"
)


@dataclass(frozen=True)
class Wording:
    title: str
    body: str  # paragraphs separated by blank lines


DEFAULTS: dict[str, Wording] = {
    "correction": Wording(
        "政府信息公开申请补正告知书",
        "{applicant}：\n\n本机关于{received}收到您提出的政府信息公开申请（申请编号：{number}），"
        "申请公开“{request}”。经审查，您的申请内容不明确，根据{regulation}第三十条的规定，"
        "请您对以下事项作出补正：{note}。\n\n请您自收到本告知书之日起15个工作日内补正。答复期限自本机关"
        "收到补正的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
    ),
    "consultation": Wording(
        "政府信息公开征求意见书",
        "{note}：\n\n本机关于{received}收到一件政府信息公开申请（申请编号：{number}），申请公开"
        "“{request}”。该信息公开可能损害您（单位）的合法权益，根据{regulation}第三十二条的规定，"
        "现书面征求您（单位）的意见。\n\n请您自收到本征求意见书之日起15个工作日内提出书面意见，"
        "不同意公开的请说明理由。逾期未提出意见的，本机关将依照条例的规定决定是否公开。",
    ),
    "extension": Wording(
        "政府信息公开申请延期答复告知书",
        "{applicant}：\n\n本机关于{received}收到您提出的政府信息公开申请（申请编号：{number}）。"
        "因{note}，本机关不能在规定期限内作出答复。根据{regulation}第三十三条第二款的规定，"
        "经本机关政府信息公开工作机构负责人同意，答复期限延长20个工作日，延长后的答复期限为{due}。",
    ),
    "fee": Wording(
        "政府信息公开信息处理费收费通知",
        "{applicant}：\n\n本机关于{received}收到您提出的政府信息公开申请（申请编号：{number}）。"
        "根据{regulation}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
        "的规定，本机关依法收取信息处理费{fee}元（{note}）。\n\n请您按本通知要求缴纳。逾期未缴纳的，视为放弃申请，"
        "本机关不再处理该政府信息公开申请。",
    ),
    "answer": Wording(
        "政府信息公开申请答复书",
        "{applicant}：\n\n本机关于{received}收到您提出的政府信息公开申请（申请编号：{number}），"
        "申请公开“{request}”。经审查，现答复如下：\n\n{decision}\n\n" + REMEDY,
    ),
}

# What the answer says for each outcome row of table 三, with its legal basis.
DECISIONS: dict[str, str] = {
    "granted": "您申请的信息属于可以公开的政府信息，根据{regulation}第三十六条第（二）项的规定，现向您提供（见附件）。",
    "partially_granted": "您申请的信息中含有不应当公开的内容，但能够作区分处理，根据{regulation}第三十七条的规定，现向您提供可以公开的内容；不予公开的部分，理由是：{basis}。",
    "withheld.state_secret": "您申请的信息属于国家秘密，根据{regulation}第十四条和第三十六条第（三）项的规定，不予公开。",
    "withheld.law_prohibited": "您申请的信息属于法律、行政法规禁止公开的信息，根据{regulation}第十四条和第三十六条第（三）项的规定，不予公开。{basis}",
    "withheld.security_stability": "您申请的信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，"
    "根据{regulation}第十四条和第三十六条第（三）项的规定，不予公开。",
    "withheld.third_party": "您申请的信息公开会损害第三方合法权益，根据{regulation}第十五条、第三十二条和第三十六条第（三）项的规定，不予公开。",
    "withheld.internal_affairs": "您申请的信息属于人事管理、后勤管理、内部工作流程等内部事务信息，根据{regulation}第十六条第一款的规定，不予公开。",
    "withheld.process_info": "您申请的信息属于行政机关在履行行政管理职能过程中形成的过程性信息，根据{regulation}第十六条第二款的规定，不予公开。",
    "withheld.enforcement_file": "您申请的信息属于行政执法案卷信息，根据{regulation}第十六条第二款的规定，不予公开。",
    "withheld.query_matter": "您申请的信息属于有关法律、行政法规对信息的获取有特别规定的信息，根据{regulation}第三十六条第（七）项的规定，请您依照有关法律、行政法规的规定办理。{basis}",
    "unavailable.not_held": "经检索，本机关没有您申请公开的信息，根据{regulation}第三十六条第（四）项的规定，告知您该政府信息不存在。{basis}",
    "unavailable.needs_creation": "您申请的信息需要本机关对现有政府信息进行加工、分析，根据{regulation}第三十八条的规定，本机关不予提供。",
    "unavailable.unclear": "经补正后，您的申请内容仍不明确，根据{regulation}第三十条的规定，本机关无法按您的申请提供信息。",
    "not_processed.petition": "您以政府信息公开申请的形式进行信访、投诉、举报等活动，根据{regulation}第三十九条第一款的规定，本机关不作为政府信息公开申请处理，您可以通过相应渠道提出。",
    "not_processed.duplicate": "本机关已就您提出的相同政府信息公开申请作出答复，根据{regulation}第三十六条第（六）项的规定，不予重复处理。",
    "not_processed.publication": "您申请获取的是公开出版物，根据{regulation}第三十九条第二款的规定，告知您获取的途径：{basis}。",
    "not_processed.excessive": "您申请公开政府信息的数量、频次明显超过合理范围，且说明的理由不合理，根据{regulation}第三十五条的规定，本机关不予处理。",
    "not_processed.confirmation": "您的申请是要求本机关确认或者重新出具您已获取的信息，"
    "不属于{regulation}所指的政府信息公开申请，本机关不予处理。",
    "other.no_correction": "您无正当理由逾期未补正，根据{regulation}第三十条的规定，视为放弃申请，本机关不再处理该政府信息公开申请。",
    "other.unpaid_fee": "您逾期未按收费通知要求缴纳信息处理费，根据《政府信息公开信息处理费管理办法》"
    "（国办函〔2020〕109号）的规定，视为放弃申请，本机关不再处理该政府信息公开申请。",
    "other.other": "{basis}",
}

# Which step's event a letter belongs to.
LETTER_STEPS = {
    "correction": "request_correction",
    "consultation": "consult",
    "extension": "extend",
    "fee": "fee_notice",
}


class LetterError(GongkaiError):
    code = "cases.letter"


@dataclass(frozen=True)
class Letter:
    title: str
    number: str
    paragraphs: list[str]
    sender: str
    date: dt.date


class _Keep(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(text: str, values: dict[str, str]) -> str:
    try:
        return text.format_map(_Keep({"regulation": REGULATION, **values}))
    except (ValueError, IndexError, AttributeError) as exc:
        raise LetterError(messages.BAD_LETTER_TEMPLATE.format(detail=exc)) from exc


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def compose(
    wording: Wording, values: dict[str, str], sender: str, number: str, on: dt.date
) -> Letter:
    """A letter from a wording and the case's values (decision included for answers)."""
    body = fill(wording.body, values)
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    return Letter(fill(wording.title, values), number, paragraphs, sender, on)


def decision(outcome: str, basis: str) -> str:
    return fill(DECISIONS[outcome], {"basis": basis}).strip()
