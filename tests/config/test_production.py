"""The production profile (CCAWARD_PROFILE=production) passes `check --deploy`."""

from ccaward.cli import listening_url
from tests.config.test_env import run_cli

PRODUCTION = {
    "CCAWARD_PROFILE": "production",
    "SECRET_KEY": "k" * 20 + "Q7!x-Zr9#mW2@pL5$vB8^nD4&hF6*jT3",
    "ALLOWED_HOSTS": "awards.example.com",
    "SITE_URL": "https://awards.example.com",
    "EMAIL_HOST": "smtp.example.com",
}


def deploy_check(tmp_path, monkeypatch, **environ):
    # the browser tests' conftest allows async-unsafe calls, which check --deploy reports
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
    return run_cli(
        "manage",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        CCAWARD_VAR_DIR=str(tmp_path),
        **environ,
    )


def test_check_deploy_gives_no_warnings_under_the_production_profile(tmp_path, monkeypatch):
    result = deploy_check(tmp_path, monkeypatch, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_without_the_profile(tmp_path, monkeypatch):
    result = deploy_check(tmp_path, monkeypatch, **{**PRODUCTION, "CCAWARD_PROFILE": ""})
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr


def test_the_production_profile_needs_smtp_and_refuses_debug(tmp_path, monkeypatch):
    result = deploy_check(tmp_path, monkeypatch, **{**PRODUCTION, "EMAIL_HOST": ""})
    assert result.returncode == 2
    assert "set EMAIL_HOST" in result.stderr
    result = deploy_check(tmp_path, monkeypatch, **{**PRODUCTION, "DEBUG": "1"})
    assert "DEBUG cannot be on" in result.stderr
    result = deploy_check(tmp_path, monkeypatch, **{**PRODUCTION, "CCAWARD_PROFILE": "prod"})
    assert "CCAWARD_PROFILE='prod' is not a profile" in result.stderr


def test_e_mailed_links_default_to_where_serve_listens():
    assert listening_url("127.0.0.1", 8001) == "http://127.0.0.1:8001"
    assert listening_url("::1", 8000) == "http://[::1]:8000"
    assert not listening_url("0.0.0.0", 80).startswith("http://0.0.0.0")
