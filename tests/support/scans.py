"""Scans made the hard way: a rendered PDF rasterised, skewed, blurred, noised, JPEG'd."""

from __future__ import annotations

import io
import random

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
