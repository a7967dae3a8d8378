"""The settings of the season's mystery-contact plan: contacts per entry, channels,
the window of dates with holidays and make-up working days (调休), the seed, the
cap per shopper and entry, and per-entry overrides (contacts, channels, 7x24, the
number or address per channel), each entry's defaults read from its application.
Running the planner is planning.py."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import pgettext

from ccaward.core import audit, text
from ccaward.core.stale import RowChanged
from ccaward.mystery.domain.scenarios import require_organizer
from ccaward.mystery.enums import Channel, ContactStatus
from ccaward.mystery.models import TARGET_MAX, Contact, PlanSettings
from ccaward.seasons.enums import StageKind

SETTINGS = (
    "contacts_per_entry",
    "channels",
    "starts_on",
    "ends_on",
    "holidays",
    "workdays",
    "seed",
    "max_per_pair",
)
CONTACTS_MAX = 50
DAYS_MAX = 200
# the application form's 服务渠道 options (form_default.yaml) as the planner's channels
APP_CHANNELS = {
    "voice": Channel.VOICE,
    "web_chat": Channel.WEBCHAT,
    "social": Channel.WECHAT,
    "app": Channel.APP,
    "email": Channel.EMAIL,
}
ROUND_THE_CLOCK = "round_the_clock"


class PlanChanged(RowChanged):
    message = "the plan settings changed since they were opened"
    fields = (*SETTINGS, "per_entry")


def plan_settings(season) -> PlanSettings:
    """The season's settings; unsaved defaults (the 电话暗访 stage's dates, the
    phone) until an organizer saves them."""
    row = PlanSettings.objects.filter(season=season).first()
    if row is not None:
        return row
    stage = season.stage(StageKind.MYSTERY_CALLS)
    starts = timezone.localdate(stage.opens_at) if stage else None
    ends = timezone.localdate(stage.closes_at) if stage else None
    return PlanSettings(season=season, channels=[Channel.VOICE], starts_on=starts, ends_on=ends)


def _dates(values) -> set[dt.date]:
    return {dt.date.fromisoformat(v) if isinstance(v, str) else v for v in values or []}


def holidays_of(season) -> tuple[set[dt.date], set[dt.date]]:
    """(holidays, make-up working days) of the season's plan."""
    settings = plan_settings(season)
    return _dates(settings.holidays), _dates(settings.workdays)


def snapshot(row: PlanSettings) -> dict:
    out = {name: getattr(row, name) for name in SETTINGS}
    for name in ("starts_on", "ends_on"):
        out[name] = out[name].isoformat() if out[name] else None
    return out | {"per_entry": row.per_entry}


def labels() -> dict[str, str]:
    return {
        "contacts_per_entry": pgettext("field", "Contacts per entry"),
        "channels": pgettext("field", "Contact channels"),
        "starts_on": pgettext("field", "First day"),
        "ends_on": pgettext("field", "Last day"),
        "holidays": pgettext("field", "Holidays"),
        "workdays": pgettext("field", "Make-up working days (调休)"),
        "seed": pgettext("field", "Seed"),
        "max_per_pair": pgettext("field", "Most contacts of one shopper with one entry"),
        "contacts": pgettext("field", "Contacts"),
        "claims_24x7": pgettext("field", "Claims 7x24 service"),
        "targets": pgettext("field", "Number or address"),
    }


def _whole(value, name: str, low: int, high: int, errors: dict, *, empty=False):
    if value in (None, "") and empty:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        errors[name] = pgettext(
            "validation", "%(field)s: a whole number from %(low)s to %(high)s."
        ) % {
            "field": labels()[name],
            "low": low,
            "high": high,
        }
    return value


def _channels(value, name: str, errors: dict) -> list[str]:
    channels = list(dict.fromkeys(value or []))
    if not channels or any(c not in Channel.values for c in channels):
        errors[name] = pgettext("validation", "%(field)s: pick one or more of the channels.") % {
            "field": labels()[name]
        }
    return channels


def stage_days(season) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the 电话暗访 stage (local), or None when unset."""
    stage = season.stage(StageKind.MYSTERY_CALLS)
    if stage is None or not stage.opens_at or not stage.closes_at:
        return None
    return timezone.localdate(stage.opens_at), timezone.localdate(stage.closes_at)


def _check_window(season, out: dict, errors: dict, today: dt.date) -> None:
    """The window not over before today and within the stage's days."""
    names = labels()
    if out["ends_on"] < today:
        errors["ends_on"] = pgettext(
            "validation", "%(field)s: %(day)s is past (today is %(today)s)."
        ) % {"field": names["ends_on"], "day": out["ends_on"].isoformat(), "today": today}
    span = stage_days(season)
    if span and (out["starts_on"] < span[0] or out["ends_on"] > span[1]):
        name = "starts_on" if out["starts_on"] < span[0] else "ends_on"
        errors.setdefault(
            name,
            pgettext(
                "validation",
                "%(field)s: the window must lie within the mystery-call stage, "
                "%(opens)s to %(closes)s.",
            )
            % {"field": names[name], "opens": span[0], "closes": span[1]},
        )


