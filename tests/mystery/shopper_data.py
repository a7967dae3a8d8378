"""The shopper part's test data and helpers: a full set of answers to the default
card, the stage opened or closed, the default scorecard's plain data, a contact,
a local moment."""

from __future__ import annotations

import datetime as dt

import yaml
from django.utils import timezone

from ccaward.engine.mystery.scorecard import DEFAULT_FILE
from ccaward.mystery.models import Contact
from ccaward.seasons import domain as seasons
from ccaward.seasons.enums import StageKind

SECRET_ANSWER = "机密申报内容ZX-42"
TARGET = "400-820-8820"
POINTS = ["核实身份后办理挂失", "告知补卡费用", "说明新卡寄送时间"]
# every item of the default card answered; reached without attempts this scores 100
FULL = {
    "seconds_to_person": "15",
    "ivr_steps": "2",
    "rings": "2",
    "promise_7x24": "yes",
    "greeting": "5",
    "identification": "yes",
    "listening": "5",
    "empathy": "5",
    "accuracy": "3/3",
    "professionalism": "5",
    "hold_etiquette": "na",
    "no_transfer_pingpong": "yes",
    "summary": "yes",
    "further_help": "yes",
    "courteous_end": "5",
}


def set_stage(season, organizer, action: str, kind=StageKind.MYSTERY_CALLS):
    stage = season.stages.get(kind=kind)
    seasons.override_stage(stage=stage, by=organizer, action=action, reason="电话暗访")


def default_definition() -> dict:
    return yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))


def make_contact(*, season, entry, shopper, scenario=None, scorecard=None, number=1, **values):
    values.setdefault("slot", "weekday_peak")
    values.setdefault("channel", "voice")
    values.setdefault("planned_on", timezone.localdate())
    values.setdefault("target", TARGET)
    values.setdefault("created_at", timezone.now() - dt.timedelta(days=365))
    return Contact.objects.create(
        season=season,
        entry=entry,
        number=number,
        shopper=shopper,
        scenario=scenario,
        scorecard=scorecard,
        **values,
    )


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """A local moment of `day`."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))
