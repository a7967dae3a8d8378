"""The season's mystery shoppers (暗访员): the roster (added by hand or made for
the people holding the mystery-shopper role), what the conflict rules read
(employer, former employers, affiliations, e-mail), each one's most contacts,
and exclusions from entries. `blocked_pairs` says which shopper may not contact
which entry and why: the judges' conflict rules (engine/conflicts.py, the entries
as judging sees them) and the exclusions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import pgettext

from ccaward.core import audit, text
from ccaward.core.stale import RowChanged
from ccaward.engine import conflicts as engine
from ccaward.judging.domain.detection import competing_entries, engine_entries, engine_judges
from ccaward.judging.enums import ConflictSource
from ccaward.mystery.domain.scenarios import require_organizer
from ccaward.mystery.models import REASON_MAX, ShopperExclusion, ShopperProfile
from ccaward.people.enums import Role
from ccaward.people.models import SeasonRole

FIELDS = ("name", "email", "phone", "employer", "former_employers", "affiliations", "max_load")
NAMES_MAX = 20
LOAD_MAX = 1000


class ShopperChanged(RowChanged):
    message = "the shopper changed since it was opened"
    fields = FIELDS


def shopper_of(user, season) -> ShopperProfile | None:
    """The user's shopper profile in the season: by account, else by e-mail."""
    if not getattr(user, "is_authenticated", False):
        return None
    rows = ShopperProfile.objects.filter(season=season)
    return rows.filter(user=user).first() or rows.filter(email__iexact=user.email).first()


def roster(season) -> list[ShopperProfile]:
    return list(ShopperProfile.objects.filter(season=season).select_related("user"))


def labels() -> dict[str, str]:
    return {
        "name": pgettext("field", "Name"),
        "email": pgettext("field", "E-mail"),
        "phone": pgettext("field", "Phone"),
        "employer": pgettext("field", "Current employer"),
        "former_employers": pgettext("field", "Former employers"),
        "affiliations": pgettext("field", "Affiliations"),
        "max_load": pgettext("field", "Most contacts"),
    }


def snapshot(row: ShopperProfile) -> dict:
    return {f: getattr(row, f) for f in FIELDS} | {"active": row.active}


def _names(raw) -> list[str]:
    if isinstance(raw, str):
        raw = raw.splitlines()
    return list(dict.fromkeys(str(n).strip() for n in raw or [] if str(n).strip()))


def _clean(season, values: dict, shopper) -> dict:
    names = labels()
    raw = {k: values.get(k) or "" for k in ("name", "email", "phone", "employer")}
    lists = {k: values.get(k) or [] for k in ("former_employers", "affiliations")}
    lists = {
        k: v.splitlines() if isinstance(v, str) else [str(x) for x in v] for k, v in lists.items()
    }
    text.check_all({**raw, **lists}, labels=names)
    cleaned = {k: str(v).strip() for k, v in raw.items()} | {k: _names(v) for k, v in lists.items()}
    cleaned["email"] = cleaned["email"].lower()
    errors: dict[str, str] = {}
    if not cleaned["name"]:
        errors["name"] = pgettext("validation", "%(field)s: this is required.") % {
            "field": names["name"]
        }
    try:
        validate_email(cleaned["email"])
    except ValidationError:
        errors["email"] = pgettext("validation", "%(field)s: not an e-mail address.") % {
            "field": names["email"]
        }
    limits = {"name": 100, "phone": 40, "employer": 200, "email": 254}
    for name, limit in limits.items():
        if len(cleaned[name]) > limit:
            errors[name] = pgettext("validation", "%(field)s: at most %(n)s characters.") % {
                "field": names[name],
                "n": limit,
            }
    for name in ("former_employers", "affiliations"):
        if len(cleaned[name]) > NAMES_MAX or any(len(n) > 200 for n in cleaned[name]):
            errors[name] = pgettext(
                "validation", "%(field)s: at most %(n)s names of %(m)s characters each."
            ) % {"field": names[name], "n": NAMES_MAX, "m": 200}
    load = values.get("max_load")
    if load in ("", None):
        load = None
    elif isinstance(load, bool) or not isinstance(load, int) or not 0 <= load <= LOAD_MAX:
        errors["max_load"] = pgettext(
            "validation", "%(field)s: a whole number from 0 to %(n)s, or empty for no limit."
        ) % {"field": names["max_load"], "n": LOAD_MAX}
    cleaned["max_load"] = load
    taken = ShopperProfile.objects.filter(season=season, email__iexact=cleaned["email"])
    if shopper is not None:
        taken = taken.exclude(pk=shopper.pk)
    if "email" not in errors and taken.exists():
        errors["email"] = pgettext(
            "validation", "%(field)s: %(email)s is on the roster already."
        ) % {"field": names["email"], "email": cleaned["email"]}
    if errors:
        raise ValidationError(errors)
    cleaned["active"] = bool(values.get("active", True))
    return cleaned


