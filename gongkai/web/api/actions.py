"""API tokens are issued and revoked by do_* actions, audited (the key itself never is)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from gongkai.errors import GongkaiError
from gongkai.web.api.models import ApiToken
from gongkai.web.audit.log import record
from gongkai.web.audit.models import EventType

NO_NAME = "请写明令牌的用途（不超过100字）"


class TokenProblem(GongkaiError):
    code = "tokens.invalid"


@transaction.atomic
def do_issue_token(user: User, name: str) -> tuple[ApiToken, str]:
    """A new token and its key (the only time the key is seen)."""
    name = name.strip()
    if not name or len(name) > 100:
        raise TokenProblem(NO_NAME)
    token, key = ApiToken.issue(user, name)
    record(
        EventType.TOKEN_ISSUED,
        token,
        user=user,
        agency_id=None,
        after={"name": name, "prefix": token.prefix},
    )
    return token, key


@transaction.atomic
def do_revoke_token(user: User, token: ApiToken) -> None:
    record(
        EventType.TOKEN_REVOKED,
        token,
        user=user,
        agency_id=None,
        before={"name": token.name, "prefix": token.prefix},
    )
    token.delete()


def note_use(token: ApiToken) -> None:
    """When a token was last used: bookkeeping the token page shows, not a change a person
    makes, so it is not an audit event (an event per API call would drown the log)."""
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
