"""What real reports print, read back (issue 13): each probe of tests/support/realtext.py
sorted into false error, silent wrong cell, missed printed inconsistency, wrong cells that a
warning flags, refused, or fine.

Run: `python bench/realtext.py [--seeds 12] [--show OUTCOME]`. Outcomes are counted per
probe kind (the name before the first `/`), over `--seeds` random reports each.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gongkai.errors import NotAReport  # noqa: E402
from gongkai.readers.text import text_to_report  # noqa: E402
from tests.support.realtext import Probe, probes  # noqa: E402
from tests.support.scoring import silently_wrong, wrong_cells  # noqa: E402

OUTCOMES = ("false error", "silent cell", "missed", "wrong, flagged", "refused", "fine")


def outcome(probe: Probe) -> tuple[str, str]:
    """The probe's outcome and what shows it."""
    try:
        got = text_to_report(probe.text)
    except (NotAReport, ValueError) as exc:
        return "refused", str(exc)
    errors = [f for f in got.findings or [] if f.severity == "error"]
    wanted = [v["expected"] for v in probe.violations]
    false = [f for f in errors if not (f.rule == "text.table_mismatch" and f.expected in wanted)]
    if false:
        return "false error", "; ".join(f.message for f in false)
    silent = silently_wrong(got, probe.truth)
    if silent:
        return "silent cell", str(silent[:4])
    found = {f.expected for f in errors}
    missed = [w for w in wanted if w not in found]
    if missed:
        return "missed", str(missed)
    wrong = wrong_cells(got, probe.truth)
    if wrong:
        return "wrong, flagged", str(wrong[:4])
    return "fine", ""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=12)
    parser.add_argument("--show", choices=OUTCOMES, action="append", default=[])
    args = parser.parse_args()
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for probe in probes(range(args.seeds)):
        kind = probe.name.split("/")[0]
        seen, why = outcome(probe)
        counts[kind][seen] += 1
        if seen in args.show:
            print(f"{probe.name}: {seen}: {why[:300]}")
    print("| probe | " + " | ".join(OUTCOMES) + " |")
    print("|---|" + "---:|" * len(OUTCOMES))
    for kind, counted in counts.items():
        print(f"| {kind} | " + " | ".join(str(counted[o]) for o in OUTCOMES) + " |")
    total: Counter[str] = sum(counts.values(), Counter())
    print("| **all** | " + " | ".join(f"**{total[o]}**" for o in OUTCOMES) + " |")


if __name__ == "__main__":
    main()
