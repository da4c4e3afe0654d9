"""The application register at scale: table 三 for one agency and a region, the 台账 (a page,
Chinese search, filters, the inboxes of the 工作台, an Excel export) and registrations from
concurrent clients.

Fills the database named by DATABASE_URL (run it under scripts/with-postgres.sh) with N
applications over A agencies (COPY, not the ORM: this measures reading, not filling), then
prints latency percentiles, the ratio against counting in Python (the naive method), and
registrations per second from several processes at once.

    scripts/with-postgres.sh .venv/bin/python bench/cases.py --applications 1000000 --agencies 1000

With `--recompute`, only a corrected calendar year: the save (and with `--against DIR`,
another checkout's save in turn on the same database, each on its own checkout's indexes),
then the queued recount. `--reuse` keeps a database a run filled before.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import multiprocessing
import os
import random
import secrets
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from serving import ROOT, cpu_seconds, production_on_loopback

sys.path.insert(0, str(ROOT))
production_on_loopback()

FIRST_DAY = dt.date(2023, 1, 3)
DAYS = 3 * 365 - 10
# Requests made of these, so that searching the 台账 in Chinese finds a realistic share.
PLACES = ("本县", "本市", "某镇", "某街道", "县一中", "开发区", "某村", "城关镇")
SUBJECTS = (
    "农村公路建设资金",
    "学校食堂招标文件",
    "低保名单",
    "征地补偿标准",
    "拆迁安置方案",
    "环境影响评价报告",
    "财政预算执行情况",
    "医疗保险基金支出",
    "河道治理工程合同",
    "危房改造补助发放",
    "国有土地出让收入",
    "行政处罚决定书",
)
FORMS = ("的使用情况", "的全文", "及其依据", "的审批文件", "的明细")


def _setup() -> None:
    import django

    django.setup()


def fill(applications: int, agencies: int) -> list[int]:
    """A region (one city) of `agencies` agencies with `applications` applications; ids."""
    from django.core.management import call_command
    from django.db import connection

    from gongkai.cases.table import APPLICANT_TYPES, OUTCOME_ROWS
    from gongkai.web.agencies.models import Agency
    from gongkai.web.cases.models import Application
    from gongkai.web.cases.search_words import search_texts

    call_command("migrate", verbosity=0)
    Application.objects.all().delete()
    Agency.objects.all().delete()
    city = Agency.objects.create(name="某市", level=Agency.Level.CITY)
    made = Agency.objects.bulk_create(
        Agency(name=f"某市第{i}局", level=Agency.Level.DEPARTMENT, parent=city)
        for i in range(agencies)
    )
    for agency in made:
        agency.path = f"{city.path}{agency.pk}/"
    Agency.objects.bulk_update(made, ["path"], batch_size=5000)
    ids = [a.pk for a in made]
    rng = random.Random(7)
    columns = (
        "agency_id, year, serial, number, channel, received_on, applicant_type, applicant_name, "
        "id_number, id_digest, contact, request, original_request, wanted_form, state, clock, "
        "due_on, "
        "outcome, basis, fee_yuan, "
        "answered_on, delivery_method, access_digest, letter_facts, version, created_at, "
        "search_text, search_name, due_provisional, closing_reason, "
        "response_days, answered_late, answered_extended"
    )
    table = answer_table()
    serials: dict[tuple[int, int], int] = {}
    buffer = io.StringIO()
    for n in range(applications):
        agency_id = ids[n % len(ids)]
        received = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        key = (agency_id, received.year)
        serials[key] = serials.get(key, 0) + 1
        answered = received + dt.timedelta(days=rng.randrange(1, 40))
        open_case = answered > dt.date(2025, 12, 20) or rng.random() < 0.03
        state = rng.choice(("registered", "correction", "drafted")) if open_case else "archived"
        due = "" if not open_case else (received + dt.timedelta(days=28)).isoformat()
        clock = f'{{"start": "{received}", "pauses": [], "stopped_since": null, '
        clock += '"waiting_for_correction": false, "extended": false}'
        request = f"{received.year - 1}年{rng.choice(PLACES)}{rng.choice(SUBJECTS)}"
        request += rng.choice(FORMS)
        row = (
            agency_id,
            received.year,
            serials[key],
            f"〔{received.year}〕{serials[key]}号",
            "online",
            received.isoformat(),
            rng.choice(APPLICANT_TYPES),
            "某人",
            "",
            "",
            "x",
            request,
            "",
            "",
            state,
            clock,
            due or "\\N",
            "" if open_case else rng.choice(OUTCOME_ROWS),
            "",
            0,
            "\\N" if open_case else answered.isoformat(),
            "",
            "0" * 64,
            "{}",
            1,
            "2025-01-01T00:00:00Z",
            *search_texts(received.year, serials[key], request, "", "某人"),
            "f",
            "",
            *kept_timing(table, None if open_case else (received, answered)),
        )
        buffer.write("\t".join(str(v) for v in row) + "\n")
    buffer.seek(0)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY cases_application ({columns}) FROM STDIN") as copy:
                while chunk := buffer.read(1 << 20):
                    copy.write(chunk)
            cursor.execute("VACUUM ANALYZE")
        else:
            marks = ", ".join(["%s"] * len(columns.split(",")))
            sql = f"INSERT INTO cases_application ({columns}) VALUES ({marks})"
            rows = [
                [None if v == "\\N" else v for v in line.split("\t")]
                for line in buffer.read().splitlines()
            ]
            cursor.executemany(sql, rows)
    return ids


def refilled(applications: int, agencies: int, reuse: bool) -> list[int]:
    """The region's agencies' ids: filled anew, or (`reuse`) as a run filled them before."""
    from django.core.management import call_command

    from gongkai.web.agencies.models import Agency
    from gongkai.web.cases.models import Application

    if reuse:
        call_command("migrate", verbosity=0)
        if Application.objects.count() >= applications:
            departments = Agency.objects.filter(level=Agency.Level.DEPARTMENT)
            return list(departments.values_list("pk", flat=True))
    return fill(applications, agencies)


def answer_table() -> Any:
    """One table of working days over every day the filled answers can count."""
    from gongkai.cases.responses import Answered, workday_table
    from gongkai.web.holidays.calendar import work_calendar

    last = FIRST_DAY + dt.timedelta(days=DAYS + 40)
    return workday_table(work_calendar(), [Answered(FIRST_DAY, last, FIRST_DAY)])


def kept_timing(table: Any, answer: tuple[dt.date, dt.date] | None) -> tuple[object, ...]:
    """The timing columns as the answering step keeps them (NULL for an open case)."""
    from gongkai.cases.responses import Answered

    if answer is None:
        return ("\\N", "\\N", "\\N")
    timing = table.timing(Answered(*answer, start=answer[0]))
    return (timing.days, int(timing.late), int(timing.extended))


def timed(work: Callable[[], Any], times: int) -> list[float]:
    out = []
    for _ in range(times):
        start = time.perf_counter()
        work()
        out.append((time.perf_counter() - start) * 1000)
    return sorted(out)


def line(name: str, ms: list[float], aim: str = "") -> None:
    p95 = ms[max(0, int(0.95 * len(ms)) - 1)]
    print(f"{name:40s} p50 {statistics.median(ms):8.1f} ms  p95 {p95:8.1f} ms  {aim}")


def measure(ids: list[int], rounds: int) -> None:
    from gongkai.cases.table import CaseFacts, assemble, count_cases
    from gongkai.web.agencies.models import Agency
    from gongkai.web.cases.models import Application
    from gongkai.web.cases.queries import table_three, work_list

    rng = random.Random(3)
    sample = [rng.choice(ids) for _ in range(rounds)]
    picks = iter(sample * 10)

    def one_agency() -> None:
        table_three(Agency.objects.filter(pk=next(picks)), 2025)

    agency_ms = timed(one_agency, rounds)
    line("table 三, one agency", agency_ms, "(aim < 200 ms)")
    region = Agency.objects.filter(path__startswith=Agency.objects.get(name="某市").path)
    region_ms = timed(lambda: table_three(region, 2025), max(3, rounds // 5))
    line(f"table 三, region of {len(ids)} agencies", region_ms, "(aim < 5000 ms)")

    def naive() -> None:  # every case of the agency into Python, counted there
        cases = Application.objects.filter(agency_id=next(picks)).values_list(
            "received_on", "applicant_type", "outcome", "answered_on"
        )
        assemble(count_cases((CaseFacts(r, a, o or None, d) for r, a, o, d in cases), 2025))

    naive_ms = timed(naive, rounds)
    line("  naive: load the cases, count in Python", naive_ms)
    ratio = statistics.median(naive_ms) / statistics.median(agency_ms)
    print(f"  ratio naive/ours (p50): {ratio:.1f}×")
    for which in ("open", "soon", "overdue", "waiting"):

        def page(which: str = which) -> None:
            cases = work_list(Agency.objects.filter(pk=next(picks)), which, None)
            cases.count()
            list(cases[:50])

        line(f"work list '{which}' (count + first 50)", timed(page, rounds), "(aim < 100 ms)")
    ledger(ids, rounds)
    responses(ids, rounds)


def recount_timings(ids: list[int]) -> None:
    """What a change of the calendar costs (every answer's timing counted again, here none
    changed) and what filling them costs (migration 0011, `compute_response_times`) for
    the answers of ten agencies, their timings emptied first; then vacuumed as autovacuum
    would, so that the timing index is read alone."""
    from django.db import connection

    from gongkai.web.cases.actions import refresh_timings
    from gongkai.web.cases.models import Application
    from gongkai.web.holidays.calendar import work_calendar

    answers = Application.objects.filter(response_days__isnull=False)
    count = answers.count()
    wall, cpu = time.perf_counter(), cpu_seconds()
    changed = refresh_timings(Application.objects.all(), work_calendar())
    wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    print(
        f"timings recounted: {count:,} answers, {changed} changed, "
        f"{wall:.1f} s wall, {cpu:.1f} s CPU"
    )
    some = Application.objects.filter(agency_id__in=ids[:10])
    some.update(response_days=None, answered_late=None, answered_extended=None)
    wall, cpu = time.perf_counter(), cpu_seconds()
    filled = refresh_timings(some, work_calendar())
    wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    each = wall / max(filled, 1) * 1000
    print(
        f"timings filled: {filled:,} answers in {wall:.1f} s wall, {cpu:.1f} s CPU "
        f"({each:.2f} ms an answer: {each * count / 60_000:.1f} min for all {count:,})"
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE cases_application")


def corrected_calendar(against: Path | None) -> None:
    """An administrator corrects 2025's arrangement (10 March off, then back): the open
    cases' deadlines recomputed and audited in the save (the answers' recount queued). Each
    save runs in a process of its own (`calendar_save.py`); with `against` (another
    checkout, e.g. a worktree of main), its saves alternate with this one's on the same
    database — each direction saved by both — and must change the same deadlines and write
    the same events. After the first, the queued recount as a worker runs it."""
    from django.contrib.auth.models import User

    from gongkai.holiday_notice import arrangement_of, arrangement_text
    from gongkai.web.cases.models import Application
    from gongkai.web.cases.timings import counting_days_of
    from gongkai.web.holidays.calendar import work_calendar
    from gongkai.web.holidays.tasks import recount_timings

    if not User.objects.filter(username="bench-admin").exists():  # a database filled before
        User.objects.create_superuser("bench-admin", password=secrets.token_urlsafe())
    law = arrangement_text(arrangement_of(work_calendar(), 2025))
    corrected = law + "\n2025年3月10日 放假"
    counted = Application.objects.filter(counting_days_of(2025), response_days__isnull=False)
    running = Application.objects.filter(state__in=("registered", "correction", "drafted"))
    print(f"answers counting a day of 2025: {counted.count():,}; open: {running.count():,}")
    turns = [(ROOT, corrected), (ROOT, law)]
    if against is not None:
        turns = [(ROOT, corrected), (against, law), (against, corrected), (ROOT, law)]
    saved = [saved_elsewhere(*turns[0])]
    start, cpu = time.perf_counter(), cpu_seconds()
    changed = recount_timings(2025)
    wall, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    print(
        f"  the queued recount (a worker): {changed or 0:,} timings changed, "
        f"{wall:.1f} s wall, {cpu:.1f} s CPU"
    )
    saved += [saved_elsewhere(checkout, text) for checkout, text in turns[1:]]
    if against is not None and not same_changes(saved):
        raise SystemExit("the two checkouts changed different deadlines or wrote other events")


def saved_elsewhere(checkout: Path, text: str) -> dict[str, Any]:
    """One save of 2025's arrangement `text` by `checkout`'s code, in a process of its own,
    on the cases app's tables and indexes as `checkout` has them."""
    schema_of(checkout)
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    script = str(Path(__file__).with_name("calendar_save.py"))
    done = subprocess.run(
        [sys.executable, script, "2025"],
        input=text,
        capture_output=True,
        text=True,
        check=True,
        cwd=checkout,
        env=env,
    )
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    which = Path(result["checkout"]).parent.parent  # the checkout whose code ran
    way = "10 March off" if "3月10日" in text else "back to the law"
    print(
        f"save ({way}), {which}: {result['wall']:.2f} s wall, {result['cpu']:.2f} s CPU, "
        f"{result['changes']:,} deadlines changed and audited (changes {result['digest']}, "
        f"events {result['events']})"
    )
    return result


