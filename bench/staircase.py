"""The staircase search on table 三 of pdftotext default-mode text (issue 13).

For every `copy.pdftotext` item of the corpus (tests/support/corpus, built as
bench/accuracy.py builds it) whose usual reading leaves table 三 flagged, runs the search
the text reader then runs (`readers/printorder.py`) and prints: tables searched, read (the
one reading equal to the truth), read wrong (must be 0), no reading or several, past the
budget; CPU seconds a table (median, max; `time.process_time`, this process only, so the
figures hold on a shared machine) and states a table. `--smoke`: the issue-13 print-order
fixtures only, each of which must be read. Run: `python bench/staircase.py [--smoke]`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gongkai.readers import meta, printorder, staircase, tables  # noqa: E402
from gongkai.readers.normalize import normalize_text  # noqa: E402
from gongkai.readers.regions import text_to_regions  # noqa: E402
from gongkai.readers.tokens import text_to_tokens, tokens_to_segments  # noqa: E402
from tests.support.corpus.build import FULL, build  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "issue-13"


@dataclass(frozen=True)
class Searched:
    name: str
    outcome: str  # read, wrong, none, several, budget
    cpu: float
    states: int


def search(name: str, original: str, truth: dict[str, list[int | None]]) -> Searched | None:
    """The search on one text, where the usual reading leaves table 三 flagged."""
    text = normalize_text(original)
    regions = text_to_regions(text)
    region = regions.applications
    if region is None or regions.active is None:
        return None
    year = meta.find_title(text)[1] or meta.find_year(text)
    template = meta.find_template(regions.active.text, year)[0]
    column = region.start - (text.rfind("\n", 0, region.start) + 1)
    segments = tokens_to_segments(text_to_tokens(region.text, region.first_line, column))
    if not tables.read_applications(segments, template).doubtful:
        return None
    started = time.process_time()
    found = printorder.search_table(region, text, original, template)
    cpu = time.process_time() - started
    if found is None:
        return None
    if found.outcome is None:
        return Searched(name, "budget", cpu, staircase.BUDGET)
    rows = [r.id for r in found.rows]
    return Searched(name, _kind(found.outcome, rows, truth), cpu, found.outcome.states)


def _kind(outcome: staircase.Outcome, rows: list[str], truth: dict[str, list[int | None]]) -> str:
    """read / wrong: the reading kept, and whether it is the truth; refused: one reading,
    too few figures to keep it (`printorder.accepted`); none, several."""
    if len(outcome.readings) != 1:
        return "several" if outcome.readings else "none"
    expected = tuple(tuple(c or 0 for c in cells) for cells in truth.values())
    if printorder.accepted(outcome, rows) is None:
        return "refused" if outcome.readings[0][0] == expected else "refused wrong"
    return "read" if outcome.readings[0][0] == expected else "wrong"


def corpus_texts() -> list[tuple[str, str, dict[str, list[int | None]]]]:
    corpus = ROOT / "build" / "corpus"
    manifest = json.loads(build(corpus, FULL).read_text("utf-8"))
    texts = []
    for record in manifest["items"]:
        if record["family"] == "copy.pdftotext":
            source = manifest["sources"][record["source"]]
            truth = json.loads((corpus / source["truth"]).read_text("utf-8"))
            original = (corpus / record["path"]).read_text("utf-8")
            texts.append((Path(record["path"]).stem, original, truth["applications"]["rows"]))
    return texts


def fixture_texts() -> list[tuple[str, str, dict[str, list[int | None]]]]:
    texts = []
    for path in sorted(FIXTURES.glob("issue-13-print-order-*.txt")):
        truth = json.loads(path.with_name(path.stem + ".expected.json").read_text("utf-8"))
        texts.append((path.stem, path.read_text("utf-8"), truth["applications"]["rows"]))
    return texts


def report(results: list[Searched]) -> None:
    kinds = ("read", "wrong", "refused", "refused wrong", "none", "several", "budget")
    counts = ", ".join(f"{k} {sum(r.outcome == k for r in results)}" for k in kinds)
    print(f"tables searched {len(results)}: {counts}")
    cpu = [r.cpu for r in results]
    states = [r.states for r in results]
    print(
        f"CPU a table: median {statistics.median(cpu):.3f} s, max {max(cpu):.3f} s; "
        f"states a table: median {statistics.median(states):.0f}, max {max(states)} "
        f"(budget {staircase.BUDGET})"
    )
    for r in results:
        print(f"  {r.name:40s} {r.outcome:13s} {r.cpu:6.3f} s {r.states:7d} states")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="the print-order fixtures only")
    args = parser.parse_args()
    texts = fixture_texts() if args.smoke else corpus_texts()
    results = [r for name, text, truth in texts if (r := search(name, text, truth)) is not None]
    report(results)
    if any(r.outcome == "wrong" for r in results) or (
        args.smoke and [r.outcome for r in results] != ["read"] * len(texts)
    ):
        sys.exit("a table read wrong, or a print-order fixture not read")


if __name__ == "__main__":
    main()
