"""ccaward settings: every value comes from the environment, parsed strictly.

Run `ccaward check` to see configuration problems explained.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from ccaward.config import env
from ccaward.config.env import ConfigError

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = BASE_DIR / "ccaward"

try:
    VAR_DIR = Path(os.environ.get("CCAWARD_VAR_DIR") or BASE_DIR / "var").resolve()
    PROFILE = env.profile()  # CCAWARD_PROFILE: development or production
    PRODUCTION = PROFILE == "production"
    DEBUG = env.env_bool("DEBUG", False)
    SECRET_KEY = env.secret_key(VAR_DIR)
    ALLOWED_HOSTS = env.env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
    CSRF_TRUSTED_ORIGINS = env.env_list("CSRF_TRUSTED_ORIGINS", [])
    DATABASES = {"default": env.database(env.read_secret("DATABASE_URL"), VAR_DIR)}
    EMAIL_HOST = env.env_str("EMAIL_HOST")
    EMAIL_PORT = env.env_int("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = env.env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env.read_secret("EMAIL_HOST_PASSWORD") or ""
    EMAIL_USE_TLS = env.env_bool("EMAIL_USE_TLS", True)
    INVITATION_DAYS = env.env_int("CCAWARD_INVITATION_DAYS", 14, minimum=1)
    # e-mailed links; `ccaward serve` sets it to where it listens when it is unset
    SITE_URL = env.env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
    SECURE_COOKIES = env.env_bool("SECURE_COOKIES", PRODUCTION)
    # production: HTTPS only (behind a proxy that terminates TLS and sets X-Forwarded-Proto)
    SECURE_SSL_REDIRECT = env.env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
    SECURE_HSTS_SECONDS = env.env_int(
        "SECURE_HSTS_SECONDS", 365 * 24 * 3600 if PRODUCTION else 0, minimum=0
    )
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
    SECURE_HSTS_PRELOAD = env.env_bool("SECURE_HSTS_PRELOAD", PRODUCTION)
    SECURE_PROXY_SSL_HEADER = (
        ("HTTP_X_FORWARDED_PROTO", "https") if env.env_bool("BEHIND_PROXY", PRODUCTION) else None
    )
    if PRODUCTION and DEBUG:
        raise ConfigError("DEBUG cannot be on under CCAWARD_PROFILE=production.")
    if PRODUCTION and not EMAIL_HOST:
        raise ConfigError(
            "CCAWARD_PROFILE=production sends e-mail by SMTP: set EMAIL_HOST "
            "(and EMAIL_HOST_USER, EMAIL_HOST_PASSWORD)."
        )
    # the largest request `ccaward serve` accepts (interaction-record uploads)
    MAX_REQUEST_MB = env.env_int("CCAWARD_MAX_REQUEST_MB", 4096, minimum=1)
    # the largest file an applicant may attach to the application form
    APPLICATION_UPLOAD_MB = env.env_int("CCAWARD_APPLICATION_UPLOAD_MB", 20, minimum=1)
    # the background worker's address space (DuckDB keeps to 1 GB of it)
    WORKER_MEMORY_MB = env.env_int("CCAWARD_WORKER_MEMORY_MB", 4096, minimum=2048)
    # reminders go to drafts this many days before registration closes
    REMINDER_DAYS = env.env_int("CCAWARD_REMINDER_DAYS", 3, minimum=1)
    # the background worker beats this often; pages warn when no beat is this old
    WORKER_BEAT_SECONDS = env.env_int("CCAWARD_WORKER_BEAT_SECONDS", 10, minimum=1)
    WORKER_STALE_SECONDS = env.env_int("CCAWARD_WORKER_STALE_SECONDS", 45, minimum=2)
    # the public poll: where its one-time codes are texted (a class's dotted path), and
    # the proxies (addresses or networks) whose X-Forwarded-For names the client
    CCAWARD_SMS_BACKEND = env.env_str("CCAWARD_SMS_BACKEND", "ccaward.poll.sms.ConsoleBackend")
    CCAWARD_TRUSTED_PROXIES = env.env_list("CCAWARD_TRUSTED_PROXIES", [])
except ConfigError as exc:  # a clear start-up error, never a silent default
    sys.stderr.write(f"ccaward: configuration error: {exc}\n")
    raise SystemExit(2) from None

EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env.env_str("DEFAULT_FROM_EMAIL", "ccaward <noreply@localhost>")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "ccaward.core",
    "ccaward.people",
    "ccaward.seasons",
    "ccaward.applications",
    "ccaward.kpis",
    "ccaward.recommendations",
    "ccaward.judging",
    "ccaward.visits",
    "ccaward.mystery",
    "ccaward.reviews",
    "ccaward.deliberation",
    "ccaward.poll",
    "ccaward.results",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ccaward.core.requestcache.RequestCacheMiddleware",
    "ccaward.core.middleware.UserLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ccaward.core.middleware.ContentSecurityPolicyMiddleware",
    "ccaward.core.middleware.StageClosedMiddleware",
]

ROOT_URLCONF = "ccaward.config.urls"
WSGI_APPLICATION = "ccaward.config.wsgi.application"
ASGI_APPLICATION = "ccaward.config.asgi.application"

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
            ],
        },
    },
]

AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "people:login"
LOGIN_REDIRECT_URL = "seasons:list"
LOGOUT_REDIRECT_URL = "people:login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "ccaward_language"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise serves from the finders too
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "media"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"quiet_refusals": {"()": "ccaward.core.logs.QuietRefusals"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "ccaward": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # a refusal (4xx) is one warning line, without the exception's traceback
        "django.request": {"filters": ["quiet_refusals"]},
    },
}
