"""
Settings for the NQI one-stop service backend.

One module for every deployment: each value that differs between the embedded
default (SQLite, eager tasks, demo data) and a full stack (PostgreSQL, Redis,
Celery worker and beat, gunicorn) comes from the environment.
"""

import datetime
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from kombu import Exchange, Queue

from nqi_service.replicas.config import replica_databases

BASE_DIR = Path(__file__).resolve().parent.parent

DEVELOPMENT_SECRET_KEY = "django-insecure-nqi-development-key-do-not-use-in-production"

env = environ.Env(
    DEBUG=(bool, True),
    SECRET_KEY=(str, DEVELOPMENT_SECRET_KEY),
    ALLOWED_HOSTS=(list, ["localhost", "127.0.0.1"]),
    REDIS_URL=(str, ""),
)

DEBUG = env("DEBUG")
SECRET_KEY = env("SECRET_KEY")
if not DEBUG and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")

# Fernet keys for personal data at rest, newest first (nqi_service/encryption.py).
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=[])
if not DEBUG and not FIELD_ENCRYPTION_KEYS:
    raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS must be set when DEBUG is off.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "nqi_service",
    "accounts",
    "notifications",
    "enterprises",
    "service_stations",
    "requests_app",
    "stats",
    "workcalendar",
    "visits",
    "instruments",
    "training",
    "demo",
    "catalogue",
]
# The bench (left out of the deployed image) brings `manage.py generate_load`
# to a source checkout.
if (BASE_DIR / "bench" / "apps.py").exists():
    INSTALLED_APPS.append("bench")

MIDDLEWARE = [
    "nqi_service.request_id.request_id_middleware",
    "nqi_service.statement_timeout.statement_timeout_middleware",
    "django.middleware.security.SecurityMiddleware",
    "nqi_service.content_security_policy.content_security_policy_middleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "nqi_service.replicas.recent_writes.recent_writes_middleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "nqi_service.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "nqi_service.wsgi.application"


def _is_psycopg3() -> bool:
    """Return whether Django drives PostgreSQL with psycopg 3 (else psycopg2)."""
    from django.db.backends.postgresql.psycopg_any import is_psycopg3

    return is_psycopg3


# Database: SQLite in the project folder unless DATABASE_URL says otherwise.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
_ENGINE = DATABASES["default"]["ENGINE"]
# Each process keeps its PostgreSQL connection between requests: opening one
# costs more than a whole API request (bench/README.md). The embedded SQLite
# file opens at no cost.
DATABASES["default"]["CONN_MAX_AGE"] = env.int(
    "DB_CONN_MAX_AGE", default=0 if _ENGINE == "django.db.backends.sqlite3" else 60
)
# Seconds a web request's statement may run before PostgreSQL cancels it (503);
# set on gunicorn's connections only (gunicorn.conf.py), 0 for none.
DB_STATEMENT_TIMEOUT = env.float("DB_STATEMENT_TIMEOUT", default=25)
# A kept connection the server dropped meanwhile is replaced, not used once and failed.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if _ENGINE == "django.db.backends.postgresql" and _is_psycopg3():
    # psycopg 3 binds parameters on the server, so a statement a kept connection
    # runs more than DB_PREPARE_THRESHOLD times is prepared: PostgreSQL then
    # skips planning it. "none" turns preparing off (e.g. behind a pooler in
    # transaction mode that does not track prepared statements).
    _threshold = env.str("DB_PREPARE_THRESHOLD", default="5")
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True,
        prepare_threshold=None if _threshold.lower() == "none" else int(_threshold),
    )
if _ENGINE == "django.db.backends.sqlite3":
    # The embedded mode: write-ahead logging and immediate write transactions
    # let the dev server's threads and in-process tasks share the file.
    # Beat runs the periodic tasks in a process of its own (scripts/serve), so a
    # writer may wait for the other's transaction a while.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # SQLite ignores the covering columns of one statistics index; that's fine here.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Read replicas (nqi_service/replicas/): PostgreSQL streaming standbys that the
