"""All Công Sở settings. Values come from ``CONGSO_*`` variables through
:mod:`congso.conf.env`; ``dev`` and ``test`` only set environment defaults."""

from __future__ import annotations

import hashlib
import os
from datetime import timedelta
from pathlib import Path

from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from congso.conf.env import (
    env_bool,
    env_int,
    env_list,
    env_str,
    parse_db_url,
    rsa_private_key_from_file,
    secret_key_from_file,
)

BASE_DIR = Path(__file__).resolve().parents[3]
PACKAGE_DIR = BASE_DIR / "congso"
VAR_DIR = Path(
    env_str(
        "CONGSO_VAR_DIR",
        str(BASE_DIR / "var"),
        help_text="Runtime data folder: SQLite files, broker file, media, demo PKI.",
    )
)

DEBUG = env_bool(
    "CONGSO_DEBUG", False, help_text="Development mode. Never in production."
)

_secret = env_str(
    "CONGSO_SECRET_KEY",
    "",
    help_text="Django secret key. Required when CONGSO_DEBUG=false.",
)
_database_url = env_str(
    "CONGSO_DATABASE_URL",
    "",
    help_text="postgres://user:pw@host:5432/name or sqlite:////abs/path. "
    "Default (dev): SQLite in var/congso.sqlite3.",
)
ALLOWED_HOSTS = env_list(
    "CONGSO_ALLOWED_HOSTS",
    ["127.0.0.1", "localhost"] if DEBUG else [],
    help_text="Comma-separated host names served. Required when CONGSO_DEBUG=false.",
)

if not DEBUG:
    missing = [
        name
        for name, value in (
            ("CONGSO_SECRET_KEY", _secret),
            ("CONGSO_DATABASE_URL", _database_url),
            ("CONGSO_ALLOWED_HOSTS", ",".join(ALLOWED_HOSTS)),
        )
        if not value
    ]
    if missing:
        raise ImproperlyConfigured(
            "Production mode (CONGSO_DEBUG=false) refuses to start without: "
            + ", ".join(missing)
        )
    if (
        len(_secret) < 50
        or _secret.startswith("django-insecure")
        or len(set(_secret)) < 5
    ):
        raise ImproperlyConfigured(
            "CONGSO_SECRET_KEY is not a real secret (≥ 50 random characters)."
        )
    SECRET_KEY = _secret
else:
    SECRET_KEY = _secret or secret_key_from_file(VAR_DIR / "secret-key.txt")

DATABASES = {
    "default": parse_db_url(_database_url or f"sqlite:///{VAR_DIR / 'congso.sqlite3'}")
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "csp",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.idp.oidc",
    "axes",
    "congso.core",
    "congso.audit",
    "congso.calendar",
    "congso.accounts",
    "congso.catalog",
    "congso.signatures",
    "congso.payments",
    "congso.notifications",
    "congso.documents",
    "congso.dossiers",
    "congso.feedback",
    "congso.portal",
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
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "congso.accounts.middleware.CitizenBoundaryMiddleware",
    "congso.core.middleware.RemoteAddressMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "congso.conf.urls"
WSGI_APPLICATION = "congso.conf.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "congso.core.context_processors.site",
            ],
        },
    }
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "account_login"

