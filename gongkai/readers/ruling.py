"""Ruled tables from the lines drawn on a page: lines snapped to shared positions and
joined, their crossings, the smallest rectangles the crossings close (cells), and cells
that touch at a corner grouped into tables.

The method and its tolerances are pdfplumber's table finder (after Nurminen's thesis, as
Tabula does), so that the pdfium path finds the cells pdfplumber found; the crossings are
looked up by position instead of comparing every pair of lines, and the search for a
cell's far corner is bounded, so that a page of hostile drawings costs what its lines do.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from gongkai.readers.limits import Limits
from gongkai.readers.pdfpage import Segment

SNAP = 3.0  # points: parallel lines closer than this across are one line
JOIN = 3.0  # points: collinear lines with a gap this small are one line
MIN_LENGTH = 3.0  # points: shorter lines (after joining) rule nothing
CROSS = 3.0  # points: lines that miss each other by this much still cross
_PRE_LENGTH = 1.0  # points: dots and specks are dropped before snapping
_RUN = 64  # crossings searched below and to the right of a cell's corner

Cell = tuple[float, float, float, float]  # left, top, right, bottom
Point = tuple[float, float]


class Edge(NamedTuple):
    """A merged line; `number` tells lines apart when two share a crossing."""

    number: int
    horizontal: bool
    at: float
    start: float
    end: float


@dataclass
class Crossings:
    """Points where lines cross, each with the lines through it as bits of an int (line
    `number` is bit 1 << number): ints, unlike sets, cost the garbage collector nothing,
    and a page of hostile drawings has hundreds of thousands of crossings."""

    across: dict[Point, int] = field(default_factory=dict)  # horizontal lines
    down: dict[Point, int] = field(default_factory=dict)  # vertical lines


def segments_to_tables(
    segments: Iterable[Segment], limits: Limits, location: str | None = None
) -> list[list[Cell]]:
    """The page's ruled tables, top to bottom, each as its cells."""
    crossings = edges_to_crossings(merge_segments(segments), limits, location)
    return cells_to_tables(crossings_to_cells(crossings))


def merge_segments(segments: Iterable[Segment]) -> list[Edge]:
    """Lines snapped to the mean of their cluster across, then joined along."""
    kept = [s for s in segments if s.end - s.start >= _PRE_LENGTH]
    edges: list[Edge] = []
    for horizontal in (True, False):
        snapped = _snap([s for s in kept if s.horizontal is horizontal])
        for at, group in itertools.groupby(sorted(snapped), key=operator.itemgetter(0)):
            for start, end in _join(group):
                if end - start >= MIN_LENGTH:
                    edges.append(Edge(len(edges), horizontal, at, start, end))
    return edges


_Placed = tuple[float, float, float]  # a line's position across, start and end along


def _snap(segments: list[Segment]) -> list[_Placed]:
    """Each line moved to the mean position of its cluster (positions chained within SNAP)."""
    ordered = sorted(segments, key=lambda s: s.at)
    snapped: list[_Placed] = []
    cluster: list[Segment] = []
    for segment in ordered:
        if cluster and segment.at > cluster[-1].at + SNAP:
            snapped += _moved(cluster)
            cluster = []
        cluster.append(segment)
    return snapped + _moved(cluster)


def _moved(cluster: list[Segment]) -> list[_Placed]:
    if not cluster:
        return []
    mean = sum(s.at for s in cluster) / len(cluster)
    return [(mean, s.start, s.end) for s in cluster]


def _join(group: Iterable[_Placed]) -> list[tuple[float, float]]:
    joined: list[tuple[float, float]] = []
    for _, start, end in sorted(group, key=operator.itemgetter(1)):
        if joined and start <= joined[-1][1] + JOIN:
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return joined


def edges_to_crossings(
    edges: Sequence[Edge], limits: Limits, location: str | None = None
) -> Crossings:
    """Points where a vertical and a horizontal line meet (within CROSS), with the lines
    through each. More crossings than a table may have cells is refused."""
    rows: dict[float, list[Edge]] = defaultdict(list)
    for edge in sorted(edges, key=lambda e: e.start):
        if edge.horizontal:
            rows[edge.at].append(edge)
    positions = sorted(rows)
    starts = {at: [e.start for e in row] for at, row in rows.items()}
    crossings = Crossings()
    for down in (e for e in edges if not e.horizontal):
        low = bisect.bisect_left(positions, down.start - CROSS)
        high = bisect.bisect_right(positions, down.end + CROSS)
        bit = 1 << down.number
        for at in positions[low:high]:
            for across in _through(rows[at], starts[at], down.at):
                point = (down.at, at)
                crossings.across[point] = crossings.across.get(point, 0) | 1 << across.number
                crossings.down[point] = crossings.down.get(point, 0) | bit
        limits.check("cells", len(crossings.down), location)
    return crossings