# GET and HEAD of read-only views may query; the primary takes every write,
# lock, task and migration. Unset: one database, no router, no extra query.
REPLICA_DATABASES = replica_databases(
    env.list("DATABASE_REPLICA_URLS", default=[]), DATABASES["default"]
)
DATABASES.update(REPLICA_DATABASES)
if REPLICA_DATABASES:
    DATABASE_ROUTERS = ["nqi_service.replicas.routing.ReplicaRouter"]
# A replica whose replay lags the primary by more than this is passed over.
REPLICA_MAX_LAG_SECONDS = env.float("REPLICA_MAX_LAG_SECONDS", default=5.0)
# Each process asks a replica whether it is up, and its lag, at most this often.
REPLICA_CHECK_SECONDS = env.float("REPLICA_CHECK_SECONDS", default=5.0)
# A caller who wrote reads from the primary this long afterwards. Past the lag
# bound and one check, any replica still chosen has replayed the write.
REPLICA_READ_YOUR_WRITES_SECONDS = env.float(
    "REPLICA_READ_YOUR_WRITES_SECONDS", default=REPLICA_MAX_LAG_SECONDS + REPLICA_CHECK_SECONDS
)

# Usernames are found in any case or width (accounts/usernames.py).
AUTHENTICATION_BACKENDS = ["accounts.usernames.CaseInsensitiveBackend"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.passwords.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Chinese users first, English on request.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# Static files are served by the application itself (WhiteNoise).
STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploaded files are private: never served under a public URL.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "private_media")
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)
# A DOCX or XLSX (a zip archive) may expand to at most this many bytes and this
# many times its compressed size; beyond it is a zip bomb, not a document.
ATTACHMENT_MAX_EXPANDED_BYTES = env.int("ATTACHMENT_MAX_EXPANDED_BYTES", default=100 * 1024 * 1024)
ATTACHMENT_MAX_COMPRESSION_RATIO = env.int("ATTACHMENT_MAX_COMPRESSION_RATIO", default=100)

# The GB/T 2260 division table that region codes are checked against
# (enterprises/data/README.md); `manage.py import_regions` replaces it.
REGION_TABLE_FILE = env.path(
    "REGION_TABLE_FILE", default=BASE_DIR / "enterprises" / "data" / "regions.csv"
)
# The GB/T 4754 industry table (every level) that industry codes are checked
# against; `manage.py import_industries` replaces it.
INDUSTRY_TABLE_FILE = env.path(
    "INDUSTRY_TABLE_FILE", default=BASE_DIR / "enterprises" / "data" / "industries.csv"
)

# Redis is both the Celery broker and the cache. Without it, tasks run eagerly
# in-process and the cache is local memory (the embedded default).
REDIS_URL = env("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
# In the embedded mode a task that fails after commit is logged, not raised
# into the request that dispatched it (tests turn propagation on).
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task not acknowledged within the visibility timeout is delivered again;
# the hard time limit stays below it so a stuck task is killed first.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
}
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 30
CELERY_TIMEZONE = TIME_ZONE
# Publishing gives up quickly when Redis is down: the request is already
# committed and the sweeper dispatches it once the broker is back.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
# Every queue a task is routed to. A worker started without --queues consumes
# all of them; operators who split the work pass --queues to each worker.
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_QUEUES = [
    Queue(name, Exchange(name), routing_key=name)
    for name in ("celery", "assignment", "notifications", "stats")
]
CELERY_TASK_ROUTES = {
    "requests_app.tasks.assign_ticket": {"queue": "assignment"},
    "requests_app.tasks.sweep_waiting_tickets": {"queue": "assignment"},
    "requests_app.tasks.follow_up_event": {"queue": "notifications"},
    "notifications.tasks.*": {"queue": "notifications"},
    "training.tasks.*": {"queue": "notifications"},
    "stats.tasks.*": {"queue": "stats"},
    "instruments.tasks.*": {"queue": "notifications"},
}
CELERY_BEAT_SCHEDULE = {
    "sweep-waiting-tickets": {
        "task": "requests_app.tasks.sweep_waiting_tickets",
        "schedule": env.float("ASSIGNMENT_SWEEP_INTERVAL", default=60.0),
    },
    "mark-overdue-tickets": {
        "task": "requests_app.tasks.mark_overdue_tickets",
        "schedule": env.float("OVERDUE_SWEEP_INTERVAL", default=15 * 60.0),
    },
    "sweep-pending-emails": {
        "task": "notifications.tasks.sweep_pending_emails",
        "schedule": 5 * 60.0,
    },
    "auto-close-resolved-tickets": {
        "task": "requests_app.tasks.auto_close_resolved_tickets",
        "schedule": 60 * 60.0,
    },
    "stats-sweep": {
        "task": "stats.tasks.stats_sweep",
        "schedule": env.int("STATS_SWEEP_SECONDS", default=60),
    },
    "purge-idempotency-keys": {
        "task": "nqi_service.tasks.purge_idempotency_keys",
        "schedule": 60 * 60.0,
    },
    "remind-training-sessions": {
        "task": "training.tasks.remind_sessions_tomorrow",
        "schedule": env.float("TRAINING_REMINDER_INTERVAL", default=60 * 60.0),
    },
    "stats-reconcile": {
        "task": "stats.tasks.stats_reconcile",
        "schedule": crontab(hour=3, minute=30),
    },
    "remind-expiring-calibrations": {
        "task": "instruments.tasks.remind_expiring_calibrations",
        "schedule": crontab(hour=8, minute=0),
    },
}

CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # A Redis that stops answering fails fast, so throttles fall back to
            # counting in memory (nqi_service/api/throttles.py) instead of hanging.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Automatic assignment (requests_app/services/auto_assignment.py).
ASSIGNMENT_SWEEP_AFTER = datetime.timedelta(
    seconds=env.float("ASSIGNMENT_SWEEP_AFTER", default=120.0)
)
ASSIGNMENT_SWEEP_BATCH = env.int("ASSIGNMENT_SWEEP_BATCH", default=500)
ASSIGNMENT_MAX_ATTEMPTS = env.int("ASSIGNMENT_MAX_ATTEMPTS", default=5)
ASSIGNMENT_ESCALATE_AFTER = datetime.timedelta(
    hours=env.float("ASSIGNMENT_ESCALATE_AFTER_HOURS", default=24.0)
)
AUTO_CLOSE_AFTER = datetime.timedelta(days=env.int("AUTO_CLOSE_AFTER_DAYS", default=7))
# How long a claim code for a firm a station recorded stays valid.
CLAIM_CODE_VALID_FOR = datetime.timedelta(days=env.int("CLAIM_CODE_VALID_DAYS", default=90))
# How long the first answer to a POST with an Idempotency-Key is replayed, and
# after how long a request still marked running is taken to have died.
IDEMPOTENCY_KEY_TTL = datetime.timedelta(hours=env.float("IDEMPOTENCY_KEY_TTL_HOURS", default=24.0))
IDEMPOTENCY_KEY_ABANDONED_AFTER = datetime.timedelta(
    seconds=env.int("IDEMPOTENCY_KEY_ABANDONED_SECONDS", default=300)
)
EMAIL_SWEEP_AFTER = datetime.timedelta(minutes=10)
# A claimed email not sent after this long is taken to be lost with its worker
# and sent again; keep it above CELERY_TASK_TIME_LIMIT (notifications/tasks.py).
EMAIL_SENDING_TIMEOUT = datetime.timedelta(seconds=env.int("EMAIL_SENDING_TIMEOUT", default=900))
if EMAIL_SENDING_TIMEOUT.total_seconds() <= CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured("EMAIL_SENDING_TIMEOUT must be above CELERY_TASK_TIME_LIMIT.")

# Shared instruments (instruments/): a lab hears of an ending calibration this
# many days ahead; an enterprise with this many no-shows within the window has
# every booking approved by the lab, even where the instrument auto-approves.
CALIBRATION_REMINDER_NOTICE = datetime.timedelta(
    days=env.int("CALIBRATION_REMINDER_DAYS", default=30)
)
BOOKING_NO_SHOW_LIMIT = env.int("BOOKING_NO_SHOW_LIMIT", default=2)
BOOKING_NO_SHOW_WINDOW = datetime.timedelta(
    days=env.int("BOOKING_NO_SHOW_WINDOW_DAYS", default=180)
)

