"""Load on the production configuration: gunicorn (4 workers) and PostgreSQL, with 50 and 200
concurrent clients on the portal list, a report page, the API list, the online application
form and the case lookup by access code; then the same while two scanned reports uploaded
with a token are being OCR'd by two background workers. Prints per page: requests/s,
p50/p95/p99 and errors; the aim is a p95 under 1 s for the public pages while the uploads
are read.

Applications come from many addresses (X-Real-IP, as nginx sets it), so that the
per-address limit and the CAPTCHA do not stop them; the per-agency hourly limit still
does, and its refusals (429) are counted apart from errors.

    scripts/with-postgres.sh .venv/bin/python bench/load.py --reports 1000 --seconds 20
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from serving import ROOT, gunicorn, port_is_free, production_on_loopback, stop, wait_for

sys.path.insert(0, str(ROOT))
production_on_loopback()
os.environ["GONGKAI_CLIENT_IP_HEADER"] = "HTTP_X_REAL_IP"
PORT = 8766
BASE = f"http://127.0.0.1:{PORT}"
TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
APPLICATION = {
    "applicant_type": "natural_person",
    "applicant_name": "负载测试",
    "contact": "13800000000",
    "request": "本县2025年义务教育学校名单",
}
Posts = dict[str, dict[str, str]]  # the forms posted, by the name of the line they report on


@dataclass
class Tally:
    ms: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    refused: dict[str, int] = field(default_factory=lambda: defaultdict(int))


def prepare(reports: int) -> tuple[list[int], int, str, bytes, str]:
    """Reports to read, an agency to apply to, an officer's token, a scanned report, and the
    access code of a case to look up."""
    from web import fill

    ids = fill(reports)
    from gongkai.readers import read_bytes
    from gongkai.render import render
    from gongkai.roles import Role
    from gongkai.web.agencies.models import Agency, Membership
    from gongkai.web.api.actions import do_issue_token
    from tests.support.scans import scan_pdf
    from tests.web.conftest import seed_bytes

    agency = Agency.objects.create(name="某县人民政府办公室", level=Agency.Level.DEPARTMENT)
    from django.contrib.auth.models import User

    officer = User.objects.create_user("load-officer")
    Membership.objects.create(user=officer, agency=agency, role=Role.OFFICER)
    _, key = do_issue_token(officer, "负载测试")
    name, data = seed_bytes("004")
    scan = scan_pdf(render(read_bytes(data, name), "pdf"), dpi=200)
    return ids, agency.pk, key, scan, _case_code(agency)


def _case_code(agency: Any) -> str:
    import datetime as dt

    from gongkai.web.cases.actions import do_register

    facts = {**APPLICATION, "channel": "online", "received_on": dt.date.today()}
    return do_register(agency, None, facts)[1]


async def client(
    session: aiohttp.ClientSession, paths: dict[str, str], posts: Posts, until: float, tally: Tally
) -> None:
    token = await _form_token(session)
    names = list(paths)
    turn = random.randrange(len(names))
    while time.monotonic() < until:
        name = names[turn % len(names)]
        turn += 1
        start = time.perf_counter()
        try:
            status = await _request(session, name, paths[name], posts, token)
        except (TimeoutError, aiohttp.ClientError):
            tally.errors[name] += 1
            continue
        elapsed = (time.perf_counter() - start) * 1000
        if status == 429:
            tally.refused[name] += 1
        elif status >= 400:
            tally.errors[name] += 1
        else:
            tally.ms[name].append(elapsed)


async def _form_token(session: aiohttp.ClientSession) -> str:
    async with session.get(BASE + "/apply/") as response:
        found = TOKEN_RE.search(await response.text())
    return found.group(1) if found else ""


async def _request(
    session: aiohttp.ClientSession, name: str, path: str, posts: Posts, token: str
) -> int:
    if name not in posts:
        async with session.get(BASE + path) as response:
            await response.read()
            return response.status
    address = f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"
    form = {"csrfmiddlewaretoken": token, **posts[name]}
    headers = {"X-Real-IP": address, "Referer": BASE + path}
    async with session.post(BASE + path, data=form, headers=headers) as response:
        await response.read()
        return response.status


async def run(clients: int, seconds: float, paths: dict[str, str], posts: Posts) -> Tally:
    tally = Tally()
    until = time.monotonic() + seconds
    connector = aiohttp.TCPConnector(limit=clients)
    try:
        await asyncio.gather(
            *(_one_client(connector, paths, posts, until, tally) for _ in range(clients))
        )
    finally:
        await connector.close()
    return tally


async def _one_client(
    connector: aiohttp.TCPConnector, paths: dict[str, str], posts: Posts, until: float, tally: Tally
) -> None:
    """A browser of its own: its own cookies (the CSRF cookie it was given with its form)."""
    jar = aiohttp.CookieJar(unsafe=True)  # keep the cookies of a server on an IP address
    async with aiohttp.ClientSession(
        timeout=aiohttp.ClientTimeout(total=30),
        connector=connector,
        connector_owner=False,
        cookie_jar=jar,
    ) as session:
        await client(session, paths, posts, until, tally)


def report(title: str, tally: Tally, seconds: float) -> None:
    print(title)
    for name in sorted(set(tally.ms) | set(tally.errors) | set(tally.refused)):
        ms = sorted(tally.ms[name]) or [float("nan")]
        print(
            f"  {name:18s} {len(tally.ms[name]) / seconds:6.1f} req/s  "
            f"p50 {statistics.median(ms):7.1f}  p95 {_pct(ms, 95):7.1f}  "
            f"p99 {_pct(ms, 99):7.1f} ms  errors {tally.errors[name]}  "
            f"refused (429) {tally.refused[name]}"
        )


def _pct(ms: list[float], p: int) -> float:
    return ms[min(len(ms) - 1, max(0, int(p / 100 * len(ms)) - 1))]


def upload(key: str, agency: int, scan: bytes, count: int) -> None:
    """`count` scanned reports uploaded through the API, to be OCR'd by the workers."""
    import urllib.request
    import uuid

    for n in range(count):
        boundary = uuid.uuid4().hex
        body = _multipart(boundary, {"agency": str(agency)}, f"scan{n}.pdf", scan)
        request = urllib.request.Request(
            BASE + "/api/imports",
            data=body,
            headers={
                "Authorization": f"Bearer {key}",
                "Content-Type": f"multipart/form-data; boundary={boundary}",
            },
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()


def _multipart(boundary: str, fields: dict[str, str], name: str, data: bytes) -> bytes:
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    ]
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="uploads"; '
        f'filename="{name}"\r\nContent-Type: application/pdf\r\n\r\n'
    ).encode()
    return b"".join(parts) + head + data + f"\r\n--{boundary}--\r\n".encode()


