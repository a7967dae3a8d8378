"""`ccaward verify` and `ccaward results`: a season's published results checked
against its stored data, and printed.

ccaward verify SEASON
ccaward results SEASON [--format json|csv]

verify recomputes the audit chain, the latest live publication's digest, the
ballots (counted again by the engine), the judges' scores read again from the
reviews, the poll, the count and the totals, and prints each difference naming
its record (a review, a ballot, an audit event). Exit status 0 when nothing
changed, 1 when anything did, 2 when the season does not exist.

results prints the latest live publication's results: JSON (the season, the
publication, its digest and chain head, per category the winners with their
totals and dimension profiles and the special awards) or CSV (one row per winner
and special award). Exit status 2 when nothing is published.
"""

from __future__ import annotations

import argparse
import json
import sys

from ccaward.cli_setup import Refused, django_ready, run_refusable

PROG_VERIFY = "ccaward verify"
PROG_RESULTS = "ccaward results"


def add_parser(subparsers) -> None:
    """Add the `verify` and `results` subcommands."""
    text = (__doc__ or "").split("\n\n", 1)[1]
    p = subparsers.add_parser(
        "verify",
        help="check a season's published results against its stored data",
        description=text,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("season", help="the season's slug")
    p.set_defaults(func=run_verify)
    p = subparsers.add_parser(
        "results",
        help="print a season's published results (JSON or CSV)",
        description=text,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("season", help="the season's slug")
    p.add_argument("--format", choices=("json", "csv"), default="json")
    p.set_defaults(func=run_results)


def _season(slug: str):
    from ccaward.seasons.models import Season

    season = Season.objects.filter(slug=slug).first()
    if season is None:
        raise Refused(f"no season {slug!r}")
    return season


def run_verify(args) -> int:
    if not django_ready():
        return 2
    from ccaward.results.domain.verify import verify

    try:
        season = _season(args.season)
    except Refused as exc:
        print(f"{PROG_VERIFY}: error: {exc}", file=sys.stderr)
        return 2
    report = verify(season)
    if report.publication is None:
        print(f"{season.slug}: nothing published; the audit chain checked only")
    else:
        p = report.publication
        print(f"{season.slug}: publication {p.number}, digest {p.digest}")
    for old in report.history:
        if old.withdrawn_at is not None:
            print(f"  publication {old.number} (withdrawn): digest {old.digest}")
    for problem in report.problems:
        print(f"  - {problem}")
    if report.clean:
        print("clean: the stored data gives the published results")
        return 0
    print(f"{len(report.problems)} differences")
    return 1


def run_results(args) -> int:
    return run_refusable(PROG_RESULTS, lambda: _results(args))


def _results(args) -> None:
    from ccaward.results import exports
    from ccaward.results.domain import published

    season = _season(args.season)
    publication = published.live(season)
    if publication is None:
        raise Refused(f"season {season.slug!r} has no published results")
    if args.format == "csv":
        sys.stdout.write(exports.results_csv(publication))
    else:
        data = exports.results_data(publication)
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
