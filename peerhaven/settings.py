"""PeerHaven settings: one module, every value read from the environment.

Each setting has a safe development default so that a fresh clone runs with `make run`. Production sets
DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and, usually, DATABASE_URL and REDIS_URL (see README.md).
"""

import os
import sys
from ipaddress import ip_network
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from lib.hosts import is_loopback_host

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
# pytest imports the settings with pytest already loaded; the suite then uses fast hashing and runs tasks inline.
TESTING = env_bool("PEERHAVEN_TESTING", "pytest" in sys.modules)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-peerhaven-do-not-use-in-production-0123456789"  # noqa: S105

# Trust grows with participation (safety/trust.py): links, images and notes to strangers after these.
TRUST_MIN_DAYS = env_int("TRUST_MIN_DAYS", 3)
TRUST_MIN_POSTS = env_int("TRUST_MIN_POSTS", 3)
NEW_MEMBER_DAILY_POSTS = env_int("NEW_MEMBER_DAILY_POSTS", 10)
# A post or note reported by this many different members is hidden until a moderator reviews it.
FLAGS_TO_HIDE = env_int("FLAGS_TO_HIDE", 3)
# Authors may edit a post for this many minutes.
POST_EDIT_MINUTES = env_int("POST_EDIT_MINUTES", 30)
# Uploaded resource files (PDF and images) up to this size.
RESOURCE_MAX_BYTES = env_int("RESOURCE_MAX_BYTES", 5 * 1024 * 1024)

# Fernet keys for data encrypted at rest (lib/crypto.py): the first encrypts, all decrypt (rotation).
DATA_ENCRYPTION_KEYS = env_list("DATA_ENCRYPTION_KEYS")
if not DATA_ENCRYPTION_KEYS and not DEBUG:
    raise ImproperlyConfigured(
        "DATA_ENCRYPTION_KEYS is required when DEBUG is off (make one: manage.py rotate_encryption_key --new-key)."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
# The development keys are published in this file: the SECRET_KEY, and the data key derived from it that encrypts
# journals. They are used only where nobody else can connect: DEBUG on a loopback host (peerhaven.serve also
# refuses a --host other than loopback with them). A site that answers another name must set its own keys.
USING_DEV_KEYS = not env_str("SECRET_KEY") or not DATA_ENCRYPTION_KEYS
_public_hosts = [host for host in ALLOWED_HOSTS if not is_loopback_host(host)]
if DEBUG and USING_DEV_KEYS and _public_hosts:
    _missing = " and ".join(name for name in ("SECRET_KEY", "DATA_ENCRYPTION_KEYS") if not env_str(name))
    raise ImproperlyConfigured(
        f"DEBUG=1 with ALLOWED_HOSTS={','.join(_public_hosts)} (not loopback) needs {_missing} set: the development"
        " keys are public and would encrypt members' journals. Set SECRET_KEY (e.g. the output of"
        " `python3 -c 'import secrets; print(secrets.token_urlsafe(50))'`) and DATA_ENCRYPTION_KEYS (the output of"
        " `python3 -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'`),"
        " or keep ALLOWED_HOSTS to 127.0.0.1,localhost,[::1]."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
SITE_NAME = env_str("SITE_NAME", "PeerHaven")
# Where a logged-in member's pages open their live socket; empty when nothing serves WebSockets (pages still work).
LIVE_SOCKET_PATH = env_str("LIVE_SOCKET_PATH", "/ws/notifications/")

INSTALLED_APPS = [
    # First, so that its createsuperuser (refusing look-alike usernames) replaces django.contrib.auth's.
    "accounts",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "channels",
    "django_htmx",
    "template_partials",
    "csp",
    "axes",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    # PeerHaven apps, by domain (docs/ARCHITECTURE.md).
    "peerhaven",
    "safety",
    "directory",
    "groups",
    "api",
    "journey",
    "moderation",
    "notifications",
]

MIDDLEWARE = [
    # First: forwarded headers from anyone but a trusted proxy are dropped before anything reads them.
    "peerhaven.proxy.ForwardedHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before sessions and every view: a NUL in any text (400) or a body over the limit (413) goes no further.
    "peerhaven.middleware.RequestGuardMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Outside every middleware that may answer a member by itself (MFA, suspension, axes).
    "accounts.middleware.PrivateResponsesNoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.UserTimezoneMiddleware",
    "accounts.middleware.StaffRolesRequireMFAMiddleware",
    "moderation.middleware.SuspendedMemberMiddleware",
    "peerhaven.throttling.RateLimitMiddleware",
    # API writes with an Idempotency-Key run in one transaction with their stored answer (api.idempotency).
    "api.idempotency.IdempotencyMiddleware",
    # Axes goes last so that it sees the outcome of every login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "peerhaven.urls"
WSGI_APPLICATION = "peerhaven.wsgi.application"
ASGI_APPLICATION = "peerhaven.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "peerhaven.context_processors.site",
                "notifications.context_processors.unread_notifications",
                "moderation.context_processors.moderation_links",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------
# SQLite (WAL, busy timeout, IMMEDIATE transactions) unless DATABASE_URL names another database.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    SQLITE_PATH = Path(env_str("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")))
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,  # type: ignore[typeddict-item]  # Django takes a Path; django-stubs says str
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 5,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;"
                    " PRAGMA foreign_keys=ON;"
                ),
            },
            "TEST": {"NAME": env_str("SQLITE_TEST_PATH") or None},
            # Opening SQLite and setting its pragmas costs milliseconds; keep each thread's connection.
            "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 600),
            "CONN_HEALTH_CHECKS": True,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and real-time --------------------------------------------------------------------------
# Rate limits and lock-outs need a cache shared by every worker: Redis when REDIS_URL is set,
# otherwise the database (works across WSGI workers without another service).
REDIS_URL = env_str("REDIS_URL")
# Limits on writes per member and per address (lib/throttle.py, README "Rate limits"): "off", or overrides such as
# "post=30/10m,note=20/h,post@ip=100/h".
RATE_LIMITS = env_str("RATE_LIMITS")
# Parallel test workers share one Redis; each keeps to its own keys and channel names.
REDIS_PREFIX = env_str("REDIS_PREFIX", f"test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}" if TESTING else "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": REDIS_PREFIX,
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": f"peerhaven{REDIS_PREFIX}"},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "peerhaven_cache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
# The rate limiter counts in its own cache: Redis when set (shared by every process), else this process's memory,
# because on the database cache each limited write cost about twenty queries (measured on check-text).
CACHES["ratelimit"] = (
    {**CACHES["default"]}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "peerhaven-ratelimit"}
)
RATELIMIT_USE_CACHE = "ratelimit"

# --- Background tasks (django-tasks with the database backend) --------------------------------------
TASKS = {
    "default": {
        "BACKEND": env_str(
            "TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend" if TESTING else "django_tasks_db.DatabaseBackend",
        ),
    }
}

# --- Accounts -------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 is deliberately slow; the suite checks that it is configured, then hashes fast.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"

ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_USERNAME_MIN_LENGTH = 3
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
# Sign-up answers "not available" this many times an hour to one address, then asks it to wait (accounts.adapter):
# enough for a person choosing a name, too few to test a list of names. 0 (or RATE_LIMITS=off) turns it off.
SIGNUP_USERNAME_REFUSALS = 0 if env_str("RATE_LIMITS") == "off" else env_int("SIGNUP_USERNAME_REFUSALS", 10)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME

# Brute-force protection on every login form, the admin's included.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 8)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_CALLABLE = "accounts.lockout.attempted_username"
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_VERBOSE = False

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 24 * 7)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Security headers -----------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
# The reverse proxies whose forwarded headers are believed (lib/clientip.py): addresses or networks, e.g.
# 127.0.0.1 for nginx on the same machine. Empty: no X-Forwarded-For or X-Forwarded-Proto is believed from anyone.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
for _proxy in TRUSTED_PROXIES:
    try:
        ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES: {_proxy!r} is not an IP address or network (e.g. 127.0.0.1 or 10.0.0.0/8)"
        ) from None
