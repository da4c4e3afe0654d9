"""Ways to tell people (issue 12): pluggable backends chosen by settings, off by default.

- `console`: prints each message (development);
- `email`: Django's mail (SMTP when configured) to each person's address;
- `wecom`: a 企业微信 / 政务微信 group robot's webhook (政务微信 is a private deployment of
  企业微信 with the same robot interface: set its own address);
- `dingtalk`: a 钉钉 group robot's webhook, signed when a secret is set;
- `sms`: text messages through a gateway class the deployment names (`SmsGateway`: one
  method, `send_sms(phone, text)`); `ConsoleSms` stands in until a provider is wired in.

Group robots get every message once, with the people it is for named in it; e-mail and SMS
go to each person. A backend that fails is logged and never stops the others.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any, Protocol

from django.conf import settings
from django.core.mail import send_mail

log = logging.getLogger(__name__)
WEBHOOK_TIMEOUT = 5  # seconds: a slow robot delays one task, never a request


@dataclass(frozen=True)
class Message:
    subject: str
    text: str
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    group: bool = True  # whether the agency's group robots are told too (not for applicants)

    def as_json(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "text": self.text,
            "emails": self.emails,
            "phones": self.phones,
            "group": self.group,
        }


class Backend(Protocol):
    def send(self, message: Message) -> None: ...


class SmsGateway(Protocol):
    """What a text-message provider's adapter offers (named by GONGKAI_NOTIFY_SMS_GATEWAY)."""

    def send_sms(self, phone: str, text: str) -> None: ...


class ConsoleBackend:
    def send(self, message: Message) -> None:
        to = "、".join(message.emails + message.phones) or "工作群"
        sys.stderr.write(f"【通知】{message.subject}（发给：{to}）\n{message.text}\n")


class EmailBackend:
    def send(self, message: Message) -> None:
        if message.emails:
            send_mail(message.subject, message.text, None, message.emails)


def post_json(url: str, body: dict[str, Any]) -> None:
    request = urllib.request.Request(
        url,
        data=json.dumps(body, ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json; charset=utf-8"},
    )
    with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT) as response:
        reply = json.loads(response.read() or b"{}")
    if reply.get("errcode", 0) != 0:  # both robots answer errcode 0 when they took it
        raise RuntimeError(f"robot refused: {reply}")


def robot_text(message: Message) -> dict[str, Any]:
    """The text message both robots take (企业微信 and 钉钉 share this shape)."""
    return {"msgtype": "text", "text": {"content": f"{message.subject}\n{message.text}"}}


class WeComBackend:
    def send(self, message: Message) -> None:
        if message.group and settings.NOTIFY_WECOM_URL:
            post_json(settings.NOTIFY_WECOM_URL, robot_text(message))


def dingtalk_url(url: str, secret: str, now_ms: int) -> str:
    """钉钉's signed address: timestamp and the base64 HMAC-SHA256 of "timestamp\\nsecret"."""
    if not secret:
        return url
    digest = hmac.new(secret.encode(), f"{now_ms}\n{secret}".encode(), hashlib.sha256).digest()
    sign = urllib.parse.quote_plus(base64.b64encode(digest))
    return f"{url}&timestamp={now_ms}&sign={sign}"


class DingTalkBackend:
    def send(self, message: Message) -> None:
        if message.group and settings.NOTIFY_DINGTALK_URL:
            url = dingtalk_url(
                settings.NOTIFY_DINGTALK_URL,
                settings.NOTIFY_DINGTALK_SECRET,
                int(time.time() * 1000),
            )
            post_json(url, robot_text(message))


class ConsoleSms:
    def send_sms(self, phone: str, text: str) -> None:
        sys.stderr.write(f"【短信】{phone}：{text}\n")


class SmsBackend:
    def send(self, message: Message) -> None:
        gateway = sms_gateway()
        for phone in message.phones:
            gateway.send_sms(phone, f"{message.subject}。{message.text}")


def sms_gateway() -> SmsGateway:
    module, _, name = settings.NOTIFY_SMS_GATEWAY.rpartition(".")
    gateway: SmsGateway = getattr(import_module(module), name)()
    return gateway


BACKENDS: dict[str, type[Backend]] = {
    "console": ConsoleBackend,
    "email": EmailBackend,
    "wecom": WeComBackend,
    "dingtalk": DingTalkBackend,
    "sms": SmsBackend,
}


def configured() -> list[Backend]:
    return [BACKENDS[name]() for name in settings.NOTIFY_BACKENDS if name in BACKENDS]
