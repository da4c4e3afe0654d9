"""People's own API tokens: issue one (its key shown once) and revoke it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_POST

from gongkai.web.agencies.access import person
from gongkai.web.api.models import ApiToken

NO_NAME = "请写明令牌的用途（不超过100字）"


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    key, problem = "", ""
    if request.method == "POST":
        name = request.POST.get("name", "").strip()
        if not name or len(name) > 100:
            problem = NO_NAME
        else:
            _, key = ApiToken.issue(person(request), name)
    mine = ApiToken.objects.filter(user=person(request)).order_by("-created_at")
    context = {"tokens": mine, "key": key, "problem": problem}
    return render(request, "api/tokens.html", context, status=400 if problem else 200)


@login_required
@require_POST
def revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    ApiToken.objects.filter(user=person(request), pk=token_id).delete()
    return HttpResponseRedirect("/manage/tokens/")
