"""A figure's minus sign that a scan's ink threshold lost, found again in the grey
(gongkai.readers.scansign): a minus is read or doubted, never dropped; a figure printed
without one never gains one. A minus lost whole is seen by the room it leaves; a faint
mark before a count, which cannot be below zero, is no sign."""

from __future__ import annotations

import subprocess

import cv2
import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image, ImageDraw, ImageFont

from gongkai import catalog
from gongkai.readers import scangrid
from gongkai.readers.scancells import (
    _INSET,
    UNREAD,
    _heading,
    _Line,
    cell_boxes,
    signed,
    whole_lines,
)
from gongkai.readers.scansign import Sign, room_for_a_minus, shift, sign_before
from gongkai.readers.scantext import InkBox

_WIDTH, _HEIGHT = 272, 50  # a figure cell of table 二 at 200 dpi, its rules included
_FONT = subprocess.run(
    ["fc-match", "-f", "%{file}", "Noto Serif CJK SC"], capture_output=True, text=True, check=True
).stdout
_SIZE = 30  # pixels to the em: the reports' body type at 200 dpi


def _printed(
    text: str, toner: float, blur: float, seed: int, first_ink: float = 1.0
) -> tuple[np.ndarray, int]:
    """`text` centred in a cell, printed with `toner` (how dark full black prints) on
    off-white paper, its first character at `first_ink` of full black (a light stroke),
    scanned with a Gaussian blur of `blur` pixels and sensor noise; and the column of the
    middle of its first character's ink."""
    sheet = Image.new("L", (_WIDTH, _HEIGHT), 255)
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.truetype(_FONT, _SIZE)
    left, _, right, _ = draw.textbbox((0, 0), text, font=font)
    x = (_WIDTH - (right - left)) // 2 - left
    draw.text((x, 6), text[0], font=font, fill=round(255 * (1 - first_ink)))
    draw.text((x + draw.textlength(text[0], font=font), 6), text[1:], font=font, fill=0)
    ink_left, _, ink_right, _ = draw.textbbox((0, 0), text[0], font=font)
    first = round(x + (ink_left + ink_right) / 2)
    ink = np.asarray(sheet, dtype=np.float32) / 255
    paper = 242.0
    pixels = paper - (1 - ink) * (paper - 255 * (1 - toner))
    if blur > 0:
        pixels = np.asarray(cv2.GaussianBlur(pixels, (0, 0), blur), np.float32)
    pixels += np.random.default_rng(seed).normal(0, 4, pixels.shape)
    return np.clip(pixels, 0, 255).astype(np.uint8), first


def _lines(grey: np.ndarray) -> tuple[np.ndarray, list[InkBox]]:
    """The cell's pixels inside its rules and its lines of print, as the scan reader cuts
    them (gongkai.readers.scancells.cell_boxes, pieces of a line joined by `whole_lines`
    against the height of a line of crisp print)."""
    cell = scangrid.Cell(0, 0, 1, 1, 0, 0, _WIDTH, _HEIGHT)
    inside = grey[_INSET : _HEIGHT - _INSET, _INSET : _WIDTH - _INSET]
    return inside, whole_lines(cell_boxes(scangrid.binarise(grey), cell), _LINE)


_LINE = 29.0  # pixels: a crisp line of figures' box, its margins included

_FIGURES = st.integers(1, 99_999).map(str)
_TONER = st.floats(0.78, 0.95)
_BLUR = st.floats(0.0, 2.6)
# Past this a minus blurs into the digit beside it and the threshold keeps a part of
# the two as one mark: neither found nor wholly in the crop (docs/accuracy.md).
_FOUND_BLUR_MAX = 1.8
_FOUND_BLUR = st.floats(0.0, _FOUND_BLUR_MAX)


_MIDDLE = 0.0  # where a table's centred figures stand in their cells (`scansign.centring`)


@given(_FIGURES, _TONER, _BLUR, st.integers(0, 2**16))
def test_a_figure_printed_without_a_minus_never_gains_one(
    figure: str, toner: float, blur: float, seed: int
) -> None:
    """Nor, centred, leaves room for a lost one (but past a blur of 1.8 pixels, where a
    3's thin arms fade and its ink stands right: a doubt then, never a silent reading)."""
    grey, _ = _printed(figure, toner, blur, seed)
    inside, boxes = _lines(grey)
    assert [sign_before(inside, box) for box in boxes] == [Sign.NONE] * len(boxes)
    shifts = [shift(inside.shape[1], box) for box in boxes]
    assert blur > _FOUND_BLUR_MAX or not any(room_for_a_minus(s, _MIDDLE) for s in shifts)


