"""Noise that real reports show once flattened to text, applied to rendered text.

Label noise spares the first line: a title is printed large and survives extraction,
while the small print of table cells is what breaks and garbles.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

import opencc

_LABEL_RUN = re.compile(r"[\u4e00-\u9fff]{6,}")
_T2 = opencc.OpenCC("s2t")
_GARBAGE = "口囗△己巳未末土士由甲申"


def break_labels(text: str, rng: random.Random, share: float = 0.3) -> str:
    """Break long labels across lines, as PDF text does in narrow cells."""
    return _split_labels(text, rng, share, "\n", 2)


def spaced_labels(text: str, rng: random.Random, share: float = 0.3) -> str:
    """Single spaces inside labels (自然 人, 结 果 维 持)."""
    return _split_labels(text, rng, share, " ", 1)


def _split_labels(text: str, rng: random.Random, share: float, cut: str, margin: int) -> str:
    def split(match: re.Match[str]) -> str:
        word = match.group(0)
        if rng.random() > share:
            return word
        at = rng.randint(margin, len(word) - margin)
        return word[:at] + cut + word[at:]

    return _body(text, lambda body: _LABEL_RUN.sub(split, body))


def garble_labels(text: str, rng: random.Random, share: float = 0.15) -> str:
    """OCR-like damage: the last characters of a long label replaced by look-alike junk."""

    def garble(match: re.Match[str]) -> str:
        word = match.group(0)
        if rng.random() > share or len(word) < 8:
            return word
        chars = list(word)
        chars[-1] = rng.choice(_GARBAGE)
        return "".join(chars)

    return _body(text, lambda body: _LABEL_RUN.sub(garble, body))


def _body(text: str, change: Callable[[str], str]) -> str:
    title, _, body = text.partition("\n")
    return title + "\n" + change(body)


def traditional(text: str) -> str:
    return str(_T2.convert(text))


def page_breaks(text: str, rng: random.Random, pages: int = 3) -> str:
    """Form feeds with page numbers at the foot of each page, at random lines."""
    lines = text.split("\n")
    cuts = sorted(rng.sample(range(5, len(lines) - 2), k=min(pages, max(0, len(lines) - 8))))
    out: list[str] = []
    page = 1
    for index, line in enumerate(lines):
        out.append(line)
        if cuts and index == cuts[0]:
            out.append(f"- {page} -" if rng.random() < 0.5 else str(page))
            out.append("\f")
            page += 1
            cuts.pop(0)
    return "\n".join(out)


_ROW = re.compile(r"^(?P<label>[^\d\n]{9,}?)(?P<gap>\s{2,})(?P<cells>-?\d[\d\s.-]*)$")


def wrap_layout(text: str, rng: random.Random, share: float = 0.4) -> str:
    """pdftotext -layout wraps long labels: part of the label sits on the line above or below
    the numbers, which stay on one line."""
    out: list[str] = []
    for line in text.split("\n"):
        match = _ROW.match(line)
        if not match or rng.random() > share:
            out.append(line)
            continue
        label, cells = match.group("label"), match.group("cells")
        half = len(label) // 2
        # A wrapped cell starts on or above the numbers' line: the label's head (where its
        # distinctive words are) never drops below them.
        if rng.random() < 0.5:
            at = rng.randint(3, max(3, half))
            out += [label[:at], label[at:] + "   " + cells]
        else:
            at = rng.randint(half, len(label) - 3)
            out += [label[:at] + "   " + cells, "      " + label[at:]]
    return "\n".join(out)
