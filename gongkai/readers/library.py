"""Third-party parsers at the trust boundary: whatever they raise on a hostile file
becomes the project's typed error.

lxml, openpyxl, python-docx, pdfminer, pypdfium2 and Pillow each fail on broken input
with dozens of exception types of their own and of the standard library (ParseError,
zlib.error, struct.error, IndexError, KeyError, …), and a fuzzer finds new ones every
hour. Only the calls into those libraries are wrapped, so a fault in gongkai's own code
is not mistaken for a broken file. MemoryError passes through: the isolation helper
reports it as the read running out of memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from gongkai.errors import GongkaiError, UnreadableInput


@contextmanager
def library_errors(message: str, location: str | None = None) -> Iterator[None]:
    """Turn any failure of the library calls in the block into UnreadableInput(message)."""
    try:
        yield
    except (GongkaiError, MemoryError):
        raise
    except Exception as exc:
        raise UnreadableInput(message, location=location) from exc
