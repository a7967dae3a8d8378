"""Contact-center indicators over the table ``interactions`` (standard schema).

Pure computation in SQL on the engine's backend (``engine.sql``); no Django import.
Every formula is in ``docs/kpis.md``.

Per contact (``T`` = ``sl_seconds``, ``S`` = ``short_abandon_seconds``)::

    queued          queued_at IS NOT NULL                      (asked for an agent)
    wait            answered_at - queued_at  if answered, else ended_at - queued_at
    answered        queued AND answered_at IS NOT NULL
    queue abandon   queued AND answered_at IS NULL
    short_abandoned queue abandon AND wait < S                 (none when S = 0)
    abandoned       queue abandon AND NOT short                (the counted abandons)
    ivr_abandoned   queued_at IS NULL AND abandon_point = 'ivr' (not a queue abandon)
    offered         answered + abandoned = queued - short_abandoned

    answer_rate     = answered / offered
    answer_rate_Xs  = answered with wait <= X / offered        (X = 15, 20)
    abandon_rate    = abandoned / offered
    service_level   failed : answered within T / offered
                    ignored: answered within T / answered
                    met    : (answered within T + abandoned within T) / offered
    asa_s           = mean wait of answered contacts
    avg_wait_s      = mean wait of all queued contacts (short abandons included)
    max_wait_s      = longest wait of a queued contact
    aht_s           = mean of talk_s + coalesce(hold_s, 0) + coalesce(acw_s, 0) over
                      answered contacts with talk_s
    talk_s, hold_s, acw_s = means over answered contacts where given
    transfer_rate   = transferred / answered contacts with transferred given
    fcr_rate        = repeat (default): answered contacts of identified customers with no
                      later contact by the same customer (same center, any channel)
                      within fcr_days (next arrival - arrival <= fcr_days counts as a
                      repeat) / those;
                      outcome: answered contacts whose outcome is one of the resolved
                      codes / answered contacts with an outcome
    csat_avg        = mean csat; csat_top2 = share of csat >= 4
    nps             = (share of nps 9-10) - (share of nps 0-6), a fraction in -1..1
    ivr_containment = contacts that never asked for an agent (queued_at NULL) / contacts
    occupancy       = (busy + acw seconds) / (busy + acw + available seconds) of the
                      agent-state intervals (table agent_states) in the group; the
                      intervals are split at the boundaries of the finest time key so
                      each piece counts in its own period. NULL without agent states,
                      or when grouped by channel or queue (states have neither)
    adherence       = seconds in adherence / scheduled seconds of the agents' schedules
                      (table schedules) in the group: scheduled ``work`` is in adherence
                      while the agent is available, busy or in acw; time scheduled off
                      the phones (break, meeting, training, other) while the agent is
                      not. Split at period boundaries like occupancy. NULL without
                      schedules or agent states, or when grouped by channel or queue

A ratio is NULL when its denominator is 0; a mean is NULL when no row gives it.

Modules: ``groups`` (group keys and the time grid), ``figures`` (``compute_sql`` in
named steps), ``agent_time`` (occupancy and adherence), ``compute`` (running it),
``staffing`` (per-interval load and agents on duty), ``monthly`` (figures from monthly
totals). The indicators' names, units and directions are the catalogue's
(``engine.indicators``).
"""

from ccaward.engine.kpi.agent_time import has_agent_states, has_schedules
from ccaward.engine.kpi.compute import compute, configure, fcr_settings
from ccaward.engine.kpi.figures import ABANDON_TREATMENTS, FCR_METHODS, INDICATORS, compute_sql
from ccaward.engine.kpi.groups import GROUP_KEYS, parse_by
from ccaward.engine.kpi.monthly import MONTHLY_FIELDS, from_monthly
from ccaward.engine.kpi.staffing import staffing_intervals

__all__ = [
    "ABANDON_TREATMENTS",
    "FCR_METHODS",
    "GROUP_KEYS",
    "INDICATORS",
    "MONTHLY_FIELDS",
    "compute",
    "compute_sql",
    "configure",
    "fcr_settings",
    "from_monthly",
    "has_agent_states",
    "has_schedules",
    "parse_by",
    "staffing_intervals",
]
