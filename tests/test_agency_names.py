"""A report's agency name matched against a tree: exactly, then as titles vary it."""

from __future__ import annotations

import pytest

from gongkai.agency_names import AgencyIndex, How, Known, NameMatch, canonical

NINGXIA = "宁夏回族自治区"
TREE = (
    Known(1, NINGXIA),
    Known(2, "吴忠市", (NINGXIA,)),
    Known(3, "盐池县", (NINGXIA, "吴忠市")),
    Known(4, "盐池县人民政府办公室", (NINGXIA, "吴忠市", "盐池县")),
    Known(5, "财政局", (NINGXIA, "吴忠市", "盐池县")),
    Known(6, "同心县", (NINGXIA, "吴忠市")),
    Known(7, "财政局", (NINGXIA, "吴忠市", "同心县")),
    Known(8, "青铜峡市人民政府", (NINGXIA, "吴忠市")),
)


@pytest.fixture(scope="module")
def index() -> AgencyIndex:
    return AgencyIndex(TREE)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("盐池县人民政府办公室", NameMatch(4, How.EXACT)),
        ("盐池县政府办公室", NameMatch(4, How.NORMALISED)),
        ("盐池县 人民政府办公室", NameMatch(4, How.NORMALISED)),
        ("盐池县人民政府", NameMatch(3, How.NORMALISED)),  # the county's node is its government
        ("青铜峡市", NameMatch(8, How.NORMALISED)),
        ("吴忠市盐池县人民政府办公室", NameMatch(4, How.NORMALISED)),
        ("宁夏回族自治区吴忠市盐池县财政局", NameMatch(5, How.NORMALISED)),
        ("同心县财政局", NameMatch(7, How.NORMALISED)),
        ("财政局", NameMatch(None, How.AMBIGUOUS, (5, 7))),
        ("吴忠市财政局", NameMatch(None, How.AMBIGUOUS, (5, 7))),  # which county's?
        ("红寺堡区财政局", NameMatch(None, How.UNMATCHED)),  # a region not in the tree
        ("盐池县教育局", NameMatch(None, How.UNMATCHED)),
        ("", NameMatch(None, How.UNMATCHED)),
        (None, NameMatch(None, How.UNMATCHED)),
    ],
)
def test_a_name_is_matched_only_when_one_agency_fits(
    index: AgencyIndex, name: str | None, expected: NameMatch
) -> None:
    assert index.match(name) == expected


def test_two_agencies_of_one_name_are_ambiguous_even_exactly() -> None:
    index = AgencyIndex([Known(1, "某局", ("甲县",)), Known(2, "某局", ("乙县",))])
    assert index.match("某局") == NameMatch(None, How.AMBIGUOUS, (1, 2))
    assert index.match("乙县某局") == NameMatch(2, How.NORMALISED)


def test_canonical_names_fold_width_brackets_and_spaces() -> None:
    assert canonical(" 盐池县 政府办公室 ") == "盐池县人民政府办公室"
    assert canonical("ＡＢＣ市(开发区)管委会") == "ABC市（开发区）管委会"
    assert canonical("　") == ""
