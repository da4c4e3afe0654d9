"""`python -m tests.support.corpus [--smoke] [--out DIR]`: build the corpus (see build.py)."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from tests.support.corpus.build import FULL, ROOT, SMOKE, build


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="the small corpus CI reads")
    parser.add_argument("--out", type=Path, help="default build/corpus (build/corpus-smoke)")
    args = parser.parse_args()
    out = args.out or ROOT / "build" / ("corpus-smoke" if args.smoke else "corpus")
    start = time.perf_counter()
    manifest = build(out, SMOKE if args.smoke else FULL)
    print(f"{manifest} ({time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main()
