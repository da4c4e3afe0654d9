"""The fuzz corpus (seeds and reports rendered in every format, plus the crafted bombs)
and structured mutators over it: bytes flipped, cut, repeated and spliced, tokens that
stress each format inserted, and the XML inside DOCX, XLSX and OFD mutated then zipped again.
"""

from __future__ import annotations

import io
import random
import re
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from gongkai.readers import read_path
from gongkai.render import render
from gongkai.render.text import LAYOUTS, render_text
from tests.support.corpus.ofd import Ways, pdf_to_ofd
from tests.support.hostile import CRAFTED, SEEDS
from tests.support.reports import report_from_rng
from tests.support.variants import turned_pdf

FIXTURES = SEEDS.parent
FORMATS = ("text", "html", "json", "docx", "xlsx", "pdf", "ofd", "image", "bundle")

_TOKENS: dict[str, tuple[bytes, ...]] = {
    "text": (
        b"\t",
        b"\f",
        b"|",
        b"\n",
        b"\r",
        b"\x00",
        b"\xef\xbb\xbf",
        b"9" * 120,
        b"1,234,567",
        b"-7",
        b"0.0000001",
        "一、".encode(),
        "三、收到和处理政府信息公开申请情况".encode(),
        "四、政府信息公开行政复议、行政诉讼情况".encode(),
        "（七）总计".encode(),
        "①".encode(),
        "資訊".encode(),
        "²".encode(),
        "٣".encode(),
        b"<td>",
        b"&nbsp;",
        b"**",
        "第 3 页 共 9 页".encode(),
        "——".encode(),
    ),
    "html": (
        b'<td colspan="999999">',
        b'<td rowspan="0">',
        b"<table>",
        b"</table>",
        b"<tr>",
        b'<meta charset="punycode">',
        b'<meta charset="gbk">',
        b"<div>" * 300,
        b"<!--",
        b"<![CDATA[",
        b"&#99999999;",
        b"<td>" * 50,
        b"<th colspan=x>",
        b"<br>",
    ),
    "xml": (
        b'<w:gridSpan w:val="99999"/>',
        b'<w:gridSpan w:val="-3"/>',
        b"<w:vMerge/>",
        b'<c r="XFD1048576"><v>1</v></c>',
        b'<mergeCell ref="A1:Z9999"/>',
        b"<v>1e999</v>",
        b't="s"',
        b't="e"',
        b"<v>-0</v>",
        b'formatCode="0.' + b"0" * 60 + b'"',
        b'<!DOCTYPE x [<!ENTITY a "b">]>',
        b'DeltaX="g 99999999 1"',
        b'CTM="1e300 0 0 1e300 0 0"',
        b'Boundary="0 0 nan inf"',
        b"<ofd:PageBlock>" * 50,
        b'ResourceID="1"',
        b'CTM="0 1 -1 0 0 0"',
        b'BaseLoc="../../../../etc/passwd"',
        b"&a;",
        b'<row r="0">',
        b'r="A0"',
        b"<w:tbl>",
        b'<hyperlink ref="A:A"/>',
        b"\xff\xfe",
    ),
    "json": (
        b"[",
        b"{",
        b"]",
        b"}",
        b"9" * 60,
        b"1e400",
        b"-0",
        b"null",
        b'"\\ud800"',
        b"NaN",
        b'"2021-02-30"',
        b'"template": "2030"',
        b",",
    ),
    "pdf": (
        b"/MediaBox [0 0 1 842]",
        b"/MediaBox [0 0 99999 99999]",
        b"/Rotate 90",
        b"/Count 999999",
        b"/Kids [1 0 R]",
        b" 0 R",
        b"endobj",
        b"stream",
        b"/Length 0",
        b"BT /F1 1e30 Tf ET",
        b"q 1e9 0 0 1e9 0 0 cm",
        b"/Filter /FlateDecode",
    ),
    "image": (b"\xff\xff\xff\xff", b"\x00\x00", b"IDAT", b"\xff\xd8\xff\xe0", b"II*\x00"),
}