def _account(season, email: str):
    role = (
        SeasonRole.objects.filter(
            season=season, role=Role.MYSTERY_SHOPPER, user__email__iexact=email
        )
        .select_related("user")
        .first()
    )
    return role.user if role else None


def save_shopper(
    *, season, values: dict, by, shopper: ShopperProfile | None = None, base_version=None
) -> ShopperProfile:
    """Add a shopper to the roster, or change one from `base_version` (ShopperChanged
    when it moved on). `values`: name, email, phone, employer, former_employers,
    affiliations (lines or lists), max_load (None: no limit), active. The account
    holding the mystery-shopper role with that e-mail is linked. Side effects: the
    ShopperProfile row, one audit event `mystery.shopper_added` or
    `mystery.shopper_changed`."""
    require_organizer(season, by)
    cleaned = _clean(season, values, shopper)
    with transaction.atomic():
        if shopper is None:
            row = ShopperProfile.objects.create(
                season=season, user=_account(season, cleaned["email"]), **cleaned
            )
            action, old = "mystery.shopper_added", None
        else:
            row = ShopperProfile.objects.select_for_update().get(pk=shopper.pk)
            if base_version is not None and base_version != row.version:
                raise ShopperChanged(row=row, sent={k: cleaned[k] for k in FIELDS})
            old = snapshot(row)
            for name, value in cleaned.items():
                setattr(row, name, value)
            row.user = row.user or _account(season, cleaned["email"])
            row.version += 1
            row.updated_at = timezone.now()
            row.save()
            action = "mystery.shopper_changed"
        audit.record(
            actor=by,
            action=action,
            season=season,
            obj=row,
            summary=f"shopper {row.email}",
            data={"name": row.name, "old": old, "new": snapshot(row)},
        )
    return row


def add_role_holders(*, season, by) -> list[ShopperProfile]:
    """A profile for each person holding the season's mystery-shopper role who has
    none (by account or e-mail). Side effects: the new ShopperProfile rows, one
    audit event `mystery.shoppers_synced` when any was made."""
    require_organizer(season, by)
    have = ShopperProfile.objects.filter(season=season)
    linked = set(have.exclude(user=None).values_list("user_id", flat=True))
    emails = {e.lower() for e in have.values_list("email", flat=True)}
    holders = SeasonRole.objects.filter(season=season, role=Role.MYSTERY_SHOPPER).select_related(
        "user"
    )
    made = []
    with transaction.atomic():
        for role in holders.order_by("user__email"):
            user = role.user
            if user.pk in linked:
                continue
            if user.email.lower() in emails:
                ShopperProfile.objects.filter(
                    season=season, email__iexact=user.email, user=None
                ).update(user=user)
                continue
            name = (getattr(user, "name", "") or user.email)[:100]
            made.append(
                ShopperProfile.objects.create(
                    season=season, user=user, name=name, email=user.email.lower()
                )
            )
        if made:
            audit.record(
                actor=by,
                action="mystery.shoppers_synced",
                season=season,
                summary=f"{len(made)} shopper profiles made",
                data={"count": len(made), "names": [p.name for p in made]},
            )
    return made


