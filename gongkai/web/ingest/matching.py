"""The agency tree as the core's name index (`gongkai.agency_names`), read in one query."""

from __future__ import annotations

from gongkai.agency_names import AgencyIndex, Known
from gongkai.web.agencies.models import Agency


def agency_index() -> AgencyIndex:
    """Every agency with its ancestors' names (from the materialised paths)."""
    rows = list(Agency.objects.values_list("pk", "name", "path"))
    names = {pk: name for pk, name, _ in rows}
    return AgencyIndex(
        Known(pk, name, tuple(names[int(i)] for i in path.strip("/").split("/")[:-1] if i))
        for pk, name, path in rows
    )
