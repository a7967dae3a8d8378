"""The scenario library (场景脚本): organizers write a scenario (the caller's story,
what to ask, the points a correct answer must contain) for a category or every
category, optionally an industry and channels. A row is never changed: an edit
is a new row of the same key with version + 1, made from the version the editor
opened (a save based on an older version is refused with both: ScenarioChanged);
retiring is a version too. Contacts point at the version they use: those not yet
begun (planned, no card) follow a new version (or, when it is retired or no longer
fits them, another fitting scenario); a begun card keeps the version it used."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import pgettext

from ccaward.core import audit, text
from ccaward.core.stale import RowChanged
from ccaward.mystery.enums import Channel, ContactStatus
from ccaward.mystery.models import TEXT_MAX, TITLE_MAX, Contact, Scenario
from ccaward.people.rules import is_organizer, is_superuser

FIELDS = ("title", "category", "industry", "channels", "story", "questions", "answer_points")
POINT_MAX = 500
POINTS_MAX = 50
INDUSTRY_MAX = 100


class ScenarioChanged(RowChanged):
    """The scenario has a newer version than the one the editor opened."""

    message = "the scenario changed since it was opened"
    fields = FIELDS


def require_organizer(season, by) -> None:
    if not (is_superuser(by) or is_organizer(by, season)):
        raise PermissionDenied


def labels() -> dict[str, str]:
    return {
        "title": pgettext("scenario", "Title"),
        "category": pgettext("field", "Category"),
        "industry": pgettext("field", "Industry"),
        "channels": pgettext("field", "Contact channels"),
        "story": pgettext("field", "The caller's story"),
        "questions": pgettext("field", "What to ask"),
        "answer_points": pgettext("field", "Answer points"),
    }


def snapshot(row: Scenario) -> dict:
    """A version's values as plain data (compared, audited and shown side by side)."""
    return {
        "title": row.title,
        "category": row.category.name if row.category_id else "",
        "industry": row.industry,
        "channels": list(row.channels or []),
        "story": row.story,
        "questions": row.questions,
        "answer_points": list(row.answer_points or []),
    }


def newest(season, key: str) -> Scenario | None:
    return (
        Scenario.objects.filter(season=season, key=key)
        .select_related("category")
        .order_by("-version")
        .first()
    )


def history(season, key: str) -> list[Scenario]:
    """Every version of a key, newest first."""
    return list(
        Scenario.objects.filter(season=season, key=key)
        .select_related("category", "created_by")
        .order_by("-version")
    )


def latest_versions(season) -> list[Scenario]:
    """The newest version of each key, retired ones included, by title."""
    newest_ids = (
        Scenario.objects.filter(season=season)
        .values("key")
        .annotate(top=Max("version"))
        .values_list("key", "top")
    )
    wanted = set(newest_ids)
    rows = Scenario.objects.filter(season=season).select_related("category")
    return sorted((r for r in rows if (r.key, r.version) in wanted), key=lambda r: (r.title, r.key))


def current_scenarios(season) -> list[Scenario]:
    """The scenarios in use: the newest version of each key, unless retired."""
    return [r for r in latest_versions(season) if not r.retired]


def matching(scenarios, *, category_id, industry: str, channel: str) -> list[Scenario]:
    """The scenarios that fit an entry's category and industry and a channel (a
    scenario without them fits any), by key."""
    return sorted(
        (
            s
            for s in scenarios
            if (s.category_id in (None, category_id))
            and (not s.industry or s.industry == industry)
            and (not s.channels or channel in s.channels)
        ),
        key=lambda s: s.key,
    )


def _points(raw) -> list[str]:
    if isinstance(raw, str):
        raw = raw.splitlines()
    return [str(p).strip() for p in raw or [] if str(p).strip()]


def _clean(season, values: dict) -> dict:
    """The values checked: ValidationError naming each field, nothing written."""
    names = labels()
    errors: dict[str, str] = {}
    raw_points = values.get("answer_points")
    raw_points = raw_points.splitlines() if isinstance(raw_points, str) else raw_points or []
    text.check_all(
        {
            "title": values.get("title") or "",
            "industry": values.get("industry") or "",
            "story": values.get("story") or "",
            "questions": values.get("questions") or "",
            "answer_points": [str(p) for p in raw_points],
        },
        labels=names,
        multiline=("story", "questions"),
    )
    cleaned = {
        k: (values.get(k) or "").strip() for k in ("title", "industry", "story", "questions")
    }
    cleaned["answer_points"] = _points(raw_points)
    for name in ("title", "story", "questions", "answer_points"):
        if not cleaned[name]:
            errors[name] = pgettext("validation", "%(field)s: this is required.") % {
                "field": names[name]
            }
    limits = {"title": TITLE_MAX, "industry": INDUSTRY_MAX, "story": TEXT_MAX}
    limits["questions"] = TEXT_MAX
    for name, limit in limits.items():
        if len(cleaned[name]) > limit:
            errors[name] = pgettext("validation", "%(field)s: at most %(n)s characters.") % {
                "field": names[name],
                "n": limit,
            }
    points = cleaned["answer_points"]
    if len(points) > POINTS_MAX or any(len(p) > POINT_MAX for p in points):
        errors["answer_points"] = pgettext(
            "validation", "%(field)s: at most %(n)s points of %(m)s characters each."
        ) % {"field": names["answer_points"], "n": POINTS_MAX, "m": POINT_MAX}
    channels = list(dict.fromkeys(values.get("channels") or []))
    if bad := [c for c in channels if c not in Channel.values]:
        errors["channels"] = pgettext("validation", "%(field)s: %(values)s is not a channel.") % {
            "field": names["channels"],
            "values": ", ".join(map(str, bad)),
        }
    category = values.get("category")
    if category is not None and category.season_id != season.pk:
        errors["category"] = pgettext("validation", "%(field)s: not a category of this season.") % {
            "field": names["category"]
        }
    if errors:
        raise ValidationError(errors)
    return {**cleaned, "channels": channels, "category": category}


