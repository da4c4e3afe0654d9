"""Proofreading a letter's text the way a 公文 reviewer would (GB/T 15834 标点符号用法):
doubled punctuation (「。。」「。”。」「：。」), empty brackets or quotes, brackets that do not
pair, half-width punctuation inside Chinese, placeholders left unfilled. Each problem names
the words around it, so a person can find it.

Also the tidying that keeps filled-in values from causing such problems: a value put inside a
sentence loses its own final 。, and half-width punctuation next to Chinese becomes full-width.
"""

from __future__ import annotations

import re

from gongkai import messages

MARKS = "。，；：、！？"
CLOSERS = "”’）》」』"
PAIRS = (("“", "”"), ("（", "）"), ("《", "》"), ("「", "」"), ("『", "』"))
HAN = r"[\u3400-\u9fff]"
HALF_TO_FULL = str.maketrans(
    {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
)

DOUBLED = re.compile(f"[{MARKS}][{CLOSERS}]*[{MARKS}]")
EMPTY = re.compile("|".join(re.escape(a + b) for a, b in PAIRS))
HALF_WIDTH = re.compile(f"(?<={HAN})[,;:?!()]|[,;:?!()](?={HAN})")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def punctuation_problems(text: str) -> list[str]:
    """Every punctuation problem in `text`, in reading order within each kind."""
    problems = [messages.PUNCT_DOUBLED.format(at=_around(text, m)) for m in DOUBLED.finditer(text)]
    problems += [messages.PUNCT_EMPTY.format(at=_around(text, m)) for m in EMPTY.finditer(text)]
    problems += [messages.PUNCT_HALF.format(at=_around(text, m)) for m in HALF_WIDTH.finditer(text)]
    problems += [messages.UNFILLED.format(name=m.group(0)) for m in PLACEHOLDER.finditer(text)]
    for opener, closer in PAIRS:
        if text.count(opener) != text.count(closer):
            problems.append(messages.PUNCT_UNPAIRED.format(opener=opener, closer=closer))
    return problems


def paragraph_problems(paragraphs: list[str]) -> list[str]:
    """The letter's paragraphs: the addressee line ends with a colon, every other paragraph
    with a full stop (or ！？), and none has a problem of `punctuation_problems`."""
    problems = []
    if paragraphs and not paragraphs[0].endswith("："):
        problems.append(messages.PUNCT_ADDRESSEE.format(at=paragraphs[0][-12:]))
    for paragraph in paragraphs[1:]:
        if paragraph[-1:] not in ("。", "！", "？", "："):  # 现答复如下：
            problems.append(messages.PUNCT_UNFINISHED.format(at=paragraph[-12:]))
    for paragraph in paragraphs:
        problems += punctuation_problems(paragraph)
    return problems


def clause(value: str) -> str:
    """A person's words made fit to stand inside a sentence of a letter: one line, full-width
    punctuation beside Chinese, and no closing mark of its own (the sentence has one)."""
    text = " ".join(value.split())
    # Brackets go full-width as pairs, even in a value without Chinese (「0(2024)」): its
    # sentence is Chinese, so they stand beside it. The rest go full-width beside Chinese.
    text = text.replace("(", "（").replace(")", "）")
    text = HALF_WIDTH.sub(lambda m: m.group(0).translate(HALF_TO_FULL), text)
    return text.rstrip(MARKS + ".;,!?～~ ")


def _around(text: str, match: re.Match[str]) -> str:
    return text[max(0, match.start() - 6) : match.end() + 6]
