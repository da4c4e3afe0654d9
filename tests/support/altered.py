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
