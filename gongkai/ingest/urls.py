"""Reports named by URL: fetched only when every host answers, never waited on for long.

Before anything is read, each host of the list is tried once with a short connection
timeout: a machine without the network is told so at once, in one sentence, instead of
hanging on the first URL.
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from collections.abc import Iterable
from urllib.parse import urlsplit

from gongkai import messages
from gongkai.errors import GongkaiError, UnreadableInput

CONNECT_SECONDS = 5.0
READ_SECONDS = 60.0
MAX_MEGABYTES = 200


class NoNetwork(GongkaiError):
    code = "ingest.no_network"


def check_reachable(urls: Iterable[str], timeout: float = CONNECT_SECONDS) -> None:
    """Raise NoNetwork unless a connection to every URL's host can be opened."""
    for host, port in sorted({_address(url) for url in urls}):
        try:
            socket.create_connection((host, port), timeout=timeout).close()
        except OSError as exc:
            where = f"{host}:{port}"
            raise NoNetwork(messages.NO_NETWORK.format(host=where, reason=_why(exc))) from exc


def _why(exc: OSError) -> str:
    """The reason in Chinese: the system's own words are English."""
    if isinstance(exc, socket.gaierror):
        return messages.NET_NO_HOST
    if isinstance(exc, TimeoutError):
        return messages.NET_TIMEOUT
    if isinstance(exc, ConnectionRefusedError):
        return messages.NET_REFUSED
    return messages.NET_UNREACHABLE


def _address(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80)


def fetch_url(url: str, timeout: float = READ_SECONDS) -> bytes:
    limit = MAX_MEGABYTES * 1024 * 1024
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            data: bytes = response.read(limit + 1)
    except urllib.error.HTTPError as exc:
        reason = messages.HTTP_STATUS.format(status=exc.code)
        raise UnreadableInput(messages.URL_FAILED.format(reason=reason), location=url) from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        inner = getattr(exc, "reason", exc)
        reason = _why(inner) if isinstance(inner, OSError) else messages.NET_UNREACHABLE
        raise UnreadableInput(messages.URL_FAILED.format(reason=reason), location=url) from exc
    if len(data) > limit:
        raise UnreadableInput(messages.URL_TOO_LARGE.format(limit=MAX_MEGABYTES), location=url)
    return data
