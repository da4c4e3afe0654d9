"""The limits every reader works within: one validated settings object.

Uploads come from anyone, so each reader checks the declared size of what it is about
to build (pages, pixels, cells, unpacked bytes) before building it, and the real size
on the stream where the declaration may lie. A file over a limit is refused with
`OverLimit`, naming the limit; docs/limits.md says why each default is what it is.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from gongkai import messages
from gongkai.errors import GongkaiError, OverLimit

MiB = 1024 * 1024
# The largest value a limit may be set to, a C int's: the number check counts digits with
# a regex repetition, which re refuses past it, and sizes past 2**63 overflow the index
# reads take. No report comes near it (2 GiB, 2 billion pages).
LARGEST = 2**31 - 1


class InvalidLimits(GongkaiError):
    """A limit set in the deployment's settings that is not a positive whole number."""

    code = "settings.invalid_limits"
    http_status = 500


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 50 * MiB  # one file as uploaded
    text_chars: int = 5_000_000  # the text a file yields, before the text reader
    rows: int = 5_000  # rows of one table (a grid, a sheet, a table region of text)
    cells: int = 250_000  # cells of one table, merged cells counted by their area
    span: int = 1_000  # rowspan/colspan/gridSpan beyond this are cut to it, as browsers do
    number_digits: int = 100  # digits of one printed number
    depth: int = 200  # nesting of HTML elements and JSON values
    pages: int = 500  # pages of a PDF
    ocr_pages: int = 80  # pages of a PDF or OFD read by OCR (scans, lying text layers)
    page_points: int = 5_000  # a PDF page's longer side, in points (A0 is 3,370)
    page_objects: int = 100_000  # drawn objects and path segments of one PDF page
    pixels: int = 40_000_000  # one image or rendered page (A4 at 600 dpi is 35 M)
    frames: int = 50  # frames of a multi-page TIFF
    pictures: int = 12  # pictures of a Word document or web page read by OCR
    zip_members: int = 1_000  # entries of one zip (DOCX, XLSX or a bundle of reports)
    unpacked_bytes: int = 200 * MiB  # all entries of one zip, as really unpacked
    xml_bytes: int = 20 * MiB  # all XML parts of a DOCX or XLSX, unpacked

    @classmethod
    def resolve(cls, value: Limits | Mapping[str, object] | None = None) -> Limits:
        """Limits from an instance, a mapping of names to values (settings) or None.

        Unknown names and values that are not positive integers are refused, so that a
        misspelt setting cannot silently leave a limit at its default.
        """
        if isinstance(value, Limits):
            return value
        given = dict(value or {})
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(given) - names)
        if unknown:
            raise InvalidLimits(messages.UNKNOWN_LIMITS.format(names="、".join(unknown)))
        return cls(**{name: _limit(name, number) for name, number in given.items()})

    def check(self, name: str, found: int, location: str | None = None) -> None:
        """Refuse the input when `found` exceeds the limit called `name`."""
        limit = getattr(self, name)
        if found > limit:
            raise OverLimit(name, found, limit, location=location)


DEFAULT_LIMITS = Limits()


def _limit(name: str, value: object) -> int:
    if value == "":
        raise InvalidLimits(messages.EMPTY_LIMIT.format(name=name))
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidLimits(messages.BAD_LIMIT.format(name=name, value=value))
    if value > LARGEST:
        raise InvalidLimits(messages.LIMIT_TOO_LARGE.format(name=name, most=LARGEST))
    return value


def limit_pair(text: str) -> tuple[str, int | str]:
    """A limit written NAME=VALUE (the command line's --limit, the environment's
    GONGKAI_READER_LIMITS), for `Limits.resolve`: a value of digits becomes its number,
    anything else is kept as written, so that resolve refuses it by name."""
    name, _, value = text.partition("=")
    name, value = name.strip(), value.strip()
    if not name:
        raise InvalidLimits(messages.UNNAMED_LIMIT.format(text=text.strip()))
    if not (value.isascii() and value.isdigit()):
        return name, value
    # More digits than LARGEST has is over it, whatever they say; int() would refuse past
    # 4,300 digits with an error of its own.
    if len(value.lstrip("0")) > len(str(LARGEST)):
        return name, LARGEST + 1
    return name, int(value)


def limits_setting(text: str) -> dict[str, int]:
    """The limits an environment variable sets, NAME=VALUE separated by commas, checked as
    `Limits.resolve` checks them. A name set twice is refused: which value was meant?"""
    pairs = [limit_pair(part) for part in text.split(",") if part.strip()]
    names = [name for name, _ in pairs]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise InvalidLimits(messages.LIMIT_TWICE.format(names="、".join(twice)))
    limits = Limits.resolve(dict(pairs))
    return {name: getattr(limits, name) for name in names}


def check_numbers(text: str, limits: Limits) -> None:
    """Refuse a text that prints a number longer than the limit (a 100,000-digit run
    would cost the number parser, and then Python's int, time and memory)."""
    for match in _long_numbers(limits.number_digits).finditer(text):
        digits = sum(ch.isdigit() for ch in match.group())
        if digits > limits.number_digits:
            line = text.count("\n", 0, match.start()) + 1
            limits.check("number_digits", digits, messages.LINE.format(line=line))


@functools.cache
def _long_numbers(most: int) -> re.Pattern[str]:
    """Digit runs, plain or grouped by commas (1,234,567), that may hold more than `most`
    digits: the only numbers worth counting, so real text costs one regex scan."""
    groups = max(1, (most - 2) // 3)
    return re.compile(rf"\d{{{most + 1},}}|\d{{1,3}}(?:,\d{{3}}){{{groups},}}")