# allauth: officials sign in with a username (accounts created by administrators);
# citizens with an e-mail address or through OpenID Connect, and sign-up creates
# citizens only (docs/subsystems/citizens.md).
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "congso.accounts.citizens.forms.CitizenSignupForm"
ACCOUNT_ADAPTER = "congso.accounts.adapters.CongSoAccountAdapter"
# "optional": officials have no e-mail address; a citizen's verified contact is
# required before submitting (congso.accounts.decorators.citizen_required).
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SIGNUP_REDIRECT_URL = "citizens:profile"
ACCOUNT_EMAIL_CONFIRMATION_ANONYMOUS_REDIRECT_URL = "citizens:login"
ACCOUNT_EMAIL_CONFIRMATION_AUTHENTICATED_REDIRECT_URL = "citizens:profile"
SOCIALACCOUNT_ADAPTER = "congso.accounts.citizens.adapters.CitizenSocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
# One lockout mechanism only: django-axes (per username and address, with cool-off).
# allauth's own limits stay on for sign-up ("20/m/ip") and e-mail confirmation (one
# mail per address every 3 minutes); phone codes: see CONGSO_CITIZEN_PHONE_CODE_*.
ACCOUNT_RATE_LIMITS = {
    "login_failed": None,
    "signup": "20/m/ip,100/h/ip",
    "citizen_phone_code": "3/10m/user,10/h/ip",
    "citizen_phone_verify": "10/m/user,30/m/ip",
}

# django-axes: lock a username from one address, with a cool-off (stack §3.11).
AXES_FAILURE_LIMIT = env_int(
    "CONGSO_LOGIN_FAILURE_LIMIT", 5, help_text="Failed logins before a lockout."
)
AXES_COOLOFF_TIME = timedelta(
    minutes=env_int(
        "CONGSO_LOGIN_COOLOFF_MINUTES", 15, help_text="Minutes a lockout lasts."
    )
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "errors/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "congso.accounts.lockout.lockout_username"
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# Internationalisation: Vietnamese first (stack §3.3).
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
FORMAT_MODULE_PATH = ["congso.formats"]
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
CSRF_FAILURE_VIEW = "congso.core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "congso.core.api.exception_handler",
    "DATE_INPUT_FORMATS": ["%d/%m/%Y", "iso-8601"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Công Sở API",
    "DESCRIPTION": "REST API of Công Sở, the e-government platform.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # The dossiers' enums keep their names beside the documents' own.
    "ENUM_NAME_OVERRIDES": {
        "ActionEnum": "congso.dossiers.constants.ACTION_CHOICES",
        "ChannelEnum": "congso.dossiers.constants.Channel",
        "RatingLevelEnum": "congso.feedback.constants.RatingLevel",
    },
}

# Background work (conventions §6). Embedded mode: SQLAlchemy transport on a SQLite file.
CELERY_BROKER_URL = env_str(
    "CONGSO_CELERY_BROKER_URL",
    f"sqla+sqlite:///{VAR_DIR / 'celery-broker.sqlite3'}",
    help_text="Celery broker: amqp://… (RabbitMQ) or redis://…; default is the "
    "embedded SQLite file broker (one worker only).",
)
CELERY_TASK_ALWAYS_EAGER = env_bool(
    "CONGSO_CELERY_EAGER",
    False,
    help_text="Run Celery tasks in-process (tests only).",
)
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "outbox-relay": {
        "task": "congso.core.outbox_relay",
        "schedule": timedelta(seconds=5),
    },
    "audit-chain-check": {
        "task": "congso.audit.audit_verify",
        "schedule": crontab(hour=2, minute=0),
    },
    "outbox-cleanup": {
        "task": "congso.core.outbox_cleanup",
        "schedule": crontab(hour=3, minute=15),
        "kwargs": {"older_than_days": 30},
    },
    "deadline-scan": {
        "task": "congso.core.deadline_scan",
        "schedule": crontab(hour=6, minute=30),
    },
    "documents-mail-fetch": {
        "task": "congso.documents.mail_fetch",
        "schedule": timedelta(seconds=60),
    },
    # Remote signatures: poll providers, embed approvals, expire late requests.
    "signatures-remote-sweep": {
        "task": "congso.signatures.signing_request_sweep",
        "schedule": timedelta(seconds=10),
    },
    # Payments: ask the gateway about orders left pending (congso.payments).
    "payments-reconcile": {
        "task": "congso.payments.reconcile",
        "schedule": timedelta(minutes=15),
    },
}

