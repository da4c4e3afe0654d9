"""The progress bar of a run (tqdm): files done of all, rate, time left, failures.

Shown only on a terminal, never in CI or when the output goes to a file or a pipe: the
summary the CLI prints at the end says everything a log needs.
"""

from __future__ import annotations

import os
from typing import TextIO

from tqdm import tqdm


def wanted(stream: TextIO) -> bool:
    return stream.isatty() and not os.environ.get("CI")


class Progress:
    def __init__(self, total: int, stream: TextIO) -> None:
        self._bar = tqdm(total=total, file=stream, unit="份", dynamic_ncols=True, smoothing=0.1)
        self._failed = 0
        self._skipped = 0

    def advance(self, event: str) -> None:
        if event == "failed":
            self._failed += 1
        elif event in ("known", "duplicate"):
            self._skipped += 1
        self._bar.set_postfix_str(f"失败 {self._failed}，跳过 {self._skipped}", refresh=False)
        self._bar.update(1)

    def close(self) -> None:
        self._bar.close()
