import subprocess
import sys
from pathlib import Path

import pytest

from ccaward.config import env


def test_booleans_are_strict(monkeypatch):
    monkeypatch.setenv("DEBUG", "yes")
    assert env.env_bool("DEBUG") is True
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(env.ConfigError, match="DEBUG='maybe' is not a boolean"):
        env.env_bool("DEBUG")


def test_integers_are_strict(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", "25x")
    with pytest.raises(env.ConfigError, match="EMAIL_PORT='25x' is not an integer"):
        env.env_int("EMAIL_PORT", 587)
    monkeypatch.setenv("EMAIL_PORT", "0")
    with pytest.raises(env.ConfigError, match="below the minimum"):
        env.env_int("EMAIL_PORT", 587, minimum=1)


def test_secret_key_is_generated_once(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = env.secret_key(tmp_path)
    assert len(first) >= 50
    assert env.secret_key(tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
    monkeypatch.setenv("SECRET_KEY", "short")
    with pytest.raises(env.ConfigError, match="shorter than 32"):
        env.secret_key(tmp_path)


def test_secret_from_file(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    (tmp_path / "k").write_text("s" * 40 + "\n")
    monkeypatch.setenv("SECRET_KEY_FILE", str(tmp_path / "k"))
    assert env.secret_key(tmp_path / "var") == "s" * 40


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://u@h/db", "scheme 'mysql'"),
        ("postgresql://u@h:port/db", "port that is not a number"),
        ("postgresql://u@h:5432/", "names no database"),
        ("nonsense", "scheme '(none)'"),
    ],
)
def test_malformed_database_urls_are_explained(url, message, tmp_path):
    with pytest.raises(env.ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        env.database(url, tmp_path)


def test_default_database_is_sqlite_in_var_with_wal_and_immediate(tmp_path):
    config = env.database(None, tmp_path)
    assert config["NAME"] == tmp_path / "ccaward.sqlite3"
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    pg = env.database("postgresql://ccaward:pw@127.0.0.1:5433/award", tmp_path)
    assert (pg["ENGINE"], pg["NAME"], pg["PORT"]) == (
        "django.db.backends.postgresql",
        "award",
        5433,
    )


def run_cli(*args, **environ):
    import os

    e = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    e.update(environ)
    exe = Path(sys.executable).with_name("ccaward")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, env=e, timeout=120)


def test_cli_reports_a_malformed_database_url(tmp_path):
    result = run_cli("check", DATABASE_URL="mysql://x@y/z", CCAWARD_VAR_DIR=str(tmp_path))
    assert result.returncode == 2
    assert "configuration error: DATABASE_URL has the scheme 'mysql'" in result.stderr


def test_cli_reports_an_unreachable_database(tmp_path):
    import socket

    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = run_cli(
        "check",
        DATABASE_URL=f"postgresql://u@127.0.0.1:{port}/missing",
        CCAWARD_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 2
    assert "Cannot connect to the database" in result.stderr
    assert "Check DATABASE_URL" in result.stderr


def test_cli_reports_a_bad_debug_value(tmp_path):
    result = run_cli("check", DEBUG="sometimes", CCAWARD_VAR_DIR=str(tmp_path))
    assert result.returncode == 2
    assert "DEBUG='sometimes' is not a boolean" in result.stderr


def test_cli_demo_on_a_fresh_sqlite_database(tmp_path):
    result = run_cli("demo", CCAWARD_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "organizer@demo.ccaward.cn" in result.stdout
    assert (tmp_path / "ccaward.sqlite3").exists()
    again = run_cli("demo", "--if-empty", CCAWARD_VAR_DIR=str(tmp_path))
    assert "no demo added" in again.stdout
