"""Derive layout fixtures from the real seed texts: `python -m tests.support.derive_layouts`.

Each derived file is a seed's own text in another shape that published reports take
(traditional script, another encoding, flattened HTML, glued cells, …), so that it must
read to the seed's expected data. The files are committed; this script documents how.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import opencc

FIXTURES = Path(__file__).parent.parent / "fixtures"
SEEDS = FIXTURES / "seeds"
OUT = FIXTURES / "layouts"
_TABLES = re.compile(r"(二、主动公开政府信息情况)(.*?)(五、)", re.S)


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text("utf-8")


def _in_tables(text: str, change: Callable[[str], str]) -> str:
    return _TABLES.sub(lambda m: m.group(1) + change(m.group(2)) + m.group(3), text)


def _html_rows(tables: str) -> str:
    rows = []
    for line in tables.split("\n"):
        if "\t" in line:
            cells = "".join(f"<td>{c}&nbsp;</td>" for c in line.split("\t"))
            rows.append(f"<tr>{cells}</tr>")
        else:
            rows.append(line)
    return "\n".join(rows)


def derive() -> dict[str, bytes]:
    s2t = opencc.OpenCC("s2t")
    return {
        "000-traditional.txt": str(s2t.convert(_seed("000"))).encode(),
        "000-gb18030.txt": _seed("000").encode("gb18030"),
        "000-html-residue.txt": _in_tables(_seed("000"), _html_rows).encode(),
        "001-pipes-as-lines.txt": re.sub(r"\s*\|+\s*$", "", _seed("001"), flags=re.M).encode(),
        "003-utf16.txt": _seed("003").encode("utf-16"),
        "003-glued.txt": _in_tables(_seed("003"), lambda t: re.sub(r"[\t\n]", "", t)).encode(),
        "003-markdown.txt": _in_tables(
            _seed("003"),
            lambda t: re.sub(
                r"(?m)^(.*\t.*)$", lambda m: "| " + m.group(1).replace("\t", " | ") + " |", t
            ),
        ).encode(),
        "003-spaces.txt": _in_tables(_seed("003"), lambda t: re.sub(r"\t+", "   ", t)).encode(),
    }


if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    for name, data in derive().items():
        (OUT / name).write_bytes(data)
        print(name, len(data))
