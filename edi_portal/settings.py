"""Settings for the North West EDI Allyship Network portal.

One module, configured from the environment (django-environ). Every variable read here is listed
in the README's configuration table; a test keeps the two in step.
"""

from pathlib import Path

import environ
import structlog
from botocore.config import Config as BotocoreConfig
from celery.schedules import crontab

from edi_portal import observability

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# A development key is allowed only with DEBUG on. Without DEBUG the key stays empty until set:
# Django refuses to sign anything (sessions, links) with an empty key, and `check --deploy` fails,
# while commands that need no key (makemigrations, collectstatic) still run.
SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key" if DEBUG else "")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # PostgreSQL's index operator classes on expressions (the search words' trigram index).
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "django_filters",
    "csp",
    "auditlog",
    # The portal's own apps, lowest layer first (docs/architecture.md): seed_demo seeds them in
    # this order, so an app's demo content can refer to the content of the apps above it here.
    "edi_portal",
    "workstreams",
    "network",
    "qi_projects",
    "peer_support",
    "training",
    "mentoring",
    "concerns",
    "stories",
    "opportunities",
    "accounts",
    "reports",
    "bench",
    # Deletes the stored file when a row with a FileField is deleted or its file replaced (after
    # the transaction commits). Last, as its documentation asks.
    "django_cleanup.apps.CleanupConfig",
]

MIDDLEWARE = [
    "edi_portal.observability.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "edi_portal.middleware.RejectUnreadableRequestsMiddleware",
    # Pages compressed for clients that accept gzip (static files come precompressed from
    # WhiteNoise, in Brotli too), except byte ranges. On BREACH, see docs/compression.md.
    "edi_portal.middleware.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "edi_portal.middleware.PrivacyHeadersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "edi_portal.middleware.AdminRequiresTwoFactorMiddleware",
]

ROOT_URLCONF = "edi_portal.urls"
WSGI_APPLICATION = "edi_portal.wsgi.application"

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
                "edi_portal.context_processors.portal",
            ],
        },
    },
]

# Without DATABASE_URL the portal runs on SQLite under var/, so `make run` needs no services.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Sessions and cache (rate-limit counters) live in the database: Redis is never needed to answer
# a request, and web processes keep no state of their own.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "django_cache",
    }
}
# Rendered public pages are kept until what they read changes, and at most PAGE_CACHE_SECONDS
# (edi_portal/page_cache.py); 0 seconds renders every page every time. They live in Redis
# (PAGE_CACHE_URL, the `pages` cache alias below), shared by every process; each process also
# keeps up to PAGE_CACHE_PAGES of them for PAGE_CACHE_LOCAL_SECONDS, checked on every visit.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=3600)
PAGE_CACHE_PAGES = env.int("PAGE_CACHE_PAGES", default=500)
PAGE_CACHE_LOCAL_SECONDS = env.int("PAGE_CACHE_LOCAL_SECONDS", default=30)
# Pages of another release are never served: the key holds this, by default a digest of the code
# and templates computed as each process starts.
PAGE_CACHE_RELEASE = env("PAGE_CACHE_RELEASE", default="")

AUTH_USER_MODEL = "network.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
# A trainee signs in to their own page, where everything of theirs is.
LOGIN_REDIRECT_URL = "accounts:your_network"

# django-allauth: email is the login; verification is mandatory; sign in by password or by code.
ACCOUNT_ADAPTER = "edi_portal.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_RATE_LIMITS_ENABLED = env.bool("ACCOUNT_RATE_LIMITS_ENABLED", default=True)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "NW EDI Allyship Network"
# Accept the code from the 30 seconds either side: phones drift, and a code typed as it changes
# should still work (RFC 6238 allows one step).
MFA_TOTP_TOLERANCE = 1
# Staff need two-factor authentication before /admin/ opens. Only the local demo may turn this
# off, and a system check refuses that with DEBUG off.
ADMIN_REQUIRE_2FA = env.bool("ADMIN_REQUIRE_2FA", default=True)

