#!/usr/bin/env bash
# Start the background worker (with embedded beat) and the web server on
# http://127.0.0.1:8000; stopping the server (Ctrl+C) stops the worker too.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var/log
.venv/bin/celery -A congso worker -B --pool=solo --loglevel=INFO \
  --schedule var/celerybeat-schedule >var/log/worker.log 2>&1 &
WORKER=$!
trap 'kill $WORKER 2>/dev/null; wait $WORKER 2>/dev/null' EXIT INT TERM
echo "Background worker started (pid $WORKER, log var/log/worker.log)."
echo "Công Sở: http://127.0.0.1:8000/  — API docs: http://127.0.0.1:8000/api/docs/"
.venv/bin/python manage.py runserver 127.0.0.1:8000 --noreload
