"""The prose of a generated report: sentences worded as real reports word them.

Every sentence is true of the report's tables, in the scope it states. Some scopes are
traps for a checker that compares too eagerly: 「予以公开及部分公开」 is （一）+（二）,
「收到申请75件（含上年结转5件）」 is 本年新收 + 上年结转, and 12345-hotline or mailbox
counts are about other channels altogether. A report marked inconsistent gets one
sentence whose figure really contradicts its table: that is a printed inconsistency.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from gongkai.model import Report

_OPENING = (
    "{year}年，{agency}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实"
    "《中华人民共和国政府信息公开条例》，持续推进政务公开标准化规范化建设。"
)
_PROBLEMS = (
    "政府信息公开工作仍存在一些不足：主动公开的深度和广度有待拓展，政策解读形式还不够丰富。"
    "下一步将加强业务培训，完善公开目录，提高信息发布质量。"
)
_OTHER = "本机关未收取信息处理费。无其他需要报告的事项。"


@dataclass(frozen=True)
class Figures:
    """The table figures the prose speaks of (总计 column of table 三, totals of 四)."""

    new: int
    carried: int
    finished: int
    forward: int
    granted: int
    partial: int
    review: int
    litigation: int


def figures_of(report: Report) -> Figures:
    rows = report.applications.rows
    appeals = report.appeals
    return Figures(
        new=rows["new_received"][6] or 0,
        carried=rows["carried_over"][6] or 0,
        finished=rows["total"][6] or 0,
        forward=rows["carry_forward"][6] or 0,
        granted=rows["granted"][6] or 0,
        partial=rows["partially_granted"][6] or 0,
        review=appeals.review.total or 0,
        litigation=(appeals.litigation_direct.total or 0)
        + (appeals.litigation_after_review.total or 0),
    )


Sentence = Callable[[Figures, random.Random], str]

# Sentences about the applications, each true in the scope it states, with the figures
# it states on their own (so that a planted contradiction is the only statement of its figure).
_APPLICATIONS: tuple[tuple[frozenset[str], Sentence], ...] = (
    (frozenset({"new"}), lambda f, r: f"本年度新收政府信息公开申请{f.new}件。"),
    (
        frozenset({"new", "forward"}),
        lambda f, r: (
            f"全年共收到政府信息公开申请{f.new}件，上年结转{f.carried}件，"
            f"结转下年度继续办理{f.forward}件。"
        ),
    ),
    (
        frozenset(),
        lambda f, r: (
            f"全年共受理政府信息公开申请{f.new + f.carried}件（含上年结转{f.carried}件）。"
        ),
    ),
    (
        frozenset({"new"}),
        lambda f, r: (
            f"收到政府信息公开申请{f.new + f.carried}件，其中本年新收{f.new}件、"
            f"上年结转{f.carried}件。"
        ),
    ),
    (
        frozenset(),
        lambda f, r: f"已办结{f.finished}件，其中予以公开及部分公开{f.granted + f.partial}件。",
    ),
    (frozenset({"granted"}), lambda f, r: f"予以公开{f.granted}件，部分公开{f.partial}件。"),
    (frozenset({"new"}), lambda f, r: f"收到申请{f.new}件，同比增长{r.randint(3, 40)}%。"),
)

# Sentences about other channels: figures no table cell holds.
_OTHER_CHANNELS: tuple[Sentence, ...] = (
    lambda f, r: f"通过12345政务服务便民热线受理群众诉求{r.randint(800, 9000)}件，办结率100%。",
    lambda f, r: f"全年通过12345平台受理{r.randint(800, 9000)}件，按时办结。",
    lambda f, r: f"县长信箱收到群众来信{r.randint(20, 400)}件，均已答复。",
    lambda f, r: f"受理信访事项{r.randint(10, 300)}件，及时转交有关部门办理。",
    lambda f, r: f"主动公开政府信息{r.randint(300, 6000)}条，其中政策解读{r.randint(5, 90)}条。",
    lambda f, r: f"全年办理行政复议案件{r.randint(10, 90)}件，维持率有所提高。",
)

# Sentences that state a table figure; the planted contradiction is one of them.
_STATES: tuple[tuple[str, str], ...] = (
    ("new", "本年度新收政府信息公开申请{n}件。"),
    ("granted", "本年度予以公开{n}件。"),
    ("forward", "结转下年度继续办理{n}件。"),
)
Violation = dict[str, object]


def sections_of(
    report: Report, rng: random.Random, contradiction_in: str | None = None
) -> tuple[dict[str, str], list[Violation]]:
    """The six sections' text, and the printed inconsistencies it holds: none, or one
    sentence contradicting a table in section `contradiction_in` (overview, applications)."""
    figures = figures_of(report)
    stated, wording = rng.choice(_STATES) if contradiction_in else ("", "")
    pool = [sentence for states, sentence in _APPLICATIONS if stated not in states]
    applications = [s(figures, rng) for s in rng.sample(pool, k=3)]
    others = [s(figures, rng) for s in rng.sample(_OTHER_CHANNELS, k=2)]
    violations: list[Violation] = []
    if contradiction_in:
        wrong = getattr(figures, stated) + rng.choice((1, 2, 3, 10))
        at = 0 if contradiction_in == "overview" else len(applications)
        applications.insert(at, wording.format(n=wrong))
        violations.append({"rule": "text.table_mismatch", "expected": wrong})
    opening = _OPENING.format(year=report.year, agency=report.agency)
    sections = {
        "overview": opening + others[0] + applications[0],
        "active": others[1],
        "applications": "".join(applications[1:]),
        "appeals": (
            f"本年度发生政府信息公开行政复议{figures.review}件，"
            f"政府信息公开行政诉讼{figures.litigation}件。"
        ),
        "problems": _PROBLEMS,
        "other_matters": _OTHER,
    }
    return sections, violations
