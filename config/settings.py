"""vocnet settings: everything that differs between machines comes from the environment.

The defaults run the embedded SQLite demo on a developer machine (DEBUG on, a generated
secret key kept in ``var/``). Production sets ``VOCNET_ENV=production``, which refuses to
start without a real ``SECRET_KEY``, ``ALLOWED_HOSTS`` and ``DATABASE_URL``. See
``.env.example`` for every variable.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url

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
    # Without "ninja" here /api/docs would load Swagger UI from a CDN; this serves it locally.
    "ninja",
    "vocnet.core.apps.CoreConfig",
    "vocnet.accounts",
    "vocnet.registry",
    "vocnet.api",
    "vocnet.reports",
    "vocnet.agreements",
    "vocnet.demand",
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
    "django_htmx.middleware.HtmxMiddleware",
    "vocnet.core.middleware.DomainErrorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

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

# Apps that extend the Gyeonggi demo (loader, resetter) and the home pages, so the registry
# never imports the apps built on it. Loaders run after the registry demo, resetters before
# the registry demo's --reset, both in this order.
VOCNET_DEMO_EXTENSIONS = [
    ("vocnet.agreements.demo.load_agreements_demo", "vocnet.agreements.demo.reset_agreements_demo"),
    ("vocnet.demand.demo.load_demand_demo", "vocnet.demand.demo.reset_demand_demo"),
]
VOCNET_HOME_ITEM_PROVIDERS = [
    "vocnet.agreements.selectors.home_items",
    "vocnet.demand.selectors.home.home_items",
]

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
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