ALLOWED_TRAINEE_EMAIL_DOMAINS = env.list(
    "ALLOWED_TRAINEE_EMAIL_DOMAINS", default=["nhs.net", "nhs.uk"]
)

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("nhsuk/assets", BASE_DIR / "node_modules" / "nhsuk-frontend" / "dist" / "nhsuk" / "assets"),
]
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
# Uploads (QI posters, resource PDFs) go to the local disk under MEDIA_ROOT, or to a private
# S3-compatible bucket when AWS_STORAGE_BUCKET_NAME is set (several web replicas need one shared
# store). Either way they are never public: MEDIA_URL is unused and the portal's views check who
# is asking, then stream the file. Without keys, boto3 finds credentials the usual way (an
# instance or task role).
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    UPLOADS_STORAGE_OPTIONS = {
        "bucket_name": AWS_STORAGE_BUCKET_NAME,
        "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
        "region_name": env("AWS_S3_REGION_NAME", default=None),
        "access_key": env("AWS_ACCESS_KEY_ID", default=None),
        "secret_key": env("AWS_SECRET_ACCESS_KEY", default=None),
        "default_acl": "private",
        "file_overwrite": False,
        "querystring_auth": True,
    }
    UPLOADS_STORAGE = {
        "BACKEND": "edi_portal.storage.UploadsS3Storage",
        "OPTIONS": {
            **UPLOADS_STORAGE_OPTIONS,
            # A store that does not answer fails a save well within gunicorn's 30 s worker
            # timeout (a saved file takes a HEAD and a PUT), so the form comes back to the
            # person instead of the worker being killed (botocore waits 60 s, five times).
            "client_config": BotocoreConfig(
                connect_timeout=2,
                read_timeout=5,
                retries={"mode": "standard", "total_max_attempts": 2},
            ),
        },
    }
    # /healthz asks the store once and waits a second at most: a probe must answer quickly.
    UPLOADS_PROBE_STORAGE = {
        "BACKEND": "edi_portal.storage.UploadsS3Storage",
        "OPTIONS": {
            **UPLOADS_STORAGE_OPTIONS,
            "client_config": BotocoreConfig(
                connect_timeout=1,
                read_timeout=1,
                retries={"mode": "standard", "total_max_attempts": 1},
            ),
        },
    }
else:
    UPLOADS_STORAGE = UPLOADS_PROBE_STORAGE = {
        "BACKEND": "edi_portal.storage.UploadsFileSystemStorage"
    }
STORAGES = {
    "default": UPLOADS_STORAGE,
    "uploads_probe": UPLOADS_PROBE_STORAGE,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "edi_portal.storage.StaticFilesStorage"
    },
}
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
# Where a browser may load video from: the portal, and the bucket when uploads live in one (story
# videos are played from it through short-lived signed links, which use these addresses).
if AWS_STORAGE_BUCKET_NAME:
    _endpoint = env("AWS_S3_ENDPOINT_URL", default="")
    UPLOADS_ORIGIN = (
        "/".join(_endpoint.split("/")[:3])
        if _endpoint
        else f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"
    )