def schema_of(checkout: Path) -> None:
    """The cases app migrated (forward or back) to `checkout`'s last migration, timed: the
    other checkout's save is not helped by an index of this one's."""
    from django.core.management import call_command

    folder = checkout / "gongkai" / "web" / "cases" / "migrations"
    last = max(path.stem for path in folder.glob("0*.py"))
    wall, cpu = time.perf_counter(), cpu_seconds()
    call_command("migrate", "cases", last, verbosity=0)
    wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    print(f"  migrated cases to {last}: {wall:.1f} s wall, {cpu:.1f} s CPU")


def same_changes(saved: list[dict[str, Any]]) -> bool:
    """Each direction, saved by both checkouts: the same changes and the same events."""
    ours_on, theirs_back, theirs_on, ours_back = saved
    pairs = [(ours_on, theirs_on), (ours_back, theirs_back)]
    keys = ("changes", "digest", "events")
    same = all(a[k] == b[k] for a, b in pairs for k in keys)
    print(f"  the same deadlines and audit events from both checkouts: {same}")
    return same


def counted_in_python(scope: Any, year: int) -> dict[int, Any]:
    """The way before issue 14's kept timings: every answer's dates and clock read, its
    timing counted by the core at view time, the figures per agency in Python."""
    from gongkai.cases.responses import response_stats
    from gongkai.web.cases.responses import answered_in
    from gongkai.web.cases.timings import ANSWERED, CLOCK, timings
    from gongkai.web.holidays.calendar import work_calendar

    found = answered_in(scope, year).filter(ANSWERED).order_by()
    rows = list(found.values_list("agency_id", "pk", "received_on", "answered_on", *CLOCK))
    counted = timings(work_calendar(), (row[1:] for row in rows))
    groups: dict[int, list[Any]] = {}
    for row in rows:
        groups.setdefault(row[0], []).append(counted[row[1]])
    return {agency: response_stats(members) for agency, members in groups.items()}


