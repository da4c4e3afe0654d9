"""Narrative figures: read where the prose states them plainly, never where it is mixed."""

from __future__ import annotations

import pytest

from gongkai.readers.narrative import narrative_figures


def _figures(text: str, year: int = 2021) -> dict[str, int]:
    return {f.key: f.value for f in narrative_figures(text, ((0, len(text)),), year)}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "2021年共受理依申请公开24件，其中予以公开7件，部分公开1件。",
            {"new_received": 24, "granted": 7, "partially_granted": 1},
        ),
        (
            "全年共收到政府信息公开申请5件，结转下年度继续办理1件。",
            {"new_received": 5, "carry_forward": 1},
        ),
        ("因政府信息公开被申请行政复议2件，提起行政诉讼1件。", {"review": 2, "litigation": 1}),
        ("共收到申请30件，其中上年结转2件。", {"carried_over": 2}),
        ("本年度办理行政复议案件120件。", {}),
        ("收到申请数量较上年增长20%，达到45件。", {}),
        ("2020年收到政府信息公开申请12件。", {}),
        ("主动公开政府信息4055条。", {"items_published": 4055}),
        ("不予公开3件。", {}),
    ],
)
def test_figures_stated_in_prose(sentence: str, expected: dict[str, int]) -> None:
    assert _figures(sentence) == expected
