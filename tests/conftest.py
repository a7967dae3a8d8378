import pytest
from django.conf import settings
from django.utils import translation

from ccaward.core.i18n import compile_messages

# Compile the catalogues before anything can load them (Django caches a catalogue
# for the whole process once a translation is first looked up).
compile_messages()

# argon2 as in production, at the least cost (tests/hashers.py); PBKDF2 stays second.
settings.PASSWORD_HASHERS = [
    "tests.hashers.QuickArgon2PasswordHasher",
    *(h for h in settings.PASSWORD_HASHERS if not h.endswith(".Argon2PasswordHasher")),
]

pytest_plugins = ["tests.personas", "tests.deliberation.board_fixtures", "tests.demo_snapshot"]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _language_reset():
    """A request activates its language for the thread and nothing switches it
    back: each test starts in the site's default language, whatever ran before."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (sign-in throttling counts live there)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