def corpus(seed: int = 11) -> dict[str, list[bytes]]:
    """Inputs to start from, by format: seeds and generated reports in every format."""
    rng = random.Random(seed)
    reports = [read_path(p) for p in sorted(SEEDS.glob("*.txt"))]
    reports += [report_from_rng(rng) for _ in range(3)]
    found: dict[str, list[bytes]] = {kind: [] for kind in FORMATS}
    found["text"] = [p.read_bytes() for p in sorted(FIXTURES.glob("*/*.txt"))]
    found["text"] += [
        render_text(r, LAYOUTS[i % len(LAYOUTS)]).encode() for i, r in enumerate(reports)
    ]
    for report in reports:
        for kind in ("html", "docx", "xlsx"):
            found[kind].append(render(report, kind))
        found["json"].append(report.model_dump_json(by_alias=True).encode())
    found["pdf"] = [_uncompressed(render(r, "pdf")) for r in reports[:3]]
    # one OFD as printers write it, one grouped every way and lying on its side
    found["ofd"] = [
        pdf_to_ofd(render(reports[0], "pdf")),
        pdf_to_ofd(turned_pdf(render(reports[1], "pdf"), 90, shown=False), Ways(True, True, True)),
    ]
    found["image"] = [_page_image(found["pdf"][0], kind) for kind in ("PNG", "JPEG", "TIFF")]
    found["bundle"] = [_bundle(found["text"][:2] + found["docx"][:1])]
    for crafted in CRAFTED:  # the bombs, kept small where their size is a parameter
        if "1GiB" not in crafted.name and "12000" not in crafted.name:
            found[_kind_of(crafted.name, crafted.via)].append(crafted.make())
    return found


def _kind_of(name: str, via: str) -> str:
    if via in ("bundle", "json"):
        return via
    head = name.split("-")[0]
    return {"png": "image", "tiff": "image", "zip": "docx"}.get(head, head)


def _uncompressed(pdf: bytes) -> bytes:
    """The PDF with its streams uncompressed (qpdf), so that mutations reach content."""
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder, "in.pdf"), Path(folder, "out.pdf")
        source.write_bytes(pdf)
        done = subprocess.run(
            ["qpdf", "--qdf", "--object-streams=disable", str(source), str(target)],
            capture_output=True,
            check=False,
        )
        return target.read_bytes() if done.returncode in (0, 3) else pdf


def _page_image(pdf: bytes, kind: str) -> bytes:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        picture = document[0].render(scale=60 / 72).to_pil()
    finally:
        document.close()
    out = io.BytesIO()
    picture.convert("L").save(out, kind)
    return out.getvalue()


