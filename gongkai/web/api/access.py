"""The API tokens' door: a person reaches only their own tokens."""

from __future__ import annotations

from django.http import Http404

from gongkai.web.agencies.access import NOT_FOUND, Person
from gongkai.web.api.models import ApiToken


def access_token_by_id(user: Person, token_id: int) -> ApiToken:
    """A person's own token; anyone else's is not found."""
    found = ApiToken.objects.filter(pk=token_id, user__pk=int(user.pk or 0)).first()
    if found is None:
        raise Http404(NOT_FOUND)
    return found
