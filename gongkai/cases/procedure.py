"""The statutory procedure of a disclosure application (国务院令第711号 articles 27–45) as
explicit states and the steps allowed between them, each named after the statute.

Officers act by steps; the web layer checks `step_for(state, action)` before it stores
anything, so a case can never be in a state the Regulation does not know.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gongkai import messages
from gongkai.errors import GongkaiError
from gongkai.roles import Need, NotPermitted, Role, allows, holders


class State(StrEnum):
    REGISTERED = "registered"  # 已登记，答复期限计算中
    CORRECTION = "correction"  # 已告知补正，等待申请人
    CONSULTING = "consulting"  # 征求第三方或其他机关意见，期间不计入答复期限
    FEE = "fee"  # 已发收费通知，等待缴费
    EXTENSION_REQUESTED = "extension"  # 承办人申请延期，待公开工作机构负责人批准
    DRAFTED = "drafted"  # 已拟办
    REVIEWED = "reviewed"  # 已审核
    SIGNED = "signed"  # 已签发
    ANSWERED = "answered"  # 已答复（计入年度报告表三）
    DELIVERED = "delivered"  # 已送达
    ARCHIVED = "archived"  # 已归档


STATE_LABELS = {
    State.REGISTERED: "办理中",
    State.CORRECTION: "待申请人补正",
    State.CONSULTING: "征求意见中",
    State.FEE: "待缴纳信息处理费",
    State.EXTENSION_REQUESTED: "已申请延期，待批准",
    State.DRAFTED: "已拟办，待审核",
    State.REVIEWED: "已审核，待签发",
    State.SIGNED: "已签发，待答复",
    State.ANSWERED: "已答复，待送达",
    State.DELIVERED: "已送达，待归档",
    State.ARCHIVED: "已归档",
}

# States whose time does not count toward the answer period (第三十三条第三款; 109号 收费通知),
# and the state in which the clock waits for the applicant's correction (第三十条).
PAUSING = frozenset({State.CONSULTING, State.FEE})
OPEN = frozenset(set(State) - {State.ANSWERED, State.DELIVERED, State.ARCHIVED})


@dataclass(frozen=True)
class Step:
    action: str
    label: str
    sources: frozenset[State]
    target: State
    article: str
    outcome: str | None = None  # the table 三 row this step fixes, if it closes the case
    needs_outcome: bool = False  # the officer chooses the outcome (拟办, 当场答复)
    need: Need = Need.HANDLE  # what the step needs of the person (gongkai.roles)


def _step(
    action: str,
    label: str,
    sources: set[State],
    target: State,
    article: str,
    *,
    outcome: str | None = None,
    needs_outcome: bool = False,
    need: Need = Need.HANDLE,
) -> Step:
    return Step(action, label, frozenset(sources), target, article, outcome, needs_outcome, need)


S = State
STEPS: dict[str, Step] = {
    s.action: s
    for s in (
        _step(
            "answer_on_spot",
            "当场答复",
            {S.REGISTERED},
            S.ANSWERED,
            "第三十三条第一款",
            needs_outcome=True,
        ),
        _step("request_correction", "告知补正", {S.REGISTERED}, S.CORRECTION, "第三十条"),
        _step("correction_received", "收到补正", {S.CORRECTION}, S.REGISTERED, "第三十条"),
        _step(
            "correction_lapsed",
            "逾期未补正，不再处理",
            {S.CORRECTION},
            S.ANSWERED,
            "第三十条",
            outcome="other.no_correction",
        ),
        _step("consult", "征求意见", {S.REGISTERED}, S.CONSULTING, "第三十二条、第三十四条"),
        _step(
            "consultation_done",
            "意见已回复或逾期",
            {S.CONSULTING},
            S.REGISTERED,
            "第三十二条、第三十四条",
        ),
        _step(
            "request_extension",
            "申请延期",
            {S.REGISTERED, S.DRAFTED, S.REVIEWED, S.SIGNED},
            S.EXTENSION_REQUESTED,
            "第三十三条第二款",
        ),
        _step(
            "extend",
            "批准延期",
            {S.EXTENSION_REQUESTED},
            S.REGISTERED,
            "第三十三条第二款",
            need=Need.REVIEW,
        ),
        _step(
            "refuse_extension",
            "不予延期",
            {S.EXTENSION_REQUESTED},
            S.REGISTERED,
            "第三十三条第二款",
            need=Need.REVIEW,
        ),
        _step(
            "fee_notice", "发出收费通知", {S.REGISTERED}, S.FEE, "第四十二条、国办函〔2020〕109号"
        ),
        _step("fee_paid", "已缴费", {S.FEE}, S.REGISTERED, "国办函〔2020〕109号"),
        _step(
            "fee_lapsed",
            "逾期未缴费，不再处理",
            {S.FEE},
            S.ANSWERED,
            "国办函〔2020〕109号",
            outcome="other.unpaid_fee",
        ),
        _step("draft", "拟办", {S.REGISTERED}, S.DRAFTED, "第四十五条", needs_outcome=True),
        _step("review", "审核通过", {S.DRAFTED}, S.REVIEWED, "第四十五条", need=Need.REVIEW),
        _step("send_back", "退回重办", {S.DRAFTED, S.REVIEWED}, S.REGISTERED, "第四十五条"),
        _step("sign", "签发", {S.REVIEWED}, S.SIGNED, "第四十五条", need=Need.SIGN),
        _step("answer", "答复", {S.SIGNED}, S.ANSWERED, "第三十六条"),
        _step("deliver", "送达", {S.ANSWERED}, S.DELIVERED, "第四十条"),
        _step("archive", "归档", {S.DELIVERED}, S.ARCHIVED, "第四十五条"),
    )
}


class ProcedureError(GongkaiError):
    code = "cases.procedure"
    http_status = 409


def step_for(state: State, action: str) -> Step:
    """The step `action` from `state`, or why it is not allowed."""
    step = STEPS.get(action)
    if step is None:
        raise ProcedureError(messages.NO_SUCH_STEP.format(action=action))
    if state not in step.sources:
        raise ProcedureError(
            messages.STEP_NOT_ALLOWED.format(step=step.label, state=STATE_LABELS[state])
        )
    return step


def steps_from(state: State) -> list[Step]:
    """The steps an officer may take next, in the order of the procedure."""
    return [s for s in STEPS.values() if state in s.sources]


# On the spot (第三十三条第一款) an office can only hand over what it gives in full. Any
# answer that withholds — in part (部分公开, 第三十七条) or in whole (不予公开, 无法提供,
# 不予处理, 其他处理) — is written, reviewed and signed like every other (第四十五条).
ON_THE_SPOT_OUTCOMES = frozenset({"granted"})


def check_step(
    step: Step,
    person: int,
    roles: frozenset[Role],
    *,
    outcome: str = "",
    reviewer: int | None = None,
    administrator: bool = False,
) -> None:
    """Refuse a step taken by the wrong role, a refusal answered on the spot, or a case
    signed by the person who reviewed it (separation of duties)."""
    if not allows(roles, step.need, administrator=administrator):
        raise NotPermitted(messages.STEP_ROLE.format(step=step.label, roles=holders(step.need)))
    if step.action == "answer_on_spot" and outcome and outcome not in ON_THE_SPOT_OUTCOMES:
        raise ProcedureError(messages.REFUSAL_ON_THE_SPOT)
    if step.action == "sign" and reviewer is not None and reviewer == person:
        raise ProcedureError(messages.SIGN_OWN_REVIEW)
