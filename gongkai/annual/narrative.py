"""The six sections' text for a compiled draft: a skeleton whose every figure is read from
the tables, and the officer's own words where only a person can write them (section 五, and
what else section 六 should say)."""

from __future__ import annotations

from decimal import Decimal

from gongkai.model import Active2021, Report

NO_FEES = "本年度未收取信息处理费。"


def skeleton(report: Report, fees_yuan: Decimal, problems: str, other: str) -> dict[str, str]:
    rows = report.applications.rows
    active, appeals = report.active, report.appeals
    assert isinstance(active, Active2021)  # drafts are compiled in the 2021 template

    def total(row: str) -> int:
        return rows[row][6] or 0

    withheld = sum(total(r) for r in rows if r.startswith("withheld."))
    regulations, normative = active.regulations, active.normative_documents
    litigation = (appeals.litigation_direct.total or 0) + (
        appeals.litigation_after_review.total or 0
    )
    fee_sentence = f"本年度收取信息处理费{_yuan(fees_yuan)}元。" if fees_yuan else NO_FEES
    return {
        "overview": (
            f"{report.year}年，{report.agency}认真贯彻落实《中华人民共和国政府信息公开条例》，"
            "扎实做好政府信息主动公开、依申请公开和政府信息管理等各项工作。"
        ),
        "active": (
            f"本年度制发规章{regulations.issued}件，废止{regulations.repealed}件，现行有效{regulations.in_force}件；"
            f"制发行政规范性文件{normative.issued}件，废止{normative.repealed}件，现行有效{normative.in_force}件。"
        ),
        "applications": (
            f"本年度新收政府信息公开申请{total('new_received')}件。"
            f"上年结转政府信息公开申请{total('carried_over')}件。"
            f"本年度办结{total('total')}件，其中予以公开{total('granted')}件，部分公开{total('partially_granted')}件，"
            f"不予公开{withheld}件；结转下年度继续办理{total('carry_forward')}件。"
        ),
        "appeals": (
            f"本年度因政府信息公开工作被申请行政复议{appeals.review.total or 0}件，"
            f"被提起行政诉讼{litigation}件。"
        ),
        "problems": problems.strip(),
        "other_matters": "\n".join(p for p in (fee_sentence, other.strip()) if p),
    }


def _yuan(amount: Decimal) -> str:
    """200 元, 150.5 元: cents only when there are any."""
    return f"{amount.quantize(Decimal('0.01')):f}".rstrip("0").rstrip(".")