# Lock-outs and rate limits count by this address (allauth's limits ask accounts.adapter, which asks the same).
AXES_CLIENT_IP_CALLABLE = "lib.clientip.client_ip"
# BEHIND_TLS_PROXY=1: the proxy terminates TLS and says so in X-Forwarded-Proto; believed only from a trusted proxy
# (peerhaven.proxy.ForwardedHeadersMiddleware drops the header from anyone else).
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
if BEHIND_TLS_PROXY:
    if not TRUSTED_PROXIES:
        raise ImproperlyConfigured(
            "BEHIND_TLS_PROXY=1 needs TRUSTED_PROXIES: the address of the proxy that sets X-Forwarded-Proto"
            " (e.g. TRUSTED_PROXIES=127.0.0.1 when it runs on this machine)."
        )
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The finder's map: a tile server URL template such as https://tile.example.org/{z}/{x}/{y}.png. With none
# set the finder shows no map and no page requests anything from another origin.
MAP_TILE_URL = env_str("MAP_TILE_URL")
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION", "© OpenStreetMap contributors")
_map_origin = ""
if MAP_TILE_URL:
    from urllib.parse import urlsplit

    _parts = urlsplit(MAP_TILE_URL.replace("{s}", "a"))
    _map_origin = f"{_parts.scheme}://{_parts.netloc}"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([_map_origin] if _map_origin else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
PERMISSIONS_POLICY = {
    "geolocation": ["self"],
    "camera": [],
    "microphone": [],
    "payment": [],
    "usb": [],
    "interest-cohort": [],
    "browsing-topics": [],
}

# --- Internationalisation -------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# In development WhiteNoise serves straight from the finders; in production run collectstatic.
WHITENOISE_USE_FINDERS = DEBUG or TESTING
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)

# --- Email ----------------------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "PeerHaven <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- PeerHaven ------------------------------------------------------------------------------------
# The country whose crisis lines the Get help page offers first (ISO 3166-1 alpha-2), if the operator
# sets one. Visitors may pick another; we never look up where a visitor is.
HELP_DEFAULT_COUNTRY = env_str("HELP_DEFAULT_COUNTRY").upper()
# An at-risk alert raised in a group goes to the group's facilitators and moderators first; still open and not taken
# after this many minutes, to the site's moderators too (moderation.tasks). At least 1.
RISK_ALERT_ESCALATE_MINUTES = env_int("RISK_ALERT_ESCALATE_MINUTES", 10)
if RISK_ALERT_ESCALATE_MINUTES < 1:
    raise ImproperlyConfigured(f"RISK_ALERT_ESCALATE_MINUTES must be 1 or more, not {RISK_ALERT_ESCALATE_MINUTES}")
# Personal access tokens for the API expire after this many days unless the member picks otherwise.
API_TOKEN_DEFAULT_DAYS = env_int("API_TOKEN_DEFAULT_DAYS", 90)
# Usable (not revoked, not expired) personal access tokens a member may hold at once.
API_TOKENS_MAX = env_int("API_TOKENS_MAX", 10)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
    },
}
