# ruff: noqa: E501  (letter texts are prose, kept one sentence per line for editing)
"""What the answer (答复书) says for each outcome of table 三: what is provided and in what
form, what is withheld, on which ground and article, and the officer's own account of the
facts; and the 救济途径 naming the 复议机关 and the court (行政复议法第二十条: 60日;
行政诉讼法第四十六条: 6个月).

Sentences whose facts are missing are left out rather than left with a hole:
`answer_gaps` lists what an answer should still say, for the page to warn about.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai import messages
from gongkai.cases.proofread import clause

REGULATION = "《中华人民共和国政府信息公开条例》"
FEE_MEASURES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"


@dataclass(frozen=True)
class Answer:
    """The facts of an answer, as the officer records them."""

    outcome: str  # a row of table 三 (gongkai.cases.table.OUTCOME_ROWS)
    provided: str = ""  # what is provided: the documents or information, by name
    form: str = ""  # in what form: 纸质复印件、电子文档（电子邮件发送）……
    withheld: str = ""  # partially_granted: the part that is withheld
    ground: str = ""  # partially_granted: the row of 三（三） on which that part is withheld
    reason: str = ""  # the facts in the officer's words (search made, route to a publication…)
    where_public: str = ""  # granted, already published: where (第三十六条第（一）项)
    referral: str = ""  # not held here: which agency is responsible, and how to reach it


# The grounds of 三（三）不予公开: what the information is, and the article that withholds it.
GROUNDS: dict[str, tuple[str, str]] = {
    "withheld.state_secret": ("属于国家秘密", "第十四条"),
    "withheld.law_prohibited": ("属于法律、行政法规禁止公开的信息", "第十四条"),
    "withheld.security_stability": (
        "公开后可能危及国家安全、公共安全、经济安全、社会稳定",
        "第十四条",
    ),
    "withheld.third_party": ("公开会损害第三方合法权益", "第十五条"),
    "withheld.internal_affairs": (
        "属于人事管理、后勤管理、内部工作流程等内部事务信息",
        "第十六条第一款",
    ),
    "withheld.process_info": (
        "属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息",
        "第十六条第二款",
    ),
    "withheld.enforcement_file": ("属于行政执法案卷信息", "第十六条第二款"),
}

WITHHELD = "经审查，您申请公开的信息{what}。根据{regulation}{article}和第三十六条第（三）项的规定，本机关不予公开。"
DECISIONS: dict[str, str] = {
    "granted": "经审查，您申请公开的信息属于可以公开的政府信息。根据{regulation}第三十六条第（二）项的规定，本机关向您提供{provided}。",
    "partially_granted": "经审查，您申请公开的信息中含有不应当公开的内容，但能够作区分处理。根据{regulation}第三十七条的规定，本机关向您提供{provided}。",
    **{row: WITHHELD for row in GROUNDS},
    "withheld.query_matter": "经审查，您申请获取的信息属于行政查询事项，有关法律、行政法规对该信息的获取有特别规定。根据{regulation}第三十六条第（七）项的规定，请您依照有关法律、行政法规的规定办理。",
    "unavailable.not_held": "经检索，本机关没有制作或者获取您申请公开的信息。根据{regulation}第三十六条第（四）项的规定，告知您该政府信息不存在。",
    "unavailable.needs_creation": "经审查，您申请的信息需要本机关对现有政府信息进行加工、分析才能形成。根据{regulation}第三十八条的规定，本机关不予提供。",
    "unavailable.unclear": "经补正后，您的申请内容仍不明确，本机关无法确定您所需的政府信息。根据{regulation}第三十条的规定，本机关无法按您的申请提供信息。",
    "not_processed.petition": "经审查，您是以政府信息公开申请的形式进行信访、投诉、举报等活动。根据{regulation}第三十九条第一款的规定，本机关不作为政府信息公开申请处理，您可以通过信访、投诉、举报等渠道依法提出。",
    "not_processed.duplicate": "本机关已就您提出的相同政府信息公开申请作出答复。根据{regulation}第三十六条第（六）项的规定，本机关不予重复处理。",
    "not_processed.publication": "您申请获取的是政府公报、报刊、书籍等公开出版物。根据{regulation}第三十九条第二款的规定，本机关告知您获取的途径。",
    "not_processed.excessive": "您申请公开政府信息的数量、频次明显超过合理范围，且说明的理由不合理。根据{regulation}第三十五条的规定，本机关不予处理。",
    "not_processed.confirmation": "您的申请是要求本机关确认或者重新出具您已获取的信息，不属于{regulation}规定的政府信息公开申请，本机关不予处理。",
    "other.no_correction": "您无正当理由逾期未补正。根据{regulation}第三十条的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。",
    "other.unpaid_fee": "您逾期未按收费通知要求缴纳信息处理费。根据{regulation}第四十二条和{fee_measures}的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。",
    "other.other": "本机关已依法处理您的申请。",
}
ALREADY_PUBLIC = "经审查，您申请公开的信息本机关已经主动公开。根据{regulation}第三十六条第（一）项的规定，告知您获取该信息的方式和途径：{where}。"
NOT_OURS = "经审查，您申请公开的信息不属于本机关负责公开。根据{regulation}第三十六条第（五）项的规定，告知您：{referral}。"
# How the provided information is named: (before the names, when none are given).
PROVIDED = {
    "granted": ("", "所申请的信息"),
    "partially_granted": ("可以公开的内容：", "其中可以公开的内容"),
}
FORM = "提供形式：{form}。"
PART_WITHHELD = "其中，{withheld}{what}，根据{regulation}{article}的规定，不予公开。"
PART_WITHHELD_PLAIN = "其中，{withheld}不予公开。"
# The officer's account, introduced as the outcome calls it.
REASON_LEADS = {
    "granted": "说明",
    "withheld.query_matter": "办理途径",
    "unavailable.not_held": "检索情况",
    "not_processed.publication": "获取途径",
    "not_processed.duplicate": "前次答复情况",
}
REASON = "{lead}：{reason}。"
OTHER = "本机关对您的申请作如下处理：{reason}。"

REMEDY = "如对本答复不服，可以自收到本答复之日起60日内{review}申请行政复议，或者自收到本答复之日起6个月内{court}提起行政诉讼。"


def decision_text(answer: Answer) -> str:
    """The answer's decision paragraph for its outcome."""
    fill = {"regulation": REGULATION, "fee_measures": FEE_MEASURES}
    sentences = [_opening(answer, fill)]
    if answer.outcome in ("granted", "partially_granted") and answer.form.strip():
        sentences.append(FORM.format(form=clause(answer.form)))
    if answer.outcome == "partially_granted" and answer.withheld.strip():
        sentences.append(_part_withheld(answer, fill))
    if answer.reason.strip() and answer.outcome != "other.other":
        lead = REASON_LEADS.get(answer.outcome, "具体理由")
        sentences.append(REASON.format(lead=lead, reason=clause(answer.reason)))
    return "".join(sentences)


