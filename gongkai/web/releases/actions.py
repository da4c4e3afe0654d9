"""Changes to an answer's released files: each one atomic and audited on its case."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction

from gongkai import messages
from gongkai.cases.procedure import OPEN, State
from gongkai.errors import GongkaiError
from gongkai.redact import Box, Limits, redact
from gongkai.web.audit.log import record
from gongkai.web.audit.models import EventType
from gongkai.web.cases.models import Application
from gongkai.web.releases.models import Release


class ReleaseProblem(GongkaiError):
    code = "releases.invalid"


# Files can be added and redacted until the answer is delivered (an answer sent by post may
# carry them on paper; what the applicant downloads is what was released).
CHANGEABLE = OPEN | {State.ANSWERED}


def redaction_limits() -> Limits:
    return Limits(dpi=settings.REDACTION_DPI, max_pages=settings.REDACTION_MAX_PAGES)


def _check_open(case: Application) -> None:
    if State(case.state) not in CHANGEABLE:
        raise ReleaseProblem(messages.RELEASE_CLOSED.format(state=case.state_label()))


@transaction.atomic
def do_add_release(case: Application, user: User, name: str, data: bytes) -> Release:
    """An officer adds a file the answer provides."""
    _check_open(case)
    if case.releases.count() >= settings.RELEASE_MAX_FILES:
        raise ReleaseProblem(messages.RELEASE_TOO_MANY.format(limit=settings.RELEASE_MAX_FILES))
    release = Release.objects.create(
        application=case,
        name=name[:255],
        content_type=content_type_of(name),
        data=data,
        size=len(data),
        user=user,
    )
    record(
        EventType.RELEASE_ADDED,
        case,
        user=user,
        agency_id=case.agency_id,
        after={"release": release.pk, "name": release.name, "size": release.size},
    )
    return release


@transaction.atomic
def do_redact_release(release: Release, user: User, boxes: list[Box]) -> Release:
    """区分处理: a copy with `boxes` burned in is released in place of the original, which
    is kept (not released) for the file."""
    case = release.application
    _check_open(case)
    if release.redacted or not boxes:
        raise ReleaseProblem(messages.RELEASE_REDACT_WHAT)
    burned = redact(bytes(release.data), boxes, redaction_limits())
    stem = release.name.rsplit(".", 1)[0]
    copy = Release.objects.create(
        application=case,
        name=f"{stem}（区分处理）.{burned.extension}",
        content_type=burned.content_type,
        data=burned.data,
        size=len(burned.data),
        source=release,
        boxes=[vars(b) for b in boxes],
        user=user,
    )
    Release.objects.filter(pk=release.pk).update(released=False)
    record(
        EventType.RELEASE_REDACTED,
        case,
        user=user,
        agency_id=case.agency_id,
        before={"release": release.pk, "name": release.name},
        after={"release": copy.pk, "name": copy.name, "boxes": len(boxes)},
    )
    return copy


@transaction.atomic
def do_remove_release(release: Release, user: User) -> None:
    """A file added by mistake is removed (with its redacted copies; the original of a
    removed copy is released again unless another copy stands for it)."""
    case = release.application
    _check_open(case)
    source_id = release.source_id
    names = [release.name, *(r.name for r in release.redactions.all())]
    release.redactions.all().delete()
    release.delete()
    if source_id is not None and not Release.objects.filter(source_id=source_id).exists():
        Release.objects.filter(pk=source_id).update(released=True)
    record(
        EventType.RELEASE_REMOVED,
        case,
        user=user,
        agency_id=case.agency_id,
        before={"release": release.pk, "name": "、".join(names)},
    )


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "txt": "text/plain; charset=utf-8",
    "zip": "application/zip",
}


def content_type_of(name: str) -> str:
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return CONTENT_TYPES.get(extension, "application/octet-stream")
