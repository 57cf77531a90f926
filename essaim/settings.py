"""Settings of Essaim, read only from environment variables (documented in README.md)."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from essaim.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent

INSECURE_SECRET_KEY = "insecure-development-key-change-me"
SECRET_KEY = env_str("SECRET_KEY", INSECURE_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)
# `make run` and any real deployment set ESSAIM_PRODUCTION=true: the start then refuses
# what would be unsafe on the internet (see the end of this module; essaim.cli explains it).
PRODUCTION = env_bool("ESSAIM_PRODUCTION", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# The instance's identity, shown in the header, footer and e-mails.
ESSAIM_SITE_NAME = env_str("ESSAIM_SITE_NAME", "Essaim")
ESSAIM_SITE_TAGLINE = env_str(
    "ESSAIM_SITE_TAGLINE", "La plateforme de l’innovation publique qui essaime"
)
ESSAIM_OPERATOR = env_str(
    "ESSAIM_OPERATOR", "la Direction interministérielle de la transformation publique"
)
ESSAIM_LOGO_TEXT = env_str("ESSAIM_LOGO_TEXT", "République\nFrançaise")
ESSAIM_CONTACT_EMAIL = env_str("ESSAIM_CONTACT_EMAIL", "contact@essaim.example")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "dsfr",
    "widget_tweaks",  # django-dsfr's checkbox and radio snippets load it
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "mozilla_django_oidc",
    "ninja",
    "essaim.core",
    "essaim.accounts",
    "essaim.api",
    "essaim.catalogue",
    "essaim.agenda",
    "essaim.participation",
    "essaim.synthesis",
    "essaim.procedures",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "django_structlog.middlewares.RequestMiddleware",
]

ROOT_URLCONF = "essaim.urls"
WSGI_APPLICATION = "essaim.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "essaim.core.context_processors.site",
                "essaim.core.context_processors.navigation",
            ],
            "string_if_invalid": env_str("TEMPLATE_STRING_IF_INVALID", ""),
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{PROJECT_DIR / 'var' / 'essaim.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # WAL lets the web server read while the worker writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

# The page and figure caches. With several web workers (gunicorn) and background workers, set
# REDIS_URL so they share one cache: an invalidation then reaches every process at once, and
# the expensive figures are computed once for all. Without it each process keeps its own.
REDIS_URL = env_str("REDIS_URL")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "essaim"),
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
FORM_RENDERER = "dsfr.forms.DsfrDjangoTemplates"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "essaim.accounts.oidc.AgentOIDCBackend",
    "essaim.accounts.oidc.CitizenOIDCBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:space"
LOGOUT_REDIRECT_URL = "core:home"

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "fr-fr"
LANGUAGES = [("fr", _("Français"))]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(PROJECT_DIR / "var" / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(PROJECT_DIR / "var" / "media")))
STORAGE_BACKEND = env_str("STORAGE_BACKEND", "local")
if STORAGE_BACKEND == "local":
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif STORAGE_BACKEND == "s3":
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("STORAGE_S3_BUCKET"),
            "endpoint_url": env_str("STORAGE_S3_ENDPOINT_URL") or None,
            "access_key": env_str("STORAGE_S3_ACCESS_KEY"),
            "secret_key": env_str("STORAGE_S3_SECRET_KEY"),
            "region_name": env_str("STORAGE_S3_REGION") or None,
            "file_overwrite": False,
            "default_acl": "private",
        },
    }
else:
    raise ImproperlyConfigured("STORAGE_BACKEND must be 'local' or 's3'.")
# Antivirus for the documents of dossiers (Démarches): a clamd daemon, by UNIX socket or TCP.
# Neither set: documents are stored as « non analysé ».
CLAMAV_SOCKET = env_str("CLAMAV_SOCKET", "")
CLAMAV_HOST = env_str("CLAMAV_HOST", "")
CLAMAV_PORT = env_int("CLAMAV_PORT", 3310)
# Days a guest's link to resume a dossier (Démarches, applying without an account) stays valid.
PROCEDURES_GUEST_RESUME_DAYS = env_int("PROCEDURES_GUEST_RESUME_DAYS", 30)
# Days a proposal made without an account (Consultations) waits for its author's confirmation
# before `essaim purge_guest_proposals` deletes it (never less than its link's 24 hours).
PARTICIPATION_GUEST_PURGE_DAYS = env_int("PARTICIPATION_GUEST_PURGE_DAYS", 7)
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", PRODUCTION)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# A dossier's repeatable block of 1,000 rows (issue 7) posts several thousand fields at once;
# Django's default (1,000) would refuse it with a 400.
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("DATA_UPLOAD_MAX_NUMBER_FIELDS", 20_000)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# E-mail: EMAIL_URL picks the backend — console://, file:///path, smtp://user:pass@host:port,
# smtp+tls://…, smtp+ssl://…, locmem:// (tests).
from essaim.core.email_url import parse_email_url  # noqa: E402

globals().update(parse_email_url(env_str("EMAIL_URL", "console://")))
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", f"{ESSAIM_SITE_NAME} <ne-pas-repondre@essaim.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "email"],
    }
}

# OpenID Connect: ProConnect for agents, FranceConnect for citizens (see essaim.accounts.oidc).
OIDC_AGENT_ENABLED = env_bool("OIDC_AGENT_ENABLED", False)
OIDC_AGENT_NAME = env_str("OIDC_AGENT_NAME", "ProConnect")
OIDC_AGENT_CLIENT_ID = env_str("OIDC_AGENT_CLIENT_ID")
OIDC_AGENT_CLIENT_SECRET = env_str("OIDC_AGENT_CLIENT_SECRET")
OIDC_AGENT_ISSUER = env_str("OIDC_AGENT_ISSUER")
OIDC_AGENT_SCOPES = env_str("OIDC_AGENT_SCOPES", "openid email given_name usual_name")
OIDC_CITIZEN_ENABLED = env_bool("OIDC_CITIZEN_ENABLED", False)
OIDC_CITIZEN_NAME = env_str("OIDC_CITIZEN_NAME", "FranceConnect")
OIDC_CITIZEN_CLIENT_ID = env_str("OIDC_CITIZEN_CLIENT_ID")
OIDC_CITIZEN_CLIENT_SECRET = env_str("OIDC_CITIZEN_CLIENT_SECRET")
OIDC_CITIZEN_ISSUER = env_str("OIDC_CITIZEN_ISSUER")
OIDC_CITIZEN_SCOPES = env_str("OIDC_CITIZEN_SCOPES", "openid email given_name family_name")
# Each provider's endpoints come from <ISSUER>/.well-known/openid-configuration (fetched at first
# use, cached an hour); any of them may be set explicitly instead. SIGN_ALGO is the id_token's.
OIDC_AGENT_AUTHORIZATION_ENDPOINT = env_str("OIDC_AGENT_AUTHORIZATION_ENDPOINT")
OIDC_AGENT_TOKEN_ENDPOINT = env_str("OIDC_AGENT_TOKEN_ENDPOINT")
OIDC_AGENT_USERINFO_ENDPOINT = env_str("OIDC_AGENT_USERINFO_ENDPOINT")
OIDC_AGENT_JWKS_ENDPOINT = env_str("OIDC_AGENT_JWKS_ENDPOINT")
OIDC_AGENT_SIGN_ALGO = env_str("OIDC_AGENT_SIGN_ALGO", "RS256")
OIDC_AGENT_ACR_VALUES = env_str("OIDC_AGENT_ACR_VALUES")
OIDC_CITIZEN_AUTHORIZATION_ENDPOINT = env_str("OIDC_CITIZEN_AUTHORIZATION_ENDPOINT")
OIDC_CITIZEN_TOKEN_ENDPOINT = env_str("OIDC_CITIZEN_TOKEN_ENDPOINT")
OIDC_CITIZEN_USERINFO_ENDPOINT = env_str("OIDC_CITIZEN_USERINFO_ENDPOINT")
OIDC_CITIZEN_JWKS_ENDPOINT = env_str("OIDC_CITIZEN_JWKS_ENDPOINT")
OIDC_CITIZEN_SIGN_ALGO = env_str("OIDC_CITIZEN_SIGN_ALGO", "RS256")
OIDC_CITIZEN_ACR_VALUES = env_str("OIDC_CITIZEN_ACR_VALUES", "eidas1")
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 10)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 12
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

from essaim.core.logging import build_logging  # noqa: E402

LOGGING = build_logging(level=env_str("LOG_LEVEL", "INFO"), json=env_bool("LOG_JSON", PRODUCTION))

if PRODUCTION and (DEBUG or SECRET_KEY == INSECURE_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "Refusing a production start: set DEBUG=false and a SECRET_KEY of 50+ random characters."
    )
