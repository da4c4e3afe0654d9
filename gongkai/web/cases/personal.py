"""Applicants' personal data at rest: an identity number is masked and hashed under the
deployment's key before it is stored (the number itself is never kept, so no page, export
or API can give it away); the same number given again finds its digest."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from gongkai.identity import id_digest, mask_id, normalize_id


def personal_key() -> bytes:
    return str(settings.PERSONAL_DATA_KEY).encode()


def identity_fields(typed: str) -> dict[str, str]:
    """The stored fields of an identity number as typed (both empty when none is given)."""
    number = normalize_id(typed)
    if not number:
        return {"id_number": "", "id_digest": ""}
    return {"id_number": mask_id(number), "id_digest": id_digest(number, personal_key())}


def protect_identity(facts: dict[str, Any]) -> dict[str, Any]:
    """An application's facts with its identity number replaced by the stored fields."""
    return {**facts, **identity_fields(str(facts.get("id_number", "")))}
