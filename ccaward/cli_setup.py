"""Setting Django up for a command of `ccaward` that works with the database."""

from __future__ import annotations

import os
import sys


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ccaward.config.settings")
    import django

    django.setup()


def database_ready() -> bool:
    """Check the database is reachable; print what is wrong when it is not."""
    from django.core import checks

    errors = [
        e
        for e in checks.run_checks(databases=["default"], tags=["database"])
        if e.level >= checks.ERROR
    ]
    for e in errors:
        sys.stderr.write(f"ccaward: {e.msg}\n  hint: {e.hint}\n")
    return not errors