# Working days allowed per urgency before a request is due (Chinese calendar).
DUE_WORKING_DAYS = {
    "high": env.int("DUE_WORKING_DAYS_HIGH", default=2),
    "normal": env.int("DUE_WORKING_DAYS_NORMAL", default=5),
    "low": env.int("DUE_WORKING_DAYS_LOW", default=10),
}


def _office_hours(value: str) -> tuple[datetime.time, datetime.time]:
    opens, closes = (datetime.time.fromisoformat(part.strip()) for part in value.split("-"))
    if opens >= closes:
        raise ImproperlyConfigured("OFFICE_HOURS must open before it closes, e.g. 08:30-17:30.")
    return opens, closes


# Office hours of a working day (Asia/Shanghai): requests fall due at the close,
# and time awaiting information counts only within them.
OFFICE_HOURS = _office_hours(env("OFFICE_HOURS", default="08:30-17:30"))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "nqi_service.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": [
        "nqi_service.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["nqi_service.api.filters.FilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "nqi_service.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "nqi_service.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "nqi_service.api.exceptions.exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        "register": env("THROTTLE_REGISTER", default="20/hour"),
        "login": env("THROTTLE_LOGIN", default="30/minute"),
        "login_failures": env("THROTTLE_LOGIN_FAILURES", default="10/hour"),
        "filing": env("THROTTLE_FILING", default="60/hour"),
        "export": env("THROTTLE_EXPORT", default="20/hour"),
    },
    # Throttles count the client by the socket's address, or behind N proxies the
    # Nth address from the right of X-Forwarded-For (the part a client can't choose).
    "NUM_PROXIES": env.int("TRUSTED_PROXY_COUNT", default=0),
}

SPECTACULAR_SETTINGS = {
    "TITLE": "NQI one-stop service API",
    "DESCRIPTION": "Quality-infrastructure requests from enterprises to stations and experts.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Choice sets used by several serializers get one stable component name.
    "ENUM_NAME_OVERRIDES": {
        "CategoryEnum": "requests_app.choices.Category",
        "StatusEnum": "requests_app.choices.Status",
        "StationKindEnum": "service_stations.choices.StationKind",
        "EnterpriseKindEnum": "enterprises.choices.EnterpriseKind",
        "MembershipStatusEnum": "service_stations.choices.MembershipStatus",
        "ChannelEnum": "requests_app.choices.Channel",
        "StaffChannelEnum": "requests_app.choices.STAFF_CHANNEL_CHOICES",
        "OnlineChannelEnum": "requests_app.choices.ONLINE_CHANNEL_CHOICES",
        "InstrumentStatusEnum": "instruments.choices.InstrumentStatus",
        "BookingStatusEnum": "instruments.choices.BookingStatus",
        "BookingModeEnum": "instruments.choices.BookingMode",
        "EnrolmentStatusEnum": "training.choices.EnrolmentStatus",
        "ServiceKindEnum": "catalogue.choices.ServiceKind",
        "SeverityEnum": "catalogue.choices.Severity",
    },
}

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="noreply@nqi.example.cn")

# Behind a TLS-terminating proxy (the production profile): secure cookies,
# HSTS and HTTPS redirects are on whenever DEBUG is off; each can be tuned.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https")
    if env.bool("TRUST_X_FORWARDED_PROTO", default=False)
    else None
)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Every asset is served from here; scripts never inline (the docs UI loads its
# start-up script by URL); inline styles remain in the admin, dashboard and docs.
SELF = "'self'"
SECURE_CSP = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:"],
    "font-src": [SELF, "data:"],
    "object-src": ["'none'"],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": ["'none'"],
}

# Logs: one JSON object per line in production (LOG_FORMAT=json, the default
# when DEBUG is off), plain text in development; both carry the request id.
LOG_FORMAT = env("LOG_FORMAT", default="text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "nqi_service.request_id.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # fontTools narrates every font it cuts for a PDF report at INFO.
    "loggers": {"fontTools": {"level": "WARNING"}},
}
