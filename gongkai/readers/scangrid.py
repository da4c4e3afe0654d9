"""Tables of a scanned page from its ruling lines: the page made upright, its rules found,
and the cells they enclose, merged cells included.

A scan is a picture: the table's structure is in its lines. The page is binarised against
its local background, its skew measured from the rows of ink and undone, then horizontal
rules are the long horizontal runs of ink and vertical rules the vertical runs that reach
from one horizontal rule to another (a character's stroke never does: cells have padding).
Rules that touch form a table; the distinct positions of its rules form a grid, and two
neighbouring grid cells are one printed cell where the rule between them is missing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

# A scan's pages are read side by side, one per thread (gongkai.readers.overlap), so
# OpenCV's own threads only add work: they wait for more by spinning, which cost about 5 %
# of a page's CPU (issue 13, docs/accuracy.md "Where a scanned page's time goes").
cv2.setNumThreads(1)

# Degrees either way a sheet may lie askew: a feeder turns it by a degree at most, a sheet
# laid on the glass by hand by several (3.5° was seen to misplace cells when the search
# stopped at 2°). The angle is searched coarse, then fine around the best coarse one.
_SKEW_RANGE = 6.0
_SKEW_COARSE = 0.25
_SKEW_STEP = 0.05
_STRIPS = 32  # vertical strips whose row profiles are shifted against each other
_INK_BLOCK = 41  # pixels: the neighbourhood the background is measured over
_INK_CONTRAST = 40  # grey levels darker than the background that count as ink
_MIN_RULE = 0.04  # a horizontal rule is at least this share of the page's width long
_MIN_STEM = 12  # pixels: the shortest vertical rule (a row of a tight table)
_REACH = 1  # pixels a vertical rule may stop short of the horizontal rule it meets
_END = 3  # pixels at each end of a vertical run that must meet a horizontal rule
_SAME = 5  # pixels: rules closer than this are one rule (its two edges, a wobble)
_COVER = 0.7  # share of a grid edge a rule must cover to separate two cells


@dataclass(frozen=True)
class Cell:
    """A printed cell: its place in the table's grid and its box on the upright page."""

    row: int
    column: int
    rowspan: int
    colspan: int
    left: int
    top: int
    right: int
    bottom: int


@dataclass(frozen=True)
class Table:
    """A ruled table: its box, the positions of its rules and its cells in reading order."""

    left: int
    top: int
    right: int
    bottom: int
    rows: tuple[int, ...]  # y of each horizontal rule, top to bottom
    columns: tuple[int, ...]  # x of each vertical rule, left to right
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Rules:
    """The ruling lines of an upright page, as masks of the binarised page."""

    horizontal: np.ndarray
    vertical: np.ndarray


def to_grey(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:
        return image
    return cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)


def binarise(grey: np.ndarray) -> np.ndarray:
    """Ink as 255, paper as 0: darker than its neighbourhood by a clear margin, so that
    shaded paper and light toner still separate."""
    return cv2.adaptiveThreshold(
        grey,
        255,
        cv2.ADAPTIVE_THRESH_MEAN_C,
        cv2.THRESH_BINARY_INV,
        _INK_BLOCK,
        _INK_CONTRAST,
    )


def skew_angle(ink: np.ndarray) -> float:
    """The angle (degrees, counter-clockwise) the rows of ink are turned by: the one whose
    undoing makes the row profile sharpest. Each vertical strip's profile is shifted by
    its distance from the middle times the tangent, which is rotation for small angles."""
    height, width = ink.shape
    strip = width // _STRIPS
    if strip == 0:
        return 0.0
    profiles = (
        (ink[:, : strip * _STRIPS] > 0)
        .reshape(height, _STRIPS, strip)
        .sum(axis=2, dtype=np.float32)
        .T
    )
    centres = (np.arange(_STRIPS) + 0.5) * strip - width / 2
    pad = math.ceil(width / 2 * math.tan(math.radians(_SKEW_RANGE))) + 1
    padded = np.pad(profiles, ((0, 0), (pad, pad)))
    coarse = _sharpest(padded, centres, _angles(0.0, _SKEW_RANGE, _SKEW_COARSE))
    return _sharpest(padded, centres, _angles(coarse, _SKEW_COARSE, _SKEW_STEP))


def _angles(middle: float, reach: float, step: float) -> list[float]:
    """The angles from `middle - reach` to `middle + reach`, `step` apart."""
    steps = round(reach / step)
    return [middle + i * step for i in range(-steps, steps + 1)]


def _sharpest(profiles: np.ndarray, centres: np.ndarray, angles: list[float]) -> float:
    """Of `angles`, the one whose undoing makes the strips' summed row profile sharpest
    (the largest sum of squares); the first of equals, so a blank page stays level."""
    best, best_score = 0.0, -1.0
    for angle in sorted(angles, key=abs):
        shifts = np.rint(centres * math.tan(math.radians(angle))).astype(int)
        total = np.zeros(profiles.shape[1], dtype=np.float32)
        for profile, shift in zip(profiles, shifts):
            total += np.roll(profile, shift)
        score = float(np.square(total).sum())
        if score > best_score:
            best, best_score = angle, score
    return round(best, 2)


def turning(shape: tuple[int, ...], angle: float) -> np.ndarray | None:
    """The affine map (2×3) of a page's pixels to the page turned by `angle` degrees back
    to level; None when the page is level already."""
    if abs(angle) < _SKEW_STEP / 2:
        return None
    height, width = shape[:2]
    return cv2.getRotationMatrix2D((width / 2, height / 2), -angle, 1.0)


