"""Django settings for the gongkai web system: production unless told otherwise.

It refuses to start without GONGKAI_SECRET_KEY; DEBUG is off unless GONGKAI_DEBUG=1 (the
Makefile's `run` target, for development); HTTPS is assumed (HSTS, secure cookies, redirect
to https behind a proxy that sets X-Forwarded-Proto) unless GONGKAI_HTTPS=0. SQLite in
./data by default; `DATABASE_URL=postgres://…` for real deployments. Every setting:
docs/deploy.md.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
import django_stubs_ext
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

from gongkai import messages
from gongkai.readers.limits import InvalidLimits, limits_setting

# Lets admin classes be written ModelAdmin[Model] for the type checker.
django_stubs_ext.monkeypatch()

ROOT = Path(__file__).resolve().parents[2]
# Where the SQLite database (when no DATABASE_URL is set) and collected static files live.
DATA_DIR = Path(os.environ.get("GONGKAI_DATA_DIR", ROOT / "data"))
DATA_DIR.mkdir(parents=True, exist_ok=True)  # SQLite creates its file, not its folder

# Signs sessions, CSRF tokens and invitation links; required, at least 50 random characters.
SECRET_KEY = os.environ.get("GONGKAI_SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "请设置环境变量 GONGKAI_SECRET_KEY（至少50个随机字符，例如 "
        "python3 -c 'import secrets; print(secrets.token_urlsafe(50))' 的输出）"
    )
# 1 only for development (`make run`): error pages with internals, no secure cookies.
DEBUG = os.environ.get("GONGKAI_DEBUG", "0") == "1"
# The host names the site answers to, comma-separated (gongkai.example.gov.cn).
ALLOWED_HOSTS = [h for h in os.environ.get("GONGKAI_ALLOWED_HOSTS", "").split(",") if h]
# Applicants' identity numbers are kept masked plus an HMAC under this key (gongkai.identity):
# set it apart from the secret key, and keep it, or equal numbers no longer find each other.
PERSONAL_DATA_KEY = os.environ.get("GONGKAI_PERSONAL_DATA_KEY", SECRET_KEY)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "gongkai.web.apps.TasksConfig",
    "gongkai.web.agencies",
    "gongkai.web.reports",
    "gongkai.web.ingest",
    "gongkai.web.portal",
    "gongkai.web.opendata",
    "gongkai.web.supervision",
    "gongkai.web.copies",
    "gongkai.web.cases",
    "gongkai.web.releases",
    "gongkai.web.notify",
    "gongkai.web.registers",
    "gongkai.web.annual",
    "gongkai.web.api",
    "gongkai.web.audit",
    "gongkai.web.holidays",
    "gongkai.web.workbench",
    "gongkai.web.apps.AxesConfig",
    "captcha",
]

MIDDLEWARE = [
    "gongkai.web.limits.RequestSizeLimit",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: it sees the signed-in person, and counts each failed sign-in.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gongkai.web.urls"
WSGI_APPLICATION = "gongkai.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.web.agencies.context.navigation",
            ]
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'gongkai.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue for the lock instead of failing with "database is locked": SQLite has no
    # row locks (select_for_update does nothing), so a write transaction takes the database
    # lock when it begins; readers go on beside it (WAL).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# Long work (reading uploads, OCR) runs as tasks queued in the database, never in a web
# request: any number of `python -m gongkai.web db_worker` processes on any machine sharing
# the database take it (`make run` starts one beside the server). Each read runs in a child
# process within time and memory limits (gongkai.readers.isolation). GONGKAI_TASKS=immediate
# runs tasks inside the request (the tests do).
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if os.environ.get("GONGKAI_TASKS") == "immediate"
        else "django_tasks_db.DatabaseBackend"
    }
}
# A batch claimed longer ago than this, still unread, died with its worker: marked failed.
GONGKAI_READ_STALE_SECONDS = int(os.environ.get("GONGKAI_READ_STALE_SECONDS", "1800"))
# Failed uploads' files are kept this long (to look at them), then purged (purge_imports).
GONGKAI_FAILED_UPLOAD_DAYS = int(os.environ.get("GONGKAI_FAILED_UPLOAD_DAYS", "30"))
# One read of one file: wall-clock seconds and address space (MiB) of its child process
# (RLIMIT_AS, not resident memory: OCR maps ~3 GiB to use ~700 MiB for a page).
GONGKAI_READ_SECONDS = int(os.environ.get("GONGKAI_READ_SECONDS", "300"))
GONGKAI_READ_MEMORY_MB = int(os.environ.get("GONGKAI_READ_MEMORY_MB", "3072"))
# The readers' limits changed from their defaults, NAME=VALUE comma-separated
# (ocr_pages=200,file_bytes=20971520): names and defaults in docs/limits.md. A bad one (a
# name that is no limit or set twice, a value not a whole number from 1 to 2,147,483,647)
# stops every process of the site as it loads these settings, gunicorn's too, saying why.
try:
    GONGKAI_READER_LIMITS = limits_setting(os.environ.get("GONGKAI_READER_LIMITS", ""))
except InvalidLimits as exc:
    raise ImproperlyConfigured(messages.BAD_READER_LIMITS.format(problem=exc)) from exc

# The default cache is each process's own (the library's counts, a few seconds old at
# most); the rate limits' counters are shared by every process and machine, in the
# database (createcachetable runs with the migrations).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "gongkai_cache",
    },
}
# The client's address: REMOTE_ADDR, or the header nginx sets (e.g. HTTP_X_REAL_IP) when
# gongkai runs behind it.
GONGKAI_CLIENT_IP_HEADER = os.environ.get("GONGKAI_CLIENT_IP_HEADER", "REMOTE_ADDR")

# Mail (the daily digest): printed to the console unless an SMTP server is configured.
EMAIL_BACKEND = os.environ.get(
    "GONGKAI_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("GONGKAI_EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = os.environ.get("GONGKAI_EMAIL_FROM", "gongkai@localhost")

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses sign-in while an address is locked out
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]  # Chinese first and, for now, only
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
# Chinese for the admin's and third-party apps' strings that have none (`make messages`).
LOCALE_PATHS = [Path(__file__).resolve().parent / "locale"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "media"
# The open-data files (gongkai.web.opendata), rebuilt in the background on publication: a
# folder every web server and worker sees (the same disk, or a shared one).
GONGKAI_OPEN_DATA_DIR = Path(os.environ.get("GONGKAI_OPEN_DATA_DIR", MEDIA_ROOT / "opendata"))
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/manage/"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Notifications (gongkai.web.notify): off unless named, e.g. GONGKAI_NOTIFY=email,wecom,sms;
# `make run` uses console. Robots' webhook addresses and the SMS gateway class are settings.
NOTIFY_BACKENDS = [b for b in os.environ.get("GONGKAI_NOTIFY", "").split(",") if b.strip()]
NOTIFY_WECOM_URL = os.environ.get("GONGKAI_NOTIFY_WECOM_URL", "")
NOTIFY_DINGTALK_URL = os.environ.get("GONGKAI_NOTIFY_DINGTALK_URL", "")
NOTIFY_DINGTALK_SECRET = os.environ.get("GONGKAI_NOTIFY_DINGTALK_SECRET", "")
NOTIFY_SMS_GATEWAY = os.environ.get(
    "GONGKAI_NOTIFY_SMS_GATEWAY", "gongkai.web.notify.backends.ConsoleSms"
)

# Released files (issue 12): size and number per case, and redaction's resolution and pages
# (it runs in the request: about 0.1 s a page at 150 dpi, bench/redaction.py).
RELEASE_MAX_BYTES = int(os.environ.get("GONGKAI_RELEASE_MAX_MB", "20")) * 1024 * 1024
RELEASE_MAX_FILES = 30
REDACTION_DPI = int(os.environ.get("GONGKAI_REDACTION_DPI", "150"))
REDACTION_MAX_PAGES = 100
SEAL_MAX_BYTES = 512 * 1024  # an agency's seal image (PNG) on its letters

# Upload limits at the trust boundary: a report is a few MB at most. A request's body is
# refused by its declared length before anything is read (gongkai.web.limits): uploads of
# report files up to GONGKAI_MAX_UPLOAD_MB, every other request up to 2 MB.
GONGKAI_MAX_UPLOAD_MB = int(os.environ.get("GONGKAI_MAX_UPLOAD_MB", "110"))
GONGKAI_MAX_REQUEST_KB = int(os.environ.get("GONGKAI_MAX_REQUEST_KB", "2048"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# HTTPS: behind nginx (which terminates TLS and sets X-Forwarded-Proto), every page is
# https-only; GONGKAI_HTTPS=0 only for development on http://127.0.0.1.
HTTPS = os.environ.get("GONGKAI_HTTPS", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600  # a working day; sign in again tomorrow
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy: scripts and styles from the site itself only; the few inline
# scripts carry the request's nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Sign-in: 5 failures from an address for a username lock it for 30 minutes (django-axes).
AXES_FAILURE_LIMIT = int(os.environ.get("GONGKAI_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("GONGKAI_LOGIN_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_META_PRECEDENCE_ORDER = [GONGKAI_CLIENT_IP_HEADER, "REMOTE_ADDR"]

# Public forms (gongkai.web.throttle), per clock hour: applications per address and per
# agency, applications from an address before a CAPTCHA is asked, status lookups per address.
GONGKAI_APPLY_PER_ADDRESS_HOUR = int(os.environ.get("GONGKAI_APPLY_PER_ADDRESS_HOUR", "10"))
GONGKAI_APPLY_PER_AGENCY_HOUR = int(os.environ.get("GONGKAI_APPLY_PER_AGENCY_HOUR", "200"))
GONGKAI_APPLY_WITHOUT_CAPTCHA = int(os.environ.get("GONGKAI_APPLY_WITHOUT_CAPTCHA", "2"))
GONGKAI_STATUS_PER_ADDRESS_HOUR = int(os.environ.get("GONGKAI_STATUS_PER_ADDRESS_HOUR", "30"))
# Downloads of the open-data files (each can be hundreds of megabytes) per address an hour.
GONGKAI_DOWNLOADS_PER_ADDRESS_HOUR = int(os.environ.get("GONGKAI_DOWNLOADS_PER_ADDRESS_HOUR", "60"))
CAPTCHA_FONT_SIZE = 30
CAPTCHA_LETTER_ROTATION = (-25, 25)
CAPTCHA_CHALLENGE_FUNCT = "captcha.helpers.math_challenge"  # digits and signs: no alphabet

# Errors are logged to stderr as one JSON object a line, without request bodies or query
# strings (they may carry a name, an ID number or an applicant's access code).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"private": {"()": "gongkai.web.logs.PrivateRequests"}},
    "formatters": {"json": {"()": "gongkai.web.logs.JsonLines"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["private"],
        }
    },
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
        "gongkai": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}