OUTBOX_MAX_ATTEMPTS = env_int(
    "CONGSO_OUTBOX_MAX_ATTEMPTS",
    8,
    help_text="Delivery attempts before an outbox message is marked dead.",
)
OUTBOX_LEASE_SECONDS = env_int(
    "CONGSO_OUTBOX_LEASE_SECONDS",
    60,
    help_text="Seconds a claimed outbox message is reserved for one worker.",
)
VERSION_TOKEN_MS = env_int(
    "CONGSO_VERSION_TOKEN_MS",
    1000,
    help_text=(
        "How long a process trusts its cached organisation tree and working calendar "
        "before asking the database whether they changed (changes made in the same "
        "process are seen at once); 0 asks on every use."
    ),
)

EMAIL_BACKEND = env_str(
    "CONGSO_EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend",
    help_text="Django e-mail backend; the default writes messages to var/mail.",
)
EMAIL_FILE_PATH = VAR_DIR / "mail"

# Notifications to citizens (congso.notifications; docs/subsystems/notifications.md).
EMAIL_HOST = env_str(
    "CONGSO_EMAIL_HOST", "localhost", help_text="SMTP server for outgoing e-mail."
)
EMAIL_PORT = env_int("CONGSO_EMAIL_PORT", 25, help_text="SMTP port (587: STARTTLS).")
EMAIL_HOST_USER = env_str("CONGSO_EMAIL_HOST_USER", "", help_text="SMTP user.")
EMAIL_HOST_PASSWORD = env_str(
    "CONGSO_EMAIL_HOST_PASSWORD", "", help_text="SMTP password; a secret."
)
EMAIL_USE_TLS = env_bool(
    "CONGSO_EMAIL_USE_TLS", False, help_text="Use STARTTLS with the SMTP server."
)
DEFAULT_FROM_EMAIL = env_str(
    "CONGSO_NOTIFICATIONS_EMAIL_FROM",
    "Công Sở <no-reply@congso.localhost>",
    help_text="Sender of notification e-mails, e.g. "
    "Bộ phận một cửa <motcua@hue.gov.vn>; its domain also ends the Message-ID.",
)
NOTIFICATIONS_CHANNELS = env_list(
    "CONGSO_NOTIFICATIONS_CHANNELS",
    ["email", "sms", "zalo"],
    help_text="Channels citizens are notified on (email, sms, zalo), each used when "
    "the citizen gave that address.",
)
NOTIFICATIONS_EMAIL_PROVIDER = "email"  # Django's e-mail framework (EMAIL_BACKEND)
NOTIFICATIONS_SMS_PROVIDER = env_str(
    "CONGSO_NOTIFICATIONS_SMS_PROVIDER",
    "demo_sms",
    help_text="SMS provider: demo_sms (kept in the demo outbox page) or http_sms "
    "(a JSON brandname gateway).",
)
NOTIFICATIONS_SMS_URL = env_str(
    "CONGSO_NOTIFICATIONS_SMS_URL", "", help_text="Send URL of the http_sms gateway."
)
NOTIFICATIONS_SMS_TOKEN = env_str(
    "CONGSO_NOTIFICATIONS_SMS_TOKEN",
    "",
    help_text="Bearer token of the http_sms gateway; a secret.",
)
NOTIFICATIONS_SMS_BRANDNAME = env_str(
    "CONGSO_NOTIFICATIONS_SMS_BRANDNAME",
    "CONG-SO",
    help_text="Registered SMS sender name (brandname) of the agency.",
)
NOTIFICATIONS_ZALO_PROVIDER = env_str(
    "CONGSO_NOTIFICATIONS_ZALO_PROVIDER",
    "demo_zalo",
    help_text="Zalo provider: demo_zalo (kept in the demo outbox page) or zalo_oa "
    "(Zalo Official Account API; unverified against the real service).",
)
NOTIFICATIONS_ZALO_URL = env_str(
    "CONGSO_NOTIFICATIONS_ZALO_URL",
    "https://openapi.zalo.me/v3.0/oa/message/cs",
    help_text="Message URL of the Zalo Official Account API.",
)
NOTIFICATIONS_ZALO_ACCESS_TOKEN = env_str(
    "CONGSO_NOTIFICATIONS_ZALO_ACCESS_TOKEN",
    "",
    help_text="Access token of the Zalo Official Account; a secret.",
)
NOTIFICATIONS_ZALO_OA_NAME = env_str(
    "CONGSO_NOTIFICATIONS_ZALO_OA_NAME",
    "Công Sở",
    help_text="Name of the Zalo Official Account shown in the demo outbox.",
)
NOTIFICATIONS_TIMEOUT = env_int(
    "CONGSO_NOTIFICATIONS_TIMEOUT",
    10,
    help_text="Seconds to wait for an SMTP server or an SMS/Zalo gateway.",
)
EMAIL_TIMEOUT = NOTIFICATIONS_TIMEOUT

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {
        "handlers": ["console"],
        "level": env_str(
            "CONGSO_LOG_LEVEL", "INFO", help_text="Root log level (DEBUG, INFO, …)."
        ),
    },
}

