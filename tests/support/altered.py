"""Tables altered as publishers and printers alter them, on a report's rendered HTML."""

from __future__ import annotations

import re


def rules_lost(html: str, rows: tuple[str, ...], column: int) -> str:
    """`html` with the rule under the cell of `column` (from the right) hidden in each row
    whose label is in `rows`: light toner or a faint scan loses a rule in one column, and
    Word lets a publisher take one cell's border away."""
    for label in rows:
        row = next(m for m in re.finditer(r"<tr>.*?</tr>", html, flags=re.S) if label in m[0])
        cell = list(re.finditer(r"<td", row[0]))[column]
        hidden = row[0][: cell.start()] + '<td style="border-bottom-style:hidden"'
        html = html.replace(row[0], hidden + row[0][cell.end() :], 1)
    return html


def row_repeated(html: str, label: str, spans: tuple[str, ...]) -> str:
    """`html` with the row labelled `label` printed twice, as Word's copy and paste of a row
    leaves it, and each merged cell named in `spans` (its text) one row taller over it."""
    row = next(m[0] for m in re.finditer(r"<tr>.*?</tr>", html, flags=re.S) if label in m[0])
    html = html.replace(row, row + row, 1)
    for text in spans:
        cell = re.search(r'<td rowspan="(\d+)">' + re.escape(text), html)
        assert cell is not None, text
        taller = f'<td rowspan="{int(cell[1]) + 1}">{text}'
        html = html[: cell.start()] + taller + html[cell.end() :]
    return html


def row_cut(html: str, label: str) -> str:
    """`html` with the row labelled `label` cut out as a `<tr>`, the cells merged over it
    left as they were: the rows below stand out of line, the table's right edge ragged."""
    row = next(m[0] for m in re.finditer(r"<tr>.*?</tr>", html, flags=re.S) if label in m[0])
    return html.replace(row, "", 1)
