"""三级审签 of the annual report: 拟稿提交 by the officer, 审核 by the head of the disclosure
office, 签发 by the agency's leader; only a signed report is published.

Pure rules, the same for a report compiled from the registers and an uploaded one. The web
system keeps the signatures (per version of the report: a change after signing voids them)
and asks `check_signoff` before it stores one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from gongkai.errors import GongkaiError
from gongkai.roles import Need, NotPermitted, Role, allows, holders


class SignoffStep(StrEnum):
    SUBMITTED = "submitted"
    REVIEWED = "reviewed"
    SIGNED = "signed"


STEP_LABELS = {
    SignoffStep.SUBMITTED: "拟稿提交",
    SignoffStep.REVIEWED: "审核",
    SignoffStep.SIGNED: "签发",
}
ORDER = (SignoffStep.SUBMITTED, SignoffStep.REVIEWED, SignoffStep.SIGNED)
STEP_NEEDS = {
    SignoffStep.SUBMITTED: Need.HANDLE,
    SignoffStep.REVIEWED: Need.REVIEW,
    SignoffStep.SIGNED: Need.SIGN,
}
MIN_REASON = 10  # characters: a reason to publish despite errors is a sentence, not "ok"

OUT_OF_ORDER = "请按 拟稿提交 → 审核 → 签发 的顺序办理，当前应为“{step}”"
ALREADY_SIGNED = "该报告已经签发"
NOT_YOUR_STEP = "“{step}”须由{roles}办理"
SAME_PERSON = "审核和签发不能由同一人办理（本报告已由您审核）"
NEEDS_REASON = (
    "报告还有{n}个错误。请先更正；确需按原样发布的，请写明发布理由（不少于{min}字），"
    "理由将随报告公开"
)


class SignoffError(GongkaiError):
    code = "reports.signoff"
    http_status = 409


@dataclass(frozen=True)
class Signature:
    step: SignoffStep
    person: int


def next_step(done: Iterable[Signature]) -> SignoffStep | None:
    """The step the report waits for, or None once signed."""
    taken = {s.step for s in done}
    return next((s for s in ORDER if s not in taken), None)


def is_signed(done: Iterable[Signature]) -> bool:
    return next_step(done) is None


def check_signoff(
    step: SignoffStep,
    done: Sequence[Signature],
    person: int,
    roles: Iterable[Role],
    *,
    errors: int = 0,
    reason: str = "",
    administrator: bool = False,
) -> None:
    """Refuse a sign-off out of order, by the wrong role, by the reviewer signing, or a
    submission with errors and no written reason to publish them as they are."""
    due = next_step(done)
    if due is None:
        raise SignoffError(ALREADY_SIGNED)
    if step != due:
        raise SignoffError(OUT_OF_ORDER.format(step=STEP_LABELS[due]))
    if not allows(roles, STEP_NEEDS[step], administrator=administrator):
        raise NotPermitted(
            NOT_YOUR_STEP.format(step=STEP_LABELS[step], roles=holders(STEP_NEEDS[step]))
        )
    reviewers = {s.person for s in done if s.step == SignoffStep.REVIEWED}
    if step == SignoffStep.SIGNED and person in reviewers:
        raise SignoffError(SAME_PERSON)
    if step == SignoffStep.SUBMITTED and errors and len(reason.strip()) < MIN_REASON:
        raise SignoffError(NEEDS_REASON.format(n=errors, min=MIN_REASON))
