"""An applicant's identity number as gongkai keeps it: checked where its standard has a check
character (居民身份证号码 GB 11643, 统一社会信用代码 GB 32100), and then kept only as a
masked form and a keyed hash (HMAC-SHA256 with a secret the caller hands in), so that a
stolen database or an export gives no number away, while the same number given again still
finds the same applicant (109号 counts an applicant's applications per month).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import unicodedata

from gongkai import messages

RESIDENT_WEIGHTS = tuple(2 ** (17 - i) % 11 for i in range(17))
RESIDENT_CHECK = "10X98765432"
RESIDENT_ID = re.compile(r"\d{17}[\dX]")

CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
CREDIT_CODE = re.compile(f"[{CREDIT_ALPHABET}]{{18}}")


def normalize_id(text: str) -> str:
    """As typed, made comparable: full-width digits and letters to ASCII, upper case, no
    spaces or hyphens (110101 19900307 123x → 11010119900307123X)."""
    plain = unicodedata.normalize("NFKC", text).upper()
    return re.sub(r"[\s\-]", "", plain)


def resident_id_problem(number: str) -> str:
    """Why an 18-character 居民身份证号码 is wrong (GB 11643: birth date, check character),
    or "" when it is right."""
    if not RESIDENT_ID.fullmatch(number):
        return messages.ID_SHAPE
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return messages.ID_BIRTH
    if born > dt.date.today() or born.year < 1900:
        return messages.ID_BIRTH
    total = sum(int(d) * w for d, w in zip(number[:17], RESIDENT_WEIGHTS, strict=True))
    if RESIDENT_CHECK[total % 11] != number[17]:
        return messages.ID_CHECK
    return ""


def credit_code_problem(code: str) -> str:
    """Why an 18-character 统一社会信用代码 is wrong (GB 32100 check character), or ""."""
    if not CREDIT_CODE.fullmatch(code):
        return messages.CREDIT_SHAPE
    values = [CREDIT_ALPHABET.index(c) for c in code]
    total = sum(v * w for v, w in zip(values[:17], CREDIT_WEIGHTS, strict=True))
    if CREDIT_ALPHABET[(31 - total % 31) % 31] != code[17]:
        return messages.CREDIT_CHECK
    return ""


def id_problem(number: str, *, person: bool) -> str:
    """Why an identity number given on an application is wrong, or "" — checked where its
    standard allows: 18 characters is a resident ID for a person, and for an organisation its
    credit code or its representative's resident ID; other documents (passport,
    港澳居民来往内地通行证…) are taken as typed."""
    if len(number) != 18:
        return ""
    if person:
        return resident_id_problem(number)
    if resident_id_problem(number) == "":
        return ""
    return credit_code_problem(number)


def mask_id(number: str) -> str:
    """Enough to tell two numbers apart when reading, not enough to use: the first four and
    the last two characters (1101************3X)."""
    if len(number) <= 6:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 6) + number[-2:]


def id_digest(number: str, key: bytes) -> str:
    """The keyed hash of a normalised number: equal numbers give equal digests under one key;
    without the key a digest cannot be checked against guesses (an 18-digit ID has few)."""
    return hmac.new(key, normalize_id(number).encode(), hashlib.sha256).hexdigest()
