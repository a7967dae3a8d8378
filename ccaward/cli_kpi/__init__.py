"""`ccaward kpi`: compute indicators from interaction records, or simulate records.

ccaward kpi compute INPUT... [--mapping FILE] [--by center,day] [--sl-seconds 20]
                    [--abandon-treatment failed|ignored|met] [--short-abandon-seconds 5]
                    [--fcr-days 7] [--fcr-method repeat|outcome]
                    [--resolved-outcomes CODE,CODE] [--format json|csv|parquet|xlsx]
                    [--out FILE] [--agent-states FILE... [--agent-states-mapping FILE]]
                    [--schedules FILE... [--schedules-mapping FILE]]
                    [--on-bad-rows reject|skip] [--memory-limit 1GB]
ccaward kpi simulate --centers N --days D [--seed S] --out DIR

No Django import. Errors print ``ccaward kpi: error: ...`` and exit with status 2.
"""

from __future__ import annotations

import argparse

from ccaward.cli_kpi.compute import compute
from ccaward.cli_kpi.output import FORMATS, error
from ccaward.engine import interactions, kpi, simulate


def add_parser(subparsers):
    """Add the `kpi` subcommand (with `compute` and `simulate`) to argparse subparsers;
    returns its own subparsers, for the season-scoped commands."""
    p = subparsers.add_parser(
        "kpi",
        help="contact-center indicators from interaction records",
        description=(__doc__ or "").split("\n\nNo Django")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="kpi_command", required=True)

    c = sub.add_parser("compute", help="compute indicators from CSV / Excel / Parquet records")
    c.add_argument("inputs", nargs="+", metavar="INPUT", help="CSV, Parquet or Excel files")
    c.add_argument("--mapping", default=None, help="column mapping YAML (default: standard)")
    c.add_argument("--by", default="center,day", help="group keys, comma separated")
    c.add_argument("--sl-seconds", type=float, default=20.0, help="service-level T (20)")
    c.add_argument("--abandon-treatment", choices=kpi.ABANDON_TREATMENTS, default="failed")
    c.add_argument("--short-abandon-seconds", type=float, default=5.0, help="0 = none (5)")
    c.add_argument("--fcr-days", type=int, default=7, help="FCR repeat window in days (7)")
    c.add_argument(
        "--fcr-method",
        choices=kpi.FCR_METHODS,
        default=None,
        help="FCR from repeat contacts or from outcome codes (default: outcome when "
        "resolved codes are given or declared by the mapping, else repeat)",
    )
    c.add_argument(
        "--resolved-outcomes",
        default=None,
        metavar="CODE,CODE",
        help="outcome codes meaning resolved (overrides the mapping's resolved_outcomes)",
    )
    c.add_argument("--format", choices=FORMATS, default="json")
    c.add_argument(
        "--out", default=None, help="output file (default: stdout; parquet and xlsx need it)"
    )
    c.add_argument(
        "--agent-states",
        nargs="+",
        default=None,
        metavar="FILE",
        help="agent-state intervals (CSV, Parquet or Excel) for occupancy",
    )
    c.add_argument(
        "--agent-states-mapping", default=None, help="column mapping YAML for --agent-states"
    )
    c.add_argument(
        "--schedules",
        nargs="+",
        default=None,
        metavar="FILE",
        help="the agents' schedules (CSV, Parquet or Excel) for adherence (with --agent-states)",
    )
    c.add_argument("--schedules-mapping", default=None, help="column mapping YAML for --schedules")
    c.add_argument("--on-bad-rows", choices=interactions.POLICIES, default="reject")
    c.add_argument("--memory-limit", default="1GB", help="DuckDB memory limit (1GB)")
    c.set_defaults(func=run)

    s = sub.add_parser("simulate", help="write simulated records (Parquet)")
    s.add_argument("--centers", type=int, required=True)
    s.add_argument("--days", type=int, required=True)
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--out", required=True, help="output directory")
    s.set_defaults(func=run)
    return sub


def run(args) -> int:
    """Run `kpi compute` or `kpi simulate`; exit status 2 on invalid input."""
    if args.kpi_command == "simulate":
        try:
            paths = simulate.simulate(
                centers=args.centers, days=args.days, seed=args.seed, out_dir=args.out
            )
        except (ValueError, OSError) as exc:
            return error(str(exc))
        for path in paths:
            print(path)
        return 0
    return compute(args)
