"""The figures supervisors compare across agencies and years, one number each, read from a
report's tables; and the measures made of their sums (公开率, 纠错率, …), each said in words.

Pure: `figures_of` takes a report as the contract's JSON (what the library stores) and
returns a flat mapping that the web system keeps in indexed columns, so that a province's
reports are summed in the database instead of read one by one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from gongkai import catalog

Number = int | Decimal | None
TOTAL = catalog.COLUMN_IDS.index("total")


@dataclass(frozen=True)
class Figure:
    name: str  # the column's name
    label: str  # as a person reads it
    unit: str


_ORDINAL = re.compile(r"^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+\.)")


def _outcome_label(row: catalog.Row) -> str:
    """不予公开：属于国家秘密, 予以公开, 本年新收政府信息公开申请数量."""
    label = _ORDINAL.sub("", row.label).split("（区分处理")[0]
    if row.group and row.group != catalog.GROUP_RESULTS:
        return f"{_ORDINAL.sub('', row.group)}：{label}"
    return label


_APPLICATION_ROWS = [r for r in catalog.APPLICATION_ROWS["2021"] if r.id != "total"]
APPLICATION_FIGURES = {
    ("received" if r.id == "new_received" else r.id.replace(".", "_")): r.id
    for r in _APPLICATION_ROWS
}
APPEAL_FIGURES = {
    f"{g.id}_{f.id}": (g.id, f.id) for g in catalog.APPEAL_GROUPS for f in catalog.APPEAL_FIELDS
}
FIGURES: tuple[Figure, ...] = (
    *(
        Figure(name, _outcome_label(catalog.ALL_APPLICATION_ROWS[row]), "件")
        for name, row in APPLICATION_FIGURES.items()
    ),
    Figure("other", "其他处理", "件"),
    Figure("answered", "办理结果总计", "件"),
    *(
        Figure(
            name,
            f"{catalog.APPEAL_GROUP_LABELS[g]}·{catalog.APPEAL_FIELD_LABELS[f]}",
            "件",
        )
        for name, (g, f) in APPEAL_FIGURES.items()
    ),
    Figure("fees_10k_yuan", "行政事业性收费金额", "万元"),
    Figure("documents_in_force", "现行有效的规章和规范性文件", "件"),
)
FIGURE_LABELS = {f.name: f.label for f in FIGURES}
OTHER_ROWS = ("other", "other.no_correction", "other.unpaid_fee", "other.other")
WITHHELD = tuple(n for n in APPLICATION_FIGURES if n.startswith("withheld_"))
UNAVAILABLE = tuple(n for n in APPLICATION_FIGURES if n.startswith("unavailable_"))
NOT_PROCESSED = tuple(n for n in APPLICATION_FIGURES if n.startswith("not_processed_"))


def figures_of(data: Mapping[str, Any]) -> dict[str, Number]:
    """Every figure of a report (the contract's JSON); None where the report leaves it blank."""
    rows = data.get("applications", {}).get("rows", {})
    found: dict[str, Number] = {
        name: _total(rows.get(row)) for name, row in APPLICATION_FIGURES.items()
    }
    found["other"] = _sum(_total(rows.get(row)) for row in OTHER_ROWS)
    found["answered"] = _total(rows.get("total"))
    appeals = data.get("appeals", {})
    for name, (group, field) in APPEAL_FIGURES.items():
        found[name] = _whole(appeals.get(group, {}).get(field))
    active = data.get("active", {})
    found["fees_10k_yuan"] = _money(active.get("fees", {}).get("amount_10k_yuan"))
    in_force = "in_force" if data.get("template") == "2021" else "total_published"
    found["documents_in_force"] = _sum(
        _whole(active.get(kind, {}).get(in_force))
        for kind in ("regulations", "normative_documents")
    )
    return found


def _total(cells: Any) -> int | None:
    return _whole(cells[TOTAL]) if isinstance(cells, list) and len(cells) > TOTAL else None


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _money(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)) if value is not None else None
    except InvalidOperation:
        return None


def _sum(values: Any) -> int | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


# ---------------------------------------------------------------- measures


class Formula(Protocol):
    """How a measure is made of summed figures; `uses` names the figures it reads (so that a
    query fetches only those columns)."""

    @property
    def uses(self) -> tuple[str, ...]: ...

    def __call__(self, sums: Mapping[str, Number], /) -> float | None: ...


@dataclass(frozen=True)
class Measure:
    """A number compared across agencies: made of summed figures, said in words."""

    name: str
    label: str  # short, for a column head
    meaning: str  # the whole sentence: what is counted, over what
    unit: str
    compute: Formula
    higher_is_better: bool | None = None  # None: neither (a volume)

    def shown(self, value: float | None) -> str:
        """A value as a person reads it: 62.5%, 12.40, or empty."""
        if value is None:
            return ""
        if self.unit == "%":
            return percent(value)
        return f"{value:.2f}".removesuffix(".00")


