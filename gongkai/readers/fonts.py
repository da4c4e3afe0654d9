"""The CJK font pictures drawn by the project write their text in."""

from __future__ import annotations

import functools

from PIL import ImageFont

_CJK = "NotoSansCJK-Regular.ttc"  # installed by scripts/install-system-packages.sh

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@functools.lru_cache(maxsize=64)
def cjk_font(size: int) -> Font:
    """The CJK font at `size` pixels (kept: Pillow looks a bare file name up through the
    system's font folders on each load); without it, Pillow's own, whose glyphs lack
    Chinese."""
    try:
        return ImageFont.truetype(_CJK, size)
    except OSError:
        return ImageFont.load_default(size)