SITE_NAME = env_str(
    "CONGSO_SITE_NAME",
    "Công Sở",
    help_text="Name shown in the page header.",
)

# Citizen portal: the public dossier lookup (congso.portal).
PUBLIC_BASE_URL = env_str(
    "CONGSO_PUBLIC_BASE_URL",
    "",
    help_text="Public address of the citizen pages, e.g. https://dichvucong.hue.gov.vn; "
    "the QR code on receipts links there. Default: the address of the request.",
).rstrip("/")
if PUBLIC_BASE_URL and not PUBLIC_BASE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        "CONGSO_PUBLIC_BASE_URL must start with https:// (or http://)."
    )
LOOKUP_RATE_LIMIT = env_int(
    "CONGSO_LOOKUP_RATE_LIMIT",
    30,
    help_text="Public dossier lookups per minute per client address (an unknown "
    "code counts 5); 0 turns the limit off.",
)
# Citizen accounts and identity (congso.accounts.citizens; docs/subsystems/citizens.md).
CITIZEN_OIDC_SIMULATOR = env_bool(
    "CONGSO_CITIZEN_OIDC_SIMULATOR",
    DEBUG,
    help_text="Serve the demo OpenID provider (VNeID mô phỏng) under /vneid-sim/ with "
    "its demo citizens. Default: on with CONGSO_DEBUG=true, off otherwise.",
)
CITIZEN_OIDC_SERVER_URL = env_str(
    "CONGSO_CITIZEN_OIDC_SERVER_URL",
    f"{PUBLIC_BASE_URL or 'http://127.0.0.1:8000'}/vneid-sim",
    help_text="Issuer URL of the citizens' OpenID provider (VNeID or a provincial "
    "SSO); its /.well-known/openid-configuration is fetched server-to-server. "
    "Default: the demo provider of this site, CONGSO_PUBLIC_BASE_URL or "
    "http://127.0.0.1:8000 followed by /vneid-sim. Empty: no OpenID login.",
).rstrip("/")
CITIZEN_OIDC_CLIENT_ID = env_str(
    "CONGSO_CITIZEN_OIDC_CLIENT_ID",
    "congso-portal",
    help_text="Client id of Công Sở registered at the citizens' OpenID provider.",
)
_citizen_oidc_secret = env_str(
    "CONGSO_CITIZEN_OIDC_CLIENT_SECRET",
    "",
    help_text="Client secret registered at the citizens' OpenID provider; a secret. "
    "Default (demo provider only): derived from CONGSO_SECRET_KEY.",
)
if not _citizen_oidc_secret and CITIZEN_OIDC_SIMULATOR:
    _citizen_oidc_secret = hashlib.sha256(
        f"congso.vneid-sim.client:{SECRET_KEY}".encode()
    ).hexdigest()
