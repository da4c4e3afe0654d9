"""The text of the report's six sections, as the source prints it (tables left out).

Headings are found on the normalised lines; the text is taken from the original lines
at the same line numbers, so that the source's own punctuation and script are kept.
"""

from __future__ import annotations

import re

from gongkai.grid import unmarked
from gongkai.readers.meta import closing_lines
from gongkai.readers.provenance import source_lines
from gongkai.readers.regions import Regions

_HEADINGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("overview", re.compile(r"^\s*一\s*[、.]\s*总\s*体\s*情\s*况")),
    ("active", re.compile(r"^\s*二\s*[、.]\s*主动公开")),
    ("applications", re.compile(r"^\s*三\s*[、.]\s*收到和处理")),
    ("appeals", re.compile(r"^\s*四\s*[、.].{0,12}行政复议")),
    ("problems", re.compile(r"^\s*五\s*[、.].{0,16}(?:问题|改进)")),
    ("other_matters", re.compile(r"^\s*六\s*[、.]\s*其他需要报告")),
)


def report_sections(original: str, normalized: str, regions: Regions) -> dict[str, str] | None:
    """Section id → its text; None when the headings cannot be found line by line."""
    lines = normalized.split("\n")
    source = source_lines(original)
    if len(source) != len(lines):
        return None
    starts = _heading_lines(lines)
    if not starts:
        return None
    table_lines = _table_lines(normalized, regions)
    ordered = sorted(starts.items(), key=lambda item: item[1])
    sections = {}
    for index, (section_id, start) in enumerate(ordered):
        end = ordered[index + 1][1] if index + 1 < len(ordered) else len(lines)
        kept = [
            source[n]
            for n in range(start + 1, end)
            if n not in table_lines and lines[n].strip()  # page furniture is blanked
        ]
        if end == len(lines):
            kept = kept[: len(kept) - closing_lines(kept)]
        text = "\n".join(unmarked(line).strip() for line in kept if unmarked(line).strip())
        if text:
            sections[section_id] = text
    return sections or None


def _heading_lines(lines: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for number, line in enumerate(lines):
        for section_id, pattern in _HEADINGS:
            if section_id not in found and pattern.match(line):
                found[section_id] = number
                break
    return found


def _table_lines(text: str, regions: Regions) -> set[int]:
    """The lines of the tables' regions, less the whole lines of prose in them: a section's
    text before its table (三、… 「本年度共收到申请50件。」) stays in the region of the
    table before it, yet is the section's own."""
    taken: set[int] = set()
    for region in (regions.active, regions.applications, regions.appeals):
        if region is not None:
            first = text.count("\n", 0, region.start)
            last = text.count("\n", 0, region.end)
            taken.update(range(first, last + 1))
    return taken - _prose_lines(text, regions.narrative_spans)


def _prose_lines(text: str, spans: tuple[tuple[int, int], ...]) -> set[int]:
    """The lines that lie wholly inside one of the narrative spans."""
    prose: set[int] = set()
    for start, stop in spans:
        first = text.count("\n", 0, start) + (start > 0 and text[start - 1] != "\n")
        last = text.count("\n", 0, stop) - (stop < len(text) and text[stop] != "\n")
        prose.update(range(first, last + 1))
    return prose
