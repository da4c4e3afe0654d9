"""The demo region: the seed reports' agencies in their real places, reports published."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction

from gongkai.roles import Role
from gongkai.web.agencies.actions import do_grant_role
from gongkai.web.agencies.models import Agency
from gongkai.web.reports.actions import do_collect_report
from gongkai.web.reports.models import PublishedReport

L = Agency.Level
# (seed file prefix, chain of (name, level) from the province down to the agency)
DEMO_TREE: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "000",
        (
            ("山西省", L.PROVINCE),
            ("运城市", L.CITY),
            ("盐湖区", L.COUNTY),
            ("运城市盐湖区人民政府办公室", L.DEPARTMENT),
        ),
    ),
    ("001", (("山西省", L.PROVINCE), ("大同市", L.CITY), ("大同市云州区人民政府", L.COUNTY))),
    ("002", (("河南省", L.PROVINCE), ("洛阳市", L.CITY), ("嵩县人民政府", L.COUNTY))),
    ("003", (("宁夏回族自治区", L.PROVINCE), ("吴忠市", L.CITY), ("青铜峡市人民政府", L.COUNTY))),
    (
        "004",
        (
            ("宁夏回族自治区", L.PROVINCE),
            ("吴忠市", L.CITY),
            ("盐池县", L.COUNTY),
            ("盐池县人民政府办公室", L.DEPARTMENT),
        ),
    ),
)


# Who can sign in to the demo: an officer of one office, the city's supervising office.
DEMO_OFFICE = "盐池县人民政府办公室"
DEMO_YEAR = 2025
DEMO_PEOPLE = (
    ("yanchi", DEMO_OFFICE, Role.OFFICER),
    ("yanchi-shenhe", DEMO_OFFICE, Role.APPROVER),
    ("yanchi-qianfa", DEMO_OFFICE, Role.LEADER),
    ("wuzhong", "吴忠市", Role.SUPERVISOR),
)


def add_person(username: str, password: str, agency_name: str, role: Role) -> User:
    user = User.objects.create_user(username, password=password)
    agency = Agency.objects.get(name=agency_name)
    do_grant_role(None, user, agency, role, by_administrator=True)
    return user


@transaction.atomic
def load_demo(seeds: Path) -> list[PublishedReport]:
    """Create the demo agencies and collect each seed report, as published, once (idempotent)."""
    loaded = []
    for prefix, chain in DEMO_TREE:
        agency = _agency_chain(chain)
        if agency.reports.exists():
            continue
        path = next(seeds.glob(f"{prefix}_*.txt"))
        loaded.append(do_collect_report(agency, path.read_bytes(), path.name))
    return loaded


def _agency_chain(chain: tuple[tuple[str, str], ...]) -> Agency:
    parent = None
    for name, level in chain:
        parent, _ = Agency.objects.get_or_create(
            parent=parent, name=name, defaults={"level": level}
        )
    assert parent is not None
    return parent


def load_demo_year() -> tuple[str, int]:
    """The demo office's year of work in the registers, ready to compile (idempotent)."""
    from gongkai.web.annual.demo import Office, generate_year

    agency = Agency.objects.get(name=DEMO_OFFICE)
    if not agency.applications.exists():
        people = {u.username: u for u in User.objects.filter(username__startswith="yanchi")}
        office = Office(people["yanchi"], people["yanchi-shenhe"], people["yanchi-qianfa"])
        generate_year(agency, office, DEMO_YEAR)
    return agency.name, DEMO_YEAR