def upright(grey: np.ndarray, angle: float) -> np.ndarray:
    """The page turned by `angle` degrees back to level, corners filled with paper."""
    matrix = turning(grey.shape, angle)
    if matrix is None:
        return grey
    height, width = grey.shape
    paper = int(np.median(grey[:: max(1, height // 64), :: max(1, width // 64)]))
    return cv2.warpAffine(grey, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=paper)


def find_rules(ink: np.ndarray) -> Rules:
    """Horizontal runs long enough to be rules, and vertical runs that join two of them."""
    width = ink.shape[1]
    length = max(40, round(width * _MIN_RULE))
    bridged = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((1, 5), np.uint8))
    horizontal = cv2.morphologyEx(bridged, cv2.MORPH_OPEN, np.ones((1, length), np.uint8))
    stems = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((_MIN_STEM, 1), np.uint8))
    return Rules(horizontal, _joining(stems, horizontal))


def _joining(stems: np.ndarray, horizontal: np.ndarray) -> np.ndarray:
    """The vertical runs whose both ends touch a horizontal rule."""
    near = cv2.dilate(horizontal, np.ones((2 * _REACH + 1, 2 * _REACH + 1), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(stems, connectivity=8)
    keep = np.zeros(count, dtype=bool)
    for label in range(1, count):
        x, y, w, h, _area = stats[label]
        top = near[y : y + _END, x : x + w].any()
        keep[label] = bool(top and near[y + h - _END : y + h, x : x + w].any())
    return np.where(keep[labels], 255, 0).astype(np.uint8)


def find_tables(rules: Rules, max_cells: int = 2_000) -> list[Table]:
    """Each group of touching rules with at least one enclosed cell, top to bottom; a
    group whose grid has more than `max_cells` cells (a mesh, not a report's table) is
    left out before its cells are worked out."""
    both = cv2.bitwise_or(rules.horizontal, rules.vertical)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(both, connectivity=8)
    tables = []
    for label in range(1, count):
        x, y, w, h, _area = stats[label]
        mine = labels[y : y + h, x : x + w] == label
        horizontal = np.where(mine, rules.horizontal[y : y + h, x : x + w], 0)
        vertical = np.where(mine, rules.vertical[y : y + h, x : x + w], 0)
        table = _table(horizontal, vertical, x, y, max_cells)
        if table is not None:
            tables.append(table)
    return sorted(tables, key=lambda t: t.top)


def _table(
    horizontal: np.ndarray, vertical: np.ndarray, x: int, y: int, max_cells: int
) -> Table | None:
    rows = _positions(horizontal.max(axis=1) > 0, horizontal.sum(axis=1))
    columns = _positions(vertical.max(axis=0) > 0, vertical.sum(axis=0))
    if len(rows) < 2 or len(columns) < 2:
        return None
    if (len(rows) - 1) * (len(columns) - 1) > max_cells:
        return None
    cells = _cells(horizontal, vertical, rows, columns)
    return Table(
        left=x + columns[0],
        top=y + rows[0],
        right=x + columns[-1],
        bottom=y + rows[-1],
        rows=tuple(y + r for r in rows),
        columns=tuple(x + c for c in columns),
        cells=tuple(_shifted(cell, x, y) for cell in cells),
    )


def _positions(present: np.ndarray, weight: np.ndarray) -> list[int]:
    """The centre of each run of lines, runs closer than _SAME pixels joined."""
    found: list[list[int]] = []
    for index in np.flatnonzero(present):
        if found and index - found[-1][-1] <= _SAME:
            found[-1].append(int(index))
        else:
            found.append([int(index)])
    return [round(float(np.average(run, weights=weight[run]))) for run in found]


def _cells(
    horizontal: np.ndarray, vertical: np.ndarray, rows: list[int], columns: list[int]
) -> list[Cell]:
    """Grid cells joined where no rule separates them (union-find over the grid)."""
    n_rows, n_cols = len(rows) - 1, len(columns) - 1
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_rows):
        for c in range(n_cols):
            if c + 1 < n_cols and not _ruled_v(vertical, columns[c + 1], rows[r], rows[r + 1]):
                parent[find(r * n_cols + c + 1)] = find(r * n_cols + c)
            if r + 1 < n_rows and not _ruled_h(horizontal, rows[r + 1], columns[c], columns[c + 1]):
                parent[find((r + 1) * n_cols + c)] = find(r * n_cols + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            groups.setdefault(find(r * n_cols + c), []).append((r, c))
    cells = []
    for members in groups.values():
        r0 = min(r for r, _ in members)
        r1 = max(r for r, _ in members) + 1
        c0 = min(c for _, c in members)
        c1 = max(c for _, c in members) + 1
        cells.append(Cell(r0, c0, r1 - r0, c1 - c0, columns[c0], rows[r0], columns[c1], rows[r1]))
    return sorted(cells, key=lambda cell: (cell.row, cell.column))


def _ruled_v(vertical: np.ndarray, x: int, top: int, bottom: int) -> bool:
    band = vertical[top + _SAME : bottom - _SAME + 1, max(0, x - _SAME) : x + _SAME + 1]
    return band.size == 0 or float((band.max(axis=1) > 0).mean()) >= _COVER


def _ruled_h(horizontal: np.ndarray, y: int, left: int, right: int) -> bool:
    band = horizontal[max(0, y - _SAME) : y + _SAME + 1, left + _SAME : right - _SAME + 1]
    return band.size == 0 or float((band.max(axis=0) > 0).mean()) >= _COVER


def _shifted(cell: Cell, x: int, y: int) -> Cell:
    return Cell(
        cell.row,
        cell.column,
        cell.rowspan,
        cell.colspan,
        cell.left + x,
        cell.top + y,
        cell.right + x,
        cell.bottom + y,
    )