@given(_FIGURES, _TONER, _FOUND_BLUR, st.integers(0, 2**16))
def test_a_printed_minus_is_in_the_figure_s_crop_or_found_before_it(
    figure: str, toner: float, blur: float, seed: int
) -> None:
    grey, minus = _printed("-" + figure, toner, blur, seed)
    inside, boxes = _lines(grey)
    assert len(boxes) == 1
    box = boxes[0]  # its crop holds the minus's left half, or the minus is seen before it
    assert box.left <= minus - _INSET or sign_before(inside, box) is not Sign.NONE


def test_a_minus_blurred_lighter_than_the_threshold_is_found_before_the_figure() -> None:
    """Out of focus, 「-19」's minus is lost to the ink threshold and the line's box begins
    at the 1 (table 二 of a scan blurred by 1.5 pixels, issue 13; this minus is drawn
    thicker than that print's, and is lost at 2.1)."""
    grey, minus = _printed("-19", 0.8, 2.1, 0)
    inside, [box] = _lines(grey)
    assert box.left > minus - _INSET
    assert sign_before(inside, box) is Sign.MINUS


def test_a_bar_too_faint_to_be_sure_of_puts_the_figure_in_doubt() -> None:
    """A minus printed at a third of full black: a bar is there, too light to say it is a
    minus and not a smudge, so the figure is doubted (its row flagged), not read as -19."""
    grey, _ = _printed("-19", 0.85, 1.5, 0, first_ink=0.35)
    inside, [box] = _lines(grey)
    assert sign_before(inside, box) is Sign.DOUBT


def _cell_line(inside: np.ndarray, box: InkBox) -> _Line:
    return _Line(0, 0, 0, inside, box)


def test_a_faint_bar_before_a_count_is_no_sign_and_before_a_signed_figure_a_doubt() -> None:
    """A photocopy's speckle smoothed together left of table 三's figures was taken for a
    faint minus and three right counts were read 「?」: a count cannot be below zero, so a
    mark too faint to be a minus says nothing there; in table 二's 本年增/减 it does."""
    grey, _ = _printed("-19", 0.85, 1.5, 0, first_ink=0.35)
    inside, [box] = _lines(grey)
    assert signed(_cell_line(inside, box), "19", False, None) == "19"
    assert signed(_cell_line(inside, box), "19", True, None) == UNREAD


@given(_FIGURES, _TONER, _FOUND_BLUR, st.integers(0, 2**16))
def test_a_minus_lost_whole_leaves_its_room_before_the_figure(
    figure: str, toner: float, blur: float, seed: int
) -> None:
    """A fax leaves no pixel of a one-pixel minus; the figure stands where it was printed,
    centred with its minus (the minus is drawn as paper here)."""
    grey, _ = _printed("-" + figure, toner, blur, seed, first_ink=0.0)
    inside, [box] = _lines(grey)
    assert room_for_a_minus(shift(inside.shape[1], box), _MIDDLE)


def test_a_figure_under_本年增减_whose_minus_was_lost_whole_is_in_doubt() -> None:
    """Faxed, 「-12」 was read 12 with no warning (issue 13): under a header that lets the
    figure be below zero, in a table that centres its figures, it is doubted; where the
    table's centring is not known, it cannot be."""
    grey, _ = _printed("-12", 0.9, 0.0, 0, first_ink=0.0)
    inside, [box] = _lines(grey)
    assert signed(_cell_line(inside, box), "12", True, _MIDDLE) == UNREAD
    assert signed(_cell_line(inside, box), "12", False, _MIDDLE) == "12"
    grey, _ = _printed("12", 0.9, 0.0, 0)
    inside, [box] = _lines(grey)
    assert signed(_cell_line(inside, box), "12", True, _MIDDLE) == "12"


def test_a_garbled_本年增减_header_still_heads_a_signed_column() -> None:
    """A recogniser's reading of the header that is not the label to the letter (「本年增减」,
    a variant 増, 「增/减」 alone) once made the column a count's: a faint or lost minus
    under it went unsaid. Every other header of the tables is a count's."""
    for garbled in ("本年增/减", "本年 增/减", "本年增减", "本年増/减", "增/减", "本年增/減"):
        assert catalog.signed_header(garbled), garbled
    for count in ("本年制发件数", "上一年项目数量", "处理决定数量", "自然人", "尚未审结", "总计"):
        assert not catalog.signed_header(count), count


def test_a_blank_mark_above_a_figure_is_not_its_header() -> None:
    """「—」 printed in the cell above (行政许可's 本年增/减 left blank) once stood as the header
    of the figure below, so that its column was taken for a count's."""
    grid = [["信息内容", "本年增/减"], ["行政许可", "—"], ["行政处罚", "12"]]
    assert _heading(grid, 2, 1) == "本年增/减"
