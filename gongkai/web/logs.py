"""Log lines as JSON, one object a line, with nothing personal in them: a request is named by
its method and path only — never its query string (an applicant's access code, a search for
a name) or body."""

from __future__ import annotations

import json
import logging
from typing import Any

KEPT = ("name", "levelname", "module", "lineno")


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {"at": self.formatTime(record), "message": record.getMessage()}
        entry |= {key: getattr(record, key) for key in KEPT}
        where = getattr(record, "where", None)
        if where:
            entry["request"] = where
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class PrivateRequests(logging.Filter):
    """Replace a record's request with its method and path: the request object (its query
    string, headers, body) never reaches a handler. Django's own messages name the path
    without the query string."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if request is not None:
            record.where = f"{getattr(request, 'method', '')} {getattr(request, 'path', '')}"
            record.request = None
        return True
