"""A case as its applicant reads it on the status page: plain words for its state and
outcome, the letters addressed to them, the released files, and whether it can still be
withdrawn. Only what the applicant already knows or is owed: no officer, no internal note."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gongkai.cases.procedure import OPEN, State
from gongkai.cases.tracking import PUBLIC_OUTCOMES, public_state
from gongkai.web.cases import letters
from gongkai.web.cases.models import Application

# The letters addressed to the applicant (征求意见书 goes to a third party or an agency).
APPLICANT_LETTERS = ("correction", "extension", "fee", "answer")


@dataclass(frozen=True)
class FollowedCase:
    case: Application
    state: str
    outcome: str
    letters: list[tuple[str, str]]  # (kind, title)
    releases: list[Any]  # the released files (gongkai.web.releases.models.Release)
    may_withdraw: bool


def followed_case(case: Application) -> FollowedCase:
    return FollowedCase(
        case=case,
        state=public_state(case.state, case.state_label()),
        outcome=PUBLIC_OUTCOMES.get(case.outcome, "") if case.answered_on else "",
        letters=applicant_letters(case),
        releases=released_files(case),
        may_withdraw=may_withdraw(case),
    )


def applicant_letters(case: Application) -> list[tuple[str, str]]:
    """The letters the applicant may download: those sent to them so far (the answer once it
    is given, not while it is being drafted)."""
    kinds = [(k, t) for k, t in letters.available(case) if k in APPLICANT_LETTERS]
    return [(k, t) for k, t in kinds if k != "answer" or case.answered_on]


def released_files(case: Application) -> list[Any]:
    from gongkai.web.releases.queries import released_to_applicant

    return released_to_applicant(case) if case.answered_on else []


def may_withdraw(case: Application) -> bool:
    states = {s.value for s in OPEN} - {State.SIGNED.value}
    return case.state in states
