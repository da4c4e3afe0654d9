"""Reports flattened the ways issue 13 found in the wild, each from a known report.

- `column_blocks`: pdftotext's default mode on many PDFs. Table 三 comes out as its labels
  first, then the numbers in runs of rows, some read row by row, some column by column,
  with header words between the runs.
- `rows_outside`: Markdown converted from a PDF, where rows of table 二 fell out of the
  table (a page break): printed as plain text after the next heading or at the end.
- `crawled`: text a crawler stripped of its tags: every cell glued, except that some rows
  of table 三 keep a space before their total (「5800000 58」), and table 二's amounts
  carry their unit (「0.6688万元」, or items and amount glued, 「39573802895.90元」).
"""

from __future__ import annotations

import random
import re

from gongkai import catalog
from gongkai.grid import spans_to_grid
from gongkai.model import Report
from gongkai.render import layout
from gongkai.render.text import render_text

_NUMBER_LINE = re.compile(r"^-?\d+(?:\.\d+)?$")
_HEADER_WORDS = ("其他", "总计", "申请人情况", "科研机构", "自然人")


def column_blocks(report: Report, rng: random.Random) -> str:
    """Table 三 as its labels, then runs of rows row by row or column by column."""
    lines = render_text(report, "lines").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("三、收到和处理"))
    end = next(i for i, line in enumerate(lines) if line.startswith("四、政府信息公开"))
    labels, rows = _labels_and_rows(lines[start + 1 : end])
    out = labels[:]
    index = 0
    while index < len(rows):
        size = min(rng.randint(1, 4), len(rows) - index)
        run = rows[index : index + size]
        by_column = size > 1 and rng.random() < 0.5
        order = zip(*run) if by_column else run
        out += [cell for cells in order for cell in cells]
        if rng.random() < 0.2:
            out.append(rng.choice(_HEADER_WORDS))
        index += size
    return "\n".join(lines[: start + 1] + out + lines[end:])


def _labels_and_rows(lines: list[str]) -> tuple[list[str], list[list[str]]]:
    """The label lines, and the runs of number lines (one run per row)."""
    labels: list[str] = []
    rows: list[list[str]] = []
    after_number = False
    for line in lines:
        is_number = bool(_NUMBER_LINE.match(line))
        if not is_number:
            labels.append(line)
        elif after_number:
            rows[-1].append(line)
        else:
            rows.append([line])
        after_number = is_number
    return labels, rows


def rows_outside(report: Report, rng: random.Random) -> str:
    """Markdown in which one to three rows of table 二 are printed outside the table."""
    lines = render_text(report, "markdown").split("\n")
    labels = {row.label for row in catalog.ACTIVE_ROWS[report.template]}
    candidates = [i for i, line in enumerate(lines) if _md_label(line) in labels]
    moved = sorted(rng.sample(candidates, k=rng.randint(1, min(3, len(candidates)))))
    texts = [" ".join(c for c in _md_cells(lines[i]) if c) for i in moved]
    kept = [line for i, line in enumerate(lines) if i not in moved]
    places = [
        next(i for i, line in enumerate(kept) if line.startswith("三、收到和处理")) + 1,
        next(i for i, line in enumerate(kept) if line.startswith("五、")),
        len(kept),
    ]
    at = rng.choice(places)
    return "\n".join(kept[:at] + texts + kept[at:])


def _md_cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _md_label(line: str) -> str:
    return _md_cells(line)[0] if line.startswith("|") else ""


def crawled(report: Report, rng: random.Random) -> str:
    """Glued cells, some totals after a space, amounts with their unit."""
    parts = render_text(report, "glued").split("\n")
    tables = dict(layout.TABLES)
    for section_id in ("active", "applications"):
        grid = spans_to_grid(tables[section_id](report))
        glued = "".join(cell for row in grid for cell in row)
        rows = [_crawled_row(row, section_id, rng) for row in grid]
        parts[parts.index(glued)] = "".join(rows)
    return "\n".join(parts)


def _crawled_row(row: list[str], section_id: str, rng: random.Random) -> str:
    cells = [cell for cell in row if cell]
    if section_id == "applications" and len(cells) > 7 and rng.random() < 0.5:
        return "".join(cells[:-1]) + " " + cells[-1]
    if section_id == "active" and cells and "." in cells[-1] and rng.random() < 0.7:
        return "".join(cells) + "万元"
    return "".join(cells)
