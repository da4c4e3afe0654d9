"""What the 台账's search box finds in a case, as words for gongkai.search: the request's
character pairs with the case number as one word, and apart the applicant's pairs.

Kept out of models.py because migration 0008 fills the words of cases already registered
with the same functions, and a migration must not depend on the models of today.
"""

from __future__ import annotations

from gongkai.search import index_text


def search_texts(
    year: int, serial: int | None, request: str, original: str, applicant: str
) -> tuple[str, str]:
    """The case's searchable words: its number as one word and the request's pairs; the
    applicant's pairs."""
    number = f"{number_word(year, serial)} " if serial else ""
    return index_text(f"{request} {original}") + number, index_text(applicant)


def number_word(year: int, serial: int) -> str:
    """A case number as one searchable word, whatever the agency's pattern: n2025x12."""
    return f"n{year}x{serial}"
