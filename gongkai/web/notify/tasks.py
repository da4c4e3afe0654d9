"""Sending is a task: queued with the database backend in production (workers send it), so a
slow mail server or robot never holds a request; each backend's failure is logged alone."""

from __future__ import annotations

import logging
from typing import Any

from django_tasks import task

from gongkai.web.notify.backends import Message, configured

log = logging.getLogger(__name__)


@task()
def deliver(message: dict[str, Any]) -> int:
    """Send one message through every configured backend; returns how many took it."""
    sent = 0
    for backend in configured():
        try:
            backend.send(Message(**message))
        except Exception:  # a notice that fails must not fail the others or the queue
            log.exception("notification backend %s failed", type(backend).__name__)
        else:
            sent += 1
    return sent
