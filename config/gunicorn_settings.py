"""gunicorn's settings for vocnet: ``gunicorn -c config/gunicorn_settings.py`` (docs/deploy.md).

Threaded workers (gthread), a few processes with several threads each (ADR 0020): a worker's
main thread keeps every kept-alive connection and hands each request to a free thread, so a
``/healthz`` probe or a short page is not queued behind a slow page the way a sync worker
queues every request behind the one it is serving; threads also overlap the database waits.
Python runs one thread of a process at a time, so processes, not threads, add CPU: about one
per core, plus one. Set ``workers × threads`` above the concurrent connections expected (the
bench: 20 clients and a probe).

Each worker hands the interpreter from thread to thread every millisecond instead of every
5 ms (``sys.setswitchinterval``): a thread back from a socket or the database waits for the
busy threads' slices before it runs, so at 5 ms a probe's two or three hand-overs cost tens
of milliseconds behind seven busy threads (an I/O round trip beside 7 CPU-bound threads:
p50 105–164 ms at 5 ms, 11–14 ms at 1 ms; ADR 0020).

Environment: ``GUNICORN_WORKERS`` (default cores + 1), ``GUNICORN_THREADS`` (default 8),
``GUNICORN_BIND`` (default ``127.0.0.1:8000``), ``GUNICORN_SWITCH_INTERVAL_MS`` (default 1),
``GUNICORN_KEEPALIVE`` (seconds a connection is kept for its next request, default 5; 0 closes
it after every answer, so each request goes to whichever worker accepts it first instead of
staying with the worker that took the connection: ADR 0038).
Command-line options override this file.
"""

import multiprocessing
import os
import sys
from typing import Any

wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
# The largest import or export; uploads are bounded by VOCNET_IMPORT_MAX_BYTES.
timeout = 120
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# A worker is replaced now and then, so a slow leak can never grow for long.
max_requests = 2000
max_requests_jitter = 200

SWITCH_INTERVAL_SECONDS = float(os.environ.get("GUNICORN_SWITCH_INTERVAL_MS", "1")) / 1000


def post_fork(server: Any, worker: Any) -> None:
    sys.setswitchinterval(SWITCH_INTERVAL_SECONDS)