def _check_days(out: dict, errors: dict) -> None:
    """Holidays and make-up working days inside the window; a make-up working day
    is a Saturday or Sunday, a holiday a weekday (a weekend is off already)."""
    names = labels()
    window = out.get("starts_on"), out.get("ends_on")
    rules = (
        (
            "holidays",
            lambda d: d.weekday() >= 5,
            pgettext("validation", "%(field)s: %(days)s is a weekend day already."),
        ),
        (
            "workdays",
            lambda d: d.weekday() < 5,
            pgettext(
                "validation",
                "%(field)s: %(days)s is a weekday: a make-up working day is a Saturday or Sunday.",
            ),
        ),
    )
    for name, wrong, message in rules:
        days = [dt.date.fromisoformat(d) for d in out[name]]
        dated = all(isinstance(w, dt.date) for w in window)
        outside = [d.isoformat() for d in days if dated and not window[0] <= d <= window[1]]
        if outside:
            errors.setdefault(
                name,
                pgettext("validation", "%(field)s: %(days)s is outside the window.")
                % {"field": names[name], "days": ", ".join(outside)},
            )
        if bad := [d.isoformat() for d in days if wrong(d)]:
            errors.setdefault(
                name,
                message % {"field": names[name], "days": ", ".join(bad)},
            )


def _clean_settings(values: dict, season=None, today: dt.date | None = None) -> dict:
    errors: dict[str, str] = {}
    out = {
        "contacts_per_entry": _whole(
            values.get("contacts_per_entry"), "contacts_per_entry", 1, CONTACTS_MAX, errors
        ),
        "seed": _whole(values.get("seed", 0), "seed", 0, 2**31 - 1, errors),
        "max_per_pair": _whole(
            values.get("max_per_pair"), "max_per_pair", 1, CONTACTS_MAX, errors, empty=True
        ),
        "channels": _channels(values.get("channels"), "channels", errors),
        "starts_on": values.get("starts_on"),
        "ends_on": values.get("ends_on"),
    }
    for name in ("starts_on", "ends_on"):
        if not isinstance(out[name], dt.date):
            errors[name] = pgettext("validation", "%(field)s: give a date.") % {
                "field": labels()[name]
            }
    if "starts_on" not in errors and "ends_on" not in errors:
        if out["ends_on"] < out["starts_on"]:
            errors["ends_on"] = pgettext("validation", "%(field)s: not before the first day.") % {
                "field": labels()["ends_on"]
            }
        elif (out["ends_on"] - out["starts_on"]).days > DAYS_MAX:
            errors["ends_on"] = pgettext(
                "validation", "%(field)s: the window is at most %(n)s days."
            ) % {"field": labels()["ends_on"], "n": DAYS_MAX}
        elif season is not None:
            _check_window(season, out, errors, today or timezone.localdate())
    for name in ("holidays", "workdays"):
        days = sorted(_dates(values.get(name)))
        if len(days) > DAYS_MAX:
            errors[name] = pgettext("validation", "%(field)s: at most %(n)s days.") % {
                "field": labels()[name],
                "n": DAYS_MAX,
            }
        out[name] = [d.isoformat() for d in days]
    if both := sorted(set(out["holidays"]) & set(out["workdays"])):
        errors["workdays"] = pgettext("validation", "%(field)s: %(days)s is a holiday as well.") % {
            "field": labels()["workdays"],
            "days": ", ".join(both),
        }
    if "starts_on" not in errors:
        _check_days(out, errors)
    if errors:
        raise ValidationError(errors)
    return out


def _locked_settings(season, base_version, sent: dict) -> PlanSettings:
    row = PlanSettings.objects.select_for_update().filter(season=season).first()
    if row is None:
        row = plan_settings(season)
        row.version = 0
    if base_version is not None and base_version != row.version:
        raise PlanChanged(row=row, stored=snapshot(row), sent=sent)
    return row


def save_settings(*, season, values: dict, by, base_version: int | None = None) -> PlanSettings:
    """Change the plan's settings from `base_version` (PlanChanged when they moved
    on). `values`: contacts_per_entry, channels, starts_on, ends_on (dates),
    holidays, workdays (dates), seed, max_per_pair (None: no cap). Refused by
    field: a window over before today or outside the 电话暗访 stage's days, holidays
    or make-up working days outside the window, a make-up working day on a weekday,
    a holiday on a weekend, no contacts per entry. Side effects: the PlanSettings
    row, one audit event `mystery.plan_settings_changed`."""
    require_organizer(season, by)
    cleaned = _clean_settings(values, season)
    with transaction.atomic():
        row = _locked_settings(season, base_version, cleaned)
        old = snapshot(row) if row.pk else None
        for name, value in cleaned.items():
            setattr(row, name, value)
        row.version += 1
        row.updated_by, row.updated_at = by, timezone.now()
        row.save()
        audit.record(
            actor=by,
            action="mystery.plan_settings_changed",
            season=season,
            obj=row,
            summary="mystery plan settings",
            data={"old": old, "new": snapshot(row)},
        )
    return row


