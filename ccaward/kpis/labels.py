"""How indicators, loader rules, inputs and mapping files are named and shown in the pages.

The indicators' names, display formats and the board's columns come from the engine's
catalogue (``ccaward.engine.indicators``), which carries both languages: a label here
picks one by the active language when it is shown. The mapping files' descriptions come
from the files (``ccaward.engine.mappings``) the same way.
"""

from django.utils.functional import lazy
from django.utils.translation import get_language, pgettext_lazy

from ccaward.engine import indicators, mappings
from ccaward.engine.indicators import INDICATORS


def _name(key: str) -> str:
    return INDICATORS[key].name(get_language())


#: An indicator's name in the active language, decided when it is shown.
label = lazy(_name, str)

LABELS = {key: label(key) for key in INDICATORS}

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
    "oversized_file": pgettext_lazy("rule", "File expands beyond the limit"),
    "answered_without_queue": pgettext_lazy("rule", "Answered without a queue time"),
    "outside_period": pgettext_lazy("rule", "Outside the season's period"),
}
# the standard fields of the interaction records (engine.interactions.SCHEMA): their
# names and what each holds, for the mapping step and the data-format page
FIELD_NAMES = {
    "contact_id": pgettext_lazy("standard field", "Contact id"),
    "center": pgettext_lazy("standard field", "Contact center"),
    "channel": pgettext_lazy("standard field", "Channel"),
    "direction": pgettext_lazy("standard field", "Direction"),
    "queue": pgettext_lazy("standard field", "Queue or skill"),
    "customer_key": pgettext_lazy("standard field", "Customer"),
    "arrived_at": pgettext_lazy("standard field", "Arrival time"),
    "queued_at": pgettext_lazy("standard field", "Queue-entry time"),
    "answered_at": pgettext_lazy("standard field", "Answer time"),
    "ended_at": pgettext_lazy("standard field", "End time"),
    "abandon_point": pgettext_lazy("standard field", "Where it was abandoned"),
    "talk_s": pgettext_lazy("standard field", "Talk seconds"),
    "hold_s": pgettext_lazy("standard field", "Hold seconds"),
    "acw_s": pgettext_lazy("standard field", "After-contact work seconds"),
    "agent_key": pgettext_lazy("standard field", "Agent"),
    "transferred": pgettext_lazy("standard field", "Transferred"),
    "outcome": pgettext_lazy("standard field", "Outcome code"),
    "csat": pgettext_lazy("standard field", "Satisfaction (1–5)"),
    "nps": pgettext_lazy("standard field", "Likelihood to recommend (0–10)"),
}
FIELD_HELP = {
    "contact_id": pgettext_lazy(
        "standard field", "Unique in the file; a repeated id is a bad row."
    ),
    "center": pgettext_lazy("standard field", "The contact center; one center per upload."),
    "channel": pgettext_lazy("standard field", "voice, webchat, app, wechat, email, video …"),
    "direction": pgettext_lazy("standard field", "inbound or outbound."),
    "queue": pgettext_lazy("standard field", "The queue or skill the contact waited in."),
    "customer_key": pgettext_lazy(
        "standard field",
        "Who called (a customer number or the caller's number); empty = unidentified. Repeat contacts within the FCR window give first-contact resolution.",
    ),
    "arrived_at": pgettext_lazy("standard field", "When the contact entered the IVR or system."),
    "queued_at": pgettext_lazy(
        "standard field",
        "When it asked for an agent; empty = never left the IVR. A contact counts as offered from this time.",
    ),
    "answered_at": pgettext_lazy("standard field", "When an agent answered; empty = not answered."),
    "ended_at": pgettext_lazy("standard field", "Hang-up, abandon or the start of wrap-up."),
    "abandon_point": pgettext_lazy("standard field", "ivr, queue or ringing; empty when answered."),
    "talk_s": pgettext_lazy("standard field", "Seconds, or H:MM:SS."),
    "hold_s": pgettext_lazy("standard field", "Seconds, or H:MM:SS."),
    "acw_s": pgettext_lazy("standard field", "Seconds, or H:MM:SS."),
    "agent_key": pgettext_lazy("standard field", "The agent who answered."),
    "transferred": pgettext_lazy("standard field", "true/false, 1/0 or yes/no."),
    "outcome": pgettext_lazy("standard field", "The disposition code of the contact."),
    "csat": pgettext_lazy("standard field", "A whole number 1 to 5 when surveyed."),
    "nps": pgettext_lazy("standard field", "A whole number 0 to 10 when surveyed."),
}
INPUTS = {
    "records": pgettext_lazy("kpi", "Interaction records"),
    "agent_states": pgettext_lazy("kpi", "Agent states"),
    "schedules": pgettext_lazy("kpi", "Agent schedules"),
}


def _shown_as(display: str) -> set[str]:
    return {key for key, ind in INDICATORS.items() if ind.display == display}


COUNTS = _shown_as("count")
SECONDS = _shown_as("seconds")
PLAIN = _shown_as("decimal")

# the indicators shown on the benchmark board, in order
BOARD = list(indicators.BOARD)

_FORMATS = {
    "count": lambda v: f"{int(v):,}",
    "seconds": lambda v: f"{v:,.1f} s",
    "decimal": lambda v: f"{v:.2f}",
    "points": lambda v: f"{v * 100:+.0f}",
    "percent": lambda v: f"{v * 100:.1f} %",
}


def display(key: str, value) -> str:
    """A value as people read it: 81.7 %, 73.8 s, 38,433, 4.21, +12 (NPS)."""
    if value is None:
        return "—"
    ind = INDICATORS.get(key)
    return _FORMATS[ind.display if ind else "percent"](value)


def scored_choices() -> list[tuple[str, str]]:
    """(key, name) of every indicator with a better direction (those a threshold table
    can score), in catalogue order."""
    return [(key, LABELS[key]) for key, ind in INDICATORS.items() if ind.direction]


def mapping_choices() -> list[tuple[str, str]]:
    """(name, description) of every column mapping file, in the active language."""
    language = get_language()
    return [(m.name, m.description(language)) for m in mappings.registry().values()]