def exclusions(season) -> list[ShopperExclusion]:
    return list(
        ShopperExclusion.objects.filter(season=season)
        .select_related("shopper", "entry__center")
        .order_by("shopper__name", "entry__center__name")
    )


def exclude(*, shopper: ShopperProfile, entry, reason: str, by) -> ShopperExclusion:
    """Keep a shopper from an entry. Side effects: a ShopperExclusion row, one audit
    event `mystery.shopper_excluded`."""
    season = shopper.season
    require_organizer(season, by)
    reason = (reason or "").strip()
    field = pgettext("field", "Reason")
    text.check(reason, field=field)
    if not reason or len(reason) > REASON_MAX:
        raise ValidationError(
            {
                "reason": pgettext(
                    "validation", "%(field)s: give a reason (at most %(n)s characters)."
                )
                % {"field": field, "n": REASON_MAX}
            }
        )
    if entry.season_id != season.pk:
        raise ValidationError({"entry": pgettext("validation", "Not an entry of this season.")})
    if ShopperExclusion.objects.filter(shopper=shopper, entry=entry).exists():
        raise ValidationError(
            {"entry": pgettext("validation", "This shopper is kept from this entry already.")}
        )
    with transaction.atomic():
        row = ShopperExclusion.objects.create(
            season=season, shopper=shopper, entry=entry, reason=reason, created_by=by
        )
        audit.record(
            actor=by,
            action="mystery.shopper_excluded",
            season=season,
            obj=row,
            summary=f"shopper {shopper.email} kept from entry {entry.pk}",
            data={"name": shopper.name, "center": entry.center.name, "reason": reason},
        )
    return row


def remove_exclusion(*, exclusion: ShopperExclusion, by) -> None:
    """Side effects: the ShopperExclusion row deleted, one audit event
    `mystery.exclusion_removed` (with the reason it had)."""
    season = exclusion.season
    require_organizer(season, by)
    with transaction.atomic():
        audit.record(
            actor=by,
            action="mystery.exclusion_removed",
            season=season,
            obj=exclusion.shopper,
            summary=f"shopper {exclusion.shopper.email} no longer kept from {exclusion.entry_id}",
            data={
                "name": exclusion.shopper.name,
                "center": exclusion.entry.center.name,
                "reason": exclusion.reason,
            },
        )
        exclusion.delete()


def source_label(source: str) -> str:
    """A conflict source in words, as judging names it."""
    return str(ConflictSource(source).label) if source in ConflictSource.values else source


def blocked_pairs(season, *, only=None) -> dict[tuple[int, int], str]:
    """(shopper id, entry id) -> why the shopper may not contact the entry: the
    judges' conflict rules (employer, former employer, affiliation, e-mail domain,
    a recommendation; names by organisation key) and the exclusions, in words.
    `only`: (shoppers, entries) to look at instead of the whole season."""
    shoppers, entries = only or (roster(season), list(competing_entries(season)))
    found = engine.detect(engine_judges(shoppers), engine_entries(season, entries, shoppers))
    out: dict[tuple[int, int], list[str]] = {}
    for match in found:
        why = f"{source_label(match.source)}: {match.detail}"
        out.setdefault((int(match.judge), int(match.entry)), []).append(why)
    excluded = ShopperExclusion.objects.filter(season=season)
    if only:
        excluded = excluded.filter(shopper__in=shoppers, entry__in=entries)
    for row in excluded:
        why = pgettext("mystery", "Excluded: %(reason)s") % {"reason": row.reason}
        out.setdefault((row.shopper_id, row.entry_id), []).append(why)
    return {pair: "; ".join(reasons) for pair, reasons in out.items()}


def pair_blocked(contact) -> str:
    """Why the contact's shopper may not contact its entry (conflict rules or an
    exclusion), or "" (also when it has no shopper). The shopper's pages refuse to
    record a blocked pair with it."""
    if not contact.shopper_id:
        return ""
    only = ([contact.shopper], [contact.entry])
    return blocked_pairs(contact.season, only=only).get((contact.shopper_id, contact.entry_id), "")