def responses(ids: list[int], rounds: int) -> None:
    """答复用时: one agency's year (total, months, handlers) and the region's one row per
    agency from the kept timings (one grouped query), against counting every answer in
    Python at view time (the way before), in the same run; wall and CPU (this process)."""
    from gongkai.web.agencies.models import Agency
    from gongkai.web.cases.responses import agency_responses, region_responses

    picks = iter([random.Random(5).choice(ids) for _ in range(rounds)])
    agencies = {a.pk: a for a in Agency.objects.filter(pk__in=ids)}
    line(
        "答复用时, one agency", timed(lambda: agency_responses(agencies[next(picks)], 2025), rounds)
    )
    region = Agency.objects.filter(path__startswith=Agency.objects.get(name="某市").path)
    ours = region_line(f"答复用时, region of {len(ids)} agencies", region_responses, region, rounds)
    before = region_line("  before: counted in Python", counted_in_python, region, 3)
    answered = sum(s.answered for _, s in ours)
    print(f"  answered cases in 2025 over the region: {answered:,}")
    same = {a.pk: s for a, s in ours if s.answered} == before
    print(f"  the same figures both ways: {same}")
    if not same:
        raise SystemExit("the grouped query and the core disagree")


def region_line(name: str, work: Callable[[Any, int], Any], region: Any, times: int) -> Any:
    """Times `work(region, 2025)`: wall percentiles and mean CPU of this process; its result."""
    cpu = cpu_seconds()
    ms = timed(lambda: work(region, 2025), times)
    cpu_ms = (cpu_seconds() - cpu) * 1000 / times
    line(name, ms, f"(CPU {cpu_ms:.0f} ms)")
    return work(region, 2025)


