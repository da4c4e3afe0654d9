"""Where a place on a scanned page lies on the page as shown (provenance of scans).

The scan reader finds tables and lines on the page turned upright (its skew undone);
the preview shows the page as it was rendered or scanned. A box on the upright page is
turned back, and given in the caller's unit (PDF points, or the picture's pixels) from
the page's top-left corner, as the PDF reader gives the boxes of its cells.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gongkai.grid import Origin, TracedLine


@dataclass(frozen=True)
class PageFrame:
    """Page `page` (from 1): the map of upright pixels to shown pixels (2×3 affine), the
    shown picture's size in pixels, and the caller's unit per pixel."""

    page: int
    back: np.ndarray
    width: int
    height: int
    unit: float = 1.0

    def origin(self, left: float, top: float, right: float, bottom: float) -> Origin:
        """The box around the upright box's corners turned back, kept on the page."""
        corners = np.array(
            [[left, top, 1.0], [right, top, 1.0], [left, bottom, 1.0], [right, bottom, 1.0]]
        )
        xs, ys = (corners @ self.back.T).T
        u = self.unit
        left, right = max(0.0, float(xs.min())), min(float(self.width), float(xs.max()))
        top, bottom = max(0.0, float(ys.min())), min(float(self.height), float(ys.max()))
        return Origin(page=self.page, box=(left * u, top * u, right * u, bottom * u))

    def line(self, line: TracedLine) -> TracedLine:
        """A line whose pieces' boxes are upright pixels, with them on the shown page."""
        spans = [(start, end, self._moved(origin)) for start, end, origin in line.spans]
        return TracedLine(line.text, spans)

    def _moved(self, origin: Origin) -> Origin:
        return origin if origin.box is None else self.origin(*origin.box)


LEVEL = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])  # a page read as it was shown
