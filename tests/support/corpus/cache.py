"""Generated files kept by content: a step's output is stored under the hash of its input,
so a corpus rebuilt from the same reports converts, prints and scans nothing twice."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

# Bump when a step's output changes for the same input (a new noise model, say).
VERSION = "1"


class Cache:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, step: str, key: bytes) -> Path:
        digest = hashlib.sha256(f"{VERSION}:{step}:".encode() + key).hexdigest()
        return self.root / step / digest[:40]

    def get(self, step: str, key: bytes, make: Callable[[], bytes]) -> bytes:
        path = self.path(step, key)
        if path.exists():
            return path.read_bytes()
        data = make()
        self.put(path, data)
        return data

    def get_many(
        self, step: str, keys: list[bytes], make: Callable[[list[bytes]], list[bytes]]
    ) -> list[bytes]:
        """Outputs of a batched step (one LibreOffice run converts every missing file)."""
        paths = [self.path(step, key) for key in keys]
        missing = [i for i, p in enumerate(paths) if not p.exists()]
        for index, data in zip(missing, make([keys[i] for i in missing])):
            self.put(paths[index], data)
        return [p.read_bytes() for p in paths]

    @staticmethod
    def put(path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        partial.write_bytes(data)
        partial.replace(path)  # a run stopped half-way never leaves a truncated file
