"""What an administrator may write in braces in a letter's wording, described in Chinese for
the editor page, and the check of a wording before it is saved."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from gongkai import messages
from gongkai.cases.proofread import punctuation_problems

KINDS = ("correction", "consultation", "consultation_agency", "extension", "fee", "answer")
KIND_NAMES = {
    "correction": "补正告知书",
    "consultation": "征求意见书（第三方）",
    "consultation_agency": "征求意见函（其他机关）",
    "extension": "延期答复告知书",
    "fee": "收费通知",
    "answer": "答复书",
}


@dataclass(frozen=True)
class Placeholder:
    name: str
    description: str
    kinds: tuple[str, ...] = KINDS  # the letters it can be used in

    @property
    def token(self) -> str:
        return "{" + self.name + "}"


CONSULTING = ("consultation", "consultation_agency")
PLACEHOLDERS = (
    Placeholder("regulation", "《中华人民共和国政府信息公开条例》"),
    Placeholder("agency", "本机关名称"),
    Placeholder("addressee", "收件人：申请人，或被征求意见的第三方、机关"),
    Placeholder("applicant", "申请人姓名或名称"),
    Placeholder("number", "申请编号"),
    Placeholder("received", "收到申请的日期，如2025年9月28日"),
    Placeholder("request", "申请公开的内容（申请人的原话，不含结尾句号）"),
    Placeholder("date", "文书日期"),
    Placeholder("contact", "本机关联系人"),
    Placeholder("phone", "本机关联系电话"),
    Placeholder("address", "本机关通讯地址"),
    Placeholder("note", "办理该步骤时填写的说明（旧模板用；新模板请用下面各文书的专门项）"),
    Placeholder("correction", "需要补正的事项", ("correction",)),
    Placeholder("correction_days", "补正期限（工作日数，如15）", ("correction",)),
    Placeholder("reply_days", "提出意见的期限（工作日数，第三十二条、第三十四条为15）", CONSULTING),
    Placeholder("reason", "延期的理由", ("extension",)),
    Placeholder("due", "延长后的答复期限，如2025年12月15日（暂定的注明“暂定”）", ("extension",)),
    Placeholder("fee", "收费金额（元）", ("fee",)),
    Placeholder("fee_basis", "计收方式：按件（第几件）或按量（页数），及其依据", ("fee",)),
    Placeholder("pay_days", "缴费期限（工作日数）", ("fee",)),
    Placeholder("pay_due", "缴费截止日期（按工作日计算）", ("fee",)),
    Placeholder("payment", "缴费方式与收款账户", ("fee",)),
    Placeholder(
        "decision",
        "答复内容：按办理结果写明提供什么、以何种形式提供，不予公开的内容、理由和依据",
        ("answer",),
    ),
    Placeholder(
        "remedy", "救济途径：60日内向复议机关申请行政复议，6个月内向法院提起诉讼", ("answer",)
    ),
    Placeholder("review_body", "复议机关名称", ("answer",)),
    Placeholder("court", "管辖法院名称", ("answer",)),
)
BY_NAME = {p.name: p for p in PLACEHOLDERS}

# Without these a kind of letter cannot say what it is for.
REQUIRED = {
    "correction": ("correction",),
    "consultation": ("addressee",),
    "consultation_agency": ("addressee",),
    "extension": ("due",),
    "fee": ("fee", "pay_due", "payment"),
    "answer": ("decision", "remedy"),
}


def placeholders_for(kind: str) -> list[Placeholder]:
    """The placeholders a wording of `kind` may use, in the order the editor lists them."""
    return [p for p in PLACEHOLDERS if kind in p.kinds]


def check_wording(kind: str, title: str, body: str) -> list[str]:
    """Every problem of an administrator's wording of `kind`, in Chinese; empty when it may
    be saved."""
    problems = []
    for where, text in (("标题", title), ("正文", body)):
        fields, broken = _fields(text)
        found = ([broken] if broken else []) + fields_problems(kind, fields)
        problems += [messages.WORDING_AT.format(where=where, problem=p) for p in found]
    used = set(_fields(title)[0]) | set(_fields(body)[0])
    for name in REQUIRED[kind]:
        if name not in used:
            what = BY_NAME[name].description
            problems.append(messages.WORDING_REQUIRED.format(token="{" + name + "}", what=what))
    problems += [messages.WORDING_AT.format(where="正文", problem=p) for p in _punctuation(body)]
    return problems


def fields_problems(kind: str, fields: list[str]) -> list[str]:
    problems = []
    for name in dict.fromkeys(fields):
        placeholder = BY_NAME.get(name)
        if placeholder is None:
            problems.append(messages.WORDING_UNKNOWN.format(token="{" + name + "}"))
        elif kind not in placeholder.kinds:
            kinds = "、".join(KIND_NAMES[k] for k in placeholder.kinds)
            problems.append(
                messages.WORDING_OTHER_KIND.format(token=placeholder.token, kinds=kinds)
            )
    return problems


def _fields(text: str) -> tuple[list[str], str]:
    """The names in braces, and what is wrong with the braces ("" when nothing is)."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return [], _brace_trouble(text)
    names = [name for _, name, _, _ in parsed if name is not None]
    odd = [n for n in names if not re.fullmatch(r"[a-z_]+", n)]
    specs = [f"{{{n}:{spec}}}" for _, n, spec, conv in parsed if n is not None and (spec or conv)]
    if odd or specs:
        shown = "、".join([("{" + n + "}") for n in odd] + specs)
        return [n for n in names if n not in odd], messages.WORDING_ODD.format(shown=shown)
    return names, ""


def _brace_trouble(text: str) -> str:
    depth = 0
    for index, char in enumerate(text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth not in (0, 1):
            return messages.WORDING_UNPAIRED.format(at=text[max(0, index - 8) : index + 1])
    return messages.WORDING_UNPAIRED.format(at=text[-12:])


def _punctuation(body: str) -> list[str]:
    """The wording's own punctuation: whatever is in braces stands for words here (what is
    wrong inside braces is said by the checks above)."""
    plain = re.sub(r"\{[^{}]*\}|[{}]", "某", body)
    return [p for paragraph in plain.split("\n\n") for p in punctuation_problems(paragraph)]