def _through(row: list[Edge], starts: list[float], x: float) -> Iterable[Edge]:
    """The lines of one row (disjoint, in order) that pass within CROSS of x."""
    index = bisect.bisect_right(starts, x + CROSS)
    while index > 0 and row[index - 1].end + CROSS >= x:
        index -= 1
        yield row[index]


def crossings_to_cells(crossings: Crossings) -> list[Cell]:
    """For each crossing, the nearest rectangle below and to its right whose four sides
    are drawn lines (pdfplumber's order: the nearest lower corner first)."""
    below: dict[float, list[float]] = defaultdict(list)
    right: dict[float, list[float]] = defaultdict(list)
    points = sorted(crossings.down)
    places = []  # each point's place in its column and in its row (both in order)
    for x, y in points:
        column, row = below[x], right[y]
        places.append((len(column), len(row)))
        column.append(y)
        row.append(x)
    cells = []
    for point, (down, across) in zip(points, places, strict=True):
        x, y = point
        ys, xs = below[x][down + 1 : down + 1 + _RUN], right[y][across + 1 : across + 1 + _RUN]
        cell = _cell_at(crossings, point, ys, xs)
        if cell is not None:
            cells.append(cell)
    return cells


def _cell_at(crossings: Crossings, corner: Point, ys: list[float], xs: list[float]) -> Cell | None:
    x, y = corner
    across, down = crossings.across, crossings.down
    downwards, rightwards = down[corner], across[corner]
    if not xs or not rightwards & across[(xs[0], y)]:
        return None  # no line runs right from the corner
    # A line through the corner that misses one crossing misses every farther one, so
    # the connected crossings are the first of each run: the loops stop at a miss.
    for bottom in ys:
        if not downwards & down[(x, bottom)]:
            return None
        for far in xs:
            if not rightwards & across[(far, y)]:
                break
            opposite = (far, bottom)
            if (
                opposite in down
                and down[opposite] & down[(far, y)]
                and across[opposite] & across[(x, bottom)]
            ):
                return (x, y, far, bottom)
    return None


def cells_to_tables(cells: list[Cell]) -> list[list[Cell]]:
    """Cells that share a corner, transitively, as one table; tables of one cell are
    frames, not tables. Ordered by their top, then left."""
    owner: dict[Point, int] = {}
    parent = list(range(len(cells)))
    for index, cell in enumerate(cells):
        for corner in _corners(cell):
            other = owner.setdefault(corner, index)
            if other != index:  # the corner is another cell's too
                parent[_root(parent, index)] = _root(parent, other)
    groups: dict[int, list[Cell]] = defaultdict(list)
    for index, cell in enumerate(cells):
        groups[_root(parent, index)].append(cell)
    tables = [group for group in groups.values() if len(group) > 1]
    return sorted(tables, key=lambda t: min((c[1], c[0]) for c in t))


def _corners(cell: Cell) -> tuple[Point, ...]:
    left, top, right, bottom = cell
    return ((left, top), (left, bottom), (right, top), (right, bottom))


def _root(parent: list[int], index: int) -> int:
    while parent[index] != index:
        parent[index] = parent[parent[index]]
        index = parent[index]
    return index


def table_rows(cells: list[Cell]) -> list[list[Cell | None]]:
    """The table's cells row by row, one position per column start: a merged cell's
    positions past its first are None (pdfplumber's Table.rows)."""
    lefts = sorted({c[0] for c in cells})
    rows = []
    for _, row in itertools.groupby(sorted(cells, key=lambda c: (c[1], c[0])), key=lambda c: c[1]):
        at = {c[0]: c for c in row}
        rows.append([at.get(left) for left in lefts])
    return rows


def table_box(cells: Iterable[Cell]) -> Cell:
    lefts, tops, rights, bottoms = zip(*cells, strict=True)
    return min(lefts), min(tops), max(rights), max(bottoms)
