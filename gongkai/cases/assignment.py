"""分办: who may give a case to a handler (承办人), as a pure rule the web enforces.

The head of the disclosure office (审核, `Need.ASSIGN`) assigns and reassigns any case of the
office. In an office without one on duty the work must not stop, so an officer may take a
case nobody handles yet (认领) and pass on a case they handle (转交); they may not take a case
from a colleague. Whom a case may go to (a person who may handle at the agency) is the
caller's to check: it needs the agency's people.
"""

from __future__ import annotations

from collections.abc import Iterable

from gongkai import messages
from gongkai.roles import Need, NotPermitted, Role, allows


def check_assignment(
    roles: Iterable[Role],
    person: int,
    current: int | None,
    new: int,
    *,
    administrator: bool = False,
) -> None:
    """Refuse giving to `new` a case handled now by `current` (None: nobody) when `person`
    (holding `roles` at the case's agency) may not."""
    held = frozenset(roles)
    if allows(held, Need.ASSIGN, administrator=administrator):
        return
    handler = allows(held, Need.HANDLE, administrator=administrator)
    if handler and (current == person or (current is None and new == person)):
        return
    raise NotPermitted(messages.ASSIGN_NOT_YOURS)
