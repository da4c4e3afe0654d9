"""What the web benchmarks share: the system as production runs it, on loopback.

Production settings (DEBUG off, the CSP, the rate limits) with the few values a machine
without TLS or a domain needs: a throwaway secret key, loopback hosts, plain http. A
benchmark never fills the developer's own database: without DATABASE_URL it works in a
temporary folder.
"""

from __future__ import annotations

import os
import resource
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def migrated_django() -> None:
    """Django set up on the configured database, its tables migrated."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def cpu_seconds() -> float:
    """CPU seconds of this process and of its finished children (the workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def production_on_loopback() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    os.environ.setdefault("GONGKAI_SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("GONGKAI_ALLOWED_HOSTS", "127.0.0.1,localhost")
    os.environ.setdefault("GONGKAI_HTTPS", "0")  # no TLS on loopback; nginx does it for real
    if "DATABASE_URL" not in os.environ:
        os.environ.setdefault("GONGKAI_BENCH_DIR", tempfile.mkdtemp(prefix="gongkai-bench-"))
        os.environ["GONGKAI_DATA_DIR"] = os.environ["GONGKAI_BENCH_DIR"]  # workers inherit it


def port_is_free(port: int) -> None:
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise SystemExit(f"port {port} is in use: stop what serves there first")


def wait_for(base: str) -> None:
    for _ in range(150):
        try:
            urllib.request.urlopen(base + "/api/openapi.json", timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def gunicorn(port: int, workers: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """The web system as production serves it (gunicorn), on loopback at `port`."""
    command = [sys.executable, "-m", "gunicorn", "gongkai.web.wsgi", "-w", str(workers)]
    command += ["-b", f"127.0.0.1:{port}", "--log-level", "warning"]
    return subprocess.Popen(command, cwd=ROOT, env=env)


def stop(processes: list[subprocess.Popen[bytes]]) -> None:
    """Terminate every process and wait for it; one still busy after 30 s (a worker in the
    middle of an OCR read) is killed."""
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
