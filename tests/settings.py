"""Settings for the tests: the production settings, with a throwaway secret, tasks run at
once inside the request, plain http, and a quick password hasher."""

from __future__ import annotations

import os

os.environ.setdefault("GONGKAI_SECRET_KEY", "tests-only-" + "k" * 50)
os.environ.setdefault("GONGKAI_HTTPS", "0")
os.environ.setdefault("GONGKAI_TASKS", "immediate")
os.environ.setdefault("GONGKAI_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from gongkai.web.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
