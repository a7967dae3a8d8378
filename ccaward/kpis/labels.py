"""How indicators are named and shown in the pages (the engine keeps the keys)."""

from django.utils.translation import pgettext_lazy

LABELS = {
    "offered": pgettext_lazy("kpi", "Offered"),
    "answered": pgettext_lazy("kpi", "Answered"),
    "abandoned": pgettext_lazy("kpi", "Abandoned in queue"),
    "short_abandoned": pgettext_lazy("kpi", "Short abandons"),
    "ivr_abandoned": pgettext_lazy("kpi", "Hung up in the IVR"),
    "answer_rate": pgettext_lazy("kpi", "Answer rate"),
    "answer_rate_15s": pgettext_lazy("kpi", "Answered within 15 s"),
    "answer_rate_20s": pgettext_lazy("kpi", "Answered within 20 s"),
    "abandon_rate": pgettext_lazy("kpi", "Abandon rate"),
    "service_level": pgettext_lazy("kpi", "Service level"),
    "asa_s": pgettext_lazy("kpi", "Average speed of answer"),
    "avg_wait_s": pgettext_lazy("kpi", "Average wait"),
    "max_wait_s": pgettext_lazy("kpi", "Longest wait"),
    "aht_s": pgettext_lazy("kpi", "Average handle time"),
    "talk_s": pgettext_lazy("kpi", "Average talk time"),
    "hold_s": pgettext_lazy("kpi", "Average hold time"),
    "acw_s": pgettext_lazy("kpi", "Average after-contact work"),
    "transfer_rate": pgettext_lazy("kpi", "Transfer rate"),
    "fcr_rate": pgettext_lazy("kpi", "First contact resolution"),
    "csat_avg": pgettext_lazy("kpi", "Customer satisfaction (1–5)"),
    "csat_top2": pgettext_lazy("kpi", "Satisfied customers (top 2 box)"),
    "nps": pgettext_lazy("kpi", "Net promoter score"),
    "ivr_containment": pgettext_lazy("kpi", "IVR containment"),
    "occupancy": pgettext_lazy("kpi", "Occupancy"),
    "adherence": pgettext_lazy("kpi", "Schedule adherence"),
    "staffing_efficiency": pgettext_lazy("kpi", "Staffing efficiency"),
    "attrition_rate": pgettext_lazy("kpi", "Staff attrition"),
}

# the loader's rules (ccaward.engine.interactions), as the upload list names them
RULES = {
    "missing_value": pgettext_lazy("rule", "Required value missing"),
    "unparseable_timestamp": pgettext_lazy("rule", "Time not understood"),
    "unparseable_value": pgettext_lazy("rule", "Number or yes/no not understood"),
    "negative_duration": pgettext_lazy("rule", "Negative duration, or ended before arrival"),
    "answered_before_arrival": pgettext_lazy("rule", "Answered or queued before arrival"),
    "out_of_range": pgettext_lazy("rule", "Value out of range"),
    "duplicate_contact_id": pgettext_lazy("rule", "Repeated contact id"),
    "ended_before_started": pgettext_lazy("rule", "Ends before it starts"),
    "overlapping_interval": pgettext_lazy("rule", "Overlaps an earlier interval of the agent"),
    "empty_file": pgettext_lazy("rule", "Empty file"),
    "encoding": pgettext_lazy("rule", "Text encoding not UTF-8 or GBK"),
    "missing_column": pgettext_lazy("rule", "Column missing"),
    "missing_sheet": pgettext_lazy("rule", "Sheet missing"),
    "unreadable_file": pgettext_lazy("rule", "File cannot be read"),
}
INPUTS = {
    "records": pgettext_lazy("kpi", "Interaction records"),
    "agent_states": pgettext_lazy("kpi", "Agent states"),
    "schedules": pgettext_lazy("kpi", "Agent schedules"),
}

COUNTS = {"offered", "answered", "abandoned", "short_abandoned", "ivr_abandoned"}
SECONDS = {"asa_s", "avg_wait_s", "max_wait_s", "aht_s", "talk_s", "hold_s", "acw_s"}
PLAIN = {"csat_avg", "staffing_efficiency"}

# the indicators shown on the benchmark board, in order
BOARD = [
    "answer_rate",
    "abandon_rate",
    "service_level",
    "asa_s",
    "aht_s",
    "fcr_rate",
    "csat_avg",
    "transfer_rate",
    "occupancy",
    "adherence",
    "staffing_efficiency",
    "attrition_rate",
]


def display(key: str, value) -> str:
    """A value as people read it: 81.7 %, 73.8 s, 38,433, 4.21."""
    if value is None:
        return "—"
    if key in COUNTS:
        return f"{int(value):,}"
    if key in SECONDS:
        return f"{value:,.1f} s"
    if key in PLAIN:
        return f"{value:.2f}"
    if key == "nps":
        return f"{value * 100:+.0f}"
    return f"{value * 100:.1f} %"
