"""Peer benchmarking (标杆测评): indicator directions, peer statistics, percentile ranks,
0..100 scores for the framework's indicator-based criteria, and staffing efficiency.

Pure computation, standard library only; no Django import.

Directions
----------
Every KPI key has a *direction* that says which values are better: ``"higher"``,
``"lower"``, ``"band"`` (a target range: too low is as bad as too high, e.g. a very
short AHT usually means rushed calls) or ``None`` (counts and descriptive means, shown
but never scored). :data:`INDICATORS` is the indicator catalogue (``engine.indicators``).

Percentiles of a peer group (the peer quartiles)
------------------------------------------------
One definition throughout, linear interpolation between order statistics (Hyndman &
Fan type 7 = numpy's default ``percentile`` = Excel ``PERCENTILE.INC``). With the
non-null values sorted ascending ``x[0] <= ... <= x[n-1]`` and ``p`` in 0..100::

    h = (n - 1) * p / 100,   k = floor(h)
    P(p) = x[k] + (h - k) * (x[k+1] - x[k])        (P(p) = x[n-1] when k = n - 1)

``q1 = P(25)``, ``median = P(50)``, ``q3 = P(75)``. Best in class is the top decile in the
better direction: ``P(90)`` for "higher", ``P(10)`` for "lower", none for a band.

Percentile rank of an entry (mid-rank, entry included)
------------------------------------------------------
The peer group *includes the entry itself*, as benchmarking tools do. With ``n`` the
non-null values of the group, ``B`` the number strictly worse than the entry's value in
the better direction and ``E`` the number equal to it (the entry itself included, so
``E >= 1``)::

    percentile rank = 100 * (B + E / 2) / n                          (mid-rank ties)

It is 50 on average over a group, and ``rank_higher + rank_lower = 100`` for the same
value; with ``n`` distinct values the best entry gets ``100 * (n - 0.5) / n`` (90 for 5
entries), the worst ``50 / n``. For "higher" it equals ``scipy.stats.percentileofscore(
peers, value, kind="mean")``. For a band, "worse" means a larger normalised distance
from the band (see below); every value inside the band ties. With fewer than
``min_peers`` (default 5) non-null values, entry included, no rank and no peer
statistics are given: :class:`Position` says ``status = "too_few_peers"``.

Scores 0..100 (Decimal, quantized to 0.01, ROUND_HALF_UP)
---------------------------------------------------------
* By percentile (default for "higher"/"lower"): ``score = percentile rank``.
* By band (default for "band"), with the band ``[low, high]`` and a fall-off distance
  on each side::

      d     = low - v  (v < low),   v - high  (v > high),   0 inside
      score = 100 * max(0, 1 - d / falloff_side)

  i.e. 100 inside, falling linearly to 0 at ``low - falloff_low`` and
  ``high + falloff_high``. The band score needs no peers.
* By an organizer's threshold table ``[(threshold, score), ...]``: a piecewise-linear
  function of the value through the rows, constant beyond the first and last rows.
  Rows are listed from worst to best in the better direction, so thresholds are strictly
  increasing for "higher" and strictly decreasing for "lower" (for a band, strictly
  monotonic either way); scores lie in 0..100. Needs no peers.

Scores feed :mod:`ccaward.engine.framework` as ``{criterion_code: {"kpi": score}}``
evidence (:func:`criterion_evidence`).

Volumes
-------
Counts of contacts (``VOLUMES``: offered, answered, abandoned ...) are compared per day
covered (``per_day(value, days_covered(...))``): the distinct days with records, or the
days of the months entered by hand; never as totals over different spans.

Staffing efficiency
-------------------
Over the intervals with calls::

    staffing_efficiency = sum(agents Erlang says were needed) / sum(agents on duty)

with "needed" = :func:`ccaward.engine.erlang.agents_needed` for the interval's load
``calls * aht / interval`` and the season's service-level goal. 1 = staffed exactly as
the target requires, > 1 understaffed, < 1 overstaffed; its default target band is
0.9..1.1.
"""

from __future__ import annotations

from ccaward.engine.benchmark.evidence import criterion_evidence, merge_evidence
from ccaward.engine.benchmark.position import Position, indicator_position, position
from ccaward.engine.benchmark.scoring import (
    ThresholdError,
    ThresholdTable,
    band_score,
    percentile_score,
    threshold_score,
)
from ccaward.engine.benchmark.staffing import StaffingInterval, staffing_efficiency
from ccaward.engine.benchmark.stats import (
    DEFAULT_MIN_PEERS,
    PeerStats,
    peer_stats,
    percentile,
    percentile_rank,
)
from ccaward.engine.benchmark.volumes import VOLUMES, days_covered, per_day
from ccaward.engine.indicators import DIRECTIONS, INDICATORS, Band, Direction, Indicator

__all__ = [
    "DEFAULT_MIN_PEERS",
    "DIRECTIONS",
    "INDICATORS",
    "Band",
    "Direction",
    "Indicator",
    "PeerStats",
    "Position",
    "StaffingInterval",
    "VOLUMES",
    "ThresholdError",
    "ThresholdTable",
    "band_score",
    "criterion_evidence",
    "days_covered",
    "indicator_position",
    "merge_evidence",
    "peer_stats",
    "per_day",
    "percentile",
    "percentile_rank",
    "percentile_score",
    "position",
    "staffing_efficiency",
    "threshold_score",
]
