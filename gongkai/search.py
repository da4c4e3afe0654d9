"""Chinese text made searchable without a word segmenter: every run of Chinese characters
becomes its overlapping pairs (农村公路 → 农村 村公 公路), other words are lower-cased.

A query matches when all its pairs are present, which finds any word of two or more
characters wherever it stands; the database (PostgreSQL full-text search or SQLite) only has
to match whole tokens.
"""

from __future__ import annotations

import re

_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[0-9A-Za-z]+")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def tokens(text: str) -> list[str]:
    out: list[str] = []
    for run in _RUN.findall(text):
        if _HAN.match(run):
            out += [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]
        else:
            out.append(run.lower())
    return out


def index_text(text: str) -> str:
    """The tokens as one space-separated string, padded so every token is ' token '."""
    return " " + " ".join(dict.fromkeys(tokens(text))) + " "
