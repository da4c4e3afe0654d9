"""Copy detection: planted copies found, the genre's boilerplate never counted, passages
shown side by side at the right places."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.cli import main
from gongkai.copies import CopySettings, ReportText, boilerplate, find_copies
from gongkai.copies.align import compare, side
from gongkai.copies.minhash import permutations, signatures
from gongkai.copies.shingles import EMPTY
from gongkai.copies.text import normalize
from gongkai.readers import read_path
from tests.support.copy_corpus import planted_corpus

SEED = sorted((Path(__file__).parent / "fixtures/seeds").glob("*.txt"))[0]

SETTINGS = CopySettings()


def test_planted_copies_are_found_with_few_false_alarms() -> None:
    corpus = planted_corpus(1200, seed=7)
    found = find_copies(corpus.reports, SETTINGS)
    pairs = {(p.section, *sorted((p.left, p.right))) for p in found}
    hits = pairs & corpus.copies
    assert len(corpus.copies) > 90
    assert len(hits) / len(corpus.copies) >= 0.95  # recall
    assert len(hits) / len(pairs) >= 0.95  # precision


def test_sections_of_nothing_but_boilerplate_are_never_copies() -> None:
    """Sections 二, 三 and 四 of the planted corpus are the same sentences in every report
    but for their figures: the genre, not a copy."""
    corpus = planted_corpus(400, seed=3)
    found = find_copies(corpus.reports, SETTINGS)
    assert {p.section for p in found} <= {"overview", "problems"}


PROBLEMS = (
    "一是「石岭便民直通」服务品牌覆盖不够，石岭河片区试点推行较慢。",
    "二是政府信息公开的主动性不足，部分科室把公开当作额外负担，青石社区公开栏长期未更新。",
    "三是依申请公开答复说理性不强，二〇二二年有两件答复被复议机关指出引用条款不准确。",
)


def test_reordered_paragraphs_are_found_whole_and_shown_side_by_side() -> None:
    left = "\n".join(PROBLEMS)
    right = "\n".join(reversed(PROBLEMS))
    result = compare(
        side(left, "石岭县民政局", SETTINGS.shingle, EMPTY),
        side(right, "青河县民政局", SETTINGS.shingle, EMPTY),
        SETTINGS.align(),
    )
    assert (result.left_share, result.right_share, result.copied) == (1.0, 1.0, True)
    shown = [(left[slice(*p.left)], right[slice(*p.right)]) for p in result.passages]
    assert shown == [(p.rstrip("。"), p.rstrip("。")) for p in PROBLEMS]
    for passage in result.passages:
        for (a, b), (c, d) in passage.matches:
            assert left[a:b] == right[c:d]


def test_a_section_that_shares_only_the_agencys_name_is_no_copy() -> None:
    name = "石岭县民政局"
    left = f"{name}认真开展政务公开培训，全年培训三次，覆盖各乡镇。"
    right = f"{name}建成青石社区政务公开专区，群众可现场查阅文件。"
    result = compare(
        side(left, name, SETTINGS.shingle, EMPTY),
        side(right, name, SETTINGS.shingle, EMPTY),
        SETTINGS.align(),
    )
    assert (result.left_share, result.right_share, result.copied) == (0.0, 0.0, False)


def test_last_years_section_with_new_figures_is_a_copy() -> None:
    before = ReportText("a-2022", "石岭县民政局", 2022, {"problems": "\n".join(PROBLEMS)})
    after = ReportText(
        "a-2023",
        "石岭县民政局",
        2023,
        {"problems": "\n".join(PROBLEMS).replace("二〇二二", "二〇二三")},
    )
    other = ReportText("b-2023", "青河县教育局", 2023, {"problems": "本年度工作总体平稳。"})
    found = find_copies([after, other, before], SETTINGS)
    assert [(p.section, p.left, p.right, p.same_agency) for p in found] == [
        ("problems", "a-2022", "a-2023", True)
    ]
    assert found[0].right_share > 0.9


@given(st.text(st.sampled_from("政府信息公开０１２ABc，。 \n2024年"), max_size=60))
def test_normalised_characters_point_back_at_the_text(text: str) -> None:
    normalized = normalize(text)
    kept = normalized.codes.tobytes().decode("utf-32-le")
    for char, position in zip(kept, normalized.positions.tolist()):
        original = text[position]
        assert char == "0" if original in "0123456789０１２" else char == original.lower()


def test_minhash_estimates_jaccard_similarity() -> None:
    rng = np.random.default_rng(5)
    universe = rng.integers(0, 2**63, size=3000, dtype=np.uint64)
    perms = permutations(256)
    for shared in (0, 500, 1000):
        a = universe[:1000]
        b = np.concatenate((universe[1000 - shared : 1000], universe[1000 : 2000 - shared]))
        sigs = signatures(np.concatenate((a, b)), [0, a.shape[0]], perms)
        exact = shared / (2000 - shared)
        assert abs(float((sigs[0] == sigs[1]).mean()) - exact) < 0.08


def test_boilerplate_is_what_many_agencies_share() -> None:
    stock = "认真贯彻落实中华人民共和国政府信息公开条例"
    reports = [
        ReportText(str(n), f"机关{n}", 2023, {"overview": stock + f"第{n}号专属内容"})
        for n in range(20)
    ]
    common = boilerplate(reports, CopySettings(common_min_agencies=10))
    stock_side = side(stock, "", SETTINGS.shingle, common)
    assert not stock_side.specific.any()


def test_the_copies_command_lists_last_years_text_side_by_side(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    this_year = read_path(SEED)
    problems = (this_year.sections or {})["problems"]
    last_year = this_year.model_copy(
        update={
            "year": (this_year.year or 2021) - 1,
            "source": this_year.source.model_copy(update={"sha256": "0" * 64}),  # type: ignore[union-attr]
        }
    )
    lines = tmp_path / "reports.jsonl"
    lines.write_text(
        "".join(json.dumps(r.to_json(), ensure_ascii=False) + "\n" for r in (this_year, last_year))
    )
    assert main(["copies", str(lines), "--workers", "1"]) == 0
    out, err = capsys.readouterr()
    found = [json.loads(line) for line in out.splitlines()]
    assert [(f["section"], f["left"]["key"], f["right_share"]) for f in found] == [
        ("overview", "0" * 64, 1.0),
        ("problems", "0" * 64, 1.0),
    ]
    whole = problems.rstrip("。")  # a passage ends at its last character that counts
    passages = found[1]["passages"]
    assert [(p["left"], p["right"], p["right_span"]) for p in passages] == [
        (whole, whole, [0, len(whole)])
    ]
    assert err == "比较了2份报告，发现2处重复（按部分计）\n"