def _next_key(season) -> str:
    keys = set(Scenario.objects.filter(season=season).values_list("key", flat=True))
    n = len(keys) + 1
    while f"scenario-{n}" in keys:
        n += 1
    return f"scenario-{n}"


def _sent(cleaned: dict) -> dict:
    category = cleaned["category"]
    return {**cleaned, "category": category.name if category else ""}


def save_scenario(
    *, season, values: dict, by, key: str | None = None, base_version: int | None = None
) -> Scenario:
    """Write a scenario (organizers). Without `key`: a new scenario, version 1. With
    `key`: a new version (newest + 1) of it, from `base_version` (the version the
    editor opened; ScenarioChanged when it is no longer the newest). `values`:
    title, story, questions, answer_points (lines or a list), industry, category
    (a Category or None), channels (Channel values; empty: any). Side effects: one
    Scenario row, one audit event `mystery.scenario_saved`; the contacts not yet
    begun that used the key move to the new version (or another fitting scenario),
    one audit event `mystery.contacts_follow_scenario` when any moved; the row's
    `moved` says how many."""
    require_organizer(season, by)
    cleaned = _clean(season, values)
    with transaction.atomic():
        if key is None:
            key, version = _next_key(season), 1
        else:
            top = (
                Scenario.objects.select_for_update()
                .filter(season=season, key=key)
                .order_by("-version")
                .first()
            )
            if top is None:
                raise ValidationError({"key": pgettext("validation", "No such scenario.")})
            if base_version is not None and base_version != top.version:
                raise ScenarioChanged(row=top, stored=snapshot(top), sent=_sent(cleaned))
            version = top.version + 1
        row = Scenario.objects.create(
            season=season, key=key, version=version, created_by=by, **cleaned
        )
        audit.record(
            actor=by,
            action="mystery.scenario_saved",
            season=season,
            obj=row,
            summary=f"scenario {key} v{version}",
            data={"title": row.title, "key": key, "version": version, "new": snapshot(row)},
        )
        row.moved = _follow(season, row, by) if version > 1 else 0
    return row


def retire_scenario(*, season, key: str, by, base_version: int | None = None) -> Scenario:
    """Take a scenario out of use (organizers): a new version marked retired, the
    same text. Side effects: one Scenario row, one audit event
    `mystery.scenario_retired`; the contacts not yet begun that used it move to
    another fitting scenario (one audit event `mystery.contacts_follow_scenario`;
    the row's `moved` says how many)."""
    require_organizer(season, by)
    with transaction.atomic():
        top = (
            Scenario.objects.select_for_update()
            .filter(season=season, key=key)
            .order_by("-version")
            .first()
        )
        if top is None:
            raise ValidationError({"key": pgettext("validation", "No such scenario.")})
        if base_version is not None and base_version != top.version:
            raise ScenarioChanged(row=top, stored=snapshot(top), sent=snapshot(top))
        if top.retired:
            top.moved = 0
            return top
        values = {f: getattr(top, f) for f in ("title", "story", "questions", "industry")}
        row = Scenario.objects.create(
            season=season,
            key=key,
            version=top.version + 1,
            category=top.category,
            answer_points=top.answer_points,
            channels=top.channels,
            retired=True,
            created_by=by,
            **values,
        )
        audit.record(
            actor=by,
            action="mystery.scenario_retired",
            season=season,
            obj=row,
            summary=f"scenario {key} retired",
            data={"title": row.title, "key": key, "version": row.version},
        )
        row.moved = _follow(season, row, by)
    return row


def _follow(season, row: Scenario, by) -> int:
    """Move the contacts not yet begun (planned, no card) that use an earlier version
    of the row's key to the row, or, where it is retired or does not fit the contact,
    to the fitting scenario in use the fewest contacts have (by key); a contact with
    none left keeps its version. Returns how many moved; audits them."""
    waiting = list(
        Contact.objects.filter(
            season=season, scenario__key=row.key, status=ContactStatus.PLANNED, cards__isnull=True
        )
        .exclude(scenario=row)
        .select_related("entry__center", "scenario")
    )
    if not waiting:
        return 0
    library = current_scenarios(season)
    used: dict[str, int] = {}
    for key in Contact.objects.filter(season=season, scenario__isnull=False).values_list(
        "scenario__key", flat=True
    ):
        used[key] = used.get(key, 0) + 1
    moved: dict[int, list[int]] = {}
    for contact in waiting:
        fits = matching(
            library,
            category_id=contact.entry.category_id,
            industry=contact.entry.center.industry,
            channel=contact.channel,
        )
        best = (
            row
            if row in fits
            else min(fits, key=lambda s: (used.get(s.key, 0), s.key), default=None)
        )
        if best is None:
            continue
        used[best.key] = used.get(best.key, 0) + 1
        moved.setdefault(best.pk, []).append(contact.pk)
    for pk, ids in moved.items():
        Contact.objects.filter(pk__in=ids).update(
            scenario_id=pk, version=F("version") + 1, updated_at=timezone.now()
        )
    ids = sorted(i for group in moved.values() for i in group)
    if ids:
        audit.record(
            actor=by,
            action="mystery.contacts_follow_scenario",
            season=season,
            obj=row,
            summary=f"{len(ids)} planned contacts moved from scenario {row.key}",
            data={
                "title": row.title,
                "key": row.key,
                "version": row.version,
                "count": len(ids),
                "contacts": ids,
                "to": sorted(moved),
            },
        )
    return len(ids)
