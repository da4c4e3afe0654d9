"""What a step of the procedure records for its letter, so that every letter is written from
typed facts and goes out without hand-editing: 告知补正 the items to correct and the period,
征求意见 the addressee and whether a third party (第三十二条) or another agency (第三十四条),
发出收费通知 how the fee was counted (109号: items or pages), 拟办 and 当场答复 what the answer
provides, in what form, what it withholds and why.

The facts are checked when the step is taken (`facts_for_step`, typed errors in Chinese) and
kept with the case as JSON by letter kind (`facts_json`, `stored_facts`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from decimal import Decimal
from typing import Any

from gongkai import messages
from gongkai.cases.answers import GROUNDS, Answer
from gongkai.cases.letters import Consultation, Correction, FeeBasis
from gongkai.errors import GongkaiError

# The letter each step writes facts for (延期's reason is the step's note, its date computed).
STEP_KINDS = {
    "request_correction": "correction",
    "consult": "consultation",
    "fee_notice": "fee",
    "draft": "answer",
    "answer_on_spot": "answer",
}
LIMITS = {"short": 100, "text": 500}
CORRECTION_DAYS = range(1, 61)  # 合理的补正期限: 15 working days is usual


class FactsProblem(GongkaiError):
    code = "cases.facts"


@dataclass(frozen=True)
class StepFacts:
    """What the officer typed on the step form (empty strings and None where not asked)."""

    correction_items: str = ""
    correction_days: int | None = None
    addressee: str = ""
    party: str = "third_party"
    fee_kind: str = ""
    fee_quantity: int | None = None
    fee_earlier_items: int | None = None
    provided: str = ""
    form: str = ""
    withheld: str = ""
    ground: str = ""
    reason: str = ""
    where_public: str = ""
    referral: str = ""


Stored = Correction | Consultation | FeeBasis | Answer


def facts_for_step(action: str, typed: StepFacts, outcome: str, note: str = "") -> Stored | None:
    """The typed facts of a step's letter, checked (`FactsProblem`); None for a step without
    a letter of its own, or when nothing was given for it (the letter then says what it
    lacks: `letter_gaps`; the web's step form asks for it first: `missing_facts`)."""
    kind = STEP_KINDS.get(action)
    if kind == "correction":
        return _correction(typed, note)
    if kind == "consultation":
        return _consultation(typed, note)
    if kind == "fee":
        return _fee_basis(typed)
    if kind == "answer":
        return _answer(typed, outcome)
    return None


def missing_facts(action: str, typed: StepFacts, note: str = "") -> list[str]:
    """What the step's letter cannot go out without, for the step form to ask."""
    kind = STEP_KINDS.get(action)
    if kind == "correction" and not (typed.correction_items or note).strip():
        return [messages.FACTS_CORRECTION]
    if kind == "consultation" and not (typed.addressee or note).strip():
        return [messages.FACTS_ADDRESSEE]
    if kind == "fee" and not typed.fee_kind:
        return [messages.FACTS_FEE_KIND]
    if kind == "fee" and not typed.fee_quantity:
        return [messages.FACTS_FEE_QUANTITY]
    return []


def _text(value: str, limit: str = "text") -> str:
    text = " ".join(value.split())
    if len(text) > LIMITS[limit]:
        raise FactsProblem(messages.FACTS_TOO_LONG.format(limit=LIMITS[limit], text=text[:12]))
    return text


def _correction(typed: StepFacts, note: str) -> Correction | None:
    items = _text(typed.correction_items or note)
    days = typed.correction_days if typed.correction_days is not None else 15
    if days not in CORRECTION_DAYS:
        raise FactsProblem(messages.FACTS_CORRECTION_DAYS)
    return Correction(items, days) if items else None


def _consultation(typed: StepFacts, note: str) -> Consultation | None:
    addressee = _text(typed.addressee or note, "short")
    if typed.party not in ("third_party", "agency"):
        raise FactsProblem(messages.FACTS_PARTY)
    if not addressee:
        return None
    return Consultation(addressee, "agency" if typed.party == "agency" else "third_party")


def _fee_basis(typed: StepFacts) -> FeeBasis | None:
    if not typed.fee_kind:
        return None
    if typed.fee_kind not in ("items", "pages"):
        raise FactsProblem(messages.FACTS_FEE_KIND)
    quantity, earlier = typed.fee_quantity or 0, typed.fee_earlier_items or 0
    if quantity < 1 or earlier < 0 or quantity + earlier > 100_000:
        raise FactsProblem(messages.FACTS_FEE_QUANTITY)
    if typed.fee_kind == "items":
        return FeeBasis("items", quantity, earlier)
    return FeeBasis("pages", quantity)


def _answer(typed: StepFacts, outcome: str) -> Answer:
    if typed.ground and typed.ground not in GROUNDS:
        raise FactsProblem(messages.FACTS_GROUND)
    return Answer(
        outcome=outcome,
        provided=_text(typed.provided),
        form=_text(typed.form, "short"),
        withheld=_text(typed.withheld),
        ground=typed.ground if outcome == "partially_granted" else "",
        reason=_text(typed.reason),
        where_public=_text(typed.where_public),
        referral=_text(typed.referral),
    )


def fee_amount(basis: FeeBasis) -> Decimal:
    """The fee 109号 sets for this count (the notice may ask less: a reduction)."""
    return Decimal(basis.tariff())


def facts_json(facts: Stored) -> dict[str, Any]:
    return asdict(facts)


KINDS: dict[str, type[Stored]] = {
    "correction": Correction,
    "consultation": Consultation,
    "fee": FeeBasis,
    "answer": Answer,
}


def stored_facts(kind: str, data: object) -> Stored | None:
    """Facts kept with a case, read back; None when absent or not of this kind's shape
    (kept by an older version: the letter then falls back to the step's note)."""
    cls = KINDS.get(kind)
    if cls is None or not isinstance(data, dict):
        return None
    names = {f.name for f in fields(cls)}
    try:
        return cls(**{k: v for k, v in data.items() if k in names})
    except TypeError:
        return None


PARTIES = {"third_party": "第三方（第三十二条）", "agency": "其他机关（第三十四条）"}
BASIS_KINDS = {"items": "按件计收", "pages": "按量计收"}


def audit_facts(facts: Stored) -> dict[str, str | int]:
    """The facts as the audit log keeps them: values a person reads (第三方, 按件计收), under
    keys the log's presenter names (gongkai.web.audit.presenting.FIELDS)."""
    if isinstance(facts, Correction):
        return {"items": facts.items, "days": facts.days}
    if isinstance(facts, Consultation):
        return {"addressee": facts.addressee, "party": PARTIES[facts.party]}
    if isinstance(facts, FeeBasis):
        counted: dict[str, str | int] = {
            "basis_kind": BASIS_KINDS[facts.kind],
            "quantity": facts.quantity,
        }
        return counted | ({"earlier_items": facts.earlier_items} if facts.kind == "items" else {})
    kept: dict[str, str] = {
        "provided": facts.provided,
        "form": facts.form,
        "withheld": facts.withheld,
        "ground": GROUNDS[facts.ground][0] if facts.ground in GROUNDS else "",
        "answer_reason": facts.reason,
        "where_public": facts.where_public,
        "referral": facts.referral,
    }
    return {k: v for k, v in kept.items() if v}
