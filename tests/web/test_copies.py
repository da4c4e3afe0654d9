"""Copies between the library's published reports: found by the run (command or task),
kept idempotently, shown to supervisors and to each agency's own people, never in public."""

from __future__ import annotations

import io
import json
import random
import re

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django_tasks import task_backends
from django_tasks.backends.dummy import DummyBackend
from openpyxl import load_workbook

from gongkai.roles import Role
from gongkai.web.agencies.models import Agency
from gongkai.web.audit.models import AuditEvent, EventType
from gongkai.web.copies.actions import do_find_copies
from gongkai.web.copies.models import CopyRun, SectionCopy
from gongkai.web.reports.actions import store_report
from gongkai.web.reports.models import PublishedReport
from tests.support import copy_corpus
from tests.web.conftest import office, person, seed_bytes, seed_report, sign_and_publish

pytestmark = pytest.mark.django_db

Library = dict[tuple[str, int], PublishedReport]
Pair = tuple[str, int, int]


def publish(agency: Agency, year: int, sections: dict[str, str]) -> PublishedReport:
    """The agency's report of `year` with these sections, through 三级审签 and publication."""
    name, data = seed_bytes("003")
    report = seed_report("003").model_copy(deep=True, update={"year": year, "sections": sections})
    people = office(agency, f"{agency.pk}-{year}-")
    return sign_and_publish(store_report(agency, report, name, data, people.officer), people)


@pytest.fixture
def library(tree: dict[str, Agency]) -> Library:
    """Four agencies' reports of 2024 and 2025 in the genre's prose; two copies planted in
    section 五: the county's 2025 repeats its 2024 with light edits, and the other city's
    2025 repeats the city's 2025 with its paragraphs reordered."""
    rng = random.Random(14)
    writers = dict(zip(tree, copy_corpus.agencies(rng, len(tree))))
    texts = {(k, y): copy_corpus.sections(rng, writers[k], y) for k in tree for y in (2024, 2025)}
    county, city, other = (("county", 2024), ("county", 2025)), ("city", 2025), ("other", 2025)
    texts[county[1]]["problems"] = copy_corpus._copy(
        rng,
        (writers["county"], 2024, texts[county[0]]),
        (writers["county"], 2025, texts[county[1]]),
        "problems",
        "light",
    )
    texts[other]["problems"] = copy_corpus._copy(
        rng,
        (writers["city"], 2025, texts[city]),
        (writers["other"], 2025, texts[other]),
        "problems",
        "reorder",
    )
    return {key: publish(tree[key[0]], key[1], sections) for key, sections in texts.items()}


def _found() -> set[Pair]:
    """The copies kept in section 五. (Four agencies are too few to tell the genre's stock
    phrasing from a copy — that takes ten: `CopySettings.common_min_agencies` — so one
    agency's two overviews, full of it, count as copies here.)"""
    copies = SectionCopy.objects.filter(section="problems")
    return {_pair(c.section, c.left_id, c.right_id) for c in copies}


def _pair(section: str, one: int, other: int) -> Pair:
    return (section, min(one, other), max(one, other))


def _planted(library: Library) -> set[Pair]:
    pairs = ((("county", 2024), ("county", 2025)), (("city", 2025), ("other", 2025)))
    return {_pair("problems", library[a].pk, library[b].pk) for a, b in pairs}


def test_the_run_keeps_the_planted_copies_and_only_them(library: Library) -> None:
    run = do_find_copies(2025, None, user=None)
    assert _found() == _planted(library)
    assert (run.compared, run.copies) == (8, SectionCopy.objects.count())
    event = AuditEvent.objects.get(event_type=EventType.COPIES_FOUND)
    assert event.after == {"year": 2025, "region": "全部机关", "compared": 8, "copies": run.copies}
    own = SectionCopy.objects.get(section="problems", same_agency=True)
    assert own.right_id == library["county", 2025].pk and own.right_share > 0.8
    assert own.passages and all(len(p) == 3 for p in own.passages)


