"""A scanned page as text, its ruled tables read cell by cell.

The page is made upright and its ruled tables found (gongkai.readers.scangrid). Text
outside the tables is read as before (whole-page OCR, boxes grouped into lines); inside a
table each printed cell is cropped, decided blank from its pixels (no ink: an empty cell,
never a 0), and its lines of text read by the recogniser (gongkai.readers.recognise). A
table becomes the tab-separated grid every other format gives the text reader, so a blank
cell keeps its column and a value cannot slide into its neighbour's.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import cv2
import numpy as np

from gongkai.grid import Box, Grid, grid_to_text
from gongkai.readers import scangrid
from gongkai.readers.ocr import boxes_to_lines, recognise
from gongkai.readers.recognise import read_crops

_INSET = 4  # pixels kept clear of a cell's rules, which would read as 1 or 丨
_MIN_INK = 12  # ink pixels below which a cell is blank (dust, a rule's ragged edge)
_LINE_GAP = 2  # blank pixel rows that separate two lines of text inside a cell
_MARGIN = 3  # paper kept around a line's ink, as the recogniser was trained on
_MAX_CELLS = 2_000  # cells per page; past this (a hostile mesh) the page is read by lines


@dataclass(frozen=True)
class _Line:
    """A line of text inside a cell: where it is and the crop to read."""

    table: int
    row: int
    column: int
    crop: np.ndarray


def page_text(image: np.ndarray) -> str | None:
    """The page as text, or None when it has no ruled table (or too many cells to read
    one by one), for the caller to read it by lines."""
    grey = scangrid.to_grey(image)
    page = scangrid.upright(grey, scangrid.skew_angle(scangrid.binarise(grey)))
    ink = scangrid.binarise(page)
    tables = scangrid.find_tables(scangrid.find_rules(ink), _MAX_CELLS)
    if not tables or sum(len(t.cells) for t in tables) > _MAX_CELLS:
        return None
    grids = read_tables(page, ink, tables)
    outside = [box for box in recognise(_without(page, tables)) if not _inside(box, tables)]
    return _interleave(outside, tables, grids)


def read_tables(page: np.ndarray, ink: np.ndarray, tables: list[scangrid.Table]) -> list[Grid]:
    """Each table's text as a grid, a merged cell's text in its first position; every
    cell of the page read in one batch of crops."""
    found: dict[tuple[int, int, int], list[str]] = {}
    lines = [
        _Line(index, cell.row, cell.column, crop)
        for index, table in enumerate(tables)
        for cell in table.cells
        for crop in cell_lines(page, ink, cell)
    ]
    for line, reading in zip(lines, read_crops([line.crop for line in lines])):
        found.setdefault((line.table, line.row, line.column), []).append(reading.text)
    grids = [[[""] * (len(t.columns) - 1) for _ in t.rows[1:]] for t in tables]
    for (table, row, column), texts in found.items():
        grids[table][row][column] = cell_text(_without_rule_pieces(texts))
    return grids


_RULE_PIECE = re.compile(r"[-_—─|丨.]+")


def _without_rule_pieces(texts: list[str]) -> str:
    """A cell's lines joined, less lines read as nothing but dashes or bars beside real
    text: a stub of a rule inside a merged cell (a cell printed as 「—」 keeps it)."""
    kept = [text for text in texts if not _RULE_PIECE.fullmatch(text)]
    return "".join(kept if kept else texts)


_NUMBER_LIKE = re.compile(r"\.?[0-9Oo〇]+(?:\.[0-9Oo〇]+)?\.?")


def cell_text(text: str) -> str:
    """A cell's reading normalised; in a cell that holds only a number, the letter O the
    recogniser confuses with a lone 0 (crisp print) is 0, and a speck before or after
    it read as a full stop is dropped."""
    text = unicodedata.normalize("NFKC", text)
    if not _NUMBER_LIKE.fullmatch(text):
        return text
    return text.strip(".").translate(_DIGITS)


_DIGITS = str.maketrans("Oo〇", "000")


def cell_lines(page: np.ndarray, ink: np.ndarray, cell: scangrid.Cell) -> list[np.ndarray]:
    """The crops of each line of text in a cell, top to bottom; none for a blank cell."""
    top, bottom = cell.top + _INSET, cell.bottom - _INSET
    left, right = cell.left + _INSET, cell.right - _INSET
    if bottom <= top or right <= left:
        return []
    marks = _without_specks(ink[top:bottom, left:right])
    if int(np.count_nonzero(marks)) < _MIN_INK:
        return []
    crops = []
    for start, end in _runs(np.any(marks, axis=1)):
        columns = np.flatnonzero(marks[start:end].any(axis=0))
        y0, y1 = max(0, start - _MARGIN), min(marks.shape[0], end + _MARGIN)
        x0 = max(0, int(columns[0]) - _MARGIN)
        x1 = min(marks.shape[1], int(columns[-1]) + 1 + _MARGIN)
        crops.append(page[top + y0 : top + y1, left + x0 : left + x1])
    return crops


def _without_specks(marks: np.ndarray) -> np.ndarray:
    """Ink with isolated dots (dust, JPEG noise) removed: a stroke survives an opening."""
    return cv2.morphologyEx(marks, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))


def _runs(present: np.ndarray) -> list[tuple[int, int]]:
    """Runs of inked pixel rows, runs closer than _LINE_GAP joined (a line's accents)."""
    runs: list[tuple[int, int]] = []
    for index in np.flatnonzero(present):
        if runs and index - runs[-1][1] <= _LINE_GAP:
            runs[-1] = (runs[-1][0], int(index) + 1)
        else:
            runs.append((int(index), int(index) + 1))
    return runs


def _without(page: np.ndarray, tables: list[scangrid.Table]) -> np.ndarray:
    """The page with its tables painted over with paper, for whole-page OCR to skip."""
    blank = page.copy()
    for table in tables:
        blank[table.top : table.bottom + 1, table.left : table.right + 1] = 255
    return cv2.cvtColor(blank, cv2.COLOR_GRAY2RGB)


def _inside(box: Box, tables: list[scangrid.Table]) -> bool:
    return any(t.top <= box.middle <= t.bottom for t in tables)


def _interleave(boxes: list[Box], tables: list[scangrid.Table], grids: list[Grid]) -> str:
    """Lines above, between and below the tables, each table in its place."""
    parts: list[str] = []
    above = 0.0
    for table, grid in zip(tables, grids):
        parts += boxes_to_lines([b for b in boxes if above <= b.middle < table.top])
        parts.append(grid_to_text(grid))
        above = table.bottom
    parts += boxes_to_lines([b for b in boxes if b.middle >= above])
    return "\n".join(part for part in parts if part)