else:
    UPLOADS_ORIGIN = ""
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Email: every message goes through the outbox (edi_portal.models.OutboundEmail).
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="NW EDI Allyship Network <noreply@edi-allyship.example.nhs.uk>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
NETWORK_CONTACT_EMAIL = env("NETWORK_CONTACT_EMAIL", default="edi.allyship@example.nhs.net")
# Where "this is not working" reports about a mentoring match are announced (never their details).
MENTORING_TEAM_EMAIL = env("MENTORING_TEAM_EMAIL", default=NETWORK_CONTACT_EMAIL)
# Mentoring sign-ups, with what was shared for matching, their matches, check-ins and feedback,
# are deleted this many days after the sign-up ended (the daily retention task).
MENTORING_RETENTION_DAYS = env.int("MENTORING_RETENTION_DAYS", default=365)
# Named in the privacy notice: who is responsible for the data, and their data protection officer.
PRIVACY_CONTROLLER = env(
    "PRIVACY_CONTROLLER",
    default="NHS England (Workforce, Training and Education, North West), which hosts the network",
)
DATA_PROTECTION_OFFICER_EMAIL = env("DATA_PROTECTION_OFFICER_EMAIL", default="england.dpo@nhs.net")
# How long the deployment's log platform keeps request logs: stated in the privacy notice.
SERVER_LOG_RETENTION_DAYS = env.int("SERVER_LOG_RETENTION_DAYS", default=30)
# Delivery is tried up to OUTBOX_MAX_ATTEMPTS times, waiting 30 s, 1, 2, 4, 8 min in between; an
# email still unsent OUTBOX_REQUEUE_AFTER_SECONDS after it was due is queued again by the sweeper.
OUTBOX_MAX_ATTEMPTS = 6
OUTBOX_RETRY_BASE_SECONDS = 30
OUTBOX_REQUEUE_AFTER_SECONDS = env.int("OUTBOX_REQUEUE_AFTER_SECONDS", default=120)
# How often the sweeper (a beat task) looks for such emails.
OUTBOX_SWEEP_INTERVAL_SECONDS = env.float("OUTBOX_SWEEP_INTERVAL_SECONDS", default=60.0)
# Sent and failed emails (bodies with sign-in codes, reset links and what people wrote) are deleted
# from the outbox this many days after they were written (the daily retention task).
OUTBOX_RETENTION_DAYS = env.int("OUTBOX_RETENTION_DAYS", default=30)

# Celery: Redis broker, JSON only, late acks. Without a broker URL tasks run in-process, so the
# local demo needs no Redis.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
# The kept pages' Redis: by default the broker's (its keys prefixed, so they never meet Celery's).
# Without one (the local demo) each process keeps its own short-lived copies only. A request never
# waits long for it: if it does not answer, the page is rendered afresh.
PAGE_CACHE_URL = env(
    "PAGE_CACHE_URL",
    default=CELERY_BROKER_URL if CELERY_BROKER_URL.startswith(("redis://", "rediss://")) else "",
)
if PAGE_CACHE_URL:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": PAGE_CACHE_URL,
        "KEY_PREFIX": "edi-pages",
        "TIMEOUT": PAGE_CACHE_SECONDS,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request that queues a task must not hang when Redis is down: connect once more at once, then
# give up (the outbox sweeper queues the email later). Without max_retries kombu keeps retrying
# for the whole connection timeout on every task sent. The worker's own reconnection loop is
# separate (broker_connection_max_retries) and unaffected.
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_BEAT_SCHEDULE = {
    "requeue-unsent-emails": {
        "task": "edi_portal.tasks.requeue_unsent_emails",
        "schedule": OUTBOX_SWEEP_INTERVAL_SECONDS,
    },
    "clear-expired-sessions": {
        "task": "edi_portal.tasks.clear_expired_sessions",
        "schedule": crontab(minute=15),
    },
    # Every kind of record past its retention period (edi_portal.retention).
    "delete-expired-records": {
        "task": "edi_portal.tasks.delete_expired_records",
        "schedule": crontab(hour=3, minute=30),
    },
}

# Content Security Policy (django-csp 4): no inline script, no third-party origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "media-src": ["'self'", *([UPLOADS_ORIGIN] if UPLOADS_ORIGIN else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Security headers. Production (DEBUG off) gets HTTPS-only cookies, HSTS and a redirect to HTTPS.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "edi_portal.views.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
if env.bool("DJANGO_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^healthz/live$"]

CRISPY_ALLOWED_TEMPLATE_PACKS = ["nhsuk"]
CRISPY_TEMPLATE_PACK = "nhsuk"
CRISPY_FAIL_SILENTLY = False