def test_a_rerun_replaces_its_scope_and_leaves_other_scopes(
    tree: dict[str, Agency], library: Library
) -> None:
    do_find_copies(2025, None, user=None)
    first = set(SectionCopy.objects.values_list("pk", flat=True))
    do_find_copies(2025, None, user=None)
    assert _found() == _planted(library)
    assert not first & set(SectionCopy.objects.values_list("pk", flat=True))
    do_find_copies(2025, tree["city"], user=None)  # the city and the county only
    assert _found() == _planted(library)
    assert CopyRun.objects.count() == 3


def test_two_agencies_of_one_name_are_two_agencies(
    tree: dict[str, Agency], library: Library
) -> None:
    # Named as the city is (names are unique among one parent's agencies only).
    Agency.objects.filter(pk=tree["other"].pk).update(name="某市", parent=tree["county"])
    do_find_copies(2025, None, user=None)
    both = (library["city", 2025], library["other", 2025])
    between = SectionCopy.objects.get(section="problems", left__in=both, right__in=both)
    assert not between.same_agency


def test_a_run_over_no_reports_keeps_nothing(tree: dict[str, Agency]) -> None:
    run = do_find_copies(2025, tree["county"], user=None, workers=2)
    assert (run.compared, run.copies, SectionCopy.objects.count()) == (0, 0, 0)


def test_the_command_runs_over_a_year_and_says_what_it_found(library: Library) -> None:
    out = io.StringIO()
    call_command("find_copies", "--year", "2025", "--workers", "1", stdout=out)
    copies = SectionCopy.objects.count()
    assert out.getvalue().strip() == f"比较已发布的报告8份，发现重复{copies}处。"
    assert _found() == _planted(library)


def _agencies(client: Client, **query: str) -> list[tuple[str, float | None, float | None]]:
    response = client.get("/manage/copies/copies.json", {"year": "2025", **query})
    assert response.status_code == 200
    rows = json.loads(response.content)["agencies"]
    return [
        (
            r["agency"],
            r["last_year"] and r["last_year"]["share"],
            r["others"] and r["others"]["share"],
        )
        for r in rows
    ]


def test_the_supervisor_sees_each_agency_sorted_by_share(
    tree: dict[str, Agency], library: Library
) -> None:
    do_find_copies(2025, None, user=None)
    supervisor = person("province", tree["province"], Role.SUPERVISOR)
    rows = _agencies(supervisor)
    tops = [max(last or 0, others or 0) for _, last, others in rows]
    assert tops == sorted(tops, reverse=True) and tops[0] > 0.5
    by_name = {name: (last, others) for name, last, others in rows}
    assert by_name["某县"][0] is not None and by_name["某县"][1] is None
    assert by_name["另一市"][0] is None and by_name["另一市"][1] is not None
    assert by_name["某省"] == (None, None)
    page = supervisor.get("/manage/copies/", {"year": 2025}).content.decode()
    assert "五、存在的主要问题及改进情况" in page and 'id="chart-copies"' in page
    assert "某市（2025年度）" in page  # the other city's source
    sheet = supervisor.get("/manage/copies/copies.xlsx", {"year": "2025"}).content
    lines = list(load_workbook(io.BytesIO(sheet)).worksheets[0].values)
    assert lines[0] == ("机关", "与本机关上年报告重复", "与其他机关报告重复", "重复来源机关")
    assert {line[0] for line in lines[1:]} == {"某省", "某市", "某县", "另一市"}


def test_an_agency_s_own_people_see_their_agency_only(
    tree: dict[str, Agency], library: Library
) -> None:
    do_find_copies(2025, None, user=None)
    officer = person("officer", tree["county"], Role.OFFICER)
    assert [r[0] for r in _agencies(officer)] == ["某县"]


