"""People's own API tokens: issue one (its key shown once) and revoke it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_POST

from gongkai.web.agencies.access import person
from gongkai.web.api.access import access_token_by_id
from gongkai.web.api.actions import TokenProblem, do_issue_token, do_revoke_token
from gongkai.web.api.models import ApiToken


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    key, problem = "", ""
    if request.method == "POST":
        try:
            _, key = do_issue_token(person(request), request.POST.get("name", ""))
        except TokenProblem as exc:
            problem = str(exc)
    mine = ApiToken.objects.filter(user=person(request)).order_by("-created_at")
    context = {"tokens": mine, "key": key, "problem": problem}
    return render(request, "api/tokens.html", context, status=400 if problem else 200)


@login_required
@require_POST
def revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    do_revoke_token(person(request), access_token_by_id(request.user, token_id))
    return HttpResponseRedirect("/manage/tokens/")
