"""A whole year of an agency's work, generated: documents, monthly figures, applications run
through the procedure, appeals. For the demo (`make run`) and for tests."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from gongkai.cases.procedure import STEPS
from gongkai.cases.table import APPLICANT_TYPES, OUTCOME_ROWS
from gongkai.roles import Need
from gongkai.web.agencies.models import Agency
from gongkai.web.cases.actions import StepInput, do_register, do_step
from gongkai.web.cases.models import Application
from gongkai.web.registers.actions import do_add_appeal, do_add_publication, do_set_figure
from gongkai.web.registers.models import Appeal, Publication

NAMES = {"regulations": "办法", "normative_documents": "通知", "other": "公告"}
TOPICS = (
    "农村公路建设",
    "义务教育学校布局",
    "城乡低保资金",
    "秸秆禁烧",
    "老旧小区改造",
    "河湖长制",
)


@dataclass(frozen=True)
class Office:
    """Who does what in a generated year: the officer, the reviewer (审核), the leader (签发)."""

    officer: User
    approver: User
    leader: User

    def for_step(self, action: str) -> User:
        need = STEPS[action].need
        return {Need.REVIEW: self.approver, Need.SIGN: self.leader}.get(need, self.officer)


@transaction.atomic
def generate_year(agency: Agency, office: Office, year: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    user = office.officer
    _publications(agency, user, year, rng)
    for month in range(1, 13):
        for row, top in (("licensing", 40), ("penalty", 8), ("coercion", 2)):
            do_set_figure(agency, user, year, month, row, Decimal(rng.randint(0, top)))
        fees = Decimal(rng.randint(0, 90000)) / Decimal(1000000)
        do_set_figure(agency, user, year, month, "fees", fees)
    cases = [_application(agency, office, year, rng) for _ in range(rng.randint(15, 30))]
    for case in cases[: max(1, len(cases) // 6)]:
        kind = rng.choice(Appeal.Kind.values)
        filed = (case.answered_on or dt.date(year, 6, 1)) + dt.timedelta(days=rng.randint(5, 40))
        decided = filed + dt.timedelta(days=rng.randint(20, 90))
        settled = decided <= dt.date(year, 12, 31)
        facts = {
            "kind": kind,
            "number": f"（{year}）复字第{case.serial}号",
            "filed_on": min(filed, dt.date(year, 12, 20)),
            "result": rng.choice(("upheld", "corrected", "other")) if settled else "pending",
            "decided_on": decided if settled else None,
        }
        do_add_appeal(agency, user, facts, case)


def _publications(agency: Agency, user: User, year: int, rng: random.Random) -> None:
    for n in range(rng.randint(8, 14)):
        formed = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 330))
        kind = rng.choice(
            (Publication.Kind.REGULATIONS, Publication.Kind.NORMATIVE, Publication.Kind.OTHER)
        )
        topic = rng.choice(TOPICS)
        facts = {
            "kind": kind,
            "title": f"关于做好{topic}工作的{NAMES[kind]}",
            "doc_number": f"{agency.name[:2]}政发〔{year}〕{n + 1}号",
            "formed_on": formed,
            "published_on": formed + dt.timedelta(days=rng.choice((3, 7, 14, 45))),
            "repealed_on": formed + dt.timedelta(days=200) if rng.random() < 0.15 else None,
            "interpretation": f"《关于做好{topic}工作的通知》政策解读"
            if kind != Publication.Kind.OTHER
            else "",
            "summary": f"{topic}相关工作安排",
        }
        do_add_publication(agency, user, facts)


def _application(agency: Agency, office: Office, year: int, rng: random.Random) -> Application:
    received = dt.date(year, 1, 2) + dt.timedelta(days=rng.randint(0, 350))
    case, _ = do_register(
        agency,
        office.officer,
        {
            "channel": rng.choice(("online", "letter", "in_person")),
            "received_on": received,
            "applicant_type": rng.choice(APPLICANT_TYPES[:3] * 4 + APPLICANT_TYPES[3:]),
            "applicant_name": rng.choice("张李王赵") + rng.choice(("伟", "芳", "强", "敏")),
            "contact": f"1380000{rng.randint(1000, 9999)}",
            "request": f"{rng.choice(TOPICS)}的有关文件和资金使用情况",
        },
    )
    day = received + dt.timedelta(days=rng.randint(1, 6))
    if day > dt.date(year, 12, 31) or rng.random() < 0.1:
        return case  # still open at the year's end: carried forward
    outcome = rng.choice(("granted", "granted", "partially_granted", *OUTCOME_ROWS[2:17]))
    if outcome == "granted" and rng.random() < 0.5:
        return _step(case, office, "answer_on_spot", day, outcome=outcome)
    if rng.random() < 0.2:
        case = _step(case, office, "fee_notice", day, fee_yuan=Decimal(100))
        day += dt.timedelta(days=5)
        case = _step(case, office, "fee_paid", day)
    for action in ("draft", "review", "sign", "answer", "deliver", "archive"):
        day += dt.timedelta(days=rng.randint(0, 3))
        if day > dt.date(year, 12, 31):
            break
        case = _step(case, office, action, day, outcome=outcome, delivery_method="邮寄")
    return case


def _step(case: Application, office: Office, action: str, on: dt.date, **extra: Any) -> Application:
    given = StepInput(action, on, case.version, basis="依据条例有关规定", **extra)
    return do_step(case, office.for_step(action), given)
