"""The platform's side of conflict detection: the season's judges and entries as
the engine's plain data (ccaward.engine.conflicts), and what each match means
under the season's recommender policy."""

from __future__ import annotations

from ccaward.applications.enums import COMPETING
from ccaward.applications.models import Entry, Organization
from ccaward.engine import conflicts as engine
from ccaward.judging.enums import ConflictSource, ConflictStatus, RecommenderPolicy
from ccaward.judging.models import JudgeProfile
from ccaward.recommendations.models import Recommendation

# answers that name the enterprise's group or parent company (所属集团/上级单位),
# should a season's form ask for one (seed 003's form does not)
GROUP_KEYS = ("enterprise_group", "group_name", "parent_company", "enterprise_parent")


def competing_entries(season):
    return (
        Entry.objects.filter(season=season, status__in=COMPETING)
        .select_related("center__organization", "category")
        .order_by("category__position", "center__name", "pk")
    )


def _contact_emails(entry: Entry, members: dict[int, list[str]]) -> tuple[str, ...]:
    org = entry.center.organization
    out = [*members.get(org.pk, []), *(org.pending_emails or [])]
    for key, value in (entry.answers or {}).items():
        if key.endswith("email") and isinstance(value, str) and "@" in value:
            out.append(value)
    return tuple(dict.fromkeys(e.strip().lower() for e in out if e))


def _group(entry: Entry) -> str:
    answers = entry.answers or {}
    return next((str(answers[k]) for k in GROUP_KEYS if answers.get(k)), "")


def engine_judges(judges) -> list[engine.Judge]:
    return [
        engine.Judge(
            id=str(j.pk),
            email=j.email,
            employer=j.employer,
            former_employers=tuple(j.former_employers or ()),
            affiliations=tuple(j.affiliations or ()),
        )
        for j in judges
    ]


def _recommenders(season, judges) -> dict[int, set[str]]:
    """Entry id -> ids of the judges (by account, else by e-mail) who recommended it."""
    by_user = {j.user_id: str(j.pk) for j in judges if j.user_id}
    by_email = {j.email.lower(): str(j.pk) for j in judges}
    out: dict[int, set[str]] = {}
    rows = Recommendation.objects.filter(season=season, entry__isnull=False).values_list(
        "entry_id", "recommended_by_id", "recommended_by__email"
    )
    for entry_id, user_id, email in rows:
        judge = by_user.get(user_id) or by_email.get((email or "").lower())
        if judge:
            out.setdefault(entry_id, set()).add(judge)
    return out


def engine_entries(season, entries, judges) -> list[engine.Entry]:
    orgs = {e.center.organization_id for e in entries}
    members: dict[int, list[str]] = {}
    for org_id, email in Organization.members.through.objects.filter(
        organization_id__in=orgs
    ).values_list("organization_id", "user__email"):
        members.setdefault(org_id, []).append(email)
    recommenders = _recommenders(season, judges)
    return [
        engine.Entry(
            id=str(e.pk),
            organization=e.center.organization.name,
            center=e.center.name,
            group=_group(e),
            contact_emails=_contact_emails(e, members),
            recommenders=frozenset(recommenders.get(e.pk, ())),
        )
        for e in entries
    ]


def status_for(source: str, policy) -> str | None:
    """What a detected match is: a conflict to decide, a flag, or nothing."""
    if source != ConflictSource.RECOMMENDED:
        return ConflictStatus.DETECTED
    return {
        RecommenderPolicy.ALLOWED: None,
        RecommenderPolicy.FLAGGED: ConflictStatus.FLAGGED,
        RecommenderPolicy.CONFLICT: ConflictStatus.DETECTED,
    }[policy.recommender_policy]


def matches(season) -> tuple[list[engine.Match], dict[str, JudgeProfile], dict[str, Entry]]:
    judges = list(JudgeProfile.objects.filter(season=season))
    entries = list(competing_entries(season))
    found = engine.detect(engine_judges(judges), engine_entries(season, entries, judges))
    return found, {str(j.pk): j for j in judges}, {str(e.pk): e for e in entries}
