"""WSGI entry point for gunicorn and other production servers."""

import os

from django.core.wsgi import get_wsgi_application

from vocnet.core.health import HealthCheckFirst, health_port

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

# /healthz is answered before Django's middleware, so probes stay cheap under load (ADR 0020);
# the health port, when there is one, answers nothing else (ADR 0038).
application = HealthCheckFirst(get_wsgi_application(), only_health_on_port=health_port())
