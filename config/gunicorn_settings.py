"""gunicorn's settings for vocnet: ``gunicorn -c config/gunicorn_settings.py`` (docs/deploy.md).

Threaded workers (gthread), a few processes with several threads each (ADR 0020): a worker's
main thread keeps every kept-alive connection and hands each request to a free thread, so a
``/healthz`` probe or a short page is not queued behind a slow page the way a sync worker
queues every request behind the one it is serving; threads also overlap the database waits.
Python runs one thread of a process at a time, so processes, not threads, add CPU: about one
per core, plus one. Set ``workers × threads`` above the concurrent connections expected (the
bench: 20 clients and a probe).

Environment: ``GUNICORN_WORKERS`` (default cores + 1), ``GUNICORN_THREADS`` (default 8),
``GUNICORN_BIND`` (default ``127.0.0.1:8000``). Command-line options override this file.
"""

import multiprocessing
import os

wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
# The largest import or export; uploads are bounded by VOCNET_IMPORT_MAX_BYTES.
timeout = 120
keepalive = 5
# A worker is replaced now and then, so a slow leak can never grow for long.
max_requests = 2000
max_requests_jitter = 200