def reading() -> int:
    """Batches still queued or being read."""
    from gongkai.web.reports.models import ImportBatch

    return ImportBatch.objects.filter(status__in=["queued", "reading"]).count()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--clients", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()
    if args.smoke:
        args.reports, args.clients, args.seconds = 100, [5], 3.0
    port_is_free(PORT)
    ids, agency, key, scan, code = prepare(args.reports)
    paths = {
        "portal list": "/",
        "report page": f"/reports/{ids[len(ids) // 2]}/",
        "API list": "/api/reports?year=2020",
        "apply (form)": "/apply/",
        "apply (POST)": "/apply/",
        "follow (POST)": "/apply/status/",
    }
    posts = {
        "apply (POST)": {"agency": str(agency), **APPLICATION},
        "follow (POST)": {"code": code, "number": ""},
    }
    env = {**os.environ}
    server = gunicorn(PORT, 4, env)
    workers = [
        subprocess.Popen(
            [
                "nice",
                "-n",
                "10",
                sys.executable,
                "-m",
                "gongkai.web",
                "db_worker",
                "--queue-name",
                "*",
                "--no-reload",
                "-v",
                "0",
            ],
            cwd=ROOT,
            env=env,
        )
        for _ in range(2)
    ]
    try:
        wait_for(BASE)
        asyncio.run(run(4, 2, paths, posts))  # warm every worker
        print(f"reports: {args.reports}, database: {env.get('DATABASE_URL', 'sqlite')[:8]}")
        for clients in args.clients:
            tally = asyncio.run(run(clients, args.seconds, paths, posts))
            report(f"{clients} clients, {args.seconds:.0f} s, quiet", tally, args.seconds)
        upload(key, agency, scan, 2)
        clients = args.clients[0]
        started = time.monotonic()
        tally = asyncio.run(run(clients, args.seconds, paths, posts))
        busy = f"{reading()} of 2 uploads still being read at the end"
        report(
            f"{clients} clients, {args.seconds:.0f} s, while two scans are OCR'd ({busy})",
            tally,
            args.seconds,
        )
        print(f"  (phase took {time.monotonic() - started:.1f} s)")
    finally:
        stop([server, *workers])


if __name__ == "__main__":
    main()
