"""gunicorn's settings for vocnet: ``gunicorn -c config/gunicorn_settings.py`` (docs/deploy.md).

Sync workers, two per core, behind the buffering TLS proxy (ADR 0038, which replaces the
threaded workers of ADR 0020). A sync worker serves one request at a time and takes the next
from the kernel's queue of the listening socket, which all workers share: requests are served
in the order they came, whichever worker comes free, so under load every page waits about the
same and a heavy page is not slowed by the light ones sharing its interpreter, as threads of one
process are. Measured with 20 clients on 2 cores (ADR 0038): 39 of 39 role pages at p95 ≤ 300 ms
uncached with 4 sync workers, 0 of 39 with 3 threaded workers × 8 threads.

The health probe has a port of its own, bound first (``GUNICORN_HEALTH_BIND``): a worker that
comes free accepts from the first listener first, so ``/healthz`` waits for the next worker to
finish, not for every page queued before it (p95 24 ms under the load that keeps the pages at
250–280 ms). That port answers ``/healthz`` and nothing else (``vocnet.core.health``). Point
the load balancer's probe at it; the main port answers ``/healthz`` too, in its turn.

Environment: ``GUNICORN_BIND`` (default ``127.0.0.1:8000``), ``GUNICORN_HEALTH_BIND``
(default ``127.0.0.1:8001``; empty: no health port), ``GUNICORN_WORKERS`` (default 2 per
core), ``GUNICORN_WORKER_CLASS`` (default ``sync``; ``gthread`` with ``GUNICORN_THREADS``,
default 8, for the threaded workers of ADR 0020), ``GUNICORN_KEEPALIVE`` (threaded workers
only: seconds a connection is kept for its next request, default 5; a kept connection stays
with the worker that took it), ``GUNICORN_SWITCH_INTERVAL_MS`` (threaded workers: how often a
worker hands the interpreter to another thread, default 1 ms instead of Python's 5, so a
thread back from I/O does not wait tens of milliseconds behind busy threads).
Command-line options override this file; a command-line ``--bind`` replaces both listeners.
"""

import multiprocessing
import os
import sys
from typing import Any


def _env(name: str, default: str) -> str:
    """The variable, or ``default`` when it is unset or empty (as .env.example leaves some)."""
    return os.environ.get(name, "").strip() or default


wsgi_app = "config.wsgi:application"
DEFAULT_HEALTH_BIND = "127.0.0.1:8001"
# Set but empty: no health port.
_health = os.environ.get("GUNICORN_HEALTH_BIND", DEFAULT_HEALTH_BIND).strip()
bind = [*([_health] if _health else []), _env("GUNICORN_BIND", "127.0.0.1:8000")]
worker_class = _env("GUNICORN_WORKER_CLASS", "sync")
workers = int(_env("GUNICORN_WORKERS", str(2 * multiprocessing.cpu_count())))
# gunicorn turns sync workers with more than one thread into gthread workers.
threads = int(_env("GUNICORN_THREADS", "8")) if worker_class == "gthread" else 1
# The largest import or export; uploads are bounded by VOCNET_IMPORT_MAX_BYTES.
timeout = 120
keepalive = int(_env("GUNICORN_KEEPALIVE", "5"))
# A worker is replaced now and then, so a slow leak can never grow for long.
max_requests = 2000
max_requests_jitter = 200

SWITCH_INTERVAL_SECONDS = float(_env("GUNICORN_SWITCH_INTERVAL_MS", "1")) / 1000


def on_starting(server: Any) -> None:
    """Tell the workers (``config.wsgi``, through the environment they inherit) which port
    answers ``/healthz`` only: the health listener, when it is still the first of several after
    the command line's ``--bind`` options; otherwise none."""
    binds = list(server.cfg.bind)
    if _health and len(binds) > 1 and binds[0] == _health:
        os.environ["GUNICORN_HEALTH_BIND"] = _health
    else:
        os.environ.pop("GUNICORN_HEALTH_BIND", None)


def post_fork(server: Any, worker: Any) -> None:
    sys.setswitchinterval(SWITCH_INTERVAL_SECONDS)