def _bundle(files: list[bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, data in enumerate(files):
            archive.writestr(f"reports/{index}.bin", data)
    return out.getvalue()


# ---------------------------------------------------------------- mutators


def mutate(kind: str, data: bytes, pool: list[bytes], rng: random.Random) -> bytes:
    """One to four mutations of `data`; zips may be mutated inside their XML. Text, web
    pages and JSON are sometimes made long too (a long line, a structure repeated, deep
    nesting): one such input costs a reader about a second, so they are kept to a share
    that leaves the smoke run's pace about what it was."""
    if kind in ("docx", "xlsx", "ofd", "bundle") and rng.random() < 0.7:
        mutated = _mutate_member(data, pool, rng)
        if mutated is not None:
            return mutated
    tokens = _TOKENS.get(kind, _TOKENS["text"])
    for _ in range(rng.randint(1, 4)):
        data = rng.choice(_BYTE_MUTATIONS)(data, pool, tokens, rng)
    if kind in ("text", "html", "json") and rng.random() < _LONG_SHARE:
        data = rng.choice(_LONG_MUTATIONS)(data, pool, tokens, rng)
    return data


def _mutate_member(data: bytes, pool: list[bytes], rng: random.Random) -> bytes | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = {i.filename: archive.read(i) for i in archive.infolist()}
    except Exception:
        return None  # already broken by an earlier mutation: mutate its bytes instead
    name = rng.choice(sorted(members))
    for _ in range(rng.randint(1, 3)):
        members[name] = rng.choice(_BYTE_MUTATIONS)(members[name], pool, _TOKENS["xml"], rng)
    if rng.random() < _LONG_SHARE:
        members[name] = rng.choice(_LONG_MUTATIONS)(members[name], pool, _TOKENS["xml"], rng)
    out = io.BytesIO()
    method = rng.choice((zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED))
    with zipfile.ZipFile(out, "w", method) as archive:
        for member_name, content in members.items():
            archive.writestr(member_name, content)
    return out.getvalue()


Mutation = Callable[[bytes, list[bytes], tuple[bytes, ...], random.Random], bytes]


def _flip(data: bytes, pool: list[bytes], tokens: tuple[bytes, ...], rng: random.Random) -> bytes:
    if not data:
        return data
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _cut(data: bytes, pool: list[bytes], tokens: tuple[bytes, ...], rng: random.Random) -> bytes:
    start = rng.randrange(len(data) + 1)
    return data[:start] + data[start + rng.randint(1, 1 + len(data) // 8) :]


def _repeat(data: bytes, pool: list[bytes], tokens: tuple[bytes, ...], rng: random.Random) -> bytes:
    start = rng.randrange(len(data) + 1)
    piece = data[start : start + rng.randint(1, 256)]
    return data[:start] + piece * rng.choice((2, 3, 10, 100)) + data[start:]


def _insert(data: bytes, pool: list[bytes], tokens: tuple[bytes, ...], rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice(tokens) * rng.choice((1, 1, 2, 50)) + data[at:]


def _splice(data: bytes, pool: list[bytes], tokens: tuple[bytes, ...], rng: random.Random) -> bytes:
    other = rng.choice(pool)
    at, start = rng.randrange(len(data) + 1), rng.randrange(len(other) + 1)
    return data[:at] + other[start : start + rng.randint(1, 4096)] + data[at:]


def _truncate(
    data: bytes, pool: list[bytes], tokens: tuple[bytes, ...], rng: random.Random
) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _numbers(
    data: bytes, pool: list[bytes], tokens: tuple[bytes, ...], rng: random.Random
) -> bytes:
    """A printed number replaced by an extreme one (sizes, counts, spans, cells)."""
    found = _DIGITS.search(data, rng.randrange(len(data) + 1)) or _DIGITS.search(data)
    if found is None:
        return data
    value = rng.choice((b"0", b"1", b"-1", b"65535", b"2147483648", b"99999999999", b"1e308"))
    return data[: found.start()] + value + data[found.end() :]


_DIGITS = re.compile(rb"\d+")
_BYTE_MUTATIONS: tuple[Mutation, ...] = (
    _flip,
    _cut,
    _repeat,
    _insert,
    _insert,
    _splice,
    _truncate,
    _numbers,
    _numbers,
)


# ---------------------------------------------------------------- long inputs

# The share of inputs also made long, and the most bytes one long mutation adds: 2 MB,
# far inside the web's limits (50 MiB a file, 5 000 000 characters of text), so that a
# reader's time, not a limit, is what such an input tests.
_LONG_SHARE = 0.08
_LONG_BYTES = 2_000_000
# What a long line is made of where readers scan lines, cells and sentences: page
# furniture (spaces, tabs, full-width spaces, rules), figures, numerals, table labels.
_LONG_PIECES = (
    b" ",
    b"\t",
    b"7 ",
    b"1 2 ",
    "\u3000".encode(),
    "—".encode(),
    "一二三".encode(),
    "本年新收政府信息公开申请数量".encode(),
    "（一）予以公开 ".encode(),
    "申请12件，".encode(),
    b"| ",
    b"&nbsp;",
)
# A row, a cell, a table, a paragraph, as web pages, Word and workbooks write them.
_STRUCTURES = (b"tr", b"td", b"th", b"table", b"w:tr", b"w:tc", b"w:tbl", b"w:p", b"row", b"c")
_NESTS = (b"<div>", b"<table><tr><td>", b"<w:tbl><w:tr><w:tc>", b"[", b'{"a":')


def _long_line(
    data: bytes, pool: list[bytes], tokens: tuple[bytes, ...], rng: random.Random
) -> bytes:
    """One line made 10^4 to 10^6 bytes long with one piece, at a line's start or within."""
    piece = rng.choice(_LONG_PIECES)
    run = piece * (rng.choice((10_000, 30_000, 100_000, 300_000)) // len(piece))
    at = rng.randrange(len(data) + 1)
    if rng.random() < 0.5:
        at = data.rfind(b"\n", 0, at) + 1
    return data[:at] + run[:_LONG_BYTES] + data[at:]


def _repeat_structure(
    data: bytes, pool: list[bytes], tokens: tuple[bytes, ...], rng: random.Random
) -> bytes:
    """An element (row, cell, table, paragraph) or else a line repeated 100 to 5 000 times:
    a long table, a wide row, a report pasted over and over."""
    piece = _element(data, rng.choice(_STRUCTURES), rng.randrange(len(data) + 1))
    if piece is None:
        at = rng.randrange(len(data) + 1)
        start, end = data.rfind(b"\n", 0, at) + 1, data.find(b"\n", at)
        piece = (start, len(data) if end < 0 else end + 1)
    start, end = piece
    times = min(rng.choice((100, 1_000, 5_000)), _LONG_BYTES // max(1, end - start))
    return data[:end] + data[start:end] * times + data[end:]


def _element(data: bytes, tag: bytes, at: int) -> tuple[int, int] | None:
    """Where the first `tag` element from `at` on starts and ends, by plain search."""
    start = data.find(b"<" + tag, at)
    if start < 0 or data[start + len(tag) + 1 : start + len(tag) + 2] not in (b" ", b">"):
        return None
    end = data.find(b"</" + tag + b">", start)
    return None if end < 0 else (start, end + len(tag) + 3)


def _nest(data: bytes, pool: list[bytes], tokens: tuple[bytes, ...], rng: random.Random) -> bytes:
    """Openings nested 100 to 10 000 deep (pages, Word tables, JSON)."""
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice(_NESTS) * rng.choice((100, 1_000, 10_000)) + data[at:]


_LONG_MUTATIONS: tuple[Mutation, ...] = (_long_line, _long_line, _repeat_structure, _nest)