# Logs: one JSON object a line on standard error (web, worker and beat alike), for the platform's
# log collector; or readable lines for `make run`. structlog formats the standard library's
# records too (Django's, Celery's), adding the request or task id bound for the current one.
LOG_FORMAT = env("LOG_FORMAT", default="console" if DEBUG else "json")
LOG_PROCESSORS = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]
structlog.configure(
    processors=[*LOG_PROCESSORS, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
    logger_factory=structlog.stdlib.LoggerFactory(),
    wrapper_class=structlog.stdlib.BoundLogger,
    cache_logger_on_first_use=True,
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": structlog.stdlib.ProcessorFormatter,
            "foreign_pre_chain": LOG_PROCESSORS,
            "processors": [
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.format_exc_info,
                observability.scrub_log_line,
                structlog.processors.JSONRenderer(),
            ],
        },
        "console": {
            "()": structlog.stdlib.ProcessorFormatter,
            "foreign_pre_chain": LOG_PROCESSORS,
            "processors": [
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                observability.scrub_log_line,
                structlog.dev.ConsoleRenderer(colors=False),
            ],
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # One line per request comes from edi_portal.observability; Django's own request warnings
    # would repeat it with the raw path.
    "loggers": {"django.request": {"level": "ERROR"}},
}
# The worker logs through the portal's LOGGING (JSON) rather than setting up its own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# Error reports: sent to Sentry when SENTRY_DSN is set, with personal data removed.
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    observability.start_error_reporting(
        dsn=SENTRY_DSN, environment=env("SENTRY_ENVIRONMENT", default="production")
    )

# Rate limits on public forms (edi_portal.ratelimit), counted in the database.
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=True)
# How many proxies in front of the portal append to X-Forwarded-For (1 behind one TLS proxy).
# With 0 the header is ignored, since any client can send it: every limit (the portal's and
# allauth's) then counts the connection's own address.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
CELERY_BEAT_SCHEDULE.update(
    {
        "mentoring-check-in-reminders": {
            "task": "mentoring.tasks.send_check_in_reminders",
            "schedule": crontab(hour=9, minute=0),
        },
        "delete-expired-rate-limit-counters": {
            "task": "edi_portal.tasks.delete_expired_rate_limit_counters",
            "schedule": 60 * 60.0,
        },
    }
)

# Accounts (allauth pages): the portal's own wording for allauth's strings, in locale/.
LOCALE_PATHS = [BASE_DIR / "locale"]
# Workstreams and content (workstreams/) and raising a concern (network/).
# The neutral site the domestic abuse pages' quick exit leads to.
QUICK_EXIT_URL = env("QUICK_EXIT_URL", default="https://www.bbc.co.uk/weather")
# Site search: the counts of each day's searches (words and numbers only, for editors) are
# deleted after this many days.
SEARCH_RECORD_RETENTION_DAYS = env.int("SEARCH_RECORD_RETENTION_DAYS", default=90)
CELERY_BEAT_SCHEDULE.update(
    {
        # The words public pages use, which misspelt words are corrected to: new content's words
        # are in within this time (exact words, stems and prefixes are found at once).
        "search-refresh-words": {
            "task": "workstreams.tasks.refresh_search_words",
            "schedule": 10 * 60.0,
        },
    }
)
# Concerns are deleted this many days after they were raised (the daily retention task).
CONCERN_RETENTION_DAYS = env.int("CONCERN_RETENTION_DAYS", default=730)
# A deleted concern's link says it was deleted (a hash of the link and the day, nothing else)
# for this many days after the deletion; then it is a plain "not found" like any other address.
CONCERN_GONE_LINK_RETENTION_DAYS = env.int("CONCERN_GONE_LINK_RETENTION_DAYS", default=365)
# Targets for handling a concern, in working days in England after the day it was raised.
CONCERN_ACKNOWLEDGE_WORKING_DAYS = env.int("CONCERN_ACKNOWLEDGE_WORKING_DAYS", default=2)
CONCERN_RESPOND_WORKING_DAYS = env.int("CONCERN_RESPOND_WORKING_DAYS", default=20)
CELERY_BEAT_SCHEDULE.update(
    {
        "concern-overdue-digest": {
            "task": "concerns.tasks.send_concern_overdue_digest",
            "schedule": crontab(hour=7, minute=15),
        },
    }
)

