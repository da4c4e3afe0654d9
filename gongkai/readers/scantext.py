"""Where the print is on a scanned page, from its pixels alone: lines and boxes of ink.

The page is upright and binarised (gongkai.readers.scangrid), so a line of print is a run
of inked pixel rows, and within a line a run of blank columns wider than the line is
tall parts two boxes (two cells of an unruled table, a heading's number and its title).
These boxes stand in for the OCR's detection model, which cost a third of a page: each
box is read by the recogniser alone (gongkai.readers.recognise), with the table cells.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

_LINE_GAP = 2  # blank pixel rows that separate two lines of text
MARGIN = 3  # paper kept around a line's ink, as the recogniser was trained on
_MIN_INK = 12  # ink pixels below which a box is dust, not print
_MIN_HEIGHT = 6  # pixels: a shorter run of rows is a speck or a rule's edge, not a line
# A minus sign at 200 dpi in body type is some 8–12 pixels long; one to three thick.
_BAR_THICK = 3
_BAR_LONG = 6
_WORD_GAP = 0.8  # blank columns wider than this many line heights part two boxes


@dataclass(frozen=True)
class InkBox:
    """A box of print on the page, its margin included (pixels, bottom and right open)."""

    left: int
    top: int
    right: int
    bottom: int


def without_specks(marks: np.ndarray) -> np.ndarray:
    """Ink with isolated dots (dust, JPEG noise) removed: a stroke survives an opening."""
    return cv2.morphologyEx(marks, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))


def whole_strokes(ink: np.ndarray, marks: np.ndarray) -> np.ndarray:
    """The pieces of `ink` (8-connected) that keep some ink in `marks`, whole: the opening
    that removes specks also cuts a crisp 2's one-pixel diagonal, which parted its arc
    from its base as two lines of text (a clean page's 222 read as 222222, issue 13)."""
    _count, pieces = cv2.connectedComponents(ink, connectivity=8)
    kept = np.unique(pieces[marks > 0])
    return np.where(np.isin(pieces, kept[kept > 0]), ink, 0).astype(np.uint8)


def thin_bars(ink: np.ndarray) -> np.ndarray:
    """The pieces of `ink` that are short level bars one to three pixels thick: a minus
    sign or a dash, which the opening of `without_specks` wipes out whole in a black and
    white scan (「-19」 was read 19, issue 13). Dust is not that long and flat."""
    _count, pieces, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    width, height = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    bars = (height <= _BAR_THICK) & (width >= _BAR_LONG) & (width >= 3 * height)
    bars[0] = False  # the background
    return np.where(bars[pieces], ink, 0).astype(np.uint8)


def runs(present: np.ndarray, gap: int) -> list[tuple[int, int]]:
    """Runs of True, runs at most `gap` apart joined (a line's accents, a word's parts)."""
    found: list[tuple[int, int]] = []
    for index in np.flatnonzero(present):
        if found and index - found[-1][1] <= gap:
            found[-1] = (found[-1][0], int(index) + 1)
        else:
            found.append((int(index), int(index) + 1))
    return found


def line_boxes(marks: np.ndarray, split: bool) -> list[InkBox]:
    """Each line of print in `marks` (ink as non-zero, specks removed), top to bottom;
    with `split`, each line cut at its wide blank gaps into boxes, left to right."""
    height, width = marks.shape
    boxes = []
    for top, bottom in runs(np.any(marks, axis=1), _LINE_GAP):
        line = marks[top:bottom]
        gap = max(_LINE_GAP, round(_WORD_GAP * (bottom - top))) if split else width
        for left, right in runs(np.any(line, axis=0), gap):
            if int(np.count_nonzero(line[:, left:right])) < _MIN_INK:
                continue
            boxes.append(
                InkBox(
                    max(0, left - MARGIN),
                    max(0, top - MARGIN),
                    min(width, right + MARGIN),
                    min(height, bottom + MARGIN),
                )
            )
    return boxes


def text_boxes(marks: np.ndarray) -> list[InkBox]:
    """The boxes of print outside tables (the tables already blank in `marks`): lines too
    short to be print (dust, the edge of a rule) left out."""
    marks = without_specks(marks)
    return [b for b in line_boxes(marks, True) if b.bottom - b.top - 2 * MARGIN >= _MIN_HEIGHT]
