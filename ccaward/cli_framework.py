"""`ccaward framework export`: a season's framework in force as the YAML of the
shipped default framework, the file `ccaward score --framework` reads.

ccaward framework export SEASON --out FILE

Writes the season's current framework version (dimensions and weights, criteria,
sub-items, evidence weights, indicators, names and descriptions in both
languages). Errors (no such season, no framework, a file that cannot be written)
print ``ccaward framework: error: ...`` and exit with status 2.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

from ccaward.cli_setup import Refused, run_refusable
from ccaward.engine.framework import Framework, to_data

PROG = "ccaward framework"


def add_parser(subparsers) -> None:
    """Add `framework export`."""
    p = subparsers.add_parser("framework", help="a season's evaluation framework as a file")
    commands = p.add_subparsers(dest="framework_command", required=True)
    e = commands.add_parser(
        "export",
        help="write a season's framework in force (YAML, for ccaward score --framework)",
        description=(__doc__ or "").split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    e.add_argument("season", help="the season's slug")
    e.add_argument("--out", required=True, metavar="FILE", help="the YAML file to write")
    e.set_defaults(func=run_export)


def as_yaml(framework: Framework, *, season: str, version: int) -> str:
    """The framework as YAML, headed by where it came from."""
    head = (
        f"# The evaluation framework of season {season}, version {version}\n"
        "# (ccaward framework export; read by ccaward score --framework).\n"
    )
    body = yaml.safe_dump(to_data(framework), allow_unicode=True, sort_keys=False, width=100)
    return head + body


def run_export(args) -> int:
    return run_refusable(PROG, lambda: _export(args))


def _export(args) -> None:
    from ccaward.seasons.models import Season

    season = Season.objects.filter(slug=args.season).first()
    if season is None:
        raise Refused(f"no season {args.season!r}")
    version = season.current_framework()
    if version is None:
        raise Refused(f"season {args.season!r} has no framework")
    text = as_yaml(version.to_engine(), season=season.slug, version=version.number)
    Path(args.out).write_text(text, encoding="utf-8")
    print(f"{season.slug}: framework version {version.number} written to {args.out}")
