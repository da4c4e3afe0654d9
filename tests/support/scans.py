"""Scans made the hard way: a rendered PDF rasterised, skewed, blurred, noised, JPEG'd."""

from __future__ import annotations

import io
import random
from collections.abc import Callable

import numpy as np
import pypdfium2
from PIL import Image, ImageFilter


def degrade(page: Image.Image, rng: random.Random) -> Image.Image:
    page = page.convert("L").rotate(rng.uniform(-0.6, 0.6), expand=False, fillcolor=255)
    page = page.filter(ImageFilter.GaussianBlur(radius=0.6))
    pixels = np.asarray(page, dtype=np.int16)
    noise = np.random.default_rng(rng.randrange(2**32)).normal(0, 8, pixels.shape)
    page = Image.fromarray(np.clip(pixels + noise, 0, 255).astype(np.uint8))
    buffer = io.BytesIO()
    page.save(buffer, "JPEG", quality=70)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")


def scan_pdf(pdf: bytes, dpi: int = 200, seed: int = 0) -> bytes:
    """An image-only PDF of `pdf`'s pages as a scanner at `dpi` would give them."""
    rng = random.Random(seed)
    document = pypdfium2.PdfDocument(pdf)
    pages = [degrade(page.render(scale=dpi / 72).to_pil(), rng) for page in document]
    document.close()
    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=dpi)
    return out.getvalue()


def print_and_scan(pdf: bytes, seed: int = 0, dpi: int = 200, turn: float = 0.0) -> bytes:
    """An image-only PDF of `pdf` printed at 300 dpi on a laser printer and scanned in grey
    at `dpi`: toner a little light, off-white paper shaded towards one edge, the sheet fed
    with a slight skew and offset (and laid `turn` degrees further askew, as by hand on the
    glass), lens blur, sensor noise, dust, JPEG at office settings."""
    rng = random.Random(seed)
    document = pypdfium2.PdfDocument(pdf)
    pages = [
        _scanned(page.render(scale=300 / 72, grayscale=True).to_pil(), rng, dpi, turn)
        for page in document
    ]
    document.close()
    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=dpi)
    return out.getvalue()


def _scanned(printed: Image.Image, rng: random.Random, dpi: int, turn: float) -> Image.Image:
    noise = np.random.default_rng(rng.randrange(2**32))
    ink = np.asarray(printed.convert("L"), dtype=np.float32) / 255
    toner = rng.uniform(0.78, 0.95)  # how dark full black prints
    paper = rng.uniform(236, 250) + np.linspace(-5, 5, ink.shape[1])[None, :] * rng.choice((-1, 1))
    pixels = paper - (1 - ink) * (paper - 255 * (1 - toner))
    sheet = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    sheet = sheet.rotate(
        rng.uniform(-1.0, 1.0) + turn,
        resample=Image.Resampling.BICUBIC,
        translate=(rng.randint(-12, 12), rng.randint(-12, 12)),
        fillcolor=int(paper.mean()),
    )
    width, height = (round(side * dpi / 300) for side in sheet.size)
    sheet = sheet.resize((width, height), Image.Resampling.LANCZOS)
    sheet = sheet.filter(ImageFilter.GaussianBlur(radius=rng.uniform(0.4, 0.9)))
    scanned = np.asarray(sheet, dtype=np.float32) + noise.normal(
        0, rng.uniform(3, 8), (height, width)
    )
    for _ in range(rng.randint(20, 120)):  # dust and toner specks
        y, x = noise.integers(0, height - 3), noise.integers(0, width - 3)
        scanned[y : y + noise.integers(1, 3), x : x + noise.integers(1, 3)] -= noise.uniform(
            60, 160
        )
    buffer = io.BytesIO()
    Image.fromarray(np.clip(scanned, 0, 255).astype(np.uint8)).save(
        buffer, "JPEG", quality=rng.randint(55, 85)
    )
    return Image.open(io.BytesIO(buffer.getvalue()))


def reworked(scan: bytes, dpi: int, rework: Callable[[Image.Image], Image.Image]) -> bytes:
    """`scan` (an image-only PDF at `dpi`) with each page reworked by `rework`."""
    document = pypdfium2.PdfDocument(scan)
    pages = [rework(page.render(scale=dpi / 72).to_pil()) for page in document]
    document.close()
    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=dpi)
    return out.getvalue()


def blurred(page: Image.Image) -> Image.Image:
    """A page as a scanner out of focus gives it: a Gaussian blur of 1.5 pixels."""
    return page.convert("L").filter(ImageFilter.GaussianBlur(1.5))


def photocopied(page: Image.Image) -> Image.Image:
    """A photocopy of the page scanned: the paper a dark grey, the print's contrast cut by
    a quarter, and the copier's speckle (single dots and pairs of toner across the sheet)."""
    grey = np.asarray(page.convert("L"), dtype=np.float32) * 0.78
    noise = np.random.default_rng(round(float(grey.sum())) % 2**32)
    dots = noise.random(grey.shape) < 0.004
    dots |= np.roll(dots & (noise.random(grey.shape) < 0.3), 1, axis=1)
    grey[dots] = noise.uniform(40, 110, int(dots.sum()))
    return Image.fromarray(np.clip(grey, 0, 255).astype(np.uint8))


def faxed(page: Image.Image) -> Image.Image:
    """A fax at its standard resolution: black and white, 200 dpi across and 100 down, each
    line of the sheet shown twice as tall as the receiver prints it."""
    grey = page.convert("L")
    half = grey.resize((grey.width, grey.height // 2), Image.Resampling.BOX)
    bits = half.point(lambda v: 255 if v > 160 else 0)
    return bits.resize(grey.size, Image.Resampling.NEAREST).convert("1")
