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
