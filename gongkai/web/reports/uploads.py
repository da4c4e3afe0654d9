"""What an officer should check before importing an uploaded file: whether the file speaks
of another agency or another year than the one chosen."""

from __future__ import annotations

import re

from gongkai.web.reports.models import ImportBatch, ImportFile

OTHER_AGENCY = "文件标题中的机关为“{found}”，与所选机关“{chosen}”不一致"
OTHER_YEAR = "文件为{found}年度报告，与所选年度{chosen}年不一致"
_NOISE = re.compile(r"\s|人民政府|政府|办公室")


def mismatches(upload: ImportFile, batch: ImportBatch) -> list[str]:
    """The differences between a read file and the agency and year it is imported under."""
    report = upload.read()
    if report is None:
        return []
    found = []
    if report.agency and not same_agency(report.agency, batch.agency.name):
        found.append(OTHER_AGENCY.format(found=report.agency, chosen=batch.agency.name))
    if batch.year is not None and report.year is not None and report.year != batch.year:
        found.append(OTHER_YEAR.format(found=report.year, chosen=batch.year))
    return found


def same_agency(printed: str, chosen: str) -> bool:
    """Whether a title's agency names the chosen one. 盐池县, 盐池县人民政府 and its 办公室
    (which often prepares the government's report) do, and so does a name printed with or
    without the places above it (吴忠市盐池县); 盐池县财政局 and 盐池县人民政府 do not."""
    a, b = _NOISE.sub("", printed), _NOISE.sub("", chosen)
    return printed == chosen or (bool(a and b) and (a.endswith(b) or b.endswith(a)))
