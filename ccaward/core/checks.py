"""System checks that explain a wrong configuration (`ccaward check`)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.db import OperationalError, connections

from ccaward.engine.framework import validate
from ccaward.seasons.defaults import default_framework


@register(Tags.database)
def database_reachable(app_configs, databases=None, **kwargs):
    errors = []
    for alias in databases or []:
        conn = connections[alias]
        try:
            conn.ensure_connection()
        except OperationalError as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            errors.append(
                Error(
                    f"Cannot connect to the database {alias!r} "
                    f"({conn.settings_dict['ENGINE'].rsplit('.', 1)[-1]} "
                    f"{conn.settings_dict.get('NAME')}): {first}",
                    hint="Check DATABASE_URL: host, port, user, password and that the database exists.",
                    id="ccaward.E001",
                )
            )
    return errors


@register(Tags.security, deploy=True)
def production_settings(app_configs, **kwargs):
    problems = []
    if settings.DEBUG:
        problems.append(
            Warning("DEBUG is on.", hint="Unset DEBUG in production.", id="ccaward.W001")
        )
    if settings.EMAIL_BACKEND.endswith("console.EmailBackend"):
        problems.append(
            Warning(
                "E-mail goes to the console.",
                hint="Set EMAIL_HOST (and EMAIL_HOST_USER/EMAIL_HOST_PASSWORD) to send invitations.",
                id="ccaward.W002",
            )
        )
    if settings.SECURE_SSL_REDIRECT and not settings.SITE_URL.startswith("https://"):
        problems.append(
            Warning(
                f"SITE_URL is {settings.SITE_URL}, but the site is served over HTTPS.",
                hint="Set SITE_URL to the public https:// address for e-mailed links.",
                id="ccaward.W003",
            )
        )
    return problems


@register()
def default_framework_valid(app_configs, **kwargs):
    try:
        problems = validate(default_framework())
    except Exception as exc:  # a broken data file must be explained, not crash start-up
        return [Error(f"The default framework data file cannot be read: {exc}", id="ccaward.E002")]
    return [
        Error(f"Default framework: {p.message} ({p.path})", id="ccaward.E003") for p in problems
    ]
