"""The `ccaward` command: serve, demo, check, and every Django management command.

ccaward serve [--host 127.0.0.1] [--port 8000] [--no-worker]
ccaward demo
ccaward check
ccaward erlang --calls N --interval-seconds S --aht-seconds A --agents K --sl-seconds T
ccaward recommend SEASON --as EMAIL --category ID --center NAME ... --reason TEXT
ccaward kpi compute|simulate|upload|monthly ...
ccaward score SCORES.csv --framework FILE [...]
ccaward mystery score CONTACTS.csv --scorecard FILE | scorecard check FILE
ccaward tally BALLOTS.csv --method approval|borda|schulze --seats K [...]
ccaward framework export SEASON --out FILE
ccaward verify SEASON
ccaward results SEASON [--format json|csv]
ccaward manage <django command> [...]
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import sys
from pathlib import Path

from ccaward import (
    cli_assign,
    cli_erlang,
    cli_framework,
    cli_kpi,
    cli_kpis_season,
    cli_mystery,
    cli_recommend,
    cli_results,
    cli_score,
    cli_tally,
)
from ccaward.cli_setup import database_ready, django_ready, setup_django
from ccaward.cli_worker import Supervisor


def prepare(verbose: bool = True) -> bool:
    from django.core.management import call_command

    from ccaward.core.i18n import compile_messages

    if not database_ready():
        return False
    compile_messages()
    call_command("migrate", interactive=False, verbosity=1 if verbose else 0)
    return True


def listening_url(host: str, port: int) -> str:
    """Where `ccaward serve` can be reached: its host, or this machine's name when
    it listens on every address."""
    if host in ("0.0.0.0", "::", ""):
        host = socket.getfqdn() or "127.0.0.1"
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}"


def cmd_serve(args) -> int:
    # e-mailed links point where this server listens unless SITE_URL says otherwise
    os.environ.setdefault("SITE_URL", listening_url(args.host, args.port))
    setup_django()
    if not prepare():
        return 2
    from django.conf import settings
    from waitress import serve

    from ccaward.core.demo import DEMO_SLUG, logins
    from ccaward.seasons.models import Season

    worker = None
    if not args.no_worker:  # restarted with back-off whenever it dies
        worker = Supervisor().start()
    url = f"http://{args.host}:{args.port}/"
    print(f"\nccaward is serving on {url}  (Ctrl+C to stop)", flush=True)
    if Season.objects.filter(slug=DEMO_SLUG).exists():
        print_logins(logins())
    if settings.DEBUG:
        print("DEBUG is on.")
    from ccaward.config.wsgi import application

    def stop(*_):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    proxy = {}
    if settings.SECURE_PROXY_SSL_HEADER:  # the client's address and scheme from the proxy
        proxy = {
            "trusted_proxy": os.environ.get("TRUSTED_PROXY", "127.0.0.1"),
            "trusted_proxy_headers": {"x-forwarded-for", "x-forwarded-proto"},
            "clear_untrusted_proxy_headers": True,
        }
    try:
        serve(
            application,
            **proxy,
            host=args.host,
            port=args.port,
            threads=8,
            ident="ccaward",
            # uploads of interaction records may be large; waitress spools a body
            # beyond 512 KB to a temporary file, never into memory
            max_request_body_size=settings.MAX_REQUEST_MB * 1024 * 1024,
        )
    except KeyboardInterrupt:
        pass
    except OSError as exc:
        sys.stderr.write(
            f"ccaward: cannot listen on {args.host}:{args.port}: {exc.strerror}. "
            "Choose another port with --port (make run PORT=8001).\n"
        )
        return 2
    finally:
        if worker is not None:
            worker.stop()
    return 0


def print_logins(rows) -> None:
    print("Demo logins (role, e-mail, password):")
    for role, email, password in rows:
        print(f"  {role:<16} {email:<28} {password}")


def cmd_demo(args) -> int:
    setup_django()
    if not prepare(verbose=False):
        return 2
    from ccaward.core.demo import logins, run_demo
    from ccaward.seasons.models import Season

    if args.if_empty and Season.objects.exists():
        print("The database has seasons already; no demo added.")
        return 0
    ctx = run_demo()
    if ctx is None:
        print("The demo season exists already.")
    else:
        print(f"Created the demo season {ctx.season.name_zh} ({ctx.season.slug}).")
        for line in ctx.lines:  # what each step made, and where to look
            print(f"  {line}")
    print_logins(logins())
    return 0


def cmd_check(args) -> int:
    if not django_ready():
        return 2
    from django.core.management import call_command

    call_command("check", "--database", "default", *(["--deploy"] if args.deploy else []))
    return 0


def cmd_manage(args) -> int:
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["ccaward manage", *args.rest])
    return 0


def cmd_remind(args) -> int:
    """Remind every draft of open seasons once, when registration closes soon."""
    if not django_ready():
        return 2
    from ccaward.applications import domain
    from ccaward.seasons.models import Season

    seasons = Season.objects.all()
    if args.season:
        seasons = seasons.filter(slug=args.season)
        if not seasons.exists():
            print(f"ccaward remind: error: no season {args.season!r}", file=sys.stderr)
            return 2
    for season in seasons:
        n = domain.remind_drafts(season=season, days=args.days)
        print(f"{season.slug}: {n} drafts reminded")
    return 0


def cmd_form(args) -> int:
    """Check an application-form definition (YAML), or install it as a season's new version."""
    import yaml

    from ccaward.engine import appform

    try:
        data = yaml.safe_load(Path(args.file).read_text(encoding="utf-8"))
        defn = appform.load_definition(data)
    except (OSError, yaml.YAMLError) as exc:
        print(f"ccaward form: error: {args.file}: {exc}", file=sys.stderr)
        return 2
    except appform.DefinitionError as exc:
        print(
            f"ccaward form: error: {args.file} has {len(exc.problems)} problems:", file=sys.stderr
        )
        for problem in exc.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 2
    print(
        f"{args.file}: {len(defn.sections)} sections, {len(defn.fields)} questions, "
        f"{len(defn.answer_keys())} answers, {len(defn.checks)} checks"
    )
    if args.form_command == "install":
        if not django_ready():
            return 2
        from ccaward.applications import domain
        from ccaward.seasons.models import Season

        season = Season.objects.filter(slug=args.season).first()
        if season is None:
            print(f"ccaward form: error: no season {args.season!r}", file=sys.stderr)
            return 2
        form = domain.install_form(season=season, data=data, by=None, note=args.note)
        print(f"{season.slug}: application form version {form.version} installed")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ccaward", description="Run a contact-center award.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("serve", help="migrate, then serve the web app and a background worker")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--no-worker", action="store_true", help="run background workers separately")
    p.set_defaults(func=cmd_serve)
    p = sub.add_parser("demo", help="create the demo season and print its logins")
    p.add_argument("--if-empty", action="store_true", help="only when there is no season yet")
    p.set_defaults(func=cmd_demo)
    p = sub.add_parser("check", help="explain configuration problems")
    p.add_argument("--deploy", action="store_true")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("remind", help="remind drafts when registration closes soon")
    p.add_argument("--season", default=None, help="only this season (slug)")
    p.add_argument("--days", type=int, default=None, help="days before closing (default 3)")
    p.set_defaults(func=cmd_remind)
    p = sub.add_parser("form", help="check or install an application-form definition")
    form_sub = p.add_subparsers(dest="form_command", required=True)
    fc = form_sub.add_parser("check", help="check a form definition (YAML)")
    fc.add_argument("file")
    fc.set_defaults(func=cmd_form)
    fi = form_sub.add_parser("install", help="install a definition as a season's new version")
    fi.add_argument("season", help="the season's slug")
    fi.add_argument("file")
    fi.add_argument("--note", default="", help="what changed")
    fi.set_defaults(func=cmd_form)
    p = sub.add_parser("manage", help="run a Django management command", add_help=False)
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_manage)
    cli_erlang.add_parser(sub)
    cli_assign.add_parser(sub)
    cli_score.add_parser(sub)
    cli_mystery.add_parser(sub)
    cli_tally.add_parser(sub)
    cli_framework.add_parser(sub)
    cli_recommend.add_parser(sub)
    cli_results.add_parser(sub)
    cli_kpis_season.add_parsers(cli_kpi.add_parser(sub))
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
