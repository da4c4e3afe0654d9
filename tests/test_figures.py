"""A report's figures and the measures made of their sums."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import given

from gongkai.figures import FIGURES, MEASURE_BY_NAME, figures_of, measures_of, ranking_phrase
from gongkai.model import Report
from gongkai.readers import read_path
from tests.support.reports import consistent_reports

SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def _seed(prefix: str) -> Report:
    return read_path(next(SEEDS.glob(f"{prefix}_*.txt")))


def test_every_figure_of_a_2021_seed_is_its_printed_cell() -> None:
    report = _seed("003")
    data = report.to_json()
    rows = data["applications"]["rows"]
    found = figures_of(data)
    assert set(found) == {f.name for f in FIGURES}
    assert found["received"] == rows["new_received"][6]
    assert found["granted"] == rows["granted"][6]
    assert found["withheld_third_party"] == rows["withheld.third_party"][6]
    assert found["answered"] == rows["total"][6]
    assert found["other"] == sum(
        rows[r][6] for r in ("other.no_correction", "other.unpaid_fee", "other.other")
    )
    assert found["review_corrected"] == data["appeals"]["review"]["corrected"]
    active = data["active"]
    assert found["documents_in_force"] == (
        active["regulations"]["in_force"] + active["normative_documents"]["in_force"]
    )
    fees = active["fees"]["amount_10k_yuan"]
    assert found["fees_10k_yuan"] == (Decimal(fees) if fees is not None else None)


def test_a_2019_report_gives_its_undivided_other_and_published_documents() -> None:
    report = _seed("004")
    assert report.template == "2019"
    data = report.to_json()
    found = figures_of(data)
    assert found["other"] == data["applications"]["rows"]["other"][6]
    assert found["other_no_correction"] is None
    assert found["fees_10k_yuan"] is None  # the 2019 table has no amount
    active = data["active"]
    in_force = [active[k]["total_published"] for k in ("regulations", "normative_documents")]
    expected = sum(v for v in in_force if v is not None) if any(in_force) else None
    assert found["documents_in_force"] == expected


def test_blank_cells_are_none_and_junk_is_not_a_number() -> None:
    data = {
        "template": "2021",
        "applications": {"rows": {"new_received": [None] * 7, "total": [1, 2, 3]}},
        "appeals": {"review": {"corrected": True}},
        "active": {"fees": {"amount_10k_yuan": "not money"}},
    }
    found = figures_of(data)
    assert found["received"] is None
    assert found["answered"] is None  # a row of three cells is no row of the table
    assert found["review_corrected"] is None
    assert found["fees_10k_yuan"] is None
    assert found["documents_in_force"] is None


@given(consistent_reports())
def test_the_outcome_shares_of_a_consistent_report_add_up(report: Report) -> None:
    found = figures_of(report.to_json())
    measures = measures_of(found)
    if not found["answered"]:
        assert measures["granted_share"] is None
        return
    shares = sum(
        measures[m] or 0
        for m in ("granted_share", "withheld_share", "unavailable_share", "not_processed_share")
    )
    other = float(found["other"] or 0) / float(found["answered"])
    assert abs(shares + other - 1) < 1e-9


def test_rates_say_what_they_divide() -> None:
    sums = {"review_upheld": 6, "review_corrected": 2, "review_other": 2, "review_pending": 5}
    assert measures_of(sums)["review_corrected_share"] == 0.2  # pending not decided
    assert measures_of({"received": 30, "population": 150_000})["per_10k"] == 2.0
    assert measures_of({"received": 30})["per_10k"] is None
    phrase = ranking_phrase(MEASURE_BY_NAME["granted_share"], descending=True)
    assert phrase == "按“公开率”从高到低排列：予以公开和部分公开的申请占办理结果总计的比例"
