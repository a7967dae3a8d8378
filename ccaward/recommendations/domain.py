"""Recommending a contact center, inviting it to apply, linking its entry. Audited.

Views, the API and the demo call these functions and nothing else to change a
recommendation, so the rules (and the audit trail) hold whichever door is used.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import pgettext

from ccaward.core import audit
from ccaward.core.models import Job
from ccaward.engine.names import normalize_name
from ccaward.people import domain as people
from ccaward.people.enums import Role
from ccaward.people.models import Invitation
from ccaward.recommendations.models import Recommendation
from ccaward.seasons import gates
from ccaward.seasons.enums import StageKind

FIELDS = (
    "category",
    "center_name",
    "organization_name",
    "contact_name",
    "contact_email",
    "contact_phone",
    "reason",
)


def season_category(season, ref: int | str):
    """The category of `season` with this id (or this Chinese or English name);
    ValidationError on `category` when the season has none such."""
    if isinstance(ref, int) or str(ref).isdigit():
        found = season.categories.filter(pk=int(ref))
    else:
        found = season.categories.filter(Q(name_zh=ref) | Q(name_en=ref))
    category = found.first()
    if category is None:
        raise ValidationError(
            {"category": pgettext("validation", "There is no such category in this season.")}
        )
    return category


@transaction.atomic
def recommend(*, season, by, category, **values) -> Recommendation:
    """Recommend a contact center for a category of `season`.

    Needs 专家推荐 open (StageClosed otherwise); an organizer may record one while
    it is closed, and the audit event says it was a correction.
    Side effects: a Recommendation, an audit event. Raises ValidationError (nothing
    saved) for a bad value, a category of another season, or the same person
    recommending the same center in the same category twice.
    """
    correction = gates.require_open(season, StageKind.RECOMMENDATION, by=by)
    rec = Recommendation(season=season, category=category, recommended_by=by, **values)
    for field in ("center_name", "organization_name", "contact_name", "contact_phone", "reason"):
        setattr(rec, field, (getattr(rec, field) or "").strip())
    rec.contact_email = (rec.contact_email or "").strip().lower()
    rec.full_clean()
    if getattr(by, "pk", None):
        mine = Recommendation.objects.filter(season=season, category=category, recommended_by=by)
        key = normalize_name(rec.center_name)
        if any(normalize_name(n) == key for n in mine.values_list("center_name", flat=True)):
            raise ValidationError(
                {
                    "center_name": pgettext(
                        "validation", "You have already recommended this center in this category."
                    )
                }
            )
    rec.save()
    audit.record(
        actor=by,
        action="recommendation.created",
        season=season,
        obj=rec,
        summary=f"{rec.center_name} → {category.name_zh}",
        data={
            "category": category.pk,
            "category_name": {"zh": category.name_zh, "en": category.name_en},
            "center": rec.center_name,
            "email": rec.contact_email,
            **({"correction": correction} if correction else {}),
        },
    )
    return rec


@transaction.atomic
def invite(
    *, recommendation: Recommendation, by, language: str = "zh-hans"
) -> tuple[Invitation, Job]:
    """Invite the recommended center's contact to apply (an applicant-member invitation)
    and send the e-mail from a background job.

    Returns (invitation, job). Refused when the center was invited already or has applied.
    Side effects: an Invitation, a Job sending its e-mail, the recommendation marked
    invited, audit events.
    """
    rec = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if rec.entry_id:
        raise ValidationError(
            pgettext("validation", "%(center)s has already applied; no invitation is needed.")
            % {"center": rec.center_name}
        )
    if rec.invitation_id or rec.invited_at:
        raise ValidationError(
            pgettext("validation", "%(center)s was already invited on %(date)s.")
            % {
                "center": rec.center_name,
                "date": timezone.localtime(rec.invited_at).strftime("%Y-%m-%d")
                if rec.invited_at
                else "—",
            }
        )
    [invitation], job = people.invite_and_send(
        season=rec.season,
        emails=[rec.contact_email],
        role=Role.APPLICANT,
        by=by,
        language=language,
        title="recommendations.invite",
        title_params={"center": rec.center_name},
    )
    rec.invitation = invitation
    rec.invited_at = timezone.now()
    rec.save(update_fields=["invitation", "invited_at"])
    recommendation.invitation, recommendation.invited_at = rec.invitation, rec.invited_at
    audit.record(
        actor=by,
        action="recommendation.invited",
        season=rec.season,
        obj=rec,
        summary=f"{rec.center_name}: {rec.contact_email}",
        data={"invitation": invitation.pk, "email": rec.contact_email, "center": rec.center_name},
    )
    return invitation, job


@transaction.atomic
def link_entry(entry, *, by=None) -> int:
    """Link the unlinked recommendations of the entry's season and category to it.

    A recommendation is the entry's when its invitation was accepted by a member
    of the entry's enterprise, or when its center name is the entry's center name
    (compared by `normalize_name`). Returns how many were linked.
    Side effects: recommendations updated, one audit event per linked one.
    """
    candidates = list(
        Recommendation.objects.select_for_update(of=("self",))
        .filter(season_id=entry.season_id, category_id=entry.category_id, entry__isnull=True)
        .select_related("invitation")
    )
    if not candidates:
        return 0
    members = set(entry.center.organization.members.values_list("pk", flat=True))
    name = normalize_name(entry.center.name)
    linked = []
    for rec in candidates:
        inv = rec.invitation
        accepted = inv is not None and inv.accepted_at is not None and inv.accepted_by_id in members
        if accepted or normalize_name(rec.center_name) == name:
            rec.entry = entry
            linked.append(rec)
    if linked:
        Recommendation.objects.filter(pk__in=[r.pk for r in linked]).update(entry=entry)
        for rec in linked:
            audit.record(
                actor=by,
                action="recommendation.linked",
                season=entry.season,
                obj=rec,
                summary=f"{rec.center_name} → {entry}",
                data={"entry": entry.pk, "center": rec.center_name},
            )
    return len(linked)


def count_for(entries: Iterable) -> dict[int, int]:
    """How many recommendations each entry has (0 included), for entries tables."""
    ids = [getattr(e, "pk", e) for e in entries]
    counts = dict.fromkeys(ids, 0)
    rows = (
        Recommendation.objects.filter(entry_id__in=ids)
        .values("entry_id")
        .annotate(n=Count("id"))
        .values_list("entry_id", "n")
    )
    counts.update(rows)
    return counts


def visible_to(user, season):
    """The recommendations of `season` that `user` may see: all for those with
    recommendations.view_all, their own otherwise."""
    qs = Recommendation.objects.filter(season=season).select_related(
        "category", "recommended_by", "invitation", "entry"
    )
    if not user.has_perm("recommendations.view_all", season):
        qs = qs.filter(recommended_by=user)
    return qs
