"""The prose of a report as real reports word it, for measuring the narrative check.

`overview` writes sentences that agree with the report's tables in every scope the
narrative catalogue knows (收到 counting last year's carry-over or not, 予以公开及部分公开
as one figure, the groups of table 三, 办结, appeals), mixed with figures of other channels
(the 12345 hotline, letters, petitions, consultations) and of a wider area (全县各部门),
which must never be compared as if they were the table's. With `wrong`, one sentence whose
scope is certain states a figure that no reading of the table gives.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from gongkai import catalog
from gongkai.model import Report


@dataclass(frozen=True)
class Figures:
    new: int
    carried: int
    forward: int
    granted: int
    partial: int
    withheld: int
    unavailable: int
    not_processed: int
    other: int
    total: int
    review: int
    litigation: int
    secret: int  # 不予公开 1.属于国家秘密
    not_held: int  # 无法提供 1.本机关不掌握相关政府信息
    third_party: int  # 不予公开 4.保护第三方合法权益 (privacy among them)
    needs_creation: int  # 无法提供 2.没有现成信息需要另行制作
    petition: int  # 不予处理 1.信访举报投诉类申请
    duplicate: int  # 不予处理 2.重复申请


def figures(report: Report) -> Figures:
    rows = report.applications.rows

    def total(prefix: str) -> int:
        return sum(cells[6] or 0 for row_id, cells in rows.items() if row_id.startswith(prefix))

    appeals = report.appeals
    return Figures(
        new=total("new_received"),
        carried=total("carried_over"),
        forward=total("carry_forward"),
        granted=total("granted"),
        partial=total("partially_granted"),
        withheld=total("withheld."),
        unavailable=total("unavailable."),
        not_processed=total("not_processed."),
        other=total("other"),
        total=total("total"),
        review=appeals.review.total or 0,
        litigation=(appeals.litigation_direct.total or 0)
        + (appeals.litigation_after_review.total or 0),
        secret=total("withheld.state_secret"),
        not_held=total("unavailable.not_held"),
        third_party=total("withheld.third_party"),
        needs_creation=total("unavailable.needs_creation"),
        petition=total("not_processed.petition"),
        duplicate=total("not_processed.duplicate"),
    )


def overview(report: Report, rng: random.Random, wrong: bool = False) -> str:
    """Sentences that agree with the tables (one that cannot, with `wrong`), and noise."""
    f = figures(report)
    year = report.year or 2021
    received = rng.choice((f.new, f.new + f.carried))
    certain = [
        rng.choice(
            (
                f"{year}年，共收到政府信息公开申请{received}件",
                f"全年共受理依申请公开{received}件",
                f"本年度新收政府信息公开申请{f.new}件",
            )
        ),
        rng.choice((f"上年结转{f.carried}件", f"{year - 1}年结转的申请{f.carried}件")),
        rng.choice(
            (
                f"其中予以公开{f.granted}件，部分公开{f.partial}件",
                f"予以公开及部分公开{f.granted + f.partial}件",
                f"予以公开和部分公开共{f.granted + f.partial}件",
                f"同意公开（含部分公开）{f.granted + f.partial}件",
            )
        ),
        f"不予公开{f.withheld}件",
        f"因本机关不掌握相关政府信息等原因无法提供{f.unavailable}件",
        f"不予处理{f.not_processed}件，其他处理{f.other}件",
        rng.choice((f"已办结{f.total}件", f"办理完成{f.total}件")),
        rng.choice(
            (f"结转下年度继续办理{f.forward}件", f"结转至{year + 1}年继续办理{f.forward}件")
        ),
        f"因政府信息公开被申请行政复议{f.review}件，被提起行政诉讼{f.litigation}件",
    ]
    if wrong:
        index = rng.randrange(len(certain))
        certain[index] = _off(certain[index], f)
    others = [
        f"通过12345政务服务便民热线受理群众诉求{rng.randint(100, 9000)}件",
        f"市长信箱收到群众来信{rng.randint(5, 500)}件，均已按时回复",
        f"受理信访事项{rng.randint(1, 90)}件",
        f"解答群众咨询{rng.randint(10, 900)}件",
        f"回复网民留言{rng.randint(10, 900)}件",
        f"受理行政许可申请{rng.randint(100, 9000)}件",
        f"主动公开政府信息{rng.randint(100, 9000)}条",
        f"全县各部门共收到政府信息公开申请{received + rng.randint(1, 300)}件",
    ]
    sentences = certain + rng.sample(others, k=rng.randint(2, len(others)))
    rng.shuffle(sentences)
    return "。".join(sentences) + "。"


def _off(sentence: str, f: Figures) -> str:
    """The sentence with its last figure made to fit no reading of the table."""
    head, number, tail = _last_number(sentence)
    bump = 1 + f.carried + max(f.granted, f.partial)
    return f"{head}{number + bump}{tail}"


def _last_number(sentence: str) -> tuple[str, int, str]:
    end = max(i for i, ch in enumerate(sentence) if ch.isdigit()) + 1
    start = end
    while start > 0 and sentence[start - 1].isdigit():
        start -= 1
    return sentence[:start], int(sentence[start:end]), sentence[end:]


def with_overview(report: Report, text: str) -> Report:
    sections = {section_id: "" for section_id, _ in catalog.SECTIONS}
    return report.model_copy(update={"sections": {**sections, "overview": text}})
