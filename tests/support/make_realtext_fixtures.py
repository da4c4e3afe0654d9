"""Make the issue-13 fixtures of what real reports print (tests/support/realtext.py):
`python -m tests.support.make_realtext_fixtures` (not run by CI).

Each fixture is one probe over one random report, chosen where the reader went wrong before
its fix: a text beside the report it came from (`*.expected.json`).
"""

from __future__ import annotations

from tests.support.make_issue_13_fixtures import OUT, write
from tests.support.realtext import Probe, blank_marks_probe, prose_probe

FIXTURES: dict[str, Probe] = {
    "review-in-general": prose_probe("review-in-general", 0),
    "litigation-in-general": prose_probe("litigation-in-general", 1),
    "part-channels": prose_probe("channel-received", 3),
    "wider-scope-before-clause": prose_probe("county-wide-clause", 3),
    "our-county": prose_probe("our-county", 3),
    "subunit-short-name": prose_probe("subunit-short-name", 3, "applications"),
    "granted-including-partial": prose_probe("granted-including-partial", 0),
    "granted-then-partial": prose_probe("granted-then-partial", 1, "applications"),
    "figure-stated-twice": prose_probe("wrong-received", 0),
    "numerals-in-words": prose_probe("wrong-chinese-numerals", 2),
    "part-of-year": prose_probe("half-year", 0),
    "document-attributes": prose_probe("document-attributes", 0),
    "blank-wu": blank_marks_probe("wu", 1),
    "blank-marks-table-two": blank_marks_probe("dash", 1),
}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for slug, probe in FIXTURES.items():
        write(f"issue-13-{slug}", probe.text, probe.truth)


if __name__ == "__main__":
    main()