CITIZEN_OIDC_CLIENT_SECRET = _citizen_oidc_secret
CITIZEN_OIDC_LABEL = env_str(
    "CONGSO_CITIZEN_OIDC_LABEL",
    "",
    help_text="Label of the OpenID login button, e.g. 'Đăng nhập bằng VNeID'. "
    "Default: 'Đăng nhập bằng VNeID (mô phỏng)' (translated).",
)
CITIZEN_OIDC_PERSONAL_ID_CLAIM = env_str(
    "CONGSO_CITIZEN_OIDC_PERSONAL_ID_CLAIM",
    "personal_id",
    help_text="Claim of the userinfo/ID token holding the 12-digit personal ID.",
)
CITIZEN_OIDC_PROVIDER_ID = "vneid"
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": CITIZEN_OIDC_PROVIDER_ID,
                "name": "VNeID",
                "client_id": CITIZEN_OIDC_CLIENT_ID,
                "secret": CITIZEN_OIDC_CLIENT_SECRET,
                "settings": {
                    "server_url": CITIZEN_OIDC_SERVER_URL,
                    "token_auth_method": "client_secret_post",
                    "fetch_userinfo": True,
                },
            }
        ]
        if CITIZEN_OIDC_SERVER_URL and CITIZEN_OIDC_CLIENT_SECRET
        else [],
    }
}
# The demo provider (allauth.idp.oidc): its own login page and identities.
IDP_OIDC_ADAPTER = "congso.accounts.contrib.vneid_sim.adapter.VNeIDSimAdapter"
IDP_OIDC_PRIVATE_KEY = env_str(
    "CONGSO_CITIZEN_OIDC_SIM_PRIVATE_KEY",
    "",
    help_text="RSA private key (PEM) signing the demo provider's ID tokens. Default: "
    "generated once into var/vneid-sim-key.pem when the demo provider is on.",
) or (
    rsa_private_key_from_file(VAR_DIR / "vneid-sim-key.pem")
    if CITIZEN_OIDC_SIMULATOR
    else ""
)
IDP_OIDC_AUTHORIZATION_CODE_EXPIRES_IN = 120
CITIZEN_PHONE_CODE_TTL_MINUTES = env_int(
    "CONGSO_CITIZEN_PHONE_CODE_TTL_MINUTES",
    10,
    help_text="Minutes a phone verification code (sent by SMS) stays valid.",
)
CITIZEN_PHONE_CODE_MAX_ATTEMPTS = env_int(
    "CONGSO_CITIZEN_PHONE_CODE_MAX_ATTEMPTS",
    5,
    help_text="Wrong entries of a phone verification code before it is void.",
)

# National public-service portal sync (congso.portal.national;
# docs/subsystems/national-portal.md).
PORTAL_NATIONAL_PROVIDER = env_str(
    "CONGSO_PORTAL_NATIONAL_PROVIDER",
    "simulator",
    help_text="Where dossier statuses are synced: 'simulator' (records and validates "
    "them in Công Sở, /portal/national-sim/) or 'http' (POST JSON to "
    "CONGSO_PORTAL_NATIONAL_URL).",
)
PORTAL_NATIONAL_URL = env_str(
    "CONGSO_PORTAL_NATIONAL_URL",
    "",
    help_text="Sync endpoint of the national public-service portal (provider 'http'), "
    "e.g. https://…/api/dongbohoso; the in-project simulator answers at "
    "/portal/national-sim/api/.",
)
PORTAL_NATIONAL_TOKEN = env_str(
    "CONGSO_PORTAL_NATIONAL_TOKEN",
    "",
    help_text="Bearer token sent to the national portal (provider 'http'); when set, "
    "the simulator's endpoint requires it too.",
)
PORTAL_NATIONAL_TIMEOUT = env_int(
    "CONGSO_PORTAL_NATIONAL_TIMEOUT",
    10,
    help_text="Seconds to wait for the national portal before the attempt is retried "
    "by the outbox (keep well under CONGSO_OUTBOX_LEASE_SECONDS).",
)

