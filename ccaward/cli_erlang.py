"""`ccaward erlang`: Erlang C / Erlang A staffing for one interval, printed as JSON.

ccaward erlang --calls N --interval-seconds S --aht-seconds A --agents K --sl-seconds T
               [--target 0.8] [--patience-seconds P]

Without --patience-seconds the model is Erlang C; with it, Erlang A. No Django import.
"""

from __future__ import annotations

import json
import sys

from ccaward.engine.erlang import staffing_report

DECIMALS = 6


def add_parser(subparsers) -> None:
    """Add the `erlang` subcommand to an argparse subparsers object."""
    p = subparsers.add_parser(
        "erlang",
        help="Erlang C / Erlang A staffing for one interval (JSON)",
        description=(
            "Service level, ASA, occupancy and agents needed for one interval: Erlang C, "
            "or Erlang A when --patience-seconds is given."
        ),
    )
    p.add_argument("--calls", type=float, required=True, help="calls offered in the interval")
    p.add_argument(
        "--interval-seconds", type=float, required=True, help="interval length in seconds"
    )
    p.add_argument("--aht-seconds", type=float, required=True, help="average handle time")
    p.add_argument("--agents", type=int, required=True, help="agents on the queue")
    p.add_argument(
        "--sl-seconds", type=float, required=True, help="service-level answer-time threshold"
    )
    p.add_argument("--target", type=float, default=0.8, help="service-level target in (0, 1) (0.8)")
    p.add_argument(
        "--patience-seconds",
        type=float,
        default=None,
        help="mean caller patience; switches the model to Erlang A",
    )
    p.set_defaults(func=run)


def _rounded(value):
    if isinstance(value, float):
        return round(value, DECIMALS)
    if isinstance(value, dict):
        return {key: _rounded(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_rounded(item) for item in value]
    return value


def run(args) -> int:
    """Print the staffing report as JSON; exit status 2 on invalid input."""
    try:
        report = staffing_report(
            calls=args.calls,
            interval_seconds=args.interval_seconds,
            aht_seconds=args.aht_seconds,
            agents=args.agents,
            sl_seconds=args.sl_seconds,
            target=args.target,
            patience_seconds=args.patience_seconds,
        )
    except ValueError as exc:
        print(f"ccaward erlang: error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(_rounded(report), indent=2, ensure_ascii=False))
    return 0
