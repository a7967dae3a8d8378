"""How the season set-up's audit events read: seasons, stages, categories, the framework."""

from django.utils.translation import pgettext, pgettext_lazy

from ccaward.core.audit_text import Label, join
from ccaward.seasons.enums import StageKind


def stage_name(kind) -> str:
    return str(StageKind(kind).label) if kind in StageKind.values else str(kind)


def gate_note(text) -> str:
    """A closed stage's correction note (seasons.gates.require_open) in the reader's language."""
    prefix = "organizer correction while closed: "
    if not isinstance(text, str) or not text.startswith(prefix):
        return str(text)
    kinds = [k.strip() for k in text[len(prefix) :].split(",")]
    return pgettext("audit", "An organizer's correction while %(stages)s was closed") % {
        "stages": join(stage_name(k) for k in kinds)
    }


def _changed_stages(data: dict) -> dict:
    return {"stages": join(stage_name(k) for k in data)}


AUDIT_VALUES = {"stage": stage_name, "note": gate_note, "correction": gate_note}

AUDIT_LABELS = {
    "season.created": Label(
        pgettext_lazy("audit", "Season created"),
        pgettext_lazy("audit", "%(actor)s created the season %(season)s"),
    ),
    "season.changed": Label(
        pgettext_lazy("audit", "Season changed"),
        pgettext_lazy("audit", "%(actor)s changed the season: %(fields)s"),
    ),
    "stage.dates_changed": Label(
        pgettext_lazy("audit", "Stage dates changed"),
        pgettext_lazy("audit", "%(actor)s changed the dates of %(stages)s"),
        _changed_stages,
    ),
    "stage.override.open": Label(
        pgettext_lazy("audit", "Stage opened early"),
        pgettext_lazy("audit", "%(actor)s opened %(stage)s early"),
    ),
    "stage.override.closed": Label(
        pgettext_lazy("audit", "Stage closed early"),
        pgettext_lazy("audit", "%(actor)s closed %(stage)s early"),
    ),
    "stage.override.schedule": Label(
        pgettext_lazy("audit", "Stage back to schedule"),
        pgettext_lazy("audit", "%(actor)s returned %(stage)s to its schedule"),
    ),
    "category.created": Label(
        pgettext_lazy("audit", "Category added"),
        pgettext_lazy("audit", "%(actor)s added the category %(name)s"),
    ),
    "category.changed": Label(
        pgettext_lazy("audit", "Category changed"),
        pgettext_lazy("audit", "%(actor)s changed the category %(name)s: %(fields)s"),
    ),
    "category.deleted": Label(
        pgettext_lazy("audit", "Category deleted"),
        pgettext_lazy("audit", "%(actor)s deleted the category %(name)s"),
    ),
    "framework.installed": Label(
        pgettext_lazy("audit", "Framework installed"),
        pgettext_lazy("audit", "%(actor)s installed version %(version)s of the framework"),
    ),
    "framework.changed": Label(
        pgettext_lazy("audit", "Framework changed"),
        pgettext_lazy("audit", "%(actor)s changed version %(version)s of the framework"),
    ),
    "framework.frozen": Label(
        pgettext_lazy("audit", "Framework frozen"),
        pgettext_lazy("audit", "Version %(version)s of the framework was frozen as judging began"),
    ),
    "framework.new_version": Label(
        pgettext_lazy("audit", "New framework version"),
        pgettext_lazy("audit", "%(actor)s made version %(version)s of the framework"),
    ),
}
