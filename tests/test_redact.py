"""Redaction burned in: whatever a box covers is gone from the result — no text layer, no
font, no image data under a box — proved by extracting text and images from the output with
pdftotext, pdfimages and pypdfium2, as anyone receiving the file could."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
import json
import subprocess
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from gongkai import messages
from gongkai.cases.letters import Letter
from gongkai.redact import (
    Box,
    Limits,
    RedactionError,
    boxes_from_json,
    page_count,
    preview,
    redact,
)
from gongkai.render.letter import letter_pdf

SECRET = "机密内容甲乙丙丁"


@functools.cache
def letter_with_secret() -> bytes:
    paragraphs = ["张三：", f"{SECRET}在此。其余内容可以公开。", "第二段可以公开。"]
    return letter_pdf(
        Letter("答复书", "依申请〔2026〕1号", paragraphs, "某县人民政府", dt.date(2026, 1, 5))
    )


def _box_around(pdf: bytes, words: str, pad: float = 3) -> Box:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        found = page.search(words)[0]
        w, h = page.width, page.height
        return Box(
            0,
            (found["x0"] - pad) / w,
            (found["top"] - pad) / h,
            (found["x1"] + pad) / w,
            (found["bottom"] + pad) / h,
        )


def _images(pdf: bytes, tmp: Path) -> list[Image.Image]:
    (tmp / "out.pdf").write_bytes(pdf)
    subprocess.run(["pdfimages", "-png", str(tmp / "out.pdf"), str(tmp / "img")], check=True)
    return [Image.open(p).convert("L") for p in sorted(tmp.glob("img-*.png"))]


def _region(picture: Image.Image, box: Box) -> list[int]:
    """The grey levels under `box` (the picture in mode L)."""
    values = picture.crop(box.pixels(*picture.size)).get_flattened_data()
    return [v for v in values if isinstance(v, int)]


def test_nothing_under_a_box_survives_in_a_pdf(tmp_path: Path) -> None:
    original = letter_with_secret()
    box = _box_around(original, SECRET)
    result = redact(original, [box]).data
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=result, capture_output=True, check=True
    ).stdout
    assert text.strip() == b""  # no text layer at all, so no hidden text under the box
    assert pdfium.PdfDocument(result)[0].get_textpage().get_text_range() == ""
    fonts = subprocess.run(["pdffonts", "-"], input=result, capture_output=True).stdout
    assert len(fonts.decode().splitlines()) <= 2  # the header only: no font is embedded
    [page] = _images(result, tmp_path)  # one picture per page, nothing else
    assert max(_region(page, box)) < 40  # black (JPEG keeps black black)
    assert SECRET not in pdfium.PdfDocument(result)[0].get_textpage().get_text_range()


def test_what_is_not_boxed_stays_legible(tmp_path: Path) -> None:
    original = letter_with_secret()
    kept = _box_around(original, "第二段可以公开")
    result = redact(original, [_box_around(original, SECRET)]).data
    [page] = _images(result, tmp_path)
    inked = _region(page, kept)
    assert min(inked) < 80 and max(inked) > 200  # dark strokes on white paper
    assert pdfium.PdfDocument(result)[0].get_size() == pytest.approx(
        pdfium.PdfDocument(original)[0].get_size(), abs=1
    )


def _noise_pdf() -> bytes:
    """A scanned page: one picture of noise (a photo, a signature) filling the page."""
    picture = Image.effect_noise((600, 800), 90).convert("RGB")
    buffer = io.BytesIO()
    picture.save(buffer, "PDF", resolution=72)
    return buffer.getvalue()


def test_an_image_under_a_box_is_gone_from_the_images_of_the_pdf(tmp_path: Path) -> None:
    box = Box(0, 0.2, 0.3, 0.7, 0.6)
    result = redact(_noise_pdf(), [box], Limits(dpi=100)).data
    pictures = _images(result, tmp_path)
    assert len(pictures) == 1
    assert max(_region(pictures[0], box)) < 40
    outside = _region(pictures[0], Box(0, 0.75, 0.7, 0.95, 0.95))
    assert max(outside) - min(outside) > 100  # the rest of the scan is still there


def test_an_image_is_redacted_upright_and_loses_its_metadata() -> None:
    picture = Image.effect_noise((300, 200), 90).convert("RGB")
    exif = Image.Exif()
    exif[0x0112] = 6  # shown rotated 90° clockwise, as a phone photo is
    exif[0x010E] = "张三 身份证照片"
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", exif=exif)
    box = Box(0, 0.0, 0.0, 0.5, 0.25)  # top left of the picture as the browser shows it
    result = redact(buffer.getvalue(), [box])
    assert result.content_type == "image/jpeg"
    with Image.open(io.BytesIO(result.data)) as out:
        assert out.size == (200, 300)  # upright
        assert not out.getexif()
        assert max(_region(out.convert("L"), box)) < 40


def test_a_png_stays_a_png() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (100, 100), "white").save(buffer, "PNG")
    result = redact(buffer.getvalue(), [Box(0, 0.5, 0.5, 1, 1)])
    with Image.open(io.BytesIO(result.data)) as out:
        assert out.format == "PNG" and out.getpixel((99, 99)) == (0, 0, 0)
        assert out.getpixel((10, 10)) == (255, 255, 255)


def test_previews_have_the_pages_the_boxes_refer_to() -> None:
    original = letter_with_secret()
    assert page_count(original) == 1
    with Image.open(io.BytesIO(preview(original, 0, dpi=72))) as shown:
        assert shown.size[0] in (595, 596) and shown.size[1] in (841, 842)
    with pytest.raises(RedactionError, match="没有第2页"):
        preview(original, 1)


def test_boxes_from_the_browser_are_checked() -> None:
    good = [{"page": 0, "x0": 0.1, "y0": 0.2, "x1": 0.3, "y1": 0.4}]
    assert boxes_from_json(json.dumps(good), pages=1) == [Box(0, 0.1, 0.2, 0.3, 0.4)]
    for bad in (
        "{",
        "{}",
        json.dumps([{**good[0], "page": 1}]),
        json.dumps([{**good[0], "x1": 0.05}]),
        json.dumps([{**good[0], "y1": 1.5}]),
        json.dumps([{"page": "一"}]),
    ):
        with pytest.raises(RedactionError) as refused:
            boxes_from_json(bad, pages=1)
        assert refused.value.message == messages.REDACT_BOXES


@given(st.recursive(st.none() | st.floats() | st.integers() | st.text(), st.lists, max_leaves=8))
def test_no_posted_value_breaks_the_box_reader(value: object) -> None:
    with contextlib.suppress(RedactionError):
        boxes_from_json(json.dumps(value), pages=3)


def test_other_files_and_oversized_pages_are_refused() -> None:
    with pytest.raises(RedactionError, match="PDF、PNG 或 JPEG"):
        redact(b"PK\x03\x04 a docx", [])
    with pytest.raises(RedactionError, match="尺寸过大"):
        redact(letter_with_secret(), [], Limits(max_pixels=1000))
    with pytest.raises(RedactionError, match="超过0页"):
        redact(letter_with_secret(), [], Limits(max_pages=0))