# Digital signatures (congso.signatures; docs/subsystems/signatures.md).
PKI_BASE_URL = env_str(
    "CONGSO_PKI_BASE_URL",
    "http://127.0.0.1:8000",
    help_text="Address of Công Sở written into the demo PKI's certificates (CRL, OCSP "
    "and CA-certificate URLs under its /pki/ path); set it before pki_demo_setup "
    "first runs.",
).rstrip("/")
SIGNATURES_PKI_DIR = VAR_DIR / "pki"
#: State of the remote-signing simulator (its credentials and transactions).
SIGNATURES_REMOTE_SIM_DIR = VAR_DIR / "remote-sim"
SIGNATURES_KEY_SECRETS = env_list(
    "CONGSO_SIGNATURES_KEY_SECRETS",
    [],
    help_text="Comma-separated secrets that encrypt software signing keys at rest "
    "(AES-256-GCM, key derived by HKDF); the first encrypts, all decrypt (rotation). "
    "Default: derived from CONGSO_SECRET_KEY.",
)
SIGNATURES_TSA_URL = env_str(
    "CONGSO_SIGNATURES_TSA_URL",
    f"{PKI_BASE_URL}/pki/tsa",
    help_text="RFC 3161 time-stamp service used when signing. Default: the demo TSA "
    "of Công Sở itself (answered in-process).",
)
SIGNATURES_REVOCATION_FETCH = env_bool(
    "CONGSO_SIGNATURES_REVOCATION_FETCH",
    True,
    help_text="Fetch CRLs and OCSP responses of external CAs over the network when "
    "checking certificates; the demo PKI is always answered in-process.",
)
SIGNATURES_FETCH_TIMEOUT = env_int(
    "CONGSO_SIGNATURES_FETCH_TIMEOUT",
    10,
    help_text="Seconds to wait for a CRL, OCSP or time-stamp server.",
)
SIGNATURES_VERIFY_RATE_LIMIT = env_int(
    "CONGSO_SIGNATURES_VERIFY_RATE_LIMIT",
    10,
    help_text="Signed PDFs one client address may verify per minute on the public "
    "page and API; 0 turns the limit off.",
)
PKCS11_MODULE = env_str(
    "CONGSO_PKCS11_MODULE",
    "",
    help_text="PKCS#11 library of signing tokens and HSMs, e.g. "
    "/usr/lib/softhsm/libsofthsm2.so.",
)
PKCS11_PIN = env_str(
    "CONGSO_PKCS11_PIN",
    "",
    help_text="User PIN of the HSM or token holding agency keys for automated "
    "signing (dossier results); a secret. Empty: the caller supplies the PIN.",
)
DOCUMENTS_MAX_UPLOAD_MB = env_int(
    "CONGSO_DOCUMENTS_MAX_UPLOAD_MB",
    25,
    help_text="Largest file (MB) accepted for an incoming scan, an attachment or an "
    "uploaded outgoing document (colour scans at 200 dpi run to several MB a page).",
)
DOCUMENTS_MAIL_AGENCY = env_str(
    "CONGSO_DOCUMENTS_MAIL_AGENCY",
    "",
    help_text="Agency (e-ID, system code or name) whose document mailbox is read "
    "every minute; empty: no mailbox is read.",
)
DOCUMENTS_MAIL_SOURCE = env_str(
    "CONGSO_DOCUMENTS_MAIL_SOURCE",
    "maildir",
    help_text="Where incoming e-mail is read: maildir (a directory, the demo) or imap.",
)
DOCUMENTS_MAIL_MAILDIR = env_str(
    "CONGSO_DOCUMENTS_MAIL_MAILDIR",
    str(VAR_DIR / "mail" / "inbox"),
    help_text="The Maildir of incoming e-mail when the source is maildir.",
)
DOCUMENTS_MAIL_IMAP_HOST = env_str(
    "CONGSO_DOCUMENTS_MAIL_IMAP_HOST", "", help_text="IMAP server (TLS, port 993)."
)
DOCUMENTS_MAIL_IMAP_PORT = env_int(
    "CONGSO_DOCUMENTS_MAIL_IMAP_PORT", 993, help_text="IMAP port (TLS)."
)
DOCUMENTS_MAIL_IMAP_USER = env_str(
    "CONGSO_DOCUMENTS_MAIL_IMAP_USER", "", help_text="IMAP user of the mailbox."
)
DOCUMENTS_MAIL_IMAP_PASSWORD = env_str(
    "CONGSO_DOCUMENTS_MAIL_IMAP_PASSWORD", "", help_text="IMAP password; a secret."
)
DOCUMENTS_MAIL_IMAP_FOLDER = env_str(
    "CONGSO_DOCUMENTS_MAIL_IMAP_FOLDER", "INBOX", help_text="IMAP folder to read."
)
DOCUMENTS_OCR_LANGUAGES = env_list(
    "CONGSO_DOCUMENTS_OCR_LANGUAGES",
    ["vie"],
    help_text="Tesseract languages for scanned documents, e.g. vie,eng.",
)
DOCUMENTS_OCR_JOBS = env_int(
    "CONGSO_DOCUMENTS_OCR_JOBS", 1, help_text="Pages recognised in parallel per scan."
)
DOCUMENTS_OCR_MAX_PAGES = env_int(
    "CONGSO_DOCUMENTS_OCR_MAX_PAGES",
    100,
    help_text="Longest scan (pages) sent to text recognition.",
)
SIGNATURES_REMOTE_DEADLINE = env_int(
    "CONGSO_SIGNATURES_REMOTE_DEADLINE",
    300,
    help_text="Seconds a signer has to approve a remote-signing request on their "
    "phone before it expires.",
)

