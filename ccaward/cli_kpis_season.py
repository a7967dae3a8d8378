"""`ccaward kpi upload` and `ccaward kpi monthly`: give an entry's KPI data as a
person of the season, through the same domain functions as the pages and the
API, so the same permissions and stage gates apply.

ccaward kpi upload SEASON ENTRY_ID FILE [--agent-states FILE] [--schedules FILE]
                   [--mapping NAME] --as EMAIL
ccaward kpi monthly SEASON ENTRY_ID CSV --as EMAIL

The monthly CSV has a header line: month (YYYY-MM), offered, answered,
abandoned, answered_within_sl, aht_s (may be empty); its months replace the
entry's. An upload is queued: the worker of `ccaward serve` computes it.
Errors (no such season, entry or person; no right; a closed stage; a refused
file or row) print ``ccaward kpi: error: ...`` and exit with status 2.
"""

from __future__ import annotations

import csv
from contextlib import ExitStack
from pathlib import Path

from ccaward.cli_setup import Refused, add_person_argument, person, run_refusable
from ccaward.engine import mappings


def add_parsers(kpi_commands) -> None:
    """Add `upload` and `monthly` to the subparsers of `ccaward kpi`."""
    u = kpi_commands.add_parser("upload", help="upload an entry's interaction records (queued)")
    u.add_argument("season", help="the season's slug")
    u.add_argument("entry", type=int, metavar="ENTRY_ID")
    u.add_argument("file", help="interaction records: CSV, Excel or Parquet")
    u.add_argument("--agent-states", default=None, metavar="FILE")
    u.add_argument("--schedules", default=None, metavar="FILE", help="needs --agent-states")
    u.add_argument(
        "--mapping", default=mappings.DEFAULT, help="a column mapping file's name (standard)"
    )
    add_person_argument(u, help="the person giving the data")
    u.set_defaults(func=run_upload)
    m = kpi_commands.add_parser("monthly", help="replace an entry's monthly figures from a CSV")
    m.add_argument("season", help="the season's slug")
    m.add_argument("entry", type=int, metavar="ENTRY_ID")
    m.add_argument("csv", help="month,offered,answered,abandoned,answered_within_sl,aht_s")
    add_person_argument(m, help="the person giving the data")
    m.set_defaults(func=run_monthly)


def _entry_and_user(args):
    """(entry, user) after the page's checks; raises Refused with the reason."""
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    from ccaward.core import access
    from ccaward.kpis.access import entry_for
    from ccaward.seasons.models import Season

    user = person(args.email)
    if user is None:
        raise Refused(f"no person with the e-mail {args.email!r}")
    season = Season.objects.filter(slug=args.season).first()
    if season is None:
        raise Refused(f"no season {args.season!r}")
    try:
        entry = entry_for(user, season, args.entry)
    except Http404:
        raise Refused(f"{args.email} has no entry {args.entry} in {args.season}") from None
    try:
        access.check(user, "kpis.upload_records", entry)
    except PermissionDenied:
        raise Refused(f"{args.email} may not give the KPI data of entry {entry.pk}") from None
    return entry, user


def _run(args, work) -> int:
    """Run `work(entry, user)` as the person `--as EMAIL`; a refusal of any kind is an
    error message and status 2."""
    return run_refusable("ccaward kpi", lambda: work(*_entry_and_user(args)))


def run_upload(args) -> int:
    def work(entry, user):
        from django.core.files import File

        from ccaward.kpis import domain

        paths = {"file": args.file, "agent_states": args.agent_states}
        paths["schedules"] = args.schedules
        with ExitStack() as stack:
            opened = {
                k: File(stack.enter_context(open(p, "rb")), name=Path(p).name)
                for k, p in paths.items()
                if p
            }
            upload = domain.accept_upload(
                entry=entry,
                uploaded_file=opened["file"],
                mapping=args.mapping,
                by=user,
                agent_states=opened.get("agent_states"),
                schedules=opened.get("schedules"),
            )
        print(
            f"{entry.season.slug} entry {entry.pk}: upload {upload.pk} ({upload.original_name}) "
            f"queued as job {upload.job_id}"
        )

    return _run(args, work)


def _read_months(path: str) -> list[dict]:
    from ccaward.kpis.domain import MONTH_FIELDS

    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [f for f in MONTH_FIELDS if f != "aht_s" and f not in (reader.fieldnames or [])]
        if missing:
            raise Refused(f"{path}: the header lacks {', '.join(missing)}")
        return [{k: (row.get(k) or "").strip() for k in MONTH_FIELDS} for row in reader]


def run_monthly(args) -> int:
    def work(entry, user):
        from ccaward.kpis import domain

        rows = _read_months(args.csv)
        result = domain.save_monthly(entry=entry, rows=rows, by=user)
        months = len(rows)
        level = result.figures.get("service_level") if result else None
        shown = "" if level is None else f"; service level {level * 100:.1f} %"
        print(f"{entry.season.slug} entry {entry.pk}: {months} months saved{shown}")

    return _run(args, work)