def _opening(answer: Answer, fill: dict[str, str]) -> str:
    if answer.outcome == "granted" and answer.where_public.strip():
        return ALREADY_PUBLIC.format(where=clause(answer.where_public), **fill)
    if answer.outcome == "unavailable.not_held" and answer.referral.strip():
        return NOT_OURS.format(referral=clause(answer.referral), **fill)
    if answer.outcome == "other.other" and answer.reason.strip():
        return OTHER.format(reason=clause(answer.reason))
    what, article = GROUNDS.get(answer.outcome, ("", ""))
    lead, unnamed = PROVIDED.get(answer.outcome, ("", ""))
    provided = lead + clause(answer.provided) if answer.provided.strip() else unnamed
    return DECISIONS[answer.outcome].format(what=what, article=article, provided=provided, **fill)


def _part_withheld(answer: Answer, fill: dict[str, str]) -> str:
    withheld = clause(answer.withheld)
    if answer.ground not in GROUNDS:
        return PART_WITHHELD_PLAIN.format(withheld=withheld)
    what, article = GROUNDS[answer.ground]
    return PART_WITHHELD.format(withheld=withheld, what=what, article=article, **fill)


def remedy_text(review_body: str, court: str) -> str:
    """救济途径, naming the 复议机关 and the court where the agency has set them."""
    review = "向" + clause(review_body) if review_body.strip() else "依法"
    court_text = "向" + clause(court) if court.strip() else "依法"
    return REMEDY.format(review=review, court=court_text)


def answer_gaps(answer: Answer) -> list[str]:
    """What the answer should still say for its outcome (warnings for the page)."""
    gaps = []
    giving = answer.outcome in ("granted", "partially_granted") and not answer.where_public.strip()
    if giving and not answer.provided.strip():
        gaps.append(messages.ANSWER_NO_PROVIDED)
    if giving and not answer.form.strip():
        gaps.append(messages.ANSWER_NO_FORM)
    if answer.outcome == "partially_granted" and not answer.withheld.strip():
        gaps.append(messages.ANSWER_NO_WITHHELD)
    if answer.outcome == "partially_granted" and answer.ground not in GROUNDS:
        gaps.append(messages.ANSWER_NO_GROUND)
    if answer.outcome in ("not_processed.publication", "other.other") and not answer.reason.strip():
        gaps.append(messages.ANSWER_NO_REASON)
    return gaps
