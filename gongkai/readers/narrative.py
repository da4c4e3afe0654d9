"""The key figures that a report's prose states, for comparison with its tables.

Patterns are deliberately narrow: a sentence that compares with another year
(同比, 较上年, another year's date) is not read, because a false mismatch costs an
officer more than a missed one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gongkai.model import NarrativeFigure

_N = r"(?:共|合计|总计|累计)?(\d+)"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "new_received",
        re.compile(
            r"(?:收到|受理|接收|新收)(?:各类)?(?:政府信息公开|依申请公开|信息公开)?(?:的)?"
            r"(?:申请)?(?:数量)?(?:为)?" + _N + r"件"
        ),
    ),
    ("carried_over", re.compile(r"上年(?:度)?结转(?:的)?(?:政府信息公开)?(?:申请)?" + _N + r"件")),
    (
        "carry_forward",
        re.compile(r"结转(?:至)?下(?:一)?年度?(?:继续)?(?:办理)?(?:的)?(?:申请)?" + _N + r"件"),
    ),
    ("granted", re.compile(r"(?<!不)予以公开" + _N + r"件")),
    ("partially_granted", re.compile(r"部分公开" + _N + r"件")),
    ("review", re.compile(r"行政复议(?:案件)?(?:申请)?" + _N + r"(?:件|起)")),
    ("litigation", re.compile(r"行政诉讼(?:案件)?" + _N + r"(?:件|起)")),
    ("items_published", re.compile(r"主动公开(?:各类)?(?:政府)?信息" + _N + r"条")),
)
# A sentence can state a figure only if it has a digit after one of these words.
_TRIGGER = re.compile(r"(?:收到|受理|接收|新收|结转|公开|复议|诉讼)[^。；;]*?\d")
_COMPARATIVE = re.compile(r"同比|较上年|较去年|比上年|上一年度|增长|下降|减少|增加")
_SENTENCE = re.compile(r"[^。；;!?！？\n]+")
_YEAR = re.compile(r"((?:19|20)\d{2})年")


def narrative_figures(
    text: str, spans: tuple[tuple[int, int], ...], year: int | None
) -> list[NarrativeFigure]:
    """Figures from the prose outside the tables (`spans` are the prose's offsets)."""
    figures: dict[str, NarrativeFigure] = {}
    for sentence, line in _sentences(text, spans):
        if not _TRIGGER.search(sentence):
            continue
        compact = re.sub(r"\s+", "", sentence)
        if _COMPARATIVE.search(compact) or _other_year(compact, year):
            continue
        for key, pattern in _PATTERNS:
            match = pattern.search(compact)
            if match and key not in figures and _speaks_of(key, compact):
                figures[key] = NarrativeFigure(
                    key=key, value=int(match.group(1)), sentence=compact[:80], line=line
                )
    return list(figures.values())


def _sentences(text: str, spans: tuple[tuple[int, int], ...]) -> Iterator[tuple[str, int]]:
    for start, end in spans:
        for match in _SENTENCE.finditer(text, start, end):
            yield match.group(0), text.count("\n", 0, match.start()) + 1


def _speaks_of(key: str, sentence: str) -> bool:
    """Whether the sentence's figure is the table's: same scope, nothing mixed in."""
    if key == "new_received" and "上年结转" in sentence:
        return False  # 共收到30件，其中上年结转2件: the figure includes last year's
    if key in ("review", "litigation"):
        # A review body (司法局) reports the reviews it decides: only disclosure cases count.
        return "信息公开" in sentence
    return True


def _other_year(sentence: str, year: int | None) -> bool:
    return year is not None and any(int(y) != year for y in _YEAR.findall(sentence))