def ledger(ids: list[int], rounds: int) -> None:
    """The 台账 as an officer of one agency and as the city's supervisor see it: a page
    (count + 50 rows, sorted), a search in Chinese, filters, the 工作台's counts, an export."""
    from django.contrib.auth.models import User
    from django.core.paginator import Paginator

    from gongkai.roles import Role
    from gongkai.web.agencies.models import Agency, Membership
    from gongkai.web.cases.ledger import LedgerFilter, sheet_rows
    from gongkai.web.cases.models import Application
    from gongkai.web.cases.queries import INBOXES, inbox

    city = Agency.objects.get(name="某市")
    region = Agency.objects.filter(path__startswith=city.path)
    rng = random.Random(5)
    officers = []
    for n, agency_id in enumerate(rng.sample(ids, min(rounds, len(ids)))):
        user, _ = User.objects.get_or_create(username=f"bench-officer-{n}")
        Membership.objects.get_or_create(user=user, agency_id=agency_id, role=Role.OFFICER)
        officers.append((user, Agency.objects.filter(pk=agency_id)))
    supervisor, _ = User.objects.get_or_create(username="bench-supervisor")
    Membership.objects.get_or_create(user=supervisor, agency=city, role=Role.SUPERVISOR)
    turn = iter(officers * 100)

    def page(chosen: LedgerFilter, scope: Any) -> None:
        cases = chosen.apply(Application.objects.filter(agency__in=scope), scope)
        found = Paginator(cases.select_related("agency", "assignee"), 50).get_page(1)
        list(found)

    def own(chosen: LedgerFilter) -> Callable[[], None]:
        return lambda: page(chosen, next(turn)[1])

    cases = [
        ("台账, one agency: newest first", LedgerFilter()),
        ("台账, one agency: search 食堂招标", LedgerFilter(q="食堂招标")),
        (
            "台账, one agency: open, 2025, by due",
            LedgerFilter(year=2025, state="open", sort="due_on"),
        ),
    ]
    for name, chosen in cases:
        line(name, timed(own(chosen), rounds), "(aim < 100 ms)")
    region_cases = [
        ("台账, region: newest first", LedgerFilter()),
        ("台账, region: search 食堂招标", LedgerFilter(q="食堂招标")),
        ("台账, region: search 征地补偿标准的明细", LedgerFilter(q="征地补偿标准的明细")),
        ("台账, region: number 〔2025〕12号", LedgerFilter(q="〔2025〕12号")),
        (
            "台账, region: closed, other.other, by number",
            LedgerFilter(state="closed", outcome="other.other", sort="number"),
        ),
    ]
    for name, chosen in region_cases:
        ms = timed(partial(page, chosen, region), max(3, rounds // 3))
        line(name, ms, "(aim < 1000 ms)")

    def naive() -> None:  # the same search without the index: LIKE over the request text
        found = Application.objects.filter(agency__in=region, request__contains="食堂招标")
        list(Paginator(found.order_by("-received_on", "-id"), 50).get_page(1))

    naive_ms = timed(naive, max(3, rounds // 3))
    line("  naive: region search by LIKE '%食堂招标%'", naive_ms)

    def desk() -> None:  # the 工作台: every inbox counted for one officer
        user = next(turn)[0]
        for box in INBOXES:
            inbox(user, box.key).count()

    line("工作台: 8 inbox counts, one officer", timed(desk, rounds), "(aim < 200 ms)")

    def export() -> None:  # one agency's 台账 of a year as Excel
        _, scope = next(turn)
        chosen = LedgerFilter(year=2025)
        rows = chosen.apply(Application.objects.filter(agency__in=scope), scope)
        sheet_xlsx("台账", HEADER, sheet_rows(rows.select_related("agency", "assignee"), set()))

    from gongkai.render.sheet import sheet_xlsx
    from gongkai.web.cases.ledger import HEADER

    line("台账 Excel, one agency's year", timed(export, max(3, rounds // 3)), "(aim < 2000 ms)")


def _register_many(args: tuple[list[int], int, int]) -> int:
    ids, count, seed = args
    _setup()
    from django.contrib.auth.models import User

    from gongkai.web.agencies.models import Agency
    from gongkai.web.cases.actions import do_register

    user = User.objects.get(username="bench")
    rng = random.Random(seed)
    agencies = list(Agency.objects.filter(pk__in=ids))
    for _ in range(count):
        do_register(
            rng.choice(agencies),
            user,
            {
                "channel": "online",
                "received_on": dt.date(2025, 12, 1),
                "applicant_type": "natural_person",
                "applicant_name": "某人",
                "contact": "x",
                "request": "y",
            },
        )
    return count


def registrations(ids: list[int], clients: int, each: int) -> None:
    from django.contrib.auth.models import User
    from django.db import connection

    User.objects.get_or_create(username="bench")
    connection.close()
    hot = ids[:20]  # a few busy agencies: the counters are contended
    start = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(clients) as pool:
        done = sum(pool.map(_register_many, [(hot, each, s) for s in range(clients)]))
    seconds = time.perf_counter() - start
    print(
        f"registrations: {done} from {clients} processes in {seconds:.1f} s "
        f"= {done / seconds:.0f}/s (incl. process start)"
    )
    from gongkai.web.cases.models import Application

    numbered = Application.objects.filter(agency_id__in=hot, year=2025, serial__isnull=False)
    serials = numbered.values_list("agency_id", "serial")
    per_agency: dict[int, list[int]] = {}
    for agency, serial in serials:
        per_agency.setdefault(agency, []).append(int(serial or 0))
    gapless = all(sorted(s) == list(range(1, len(s) + 1)) for s in per_agency.values())
    print(f"  numbers unique and gap-free per agency and year: {gapless}")
    if not gapless:
        raise SystemExit("case numbers repeated or skipped")


def index_cost(rounds: int) -> None:
    """What the partial index `application_deadline` costs an insert: one twentieth of the
    applications inserted again, in rounds alternating with the index and without it (dropped
    inside the transaction), each rolled back. Registrations from several processes were too
    noisy to tell (13–20/s against 17–21/s under load); this times the database's share."""
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = "
            "'cases_application' AND column_name <> 'id' AND is_generated = 'NEVER' "
            "ORDER BY ordinal_position"
        )
        columns = [name for (name,) in cursor.fetchall()]
    renamed = {"serial": "serial + 100000000", "number": "number || '+'"}
    chosen = ", ".join(renamed.get(name, name) for name in columns)
    insert = (
        f"INSERT INTO cases_application ({', '.join(columns)}) "
        f"SELECT {chosen} FROM cases_application WHERE id % 20 = 0"
    )
    ms: dict[str, list[float]] = {"with": [], "without": []}
    for n in range(rounds):
        for which in ("with", "without")[:: 1 if n % 2 else -1]:
            with transaction.atomic(), connection.cursor() as cursor:
                if which == "without":
                    cursor.execute("DROP INDEX application_deadline")
                start = time.perf_counter()
                cursor.execute(insert)
                ms[which].append((time.perf_counter() - start) * 1000)
                rows = cursor.rowcount
                transaction.set_rollback(True)
    for which, times in ms.items():
        line(f"insert of {rows} applications, {which} the index", sorted(times))
    ratio = statistics.median(ms["with"]) / statistics.median(ms["without"])
    print(f"  with / without: {ratio:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--applications", type=int, default=1_000_000)
    parser.add_argument("--agencies", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--each", type=int, default=250)
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument(
        "--reuse", action="store_true", help="the database as filled before, if of this size"
    )
    parser.add_argument("--only-responses", action="store_true", help="答复用时 only")
    parser.add_argument(
        "--only-register", action="store_true", help="the 台账 and registrations only"
    )
    parser.add_argument(
        "--index-cost", action="store_true", help="what the deadline index costs an insert"
    )
    parser.add_argument(
        "--recompute", action="store_true", help="a corrected calendar year only: save, recount"
    )
    parser.add_argument(
        "--against", type=Path, help="with --recompute: another checkout's saves, in turn"
    )
    args = parser.parse_args()
    if args.smoke:
        args.applications, args.agencies, args.rounds, args.each = 5000, 20, 5, 20
    _setup()
    from django.db import connection

    start = time.perf_counter()
    ids = refilled(args.applications, args.agencies, args.reuse)
    print(
        f"applications: {args.applications:,}, agencies: {args.agencies}, database: "
        f"{connection.vendor}, filled in {time.perf_counter() - start:.0f} s"
    )
    if args.recompute:
        corrected_calendar(args.against)
        return
    if args.index_cost:
        index_cost(min(args.rounds, 10))
        return
    if args.only_register:  # what an index on the applications costs elsewhere
        ledger(ids, args.rounds)
        registrations(ids, args.clients, args.each)
        return
    recount_timings(ids)
    if args.only_responses:
        responses(ids, args.rounds)
        return
    measure(ids, args.rounds)
    registrations(ids, args.clients, args.each)


if __name__ == "__main__":
    main()
