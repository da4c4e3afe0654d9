"""Officers add the files an answer provides, and mark on a page what to withhold (区分处理,
plain JS over pictures of the pages: static/releases/redact.js); the applicant downloads
what is released from the status page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_POST

from gongkai.errors import GongkaiError
from gongkai.redact import RedactionError, boxes_from_json, kind_of, page_count, preview
from gongkai.roles import Need
from gongkai.web.agencies.access import may, person
from gongkai.web.cases.access import access_case_by_id
from gongkai.web.cases.models import Application
from gongkai.web.cases.public import followed
from gongkai.web.edge import download, form_problems
from gongkai.web.releases.access import access_release_by_id
from gongkai.web.releases.actions import (
    do_add_release,
    do_redact_release,
    do_remove_release,
    redaction_limits,
)
from gongkai.web.releases.forms import RedactForm, ReleaseForm
from gongkai.web.releases.models import Release
from gongkai.web.releases.queries import files_of

PREVIEW_DPI = 96


def _page(
    request: HttpRequest, case: Application, form: ReleaseForm | None = None, problem: str = ""
) -> HttpResponse:
    context = {
        "case": case,
        "files": files_of(case),
        "form": form or ReleaseForm(),
        "handler": may(request.user, case.agency, Need.HANDLE),
        "problem": problem,
    }
    return render(request, "releases/list.html", context, status=400 if problem else 200)


@login_required
def releases(request: HttpRequest, case_id: int) -> HttpResponse:
    return _page(request, access_case_by_id(request.user, case_id, Need.READ))


@login_required
@require_POST
def add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id, Need.HANDLE)
    form = ReleaseForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, case, form, "；".join(form_problems(form)))
    upload = form.cleaned_data["file"]
    try:
        do_add_release(case, person(request), upload.name, upload.read())
    except GongkaiError as exc:
        return _page(request, case, form, str(exc))
    return HttpResponseRedirect(f"/manage/cases/{case.pk}/releases/")


@login_required
def file(request: HttpRequest, case_id: int, release_id: int) -> HttpResponse:
    release = access_release_by_id(request.user, case_id, release_id, Need.READ)
    return download(bytes(release.data), release.content_type, release.name)


@login_required
def redact_page(request: HttpRequest, case_id: int, release_id: int) -> HttpResponse:
    release = access_release_by_id(request.user, case_id, release_id, Need.HANDLE)
    return _redact_page(request, release)


def _redact_page(request: HttpRequest, release: Release, problem: str = "") -> HttpResponse:
    data = bytes(release.data)
    try:
        pages = page_count(data, redaction_limits())
    except RedactionError as exc:
        return _page(request, release.application, None, str(exc))
    context = {
        "case": release.application,
        "release": release,
        "pages": range(pages),
        "pdf": kind_of(data) == "pdf",
        "form": RedactForm(),
        "problem": problem,
    }
    return render(request, "releases/redact.html", context, status=400 if problem else 200)


@login_required
def page_picture(request: HttpRequest, case_id: int, release_id: int, page: int) -> HttpResponse:
    release = access_release_by_id(request.user, case_id, release_id, Need.HANDLE)
    try:
        picture = preview(bytes(release.data), page, PREVIEW_DPI, redaction_limits())
    except RedactionError as exc:
        raise Http404(str(exc)) from exc
    response = HttpResponse(picture, content_type="image/png")
    response["Cache-Control"] = "private, max-age=600"
    return response


@login_required
@require_POST
def redact(request: HttpRequest, case_id: int, release_id: int) -> HttpResponse:
    release = access_release_by_id(request.user, case_id, release_id, Need.HANDLE)
    form = RedactForm(request.POST)
    if not form.is_valid():
        return _redact_page(request, release, "；".join(form_problems(form)))
    try:
        pages = page_count(bytes(release.data), redaction_limits())
        boxes = boxes_from_json(form.cleaned_data["boxes"], pages)
        do_redact_release(release, person(request), boxes)
    except GongkaiError as exc:
        return _redact_page(request, release, str(exc))
    return HttpResponseRedirect(f"/manage/cases/{case_id}/releases/")


@login_required
@require_POST
def remove(request: HttpRequest, case_id: int, release_id: int) -> HttpResponse:
    release = access_release_by_id(request.user, case_id, release_id, Need.HANDLE)
    try:
        do_remove_release(release, person(request))
    except GongkaiError as exc:
        return _page(request, release.application, None, str(exc))
    return HttpResponseRedirect(f"/manage/cases/{case_id}/releases/")


def public_file(request: HttpRequest, case_id: int, release_id: int) -> HttpResponse:
    """A released file, for the applicant who followed the case with its code."""
    case = followed(request, case_id)
    found = case.releases.filter(pk=release_id, released=True).first()
    if found is None or case.answered_on is None:
        raise Http404
    return download(bytes(found.data), found.content_type, found.name)
