"""vocnet settings: everything that differs between machines comes from the environment.

The defaults run the embedded SQLite demo on a developer machine (DEBUG on, a generated
secret key kept in ``var/``). Production sets ``VOCNET_ENV=production``, which refuses to
start without a real ``SECRET_KEY``, ``ALLOWED_HOSTS`` and ``DATABASE_URL``. See
``.env.example`` for every variable.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from whitenoise.compress import Compressor

from vocnet.core.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VOCNET_VAR_DIR", str(BASE_DIR / "var")))

VOCNET_ENV = env_str("VOCNET_ENV", "development")
if VOCNET_ENV not in {"development", "test", "production"}:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("VOCNET_ENV must be development, test or production.")
IS_PRODUCTION = VOCNET_ENV == "production"


def _development_secret_key() -> str:
    # A per-checkout random key: never a hard-coded default, and sessions survive restarts.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = (
    env_str("SECRET_KEY")
    if IS_PRODUCTION
    else env_str("SECRET_KEY", "") or (_development_secret_key())
)
DEBUG = env_bool("DEBUG", default=not IS_PRODUCTION)
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if IS_PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "vocnet.core.apps.VocnetAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Form widgets render through TEMPLATES (FORM_RENDERER below), so templates/ may override them.
    "django.forms",
    "django_htmx",
    # Account security (issue 8, docs/adr/0008): lockout, the second factor, CSP.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    # Without "ninja" here /api/docs would load Swagger UI from a CDN; this serves it locally.
    "ninja",
    "vocnet.core.apps.CoreConfig",
    "vocnet.spreadsheets",
    "vocnet.accounts",
    "vocnet.privacy",
    "vocnet.registry",
    "vocnet.api",
    "vocnet.reports",
    "vocnet.agreements",
    "vocnet.demand",
    "vocnet.pathways",
    "vocnet.placements",
    "vocnet.clearinghouse",
    "vocnet.programmes",
    "vocnet.notifications",
    "vocnet.courses",
    # The Gyeonggi demo above every domain app: `manage.py load_demo` (docs/adr/0004).
    "vocnet.demo",
    # Background tasks (clearinghouse runs); see the TASKS block below.
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "vocnet.core.middleware.KoreanFirstLocaleMiddleware",
    # Any error under /api/ is the API's bilingual JSON, never an HTML page.
    "vocnet.api.middleware.ApiJsonErrorMiddleware",
    # Control characters in a query string or text body: a bilingual 4xx before any view.
    "vocnet.core.input_guard.ControlCharacterMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After auth and messages: ends sessions without their second factor, and idle staff ones.
    "vocnet.accounts.middleware.SecondFactorMiddleware",
    "vocnet.privacy.middleware.AccessOriginMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "vocnet.core.middleware.DomainErrorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "vocnet.core.middleware.SecurityHeadersMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "vocnet.reports.navigation.navigation",
                "vocnet.core.pagecache.csrf_placeholder",
                "vocnet.notifications.context_processors.unread",
                "vocnet.core.context.service",
            ],
        },
    },
]

# Widgets are rendered by the project's template engine (templates/django/forms/widgets/ may
# override them); a select's options are written in Python, same markup (ADR 0020, 0037).
FORM_RENDERER = "vocnet.core.form_renderer.VocnetFormRenderer"

# The embedded demo runs on SQLite in var/; production and CI's second pass use PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'vocnet.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60 if IS_PRODUCTION else 0),
        # A kept connection is checked at the start of each request and reopened if the
        # database dropped it meanwhile, instead of one 500 per process per drop (ADR 0014).
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the demo server read while an import writes; a busy timeout instead of
        # "database is locked" under the load benchmark.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
    if IS_PRODUCTION:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("Production needs DATABASE_URL pointing at PostgreSQL.")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "reports:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# --- Account security (issue 8; docs/adr/0008-accounts-and-privacy.md) ---------------------
# Passwords: Argon2id (one-way, 개인정보의 안전성 확보조치 기준 제7조); older PBKDF2 hashes are
# still verified and upgraded at the next sign-in. OWASP ASVS 2.1: at least 12 characters,
# up to 128 (64-character passphrases pass), the common-password list, not all digits.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "vocnet.accounts.validators.MaximumLengthValidator", "OPTIONS": {"max_length": 128}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# The reset link of the e-mail works once and for an hour.
PASSWORD_RESET_TIMEOUT = 60 * 60

# Lockout (django-axes; docs/adr/0008): 5 failed sign-ins of one username from one client
# address lock that username for that address for 30 minutes, the right password included;
# an unknown username is counted the same way, so both get one answer. Not by username alone:
# then anyone who knows a username could lock its owner out with 5 requests. Separately, 50
# failures from one address over any usernames lock that address (password spraying), high
# enough for a school's staff behind one NAT address. vocnet.accounts.lockout adds that
# second limit to axes' handler; the address is client_ip's (VOCNET_TRUSTED_PROXIES below).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "vocnet.accounts.lockout.UsernameAndAddressHandler"
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
VOCNET_LOCKOUT_ADDRESS_LIMIT = env_int("VOCNET_LOCKOUT_ADDRESS_LIMIT", 50)
if VOCNET_LOCKOUT_ADDRESS_LIMIT < AXES_FAILURE_LIMIT:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"VOCNET_LOCKOUT_ADDRESS_LIMIT must be at least {AXES_FAILURE_LIMIT}, "
        "the limit of one username from one address."
    )
AXES_COOLOFF_TIME = timedelta(minutes=env_int("VOCNET_LOCKOUT_MINUTES", 30))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "vocnet.accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "vocnet.core.middleware.client_ip"
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# Reverse proxies whose X-Forwarded-For is believed (addresses or networks); none by default,
# so the client address is REMOTE_ADDR.
VOCNET_TRUSTED_PROXIES = env_list("VOCNET_TRUSTED_PROXIES", [])

# Second factor (django-otp's TOTP): province, support-office and school staff sign in with
# an authenticator app after the password; see vocnet.accounts.sessions.
OTP_TOTP_ISSUER = "vocnet"
OTP_TOTP_THROTTLE_FACTOR = 1

# Sessions: a new id at sign-in (Django), deleted at sign-out, gone when the browser closes;
# staff are signed out after 30 idle minutes (vocnet.accounts.middleware), everyone after 8 h.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = 8 * 60 * 60
VOCNET_STAFF_IDLE_TIMEOUT = env_int("VOCNET_STAFF_IDLE_MINUTES", 30) * 60

# The personal-data access log is kept this many years (at least 2: 안전성 확보조치 기준 제8조);
# `manage.py purge_access_log` deletes what is older.
VOCNET_ACCESS_LOG_RETENTION_YEARS = env_int("VOCNET_ACCESS_LOG_RETENTION_YEARS", 2)
if VOCNET_ACCESS_LOG_RETENTION_YEARS < 2:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("VOCNET_ACCESS_LOG_RETENTION_YEARS must be at least 2 (years).")

# Content Security Policy (django-csp): scripts and styles from vocnet's own static files
# only — no inline script, no inline style attribute, no other origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# --- end of account security ---------------------------------------------------------------

LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", "한국어"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
# Front-end packages come from npm (package-lock.json) at set-up and are served from
# node_modules under /static/vendor/; only the parts vocnet uses are exposed (never KRDS's
# cdn/ bundle).
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/krds/css", NODE_MODULES / "krds-uiux" / "resources" / "css"),
    ("vendor/krds/fonts", NODE_MODULES / "krds-uiux" / "resources" / "fonts"),
    ("vendor/krds/img", NODE_MODULES / "krds-uiux" / "resources" / "img"),
    ("vendor/krds/js", NODE_MODULES / "krds-uiux" / "resources" / "js" / "component"),
    ("vendor/chartjs", NODE_MODULES / "chart.js" / "dist"),
]
# The project's directories without KRDS's unused, broken component.css (see the finder).
STATICFILES_FINDERS = [
    "vocnet.core.staticfiles.VocnetFileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if IS_PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Source maps are fetched only by a browser's developer tools; compressing them (brotli and
# gzip) was most of collectstatic's time for 60 % of its output, for no reader's benefit.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

# Background tasks (django-tasks) — clearinghouse rounds run as a task (docs/adr/0010).
# Default: the database backend (django-tasks-db; worker: `manage.py task_worker`, which is
# `db_worker` made to reconnect after a dropped connection, docs/adr/0014). With
# VOCNET_TASKS_REDIS_URL set (redis://host:port/db), an RQ queue on Redis through
# django-tasks-rq (worker: `manage.py rqworker --job-class django_tasks_rq.Job default`).
# VOCNET_CLEARINGHOUSE_QUEUE names the queue the runs go to (tests use their own).
VOCNET_TASKS_REDIS_URL = env_str("VOCNET_TASKS_REDIS_URL", "")
VOCNET_CLEARINGHOUSE_QUEUE = "default"
if VOCNET_TASKS_REDIS_URL:
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": VOCNET_TASKS_REDIS_URL, "DEFAULT_TIMEOUT": 3600}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Leases of long tasks (vocnet.core.leases, docs/adr/0014): a running task stamps a heartbeat
# every third of the lease; one silent for longer than the lease lost its worker and is marked
# failed by the sweeps below (run by the worker, `manage.py expire_leases` and the pages that
# show the task). Each app with leased rows adds its sweep here.
VOCNET_TASK_LEASE_SECONDS = env_int("VOCNET_TASK_LEASE_SECONDS", 180)
if VOCNET_TASK_LEASE_SECONDS < 1:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("VOCNET_TASK_LEASE_SECONDS must be at least 1 (seconds).")
VOCNET_LEASE_SWEEPS = [
    "vocnet.clearinghouse.services.runs.runs_expire_stale",
    "vocnet.spreadsheets.jobs.jobs_expire_stale",
    "vocnet.courses.services.runs.allocations_expire_stale",
]

# Rendered page content (vocnet.core.pagecache, ADR 0012). Each server process keeps its own
# copy unless a Redis URL is given; keys carry the data version, so copies never disagree on
# what is current, they only warm up separately.
# VOCNET_PAGE_CACHE=false renders every page and figure anew (the uncached benchmark, issue
# 16 §9, and looking for a stale-cache bug); it changes what costs CPU, never what is shown.
VOCNET_PAGE_CACHE = env_bool("VOCNET_PAGE_CACHE", default=True)
_CACHE_REDIS_URL = env_str("VOCNET_CACHE_REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _CACHE_REDIS_URL}
        if _CACHE_REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    )
}

# The service's shell (issue 16 §6). VOCNET_DEMO shows the demo notice on every page (on
# everywhere but production); the contact details appear in the footer's contact page and
# the 개인정보 처리방침 (empty: "not decided yet", never an invented address).
VOCNET_DEMO = env_bool("VOCNET_DEMO", default=not IS_PRODUCTION)
VOCNET_CONTACT_EMAIL = env_str("VOCNET_CONTACT_EMAIL", "")
VOCNET_CONTACT_PHONE = env_str("VOCNET_CONTACT_PHONE", "")

# Reminders and notices: printed to the console unless a mail server is configured.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "vocnet <no-reply@vocnet.localhost>")
# The address people reach vocnet at: links in e-mailed notifications start with it.
VOCNET_PUBLIC_URL = env_str("VOCNET_PUBLIC_URL", "http://127.0.0.1:8000")

# The API never hands out more than this many rows in one page, whatever the client asks.
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 200

# Uploaded import files: bounded so a mistaken upload cannot exhaust memory.
VOCNET_IMPORT_MAX_BYTES = env_int("VOCNET_IMPORT_MAX_BYTES", 20 * 1024 * 1024)
# What an import file may hold, checked before it is read into rows (issue 12, ADR 0013):
# rows and columns of the data sheet (declared and real), the used area, the zip members of an
# .xlsx (inflated size, ratio, count), the time, and the problems listed in the report.
VOCNET_IMPORT_MAX_ROWS = env_int("VOCNET_IMPORT_MAX_ROWS", 100_000)
VOCNET_IMPORT_MAX_COLUMNS = env_int("VOCNET_IMPORT_MAX_COLUMNS", 100)
VOCNET_IMPORT_MAX_CELLS = env_int("VOCNET_IMPORT_MAX_CELLS", 3_000_000)
VOCNET_IMPORT_MAX_UNCOMPRESSED_BYTES = env_int(
    "VOCNET_IMPORT_MAX_UNCOMPRESSED_BYTES", 200 * 1024 * 1024
)
VOCNET_IMPORT_MAX_ZIP_RATIO = env_int("VOCNET_IMPORT_MAX_ZIP_RATIO", 100)
VOCNET_IMPORT_MAX_ZIP_MEMBERS = env_int("VOCNET_IMPORT_MAX_ZIP_MEMBERS", 1000)
VOCNET_IMPORT_MAX_SECONDS = env_int("VOCNET_IMPORT_MAX_SECONDS", 120)
VOCNET_IMPORT_MAX_PROBLEMS = env_int("VOCNET_IMPORT_MAX_PROBLEMS", 1000)
VOCNET_IMPORT_BACKGROUND_ROWS = env_int("VOCNET_IMPORT_BACKGROUND_ROWS", 20_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Load balancers probe the health check over plain HTTP, behind or beside the TLS proxy; it
# shows nothing and sets no cookie, so it is the one path SECURE_SSL_REDIRECT leaves alone.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

if IS_PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_COOKIE_HTTPONLY = True
    # __Host- cookies: HTTPS only, this host only, path / (OWASP ASVS 3.4.4).
    SESSION_COOKIE_NAME = "__Host-vocnet-session"
    CSRF_COOKIE_NAME = "__Host-vocnet-csrf"
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # No personal data in logs: query strings (a searched name) are cut from request lines.
    "filters": {"no_query_strings": {"()": "vocnet.privacy.logging.StripQueryStrings"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["no_query_strings"]},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "axes": {"level": "WARNING"},
    },
}
