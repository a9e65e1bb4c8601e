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
            ],
        },
    },
]

# The embedded demo runs on SQLite in var/; production and CI's second pass use PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'vocnet.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60 if IS_PRODUCTION else 0),
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

# Lockout (django-axes): 5 failed sign-ins of one username lock it for 30 minutes, the right
# password included; an unknown username is counted the same way, so both get one answer.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_COOLOFF_TIME = timedelta(minutes=env_int("VOCNET_LOCKOUT_MINUTES", 30))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "vocnet.accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "vocnet.core.middleware.client_ip"
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# axes.W006 asks for the IP address among the lockout parameters. Not wanted: many school
# staff share one NAT address, so five typos would lock a whole school. Counting by username
# alone sums the failures over every address and user agent, so rotating them bypasses
# nothing; spraying passwords over many usernames is for the reverse proxy's rate limit.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
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
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

# The home pages' items from the apps built on the registry, so the registry never imports
# the apps built on it.
VOCNET_HOME_ITEM_PROVIDERS = [
    "vocnet.agreements.selectors.home_items",
    "vocnet.demand.selectors.home.home_items",
    "vocnet.placements.selectors.home_items",
    "vocnet.pathways.selectors.home_items",
    "vocnet.privacy.selectors.home_items",
    "vocnet.clearinghouse.selectors.home.home_items",
]

# Background tasks (django-tasks) — clearinghouse rounds run as a task (docs/adr/0010).
# Default: the database backend (django-tasks-db; worker: `manage.py db_worker`). With
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

# Rendered page content (vocnet.core.pagecache, ADR 0012). Each server process keeps its own
# copy unless a Redis URL is given; keys carry the data version, so copies never disagree on
# what is current, they only warm up separately.
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

# Reminders and notices: printed to the console unless a mail server is configured.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "vocnet <no-reply@vocnet.localhost>")

# The API never hands out more than this many rows in one page, whatever the client asks.
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 200

# Uploaded import files: bounded so a mistaken upload cannot exhaust memory.
VOCNET_IMPORT_MAX_BYTES = env_int("VOCNET_IMPORT_MAX_BYTES", 20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

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
