"""WSGI entry point for gunicorn and other production servers."""

import os

from django.core.wsgi import get_wsgi_application

from vocnet.core.health import HealthCheckFirst

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

# /healthz is answered before Django's middleware, so probes stay cheap under load (ADR 0020).
application = HealthCheckFirst(get_wsgi_application())
