"""A figure's minus sign in a scanned cell that the ink threshold lost, from the grey.

Out of focus, a minus is a short bar much lighter than the digits beside it (a blur of
1.5 pixels left it 60 grey levels under the paper where the digits stand 95 under): the
binarisation (gongkai.readers.scangrid) keeps a few of its pixels, the dust filter clears
them, and the cell's crop began at the digits, so 「-19」 was read 19 with no warning
(issue 13). A cell read as a bare figure is therefore looked at again in its grey pixels:
a level bar at the digits' middle height, just left of them, is a minus; a bar there too
faint to be sure of makes the cell doubtful, never silently positive.
"""

from __future__ import annotations

import enum

import cv2
import numpy as np

from gongkai.readers.scantext import MARGIN, InkBox

_REACH = 1.0  # of the figure's height: how far left of its ink a minus may start
_GAP = 0.6  # of the figure's height: the most paper between a minus and the digits
_BAND = (0.3, 0.8)  # of the figure's height, from its top: where a minus's middle lies
# Of the digits' depth under the paper: the levels a mark is cut out at. At the lowest a
# blurred minus stands apart from the digits; one blurred into the digit beside it stands
# apart at a higher one. A digit's thin stroke that the threshold lost (the arms of a
# blurred 3) still joins the rest of its digit at every level, and is no sign.
_LEVELS = (0.15, 0.25, 0.35, 0.45)
_DIGIT = 0.75  # of the digits' depth: a mark with a pixel this dark is a digit's
_SURE = 0.5  # of the digits' depth: a bar whose darkest pixel reaches this is a minus
_LONG = 0.25  # of the figure's height: a minus is at least this long
_FLAT = 1.3  # a minus is at least this many times as long as it is thick


class Sign(enum.Enum):
    """What stands left of a figure read without a sign."""

    NONE = "none"
    MINUS = "minus"
    DOUBT = "doubt"


def sign_before(grey: np.ndarray, box: InkBox) -> Sign:
    """The sign left of the figure in `box` (a line of print in the grey pixels `grey`
    of its cell, the box's margin included), judged by the darkest level bar there."""
    top, bottom, left = box.top + MARGIN, box.bottom - MARGIN, box.left + MARGIN
    height = bottom - top
    if height <= 0 or box.right <= left:
        return Sign.NONE
    start = max(0, left - round((_REACH + _GAP) * height))
    window = grey[top:bottom, start : box.right].astype(np.float32)
    # Smoothed over a few pixels, so that sensor noise does not break a faint bar apart.
    darkness = float(np.median(grey)) - cv2.GaussianBlur(window, (3, 3), 0)
    depth = float(np.percentile(darkness[:, left - start :], 98))
    if depth <= 0:
        return Sign.NONE
    strengths = [s for level in _LEVELS for s in _bars(darkness / depth, level, left - start)]
    best = max(strengths, default=0.0)
    if best >= _SURE:
        return Sign.MINUS
    return Sign.DOUBT if best > 0 else Sign.NONE


def _bars(darkness: np.ndarray, level: float, figure: int) -> list[float]:
    """The darkest point of each mark darker than `level` (of the digits' depth) that is
    no digit's (has no pixel of a digit's full ink), ends before the figure's digits begin
    and not before column `figure` (where its kept ink starts: the threshold may keep the
    end of a faint minus), is shaped as a minus and lies where the figure's sign would."""
    height = darkness.shape[0]
    count, pieces, stats, _ = cv2.connectedComponentsWithStats(
        (darkness > level).astype(np.uint8), connectivity=8
    )
    darkest = np.zeros(count, np.float32)
    np.maximum.at(darkest, np.asarray(pieces, np.intp).ravel(), darkness.ravel())
    digits = [p for p in range(1, count) if darkest[p] >= _DIGIT]
    if not digits:
        return []
    first = min(int(stats[p, cv2.CC_STAT_LEFT]) for p in digits)  # where the digits begin
    strengths = []
    for piece in range(1, count):
        x, y, long, thick = (int(v) for v in stats[piece, :4])
        middle = (y + thick / 2) / height
        flat = long >= _LONG * height and long >= _FLAT * thick
        before = x < figure and x + long <= first and first - (x + long) <= _GAP * height
        if darkest[piece] < _DIGIT and flat and before and _BAND[0] <= middle <= _BAND[1]:
            strengths.append(float(darkest[piece]))
    return strengths


# A minus can also be lost whole: a fax halves the page's lines and thresholds them, so a
# one-pixel minus averaged with the paper under it leaves no pixel at all (report 1001's
# 「-12」 read 12 with no warning, issue 13). Nothing of it is left to see, but where it
# stood: the figure was centred with its minus, so it stands right of its cell's middle
# by half the minus and its gap: 0.15–0.45 of the figure's height in body type (a scan's
# blur takes some), where a table's centred figures stand within 0.05 of their cells'
# middles in print and 0.09 of where the others do in the scan corpus, until a blur past
# 1.8 pixels loses a 3's thin arms.
_CENTRED = 0.1  # of a figure's height: figures standing so near their cells' middles
_FEW = 3  # figures of a table below which it is not known to centre them
_LOST = 0.12  # of a figure's height: right of where the others stand, a lost minus's room


def shift(width: int, box: InkBox) -> float:
    """How far right of the middle of its cell (`width` pixels wide) the line of print in
    `box` stands, in shares of the line's height."""
    height = max(1, box.bottom - box.top - 2 * MARGIN)
    return ((box.left + box.right) / 2 - width / 2) / height


def centring(shifts: list[float]) -> float | None:
    """Where a table's figures stand in their cells (`shift` of each cell holding one
    line of a figure) when it centres them; None when it does not or has too few."""
    if len(shifts) < _FEW or float(np.median(np.abs(shifts))) > _CENTRED:
        return None
    return float(np.median(shifts))


def room_for_a_minus(shifted: float, centre: float) -> bool:
    """Whether a figure standing `shifted` in a table whose figures stand at `centre` is
    right of them by a lost minus's room."""
    return shifted - centre >= _LOST