def percent(share: float | None) -> str:
    """A share as a person reads it: 0.625 → 62.5%; nothing → empty."""
    return "" if share is None else f"{share * 100:.1f}%"


def _get(sums: Mapping[str, Number], *names: str) -> float:
    return float(sum(float(sums.get(n) or 0) for n in names))


@dataclass(frozen=True)
class Share:
    part: tuple[str, ...]
    whole: tuple[str, ...]

    @property
    def uses(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self.part, *self.whole)))

    def __call__(self, sums: Mapping[str, Number], /) -> float | None:
        base = _get(sums, *self.whole)
        return _get(sums, *self.part) / base if base else None


@dataclass(frozen=True)
class Plain:
    name: str

    @property
    def uses(self) -> tuple[str, ...]:
        return (self.name,)

    def __call__(self, sums: Mapping[str, Number], /) -> float | None:
        value = sums.get(self.name)
        return float(value) if value is not None else None


@dataclass(frozen=True)
class Total:
    uses: tuple[str, ...]

    def __call__(self, sums: Mapping[str, Number], /) -> float | None:
        return _get(sums, *self.uses)


@dataclass(frozen=True)
class PerTenThousand:
    uses: tuple[str, ...] = ("received",)

    def __call__(self, sums: Mapping[str, Number], /) -> float | None:
        population = sums.get("population")
        if not population:
            return None
        return _get(sums, *self.uses) / float(population) * 10_000


_DECIDED = ("upheld", "corrected", "other")
_LITIGATION = ("litigation_direct", "litigation_after_review")
MEASURES: tuple[Measure, ...] = (
    Measure(
        "received",
        "新收申请",
        "本年新收政府信息公开申请数量（表三“一”总计）",
        "件",
        Plain("received"),
    ),
    Measure(
        "per_10k",
        "每万人申请",
        "每万名常住人口提出的新收申请数量（本地区机关的新收申请合计 ÷ 人口 × 10000）",
        "件",
        PerTenThousand(),
    ),
    Measure(
        "granted_share",
        "公开率",
        "予以公开和部分公开的申请占办理结果总计的比例",
        "%",
        Share(("granted", "partially_granted"), ("answered",)),
        higher_is_better=True,
    ),
    Measure(
        "withheld_share",
        "不予公开比例",
        "不予公开（表三“三（三）”各项）占办理结果总计的比例",
        "%",
        Share(WITHHELD, ("answered",)),
    ),
    Measure(
        "unavailable_share",
        "无法提供比例",
        "无法提供（表三“三（四）”各项）占办理结果总计的比例",
        "%",
        Share(UNAVAILABLE, ("answered",)),
    ),
    Measure(
        "not_processed_share",
        "不予处理比例",
        "不予处理（表三“三（五）”各项）占办理结果总计的比例",
        "%",
        Share(NOT_PROCESSED, ("answered",)),
    ),
    Measure("reviews", "行政复议", "政府信息公开行政复议案件总计", "件", Plain("review_total")),
    Measure(
        "review_corrected_share",
        "复议纠错率",
        "行政复议结果纠正的案件占已审结（维持、纠正、其他结果）案件的比例",
        "%",
        Share(("review_corrected",), tuple(f"review_{f}" for f in _DECIDED)),
        higher_is_better=False,
    ),
    Measure(
        "lawsuits",
        "行政诉讼",
        "政府信息公开行政诉讼案件总计（未经复议直接起诉和复议后起诉）",
        "件",
        Total(tuple(f"{g}_total" for g in _LITIGATION)),
    ),
    Measure(
        "litigation_corrected_share",
        "诉讼纠错率",
        "行政诉讼结果纠正的案件占已审结（维持、纠正、其他结果）案件的比例",
        "%",
        Share(
            tuple(f"{g}_corrected" for g in _LITIGATION),
            tuple(f"{g}_{f}" for g in _LITIGATION for f in _DECIDED),
        ),
        higher_is_better=False,
    ),
    Measure(
        "fees_10k_yuan",
        "收费金额",
        "表二行政事业性收费本年收费金额",
        "万元",
        Plain("fees_10k_yuan"),
    ),
    Measure(
        "documents_in_force",
        "现行有效文件",
        "现行有效的规章和行政规范性文件件数（2019年格式为对外公开总数量）",
        "件",
        Plain("documents_in_force"),
    ),
)
MEASURE_BY_NAME = {m.name: m for m in MEASURES}


def measures_of(sums: Mapping[str, Number]) -> dict[str, float | None]:
    """Every measure of summed figures (and `population` where recorded)."""
    return {m.name: m.compute(sums) for m in MEASURES}


def ranking_phrase(measure: Measure, descending: bool) -> str:
    """How a ranking is ordered, in words: 按“公开率”从高到低排列（…）."""
    order = "从高到低" if descending else "从低到高"
    return f"按“{measure.label}”{order}排列：{measure.meaning}"
