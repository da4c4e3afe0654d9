"""The letters of the procedure, complete enough to go out as they are: 补正告知书 (第三十条),
征求意见书 to a third party (第三十二条) or 征求意见函 to another agency (第三十四条),
延期答复告知书 (第三十三条第二款), 收费通知 (第四十二条、109号) and the answer (答复书, one
decision per outcome of table 三, with its 救济途径).

A letter is made of typed facts: the agency's details (`AgencyDetails`, which the web fills
from the agency's settings), the case (`LetterCase`) and the facts of its kind (`Correction`,
`Consultation`, `Extension`, `FeeNotice`, `Answer`). Texts here are the defaults; an
administrator may replace a kind's title and body, using the placeholders of
`gongkai.cases.placeholders` (checked on save). Every letter carries the contact line (附注).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from gongkai import messages
from gongkai.cases.answers import REGULATION, Answer, answer_gaps, decision_text, remedy_text
from gongkai.cases.fees import per_item_fee, per_page_fee
from gongkai.cases.proofread import clause, paragraph_problems, punctuation_problems
from gongkai.errors import GongkaiError
from gongkai.workdays import PROVISIONAL_MARK, Deadline


@dataclass(frozen=True)
class AgencyDetails:
    """What every letter of an agency says about it (the agency's letter settings)."""

    name: str
    contact_person: str = ""  # 联系人
    phone: str = ""  # 联系电话
    address: str = ""  # 通讯地址
    review_body: str = ""  # 复议机关, e.g. 某县人民政府
    court: str = ""  # 管辖法院, e.g. 某县人民法院
    payment_method: str = ""  # 缴费方式, e.g. 银行转账（请注明申请编号）
    payment_account: str = ""  # 收款账户：户名、开户行、账号
    seal: bytes | None = None  # the seal's image (PNG with transparency, or JPEG), optional


@dataclass(frozen=True)
class LetterCase:
    number: str
    applicant: str
    received: dt.date
    request: str


@dataclass(frozen=True)
class Correction:
    items: str  # what the applicant is to correct
    days: int = 15  # a reasonable period to correct (第三十条: 合理的补正期限)


@dataclass(frozen=True)
class Consultation:
    addressee: str  # the third party, or the other agency, by name
    party: Literal["third_party", "agency"] = "third_party"
    reply_days: int = 15  # 第三十二条、第三十四条


@dataclass(frozen=True)
class Extension:
    reason: str
    due: Deadline  # the extended answer deadline


@dataclass(frozen=True)
class FeeBasis:
    """How the fee was counted (109号): per item (第四条) or per page (第五条)."""

    kind: Literal["items", "pages"]
    quantity: int  # items of this application, or pages provided
    earlier_items: int = 0  # items the applicant asked for earlier in the same month

    def tariff(self) -> int:
        if self.kind == "items":
            return per_item_fee(self.earlier_items, self.quantity)
        return per_page_fee(self.quantity)


@dataclass(frozen=True)
class FeeNotice:
    amount_yuan: Decimal
    pay_due: Deadline  # the last day to pay (gongkai.cases.clock.fee_payment_due)
    basis: FeeBasis | None = None
    pay_days: int = 20


Facts = Correction | Consultation | Extension | FeeNotice | Answer


@dataclass(frozen=True)
class Wording:
    title: str
    body: str  # paragraphs separated by blank lines


DEFAULTS: dict[str, Wording] = {
    "correction": Wording(
        "政府信息公开申请补正告知书",
        "{applicant}：\n\n本机关于{received}收到您提出的政府信息公开申请（申请编号：{number}），申请公开“{request}”。"
        "经审查，您的申请内容不明确。根据{regulation}第三十条的规定，请您对以下事项作出补正：{correction}。"
        "\n\n请您自收到本告知书之日起{correction_days}个工作日内补正。答复期限自本机关收到补正的申请之日起计算。"
        "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
    ),
    "consultation": Wording(
        "政府信息公开征求意见书",
        "{addressee}：\n\n本机关于{received}收到一件政府信息公开申请（申请编号：{number}），申请公开“{request}”。"
        "经审查，该信息公开可能损害您（单位）的合法权益。根据{regulation}第三十二条的规定，现书面征求您（单位）的意见。"
        "\n\n请您（单位）自收到本征求意见书之日起{reply_days}个工作日内提出书面意见；不同意公开的，请说明理由。"
        "逾期未提出意见的，由本机关依照{regulation}的规定决定是否公开。您（单位）不同意公开且有合理理由的，本机关不予公开；"
        "本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知您（单位）。",
    ),
    "consultation_agency": Wording(
        "政府信息公开征求意见函",
        "{addressee}：\n\n本机关于{received}收到一件政府信息公开申请（申请编号：{number}），申请公开“{request}”。"
        "该信息由本机关与贵机关共同制作。根据{regulation}第三十四条的规定，现征求贵机关的意见。"
        "\n\n请贵机关自收到本函之日起{reply_days}个工作日内提出书面意见。逾期未提出意见的，视为同意公开。",
    ),
    "extension": Wording(
        "政府信息公开申请延期答复告知书",
        "{applicant}：\n\n本机关于{received}收到您提出的政府信息公开申请（申请编号：{number}），申请公开“{request}”。"
        "因{reason}，本机关不能在规定期限内作出答复。根据{regulation}第三十三条第二款的规定，"
        "经本机关政府信息公开工作机构负责人同意，答复期限延长20个工作日，延长后的答复期限为{due}。",
    ),
    "fee": Wording(
        "政府信息公开信息处理费收费通知",
        "{applicant}：\n\n本机关于{received}收到您提出的政府信息公开申请（申请编号：{number}），申请公开“{request}”。"
        "根据{regulation}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，"
        "本机关依法收取信息处理费{fee}元。计收方式：{fee_basis}。"
        "\n\n请您于{pay_due}前（本通知发出之日起{pay_days}个工作日内）缴纳。缴费方式：{payment}。"
        "\n\n逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。",
    ),
    "answer": Wording(
        "政府信息公开申请答复书",
        "{applicant}：\n\n本机关于{received}收到您提出的政府信息公开申请（申请编号：{number}），申请公开“{request}”。"
        "现答复如下：\n\n{decision}\n\n{remedy}",
    ),
}

# Which step's event a letter belongs to (the web offers a letter once its step was taken).
LETTER_STEPS = {
    "correction": "request_correction",
    "consultation": "consult",
    "consultation_agency": "consult",
    "extension": "extend",
    "fee": "fee_notice",
}

ITEMS_BASIS = (
    "按件计收（国办函〔2020〕109号第四条），本申请计{quantity}件，为您本自然月内提出的第{first}件{to}；"
    "同一申请人一个自然月内累计申请10件以下（含10件）的不收费，11至30件的部分每件100元，"
    "31件以上的部分以10件为一档，每增加一档，收费标准每件提高100元"
)
PAGES_BASIS = (
    "按量计收（国办函〔2020〕109号第五条），提供信息共{quantity}页；30页以下（含30页）的不收费，"
    "31至100页的部分每页10元，101至200页的部分每页20元，201页以上的部分每页40元"
)
NO_BASIS = "按国办函〔2020〕109号规定的标准计收"
CONTACT = "（联系人：{person}；联系电话：{phone}{address}）"


class LetterError(GongkaiError):
    code = "cases.letter"


@dataclass(frozen=True)
class Letter:
    title: str
    number: str
    paragraphs: list[str]  # the addressee line first
    sender: str
    date: dt.date
    note: str = ""  # 附注: the contact line
    seal: bytes | None = None


class _Keep(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(text: str, values: dict[str, str]) -> str:
    """`text` with its placeholders filled; an unknown one stays as written (visible, and
    caught by the check on save and by `letter_problems`)."""
    try:
        return text.format_map(_Keep({"regulation": REGULATION, **values}))
    except (ValueError, IndexError, AttributeError) as exc:
        raise LetterError(messages.BAD_LETTER_TEMPLATE.format(detail=exc)) from exc


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def deadline_text(due: Deadline) -> str:
    """2025年12月15日, or 2027年1月18日（暂定） when it counted a year without its notice."""
    return chinese_date(due.day) + (PROVISIONAL_MARK if due.provisional else "")


def letter_kind(facts: Facts) -> str:
    if isinstance(facts, Consultation):
        return "consultation_agency" if facts.party == "agency" else "consultation"
    kinds = {Correction: "correction", Extension: "extension", FeeNotice: "fee", Answer: "answer"}
    return kinds[type(facts)]


def write_letter(
    case: LetterCase,
    agency: AgencyDetails,
    facts: Facts,
    on: dt.date,
    wording: Wording | None = None,
) -> Letter:
    """The letter `facts` call for, dated `on`, in `wording` (the default when None)."""
    values = letter_values(case, agency, facts, on)
    chosen = wording or DEFAULTS[letter_kind(facts)]
    return compose(chosen, values, agency.name, case.number, on, contact_line(agency), agency.seal)


def compose(
    wording: Wording,
    values: dict[str, str],
    sender: str,
    number: str,
    on: dt.date,
    note: str = "",
    seal: bytes | None = None,
) -> Letter:
    body = fill(wording.body, values)
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    return Letter(fill(wording.title, values), number, paragraphs, sender, on, note, seal)


def letter_values(
    case: LetterCase, agency: AgencyDetails, facts: Facts, on: dt.date
) -> dict[str, str]:
    """Every placeholder's value for this letter (see gongkai.cases.placeholders)."""
    applicant = clause(case.applicant)
    values = {
        "agency": agency.name,
        "applicant": applicant,
        "addressee": applicant,
        "number": case.number,
        "received": chinese_date(case.received),
        # Quoted in every letter: its own quotation marks become the inner ones.
        "request": clause(case.request).replace("“", "‘").replace("”", "’"),
        "date": chinese_date(on),
        "contact": agency.contact_person,
        "phone": agency.phone,
        "address": agency.address,
        "review_body": agency.review_body,
        "court": agency.court,
    }
    return values | _kind_values(facts, agency)


def _kind_values(facts: Facts, agency: AgencyDetails) -> dict[str, str]:
    if isinstance(facts, Correction):
        items = clause(facts.items)
        return {"correction": items, "correction_days": str(facts.days), "note": items}
    if isinstance(facts, Consultation):
        addressee = clause(facts.addressee)
        return {"addressee": addressee, "reply_days": str(facts.reply_days), "note": addressee}
    if isinstance(facts, Extension):
        reason = clause(facts.reason)
        return {"reason": reason, "due": deadline_text(facts.due), "note": reason}
    if isinstance(facts, FeeNotice):
        return _fee_values(facts, agency)
    return {
        "decision": decision_text(facts),
        "remedy": remedy_text(agency.review_body, agency.court),
        "note": clause(facts.reason),
    }


def _fee_values(fee: FeeNotice, agency: AgencyDetails) -> dict[str, str]:
    basis = fee_basis_text(fee.basis)
    return {
        "fee": yuan(fee.amount_yuan),
        "fee_basis": basis,
        "pay_due": deadline_text(fee.pay_due),
        "pay_days": str(fee.pay_days),
        "payment": payment_text(agency),
        "note": basis,
    }


def fee_basis_text(basis: FeeBasis | None) -> str:
    if basis is None:
        return NO_BASIS
    if basis.kind == "pages":
        return PAGES_BASIS.format(quantity=basis.quantity)
    first, last = basis.earlier_items + 1, basis.earlier_items + basis.quantity
    to = f"至第{last}件" if last > first else ""
    return ITEMS_BASIS.format(quantity=basis.quantity, first=first, to=to)


def payment_text(agency: AgencyDetails) -> str:
    parts = [clause(p) for p in (agency.payment_method, agency.payment_account) if p.strip()]
    return "；".join(parts) or "请与本机关联系"


def yuan(amount: Decimal) -> str:
    """200, 150.50: whole yuan without decimals, otherwise to the fen."""
    if amount == amount.to_integral_value():
        return str(int(amount))
    return f"{amount.quantize(Decimal('0.01')):f}"


def contact_line(agency: AgencyDetails) -> str:
    """附注: who to call about the letter; empty when the agency has not set it."""
    if not agency.contact_person.strip() and not agency.phone.strip():
        return ""
    address = f"；通讯地址：{clause(agency.address)}" if agency.address.strip() else ""
    person, phone = clause(agency.contact_person) or "—", clause(agency.phone) or "—"
    return CONTACT.format(person=person, phone=phone, address=address)


def letter_problems(letter: Letter) -> list[str]:
    """Every punctuation and wording problem of a finished letter (none for the defaults,
    whatever the facts: tests/test_letters.py)."""
    return (
        punctuation_problems(letter.title)
        + paragraph_problems(letter.paragraphs)
        + (punctuation_problems(letter.note))
    )


def letter_gaps(agency: AgencyDetails, facts: Facts) -> list[str]:
    """What the letter cannot say yet for lack of facts: warnings before it goes out."""
    gaps = []
    if not agency.contact_person.strip() or not agency.phone.strip():
        gaps.append(messages.LETTER_NO_CONTACT)
    if isinstance(facts, Answer):
        if not agency.review_body.strip() or not agency.court.strip():
            gaps.append(messages.LETTER_NO_REMEDY)
        gaps += answer_gaps(facts)
    if isinstance(facts, FeeNotice):
        gaps += _fee_gaps(facts, agency)
    if isinstance(facts, Extension) and not facts.reason.strip():
        gaps.append(messages.LETTER_NO_REASON)
    return gaps


def _fee_gaps(fee: FeeNotice, agency: AgencyDetails) -> list[str]:
    gaps = []
    if not agency.payment_method.strip() and not agency.payment_account.strip():
        gaps.append(messages.LETTER_NO_PAYMENT)
    if fee.basis is None:
        gaps.append(messages.LETTER_NO_BASIS)
    elif fee.basis.tariff() != fee.amount_yuan:
        gaps.append(
            messages.LETTER_FEE_MISMATCH.format(
                amount=yuan(fee.amount_yuan), tariff=fee.basis.tariff()
            )
        )
    return gaps
