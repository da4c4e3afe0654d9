"""Bulk ingest for administrators (/manage/collections/): collections and their runs with
what each read, stored and could not read; the review queue, where a person names the
agency of a report whose name matched none or several, or leaves it out. Each is audited."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.errors import GongkaiError
from gongkai.web.agencies.access import NOT_FOUND, person
from gongkai.web.edge import form_problems, int_param
from gongkai.web.ingest.access import access_assignment, access_collected_by_id, check_administrator
from gongkai.web.ingest.actions import do_assign_agency, do_dismiss_collected
from gongkai.web.ingest.forms import AssignForm, DismissForm
from gongkai.web.ingest.models import CollectedFile, IngestRun
from gongkai.web.ingest.queries import agency_choices, pending_files, run_rows, search_agencies

PAGE_SIZE = 20
RUNS_SHOWN = 100


@login_required
def collections(request: HttpRequest) -> HttpResponse:
    check_administrator(request.user)
    runs = IngestRun.objects.order_by("-id")[:RUNS_SHOWN]
    context = {
        "runs": run_rows(runs, timezone.now()),
        "pending": pending_files().count(),
    }
    return render(request, "ingest/collections.html", context)


@login_required
def run(request: HttpRequest, run_id: int) -> HttpResponse:
    check_administrator(request.user)
    found = run_rows(IngestRun.objects.filter(pk=run_id), timezone.now())
    if not found:
        raise Http404(NOT_FOUND)
    failed = found[0].run.files.filter(outcome=CollectedFile.Outcome.FAILED).defer("source")
    page = Paginator(failed.order_by("id"), 100).get_page(request.GET.get("page"))
    return render(request, "ingest/run.html", {"row": found[0], "page": page})


@login_required
def pending(request: HttpRequest, problem: str = "", status: int = 200) -> HttpResponse:
    check_administrator(request.user)
    page = Paginator(pending_files().order_by("id"), PAGE_SIZE).get_page(request.GET.get("page"))
    files = list(page)
    names = agency_choices(a for f in files for a in f.candidates)
    query = request.GET.get("q", "").strip()[:50]
    found = search_agencies(query) if query else {}
    context: dict[str, Any] = {
        "page": page,
        "files": [(f, _choices(f.candidates, names, found)) for f in files],
        "query": query,
        "found": found,
        "problem": problem,
    }
    return render(request, "ingest/pending.html", context, status=status)


def _choices(
    candidates: list[int], names: dict[int, str], found: dict[int, str]
) -> list[tuple[int, str]]:
    """The agencies offered for a file: its candidates, then those found by name."""
    offered = {a: names.get(a, "") for a in candidates}
    return list({**offered, **found}.items())


@login_required
@require_POST
def assign(request: HttpRequest, file_id: int) -> HttpResponse:
    form = AssignForm(request.POST)
    if not form.is_valid():
        check_administrator(request.user)
        return pending(request, "；".join(form_problems(form)), 400)
    file, agency = access_assignment(request.user, file_id, form.cleaned_data["agency"])
    try:
        do_assign_agency(file, agency, person(request), form.cleaned_data["year"])
    except GongkaiError as exc:
        return pending(request, str(exc), exc.http_status)
    back = urlencode({"page": int_param(request, "page", 1), "q": request.GET.get("q", "")})
    return HttpResponseRedirect(f"/manage/collections/pending/?{back}")


@login_required
@require_POST
def dismiss(request: HttpRequest, file_id: int) -> HttpResponse:
    file = access_collected_by_id(request.user, file_id)
    form = DismissForm(request.POST)
    if not form.is_valid():
        return pending(request, "；".join(form_problems(form)), 400)
    try:
        do_dismiss_collected(file, person(request), form.cleaned_data["reason"])
    except GongkaiError as exc:
        return pending(request, str(exc), exc.http_status)
    return HttpResponseRedirect("/manage/collections/pending/")