# Join the network (network/).
# An unfinished application's answers live in the visitor's session, which expires this many
# hours after the last page they answered; an hourly task deletes expired sessions.
JOIN_ANSWERS_HOURS = env.int("JOIN_ANSWERS_HOURS", default=3)
# Declined and withdrawn applications, with their equality answers, are deleted this many days
# after their last status change.
APPLICATION_RETENTION_DAYS = env.int("APPLICATION_RETENTION_DAYS", default=365)
CELERY_BEAT_SCHEDULE.update(
    {
        "network-application-digest": {
            "task": "network.tasks.send_application_digest",
            "schedule": crontab(hour=7, minute=0),
        },
    }
)

# Training bookings (training/): reminders 7 days and 1 day before, feedback requests after a
# session, and waiting-list promotion (for places freed by raising a capacity in admin).
# Bookings, with attendance and feedback, are deleted this many days after their session ended,
# and requests for a session this many days after they were sent (the daily retention task).
BOOKING_RETENTION_DAYS = env.int("BOOKING_RETENTION_DAYS", default=1095)
SESSION_REQUEST_RETENTION_DAYS = env.int("SESSION_REQUEST_RETENTION_DAYS", default=365)
# Trainee facilitators' offers and session assignments (with their teaching records) are deleted
# this many days after the session ended, or after an offer with no session was decided.
FACILITATOR_RETENTION_DAYS = env.int("FACILITATOR_RETENTION_DAYS", default=1095)
CELERY_BEAT_SCHEDULE.update(
    {
        "training-booking-reminders": {
            "task": "training.tasks.send_booking_reminders",
            "schedule": 15 * 60.0,
        },
        "training-feedback-requests": {
            "task": "training.tasks.send_feedback_requests",
            "schedule": 15 * 60.0,
        },
        "training-promote-waiting-lists": {
            "task": "training.tasks.promote_waiting_lists",
            "schedule": 5 * 60.0,
        },
    }
)

# Peer support directory (peer_support/).
# Contact requests one trainee may send in any 24 hours; the limit holds under simultaneous posts.
PEER_SUPPORT_REQUESTS_PER_DAY = env.int("PEER_SUPPORT_REQUESTS_PER_DAY", default=3)
# Contact requests (and the emails that relayed them) are deleted after this many days, and a
# volunteer's profile this many days after its listing lapsed unrenewed (the retention task).
PEER_SUPPORT_REQUEST_RETENTION_DAYS = env.int("PEER_SUPPORT_REQUEST_RETENTION_DAYS", default=180)
PEER_SUPPORT_LAPSED_PROFILE_DAYS = env.int("PEER_SUPPORT_LAPSED_PROFILE_DAYS", default=90)
CELERY_BEAT_SCHEDULE.update(
    {
        "peer-support-renewal-reminders": {
            "task": "peer_support.tasks.send_renewal_reminders",
            "schedule": crontab(hour=8, minute=0),
        },
    }
)

# Trainees' stories (stories/).
# The largest story video accepted (MP4 or WebM).
STORY_VIDEO_MAX_BYTES = env.int("STORY_VIDEO_MAX_BYTES", default=300 * 1024 * 1024)
# When consent is withdrawn the story leaves the portal at once; its video, captions, poster and
# transcript are deleted straight after, and at the latest within this many hours (a beat task
# deletes any that are left, should the first attempt fail).
STORY_WITHDRAWN_FILES_HOURS = env.int("STORY_WITHDRAWN_FILES_HOURS", default=1)
CELERY_BEAT_SCHEDULE.update(
    {
        "stories-delete-withdrawn-files": {
            "task": "stories.tasks.delete_withdrawn_story_files",
            "schedule": STORY_WITHDRAWN_FILES_HOURS * 60 * 60.0,
        },
    }
)

# The small-number rule, in one place: the fewest people a published count, share or median may
# stand for (reports/suppression.py), and the fewest feedback responses a facilitator's teaching
# record shows a session's summary for (training). Not an environment variable: it is policy.
SMALL_NUMBER = 8

# Opportunities to lead and take part (opportunities/): expressions of interest, with the emails
# about them, are deleted this many days after the opportunity closed (the daily retention task).
OPPORTUNITY_INTEREST_RETENTION_DAYS = env.int("OPPORTUNITY_INTEREST_RETENTION_DAYS", default=365)