def _clean_override(values: dict) -> dict:
    errors: dict[str, str] = {}
    out: dict = {}
    if values.get("contacts") not in (None, ""):
        out["contacts"] = _whole(values["contacts"], "contacts", 0, CONTACTS_MAX, errors)
    if values.get("channels"):
        out["channels"] = _channels(values["channels"], "channels", errors)
    if values.get("claims_24x7") is not None:
        out["claims_24x7"] = bool(values["claims_24x7"])
    targets = {
        k: str(v).strip() for k, v in (values.get("targets") or {}).items() if str(v).strip()
    }
    if any(k not in Channel.values for k in targets) or any(
        len(v) > TARGET_MAX for v in targets.values()
    ):
        errors["targets"] = pgettext(
            "validation", "%(field)s: at most %(n)s characters for a channel."
        ) % {"field": labels()["targets"], "n": TARGET_MAX}
    text.check(list(targets.values()), field=labels()["targets"])
    if targets:
        out["targets"] = targets
    if errors:
        raise ValidationError(errors)
    return out


def save_entry_settings(*, season, entry, values: dict, by, base_version: int | None = None):
    """Override the plan for one entry (empty values: its defaults). `values`:
    contacts, channels, claims_24x7 (None: from its application), targets
    ({channel: number or address}; given means confirmed). Side effects: the
    PlanSettings row's per_entry, the entry's planned contacts not yet begun take
    its numbers or addresses, one audit event `mystery.entry_settings_changed`."""
    require_organizer(season, by)
    if entry.season_id != season.pk:
        raise ValidationError({"entry": pgettext("validation", "Not an entry of this season.")})
    override = _clean_override(values)
    with transaction.atomic():
        row = _locked_settings(season, base_version, {"per_entry": override})
        per_entry = dict(row.per_entry or {})
        old = per_entry.pop(str(entry.pk), None)
        if override:
            per_entry[str(entry.pk)] = override
        row.per_entry = per_entry
        row.version += 1
        row.updated_by, row.updated_at = by, timezone.now()
        row.save()
        moved = _retarget(entry, entry_plan(entry, row)["targets"])
        audit.record(
            actor=by,
            action="mystery.entry_settings_changed",
            season=season,
            obj=row,
            summary=f"mystery plan of entry {entry.pk}",
            data={
                "center": entry.center.name,
                "old": old,
                "new": override or None,
                "retargeted": moved,
            },
        )
    return row


def _retarget(entry, targets: dict) -> list[int]:
    """The entry's contacts not yet begun (planned, no card) take its number or
    address per channel; returns their ids."""
    moved = []
    waiting = Contact.objects.filter(
        entry=entry, status=ContactStatus.PLANNED, cards__isnull=True
    ).distinct()
    for contact in waiting:
        target = targets.get(contact.channel, "")
        if target and target != contact.target:
            Contact.objects.filter(pk=contact.pk).update(
                target=target, version=F("version") + 1, updated_at=timezone.now()
            )
            moved.append(contact.pk)
    return moved


def entry_defaults(entry, settings: PlanSettings) -> dict:
    """What the plan gives an entry before overrides: the channels of the settings
    it serves (its application's 服务渠道; all of them when it names none of them),
    7x24 when its 服务时间 is round the clock, the number from its application."""
    answers = entry.answers or {}
    served = {APP_CHANNELS[c] for c in answers.get("service_channels") or [] if c in APP_CHANNELS}
    channels = [c for c in settings.channels if c in served] or list(settings.channels)
    org = entry.center.organization
    targets = {
        Channel.VOICE: str(answers.get("enterprise_phone") or ""),
        Channel.WECHAT: str(answers.get("enterprise_wechat") or org.wechat or ""),
        Channel.WEBCHAT: str(answers.get("enterprise_website") or org.website or ""),
    }
    return {
        "contacts": settings.contacts_per_entry,
        "channels": channels,
        "claims_24x7": answers.get("service_hours") == ROUND_THE_CLOCK,
        "targets": {k: v for k, v in targets.items() if v},
    }


def entry_plan(entry, settings: PlanSettings) -> dict:
    """The entry's defaults with its overrides applied (`overridden`: their names;
    `unconfirmed`: the planned channels whose number or address is still the one
    read from the application, which may be a switchboard rather than the service
    line, until an organizer confirms or edits it)."""
    plan = entry_defaults(entry, settings)
    override = (settings.per_entry or {}).get(str(entry.pk)) or {}
    for name in ("contacts", "channels", "claims_24x7"):
        if name in override:
            plan[name] = override[name]
    confirmed = override.get("targets", {})
    plan["targets"] = {**plan["targets"], **confirmed}
    unconfirmed = [c for c in plan["channels"] if c in plan["targets"] and c not in confirmed]
    return plan | {"overridden": sorted(override), "unconfirmed": unconfirmed}