# Online payment (congso.payments; docs/subsystems/payments.md).
PAYMENTS_PROVIDER = env_str(
    "CONGSO_PAYMENTS_PROVIDER",
    "simulator",
    help_text="Payment gateway for fees: simulator (the in-project demo gateway) or "
    "vnpay_style (a VNPAY-style gateway, configured below).",
)
PAYMENTS_GATEWAY_URL = env_str(
    "CONGSO_PAYMENTS_GATEWAY_URL",
    "",
    help_text="Payment page of the vnpay_style gateway the payer is redirected to, "
    "e.g. https://sandbox.vnpayment.vn/paymentv2/vpcpay.html.",
)
PAYMENTS_QUERY_URL = env_str(
    "CONGSO_PAYMENTS_QUERY_URL",
    "",
    help_text="Transaction query API of the vnpay_style gateway, used by the "
    "reconciliation job.",
)
PAYMENTS_TERMINAL = env_str(
    "CONGSO_PAYMENTS_TERMINAL",
    "",
    help_text="Terminal (merchant website) code issued by the vnpay_style gateway.",
)
PAYMENTS_SECRET = env_str(
    "CONGSO_PAYMENTS_SECRET",
    "",
    help_text="Secret issued by the vnpay_style gateway for the HMAC-SHA512 "
    "signatures; a secret.",
)
#: State of the payment-gateway simulator (its transactions).
PAYMENTS_SIM_DIR = VAR_DIR / "payments-sim"

# Satisfaction ratings and feedback (congso.feedback; docs/subsystems/feedback.md).
FEEDBACK_RATING_CHANGE_DAYS = env_int(
    "CONGSO_FEEDBACK_RATING_CHANGE_DAYS",
    7,
    help_text="Days after rating a finished dossier during which the citizen may "
    "change the rating (earlier values are kept); 0: a rating is final.",
)

os.environ.setdefault("FORKED_BY_MULTIPROCESSING", "1")
