"""Lines of text read from crops of a page, many crops to one call of the recogniser.

The recogniser (rapidocr's PP-OCR model, run by onnxruntime) reads one line of text at a
height of 48 pixels, at a cost in proportion to the line's width. A table cell holds a few
characters, so cells are packed side by side into lines of a fixed width with white
between them, the lines read in batches of equal width (no padding wasted), and each
recognised character given back to the crop it stands in, by its position in the line.
The batches run side by side, one thread each (ocr.THREADS at a time): a session of one
thread spends less CPU on the same lines than one whose operators are split over threads.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

from gongkai.readers import ocr
from gongkai.readers.ocr import engine

HEIGHT = 48  # the recogniser's input height
_LINE = 1536  # pixels: the width cells are packed into
# White between packed crops: no character is recognised across it (at 16 pixels three 0s of
# a printed-and-scanned row were lost: scan.libreoffice/seed-004).
_GAP = 32
_BATCH = 4  # lines per call: small enough that a page's batches keep every thread busy
_PAPER = 255
# Share of the input height a line of prose (its print and a few pixels of paper) is
# drawn at, centred on paper: the model was trained on detector boxes with paper around
# the text, and a smaller line costs fewer columns (15 % less, the same text on the scan
# corpus). Table cells keep the full height: at 0.85 a printed-and-scanned 0 was lost.
PROSE = 0.85


@dataclass(frozen=True)
class Reading:
    """A crop's text and the recogniser's confidence in its least certain character."""

    text: str
    confidence: float


@dataclass(frozen=True)
class _Placed:
    crop: int
    line: int
    start: int
    end: int


def read_crops(crops: Sequence[np.ndarray], fill: float | Sequence[float] = 1.0) -> list[Reading]:
    """The text of each grey crop (one line of text each), in the order given, each crop
    drawn at `fill` of the input height (one share for all, or one for each crop)."""
    fills = [fill] * len(crops) if isinstance(fill, float | int) else fill
    scaled = [_to_height(crop, share) for crop, share in zip(crops, fills, strict=True)]
    lines, placed = _pack([image.shape[1] for image in scaled])
    canvases = [np.full((HEIGHT, width), _PAPER, np.uint8) for width in lines]
    for spot in placed:
        canvases[spot.line][:, spot.start : spot.end] = scaled[spot.crop]
    chars = _recognise(canvases)
    found: list[list[tuple[str, float]]] = [[] for _ in crops]
    for spot in placed:
        found[spot.crop] = [
            (char, prob)
            for char, x, prob in chars[spot.line]
            if spot.start - _GAP / 2 <= x < spot.end + _GAP / 2
        ]
    return [
        Reading("".join(c for c, _ in each).strip(), min((p for _, p in each), default=0.0))
        for each in found
    ]


def _to_height(crop: np.ndarray, fill: float) -> np.ndarray:
    """The crop scaled to `fill` of the input height, centred on a line of paper."""
    height, width = crop.shape[:2]
    tall = round(HEIGHT * fill)
    scaled_width = max(1, round(width * tall / max(1, height)))
    scaled = cv2.resize(crop, (scaled_width, tall), interpolation=cv2.INTER_AREA)
    canvas = np.full((HEIGHT, scaled_width), _PAPER, np.uint8)
    top = (HEIGHT - tall) // 2
    canvas[top : top + tall] = scaled
    return canvas


def _pack(widths: list[int]) -> tuple[list[int], list[_Placed]]:
    """Crops placed left to right into lines of at most _LINE pixels (a wider crop has a
    line of its own); returns each line's width and each crop's place."""
    lines: list[int] = []
    placed: list[_Placed] = []
    for index in sorted(range(len(widths)), key=lambda i: widths[i]):
        width = widths[index]
        if not lines or lines[-1] + width > _LINE:
            lines.append(_GAP // 2)
        start = lines[-1]
        placed.append(_Placed(index, len(lines) - 1, start, start + width))
        lines[-1] = start + width + _GAP
    return lines, placed


Chars = list[tuple[str, float, float]]  # a line's characters: text, x position, probability


def _recognise(canvases: list[np.ndarray]) -> list[Chars]:
    """Each line's characters with their x position and probability, in batches of lines
    of about the same width, the batches read side by side."""
    order = sorted(range(len(canvases)), key=lambda i: canvases[i].shape[1])
    batches = [order[first : first + _BATCH] for first in range(0, len(order), _BATCH)]
    _session(), _alphabet()  # loaded once, before the threads ask for them
    read = _pool().map(_read_batch, [[canvases[i] for i in batch] for batch in batches])
    results: list[Chars] = [[] for _ in canvases]
    for batch, found in zip(batches, read):
        for index, chars in zip(batch, found):
            results[index] = chars
    return results


def _read_batch(canvases: list[np.ndarray]) -> list[Chars]:
    """The characters of a batch of lines, the narrower ones padded with paper."""
    session = _session()
    width = max(canvas.shape[1] for canvas in canvases)
    tensor = np.full((len(canvases), 3, HEIGHT, width), 1.0, np.float32)
    for row, canvas in enumerate(canvases):
        tensor[row, :, :, : canvas.shape[1]] = canvas.astype(np.float32) / 127.5 - 1.0
    predictions = session.run(None, {session.get_inputs()[0].name: tensor})[0]
    step = width / predictions.shape[1]
    return [_decode(prediction, step, _alphabet()) for prediction in predictions]


def _decode(prediction: np.ndarray, step_width: float, alphabet: Sequence[str]) -> Chars:
    """CTC: the best class at each step, repeats collapsed, blanks (class 0) dropped."""
    best = prediction.argmax(axis=1)
    probs = np.take_along_axis(prediction, best[:, None], axis=1)[:, 0]
    chars = []
    previous = 0
    for step, (label, prob) in enumerate(zip(best, probs)):
        if label and label != previous:
            chars.append((alphabet[label], (step + 0.5) * step_width, float(prob)))
        previous = label
    return chars


@functools.cache
def _pool() -> ThreadPoolExecutor:
    """The threads batches are read on: the session releases Python's lock while it runs."""
    return ThreadPoolExecutor(ocr.THREADS, thread_name_prefix="recognise")


@functools.cache
def _session() -> Any:
    """The recogniser's model in a session of its own, of one thread that never spins (a
    session's run may be called from several threads at once): its operators split over
    two threads cost 13 % more CPU for the same lines, spinning idle threads 15 % more
    (onnxruntime's defaults, which rapidocr does not let one change)."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.log_severity_level = 4
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    path = engine()._load_rec_model().session.session._model_path
    return onnxruntime.InferenceSession(path, options, providers=["CPUExecutionProvider"])


@functools.cache
def _alphabet() -> tuple[str, ...]:
    character: Any = engine()._load_rec_model().postprocess_op.character
    return tuple(character)
