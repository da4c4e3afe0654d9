"""What every writer prints besides the tables: the title and the sections' paragraphs."""

from __future__ import annotations

from gongkai import catalog
from gongkai.model import Report


def title_of(report: Report) -> str:
    return f"{report.agency or ''}{report.year or ''}年{catalog.TITLE_SUFFIX}"


def section_paragraphs(report: Report, section_id: str) -> list[str]:
    text = (report.sections or {}).get(section_id, "")
    return [line.strip() for line in text.split("\n") if line.strip()]


def closing(report: Report) -> list[str]:
    """The signature and date that end a published report."""
    if report.published_on is None:
        return []
    date = report.published_on
    return [line for line in (report.agency, f"{date.year}年{date.month}月{date.day}日") if line]