def test_the_years_offered_are_those_with_published_reports(
    tree: dict[str, Agency], library: Library
) -> None:
    """A draft of a later year is no year to look for copies in: offered, and chosen by
    default, it showed an empty page."""
    name, data = seed_bytes("003")
    draft = seed_report("003").model_copy(update={"year": 2026})
    store_report(tree["county"], draft, name, data, office(tree["county"], "draft-").officer)
    do_find_copies(2025, None, user=None)
    supervisor = person("province", tree["province"], Role.SUPERVISOR)
    page = supervisor.get("/manage/copies/").content.decode()
    assert re.findall(r'<option value="(\d+)"', page) == ["2025", "2024"]
    assert '<option value="2025" selected>' in page


def test_a_supervisor_starts_a_run_from_the_page(tree: dict[str, Agency], library: Library) -> None:
    supervisor = person("province", tree["province"], Role.SUPERVISOR)
    page = supervisor.get("/manage/copies/", {"year": 2025}).content.decode()
    assert "尚未查找。" in page and "查找2025年度某省报告的重复内容" in page
    response = supervisor.post(f"/manage/copies/find/?year=2025&region={tree['province'].pk}")
    assert response.status_code == 302
    assert _found() == _planted(library)
    run = CopyRun.objects.get()
    event = AuditEvent.objects.get(event_type=EventType.COPIES_FOUND)
    assert run.user is not None and run.user.username == "province"
    assert event.user == run.user and event.after == {
        "year": 2025,
        "region": "某省",
        "compared": 8,
        "copies": SectionCopy.objects.count(),
    }
    assert "最近一次查找" in supervisor.get(response["Location"]).content.decode()


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_a_run_asked_for_is_not_queued_again_while_under_way(
    tree: dict[str, Agency], library: Library
) -> None:
    supervisor = person("province", tree["province"], Role.SUPERVISOR)
    for _ in range(3):
        supervisor.post(f"/manage/copies/find/?year=2025&region={tree['province'].pk}")
    queue = task_backends["default"]
    assert isinstance(queue, DummyBackend) and len(queue.results) == 1
    page = supervisor.get("/manage/copies/", {"year": 2025}).content.decode()
    assert "提交查找，完成后刷新本页即可看到结果" in page and "查找2025年度" not in page


def test_an_office_may_not_start_a_run(tree: dict[str, Agency], library: Library) -> None:
    officer = person("officer", tree["county"], Role.OFFICER)
    assert "查找2025年度" not in officer.get("/manage/copies/", {"year": 2025}).content.decode()
    response = officer.post(f"/manage/copies/find/?year=2025&region={tree['county'].pk}")
    assert response.status_code == 403 and not SectionCopy.objects.exists()


def test_the_pair_page_shows_both_passages_with_the_shared_spans_marked(
    tree: dict[str, Agency], library: Library
) -> None:
    do_find_copies(2025, None, user=None)
    pair = SectionCopy.objects.get(section="problems", same_agency=True)
    officer = person("officer", tree["county"], Role.OFFICER)
    page = officer.get(f"/manage/copies/{pair.pk}/").content.decode()
    left_text = library["county", 2024].data["sections"]["problems"]
    (start, end), _ = pair.passages[0][2][0]
    assert f"<mark>{left_text[start:end]}" in page
    assert "某县 2024年度" in page and "某县 2025年度" in page
    outsider = person("outsider", tree["other"], Role.OFFICER)
    assert outsider.get(f"/manage/copies/{pair.pk}/").status_code == 404


def test_the_public_report_page_says_nothing_of_copies(library: Library) -> None:
    report = library["county", 2025]

    def public() -> str:
        page = Client().get(f"/reports/{report.pk}/").content.decode()
        return re.sub(r'nonce="[^"]*"', "", page)  # a new one each request

    before = public()
    do_find_copies(2025, None, user=None)
    assert SectionCopy.objects.filter(right=report).exists()
    assert public() == before and report.agency.name in before
