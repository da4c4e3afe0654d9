"""The bomb table through the web upload (issue 11): each crafted input (tests/support/
hostile.py) uploaded by an officer, as the site receives it, and read by the background
task in a child process within the settings' limits. Per input: what the officer is told
(refused at the door, a file that cannot be read with its reason, or read), the seconds
from upload to the batch's final state, and the web process's own peak memory — which
must not grow: the reading happens in the child.

    python bench/uploads.py [--smoke]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time

from serving import ROOT, production_on_loopback

sys.path.insert(0, str(ROOT))
production_on_loopback()
os.environ["GONGKAI_TASKS"] = "immediate"  # the task runs at once: its time is counted
SMOKE = ("docx-gridspan-200000000", "zip-header-lies-1GiB", "png-12000x12000")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client

    from gongkai.roles import Role
    from gongkai.web.agencies.models import Agency, Membership
    from gongkai.web.reports.models import ImportBatch
    from tests.support.hostile import CRAFTED

    call_command("migrate", verbosity=0)
    agency = Agency.objects.create(name="某县人民政府办公室", level=Agency.Level.DEPARTMENT)
    officer = User.objects.create_user(f"bench-{time.time_ns()}")
    Membership.objects.create(user=officer, agency=agency, role=Role.OFFICER)
    browser = Client(HTTP_HOST="127.0.0.1")
    browser.force_login(officer)
    print(f"{'input':28} {'KiB':>7}  {'the officer is told':44} {'s':>6} {'web MiB':>8}")
    chosen = [c for c in CRAFTED if not args.smoke or c.name in SMOKE]
    for crafted in chosen:
        data = crafted.make()
        started = time.perf_counter()
        upload = SimpleUploadedFile(f"{crafted.name}.bin", data)
        response = browser.post("/manage/upload/", {"agency": agency.pk, "uploads": upload})
        seconds = time.perf_counter() - started
        batch = ImportBatch.objects.filter(agency=agency).order_by("-id").first()
        told = _told(response.status_code, batch)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{crafted.name:28} {len(data) / 1024:7.0f}  {told:44} {seconds:6.2f} {peak:8.0f}")


def _told(status: int, batch: object) -> str:
    from gongkai.web.reports.models import ImportBatch

    if status != 302 or not isinstance(batch, ImportBatch):
        return f"refused at the upload (HTTP {status})"
    problems = [f.problem for f in batch.files.all() if f.problem]
    if problems:
        return "cannot be read: " + problems[0][:34]
    return f"read ({batch.get_status_display()})"


if __name__ == "__main__":
    main()
