"""Django settings for the gongkai web system.

SQLite in ./data by default (no set-up); `DATABASE_URL=postgres://…` for real
deployments. Production needs GONGKAI_SECRET_KEY, GONGKAI_DEBUG=0 and
GONGKAI_ALLOWED_HOSTS (see README).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
import django_stubs_ext

# Lets admin classes be written ModelAdmin[Model] for the type checker.
django_stubs_ext.monkeypatch()

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = Path(os.environ.get("GONGKAI_DATA_DIR", ROOT / "data"))
DATA_DIR.mkdir(parents=True, exist_ok=True)  # SQLite creates its file, not its folder

SECRET_KEY = os.environ.get("GONGKAI_SECRET_KEY", "dev-only-not-secret-change-me")
DEBUG = os.environ.get("GONGKAI_DEBUG", "1") == "1"
ALLOWED_HOSTS = os.environ.get("GONGKAI_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

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
    "gongkai.web.portal",
    "gongkai.web.supervision",
    "gongkai.web.cases",
    "gongkai.web.registers",
    "gongkai.web.annual",
    "gongkai.web.api",
    "gongkai.web.audit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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

# Long work (reading uploads, OCR) runs as tasks. Without a queue configured it runs in the
# request's process; GONGKAI_TASKS=database queues it in the database, where any number of
# `python -m gongkai.web db_worker` processes on any machine sharing the database take it.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if os.environ.get("GONGKAI_TASKS") == "database"
        else "django_tasks.backends.immediate.ImmediateBackend"
    }
}

# Mail (the daily digest): printed to the console unless an SMTP server is configured.
EMAIL_BACKEND = os.environ.get(
    "GONGKAI_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("GONGKAI_EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = os.environ.get("GONGKAI_EMAIL_FROM", "gongkai@localhost")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]  # Chinese first and, for now, only
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "media"
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/manage/upload/"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Upload limits at the trust boundary: a report is a few MB at most.
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
