"""Setting Django up for a command of `ccaward` that works with the database, and
running a command as a person of a season (`--as EMAIL`): the rights and stage
gates of the pages apply, and a refusal is a message and exit status 2.

Django modules are imported inside the functions: they can be imported only
once Django is set up, and commands that need no database never load them.
"""

from __future__ import annotations

import os
import sys
from contextlib import nullcontext


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


def django_ready() -> bool:
    """Set Django up and check the database (saying what is wrong when it is not)."""
    setup_django()
    return database_ready()


class Refused(Exception):
    """Why the command cannot go on, for the person at the terminal."""


def add_person_argument(parser, help: str) -> None:
    """`--as EMAIL`: the person the command acts as (`args.email`)."""
    parser.add_argument("--as", dest="email", required=True, help=help)


def person(email: str):
    """The active person with this e-mail address (`--as EMAIL`), or None."""
    from ccaward.people.models import User

    return User.objects.filter(email__iexact=email.strip(), is_active=True).first()


def run_refusable(prog: str, work, *, language: str | None = None) -> int:
    """Set Django up and run `work()`, in `language` when one is given: 0, or 2
    after printing ``PROG: error: ...`` for a refusal (Refused, a closed stage, a
    ValidationError, a file that cannot be read)."""
    if not django_ready():
        return 2
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from ccaward.core.errors import StageClosed

    with translation.override(language) if language else nullcontext():
        try:
            work()
            return 0
        except Refused as exc:
            message = str(exc)
        except StageClosed as exc:
            message = exc.message
        except ValidationError as exc:
            message = "; ".join(exc.messages)
        except OSError as exc:
            message = f"{exc.filename}: {exc.strerror}"
        print(f"{prog}: error: {message}", file=sys.stderr)
    return 2
