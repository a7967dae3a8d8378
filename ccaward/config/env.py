"""Strict parsing of settings from the environment.

A wrong value stops start-up with a message that names the variable and says
what is accepted; nothing silently falls back to a default.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


class ConfigError(Exception):
    """A setting read from the environment has a value that cannot be used."""


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ConfigError(
        f"{name}={raw!r} is not a boolean: use one of 1/0, true/false, yes/no, on/off."
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not an integer.") from None
    if minimum is not None and value < minimum:
        raise ConfigError(f"{name}={value} is below the minimum of {minimum}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


PROFILES = ("development", "production")


def profile() -> str:
    """CCAWARD_PROFILE: `development` (the default) or `production` (HTTPS only,
    HSTS, secure cookies, SMTP e-mail required, DEBUG refused)."""
    raw = os.environ.get("CCAWARD_PROFILE", "").strip().lower() or "development"
    if raw not in PROFILES:
        raise ConfigError(
            f"CCAWARD_PROFILE={raw!r} is not a profile: use one of {', '.join(PROFILES)}."
        )
    return raw


def read_secret(name: str) -> str | None:
    """Return NAME, or the content of the file named by NAME_FILE (Docker/K8s secrets)."""
    value = os.environ.get(name)
    if value:
        return value
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigError(f"{name}_FILE={path!r} cannot be read: {exc.strerror}.") from None
    return None


def secret_key(var_dir: Path) -> str:
    """SECRET_KEY from the environment, else generated once into var/secret_key."""
    value = read_secret("SECRET_KEY")
    if value:
        if len(value) < 32:
            raise ConfigError("SECRET_KEY is shorter than 32 characters.")
        return value
    path = var_dir / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(50)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(value)
    return value


SQLITE_OPTIONS = {
    # Immediate transactions take the write lock at BEGIN, so two writers wait
    # for each other (busy timeout) instead of failing with "database is locked".
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": (
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=NORMAL;"
        "PRAGMA foreign_keys=ON;"
        "PRAGMA busy_timeout=20000;"
    ),
}


def database(url: str | None, var_dir: Path) -> dict:
    """Django DATABASES['default'] from DATABASE_URL; the SQLite file in var/ without one."""
    if not url:
        var_dir.mkdir(parents=True, exist_ok=True)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": var_dir / "ccaward.sqlite3",
            "OPTIONS": dict(SQLITE_OPTIONS),
        }
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in {"postgres", "postgresql", "pgsql"}:
        if not parts.path.strip("/"):
            raise ConfigError(
                "DATABASE_URL names no database: expected "
                "postgresql://USER:PASSWORD@HOST:PORT/DBNAME."
            )
        try:
            port = parts.port
        except ValueError:
            raise ConfigError("DATABASE_URL has a port that is not a number.") from None
        import dj_database_url

        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        if port is None:
            config["PORT"] = ""
        return config
    if scheme == "sqlite":
        # sqlite:////absolute/path.sqlite3 or sqlite:///relative/path.sqlite3
        path = parts.path
        if not path or path == "/":
            raise ConfigError(
                "DATABASE_URL sqlite:// names no file: expected sqlite:////path/db.sqlite3."
            )
        name = Path(path[1:])  # "//abs/file" -> "/abs/file"; "/rel/file" -> "rel/file"
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": name,
            "OPTIONS": dict(SQLITE_OPTIONS),
        }
    raise ConfigError(
        f"DATABASE_URL has the scheme {parts.scheme or '(none)'!r}: use postgresql://… or sqlite:///…."
    )
