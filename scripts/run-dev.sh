#!/usr/bin/env bash
# `make run`: the web system for development on http://127.0.0.1:8000 — SQLite in ./data,
# the demo region, a background worker reading uploads, and Django's development server.
# Development settings are given here, on purpose: without them gongkai runs as production
# (and refuses to start without a secret key).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
mkdir -p data
[ -s data/secret-key ] || "$bin/python" -c 'import secrets; print(secrets.token_urlsafe(50))' > data/secret-key
export GONGKAI_SECRET_KEY="$(cat data/secret-key)" GONGKAI_DEBUG=1 GONGKAI_HTTPS=0
export GONGKAI_ALLOWED_HOSTS=127.0.0.1,localhost
"$bin/python" -m gongkai.web migrate --noinput -v0
"$bin/python" -m gongkai.web load_demo
"$bin/python" -m gongkai.web db_worker --queue-name '*' --no-reload &
worker=$!
trap 'kill "$worker" 2>/dev/null || true' EXIT
"$bin/python" -m gongkai.web runserver 127.0.0.1:8000
