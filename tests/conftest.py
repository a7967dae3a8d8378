import pytest

from ccaward.core.i18n import compile_messages

pytest_plugins = ["tests.personas"]


def pytest_sessionstart(session):
    compile_messages()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
