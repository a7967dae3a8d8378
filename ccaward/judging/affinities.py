"""What the assignment (评审分配) reads, without writing: the season's policy, the
entries and judges in scope with their loads, the pairs no judge may take, and each
pair's affinity from the engine (engine/affinity.py) with its terms.

A judge's employer and an entry's enterprise compared equal (engine.names'
organisation key) forbid the pair unless the organizers dismissed or merely flagged
that conflict; a conflict declared, detected and undecided, or confirmed forbids it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ccaward.applications.enums import COMPETING
from ccaward.applications.models import Entry
from ccaward.engine import affinity as engine
from ccaward.engine.names import organization_key
from ccaward.judging.enums import BLOCKING_STATUSES
from ccaward.judging.models import Assignment, Conflict, JudgeProfile, JudgingPolicy
from ccaward.kpis.domain import latest_results

# the application form's question on the channels an entry serves (seed 003, 服务渠道)
CHANNELS_QUESTION = "service_channels"


def judge_key(pk) -> str:
    return f"J{pk}"


def entry_key(pk) -> str:
    return f"E{pk}"


def pk_of(key: str) -> int:
    return int(key[1:])


def policy_of(season) -> JudgingPolicy:
    """The season's judging policy; its defaults until an organizer saves one (an
    unsaved row: reading never writes)."""
    return JudgingPolicy.objects.filter(season=season).first() or JudgingPolicy(season=season)


def entries_in(season, category=None):
    """The competing entries (submitted or accepted) in scope, by center name."""
    qs = Entry.objects.filter(season=season, status__in=COMPETING).select_related(
        "center__organization", "category"
    )
    if category is not None:
        qs = qs.filter(category=category)
    return list(qs.order_by("center__name", "pk"))


def judges_of(season) -> list[JudgeProfile]:
    return list(JudgeProfile.objects.filter(season=season).order_by("name", "pk"))


def load_bounds(judge: JudgeProfile, policy: JudgingPolicy) -> tuple[int, int]:
    """(minimum, maximum) load: the profile's, else the policy's."""
    low = policy.min_load if judge.min_load is None else judge.min_load
    high = policy.max_load if judge.max_load is None else judge.max_load
    return low, high


def channels_of(entry: Entry) -> frozenset[str]:
    """The channels the entry says it serves (the form's option values; "other" left out)."""
    value = (entry.answers or {}).get(CHANNELS_QUESTION) or []
    if isinstance(value, str):
        value = [value]
    return frozenset(v for v in value if isinstance(v, str) and v and v != "other")


def expertise_of(judge: JudgeProfile) -> engine.Expertise:
    return engine.Expertise.of(judge.industries or (), judge.channels or (), judge.dimensions or ())


def needs_of(season, entries) -> dict[int, engine.Needs]:
    """Each entry's needs: its center's industry, its channels, and the need for expert
    judgement of each dimension of the framework in force given the evidence it has
    (KPI results; the judges' own is always there)."""
    version = season.current_framework()
    framework = version.to_engine() if version is not None else None
    with_kpis = set(latest_results(entries))
    cache: dict[bool, dict[str, float]] = {}
    out = {}
    for entry in entries:
        has_kpi = entry.pk in with_kpis
        if has_kpi not in cache:
            present = ("kpi",) if has_kpi else ()
            cache[has_kpi] = engine.dimension_needs(framework, present) if framework else {}
        out[entry.pk] = engine.Needs(
            industry=entry.center.industry, channels=channels_of(entry), dimensions=cache[has_kpi]
        )
    return out


def scores(season, judges, entries, weights) -> dict[tuple[int, int], float]:
    """{(judge pk, entry pk): affinity} of every pair; a bad weight raises ValueError
    naming it."""
    checked = engine.check_weights(weights)
    needs = needs_of(season, entries)
    expertise = {j.pk: expertise_of(j) for j in judges}
    return {
        (j.pk, e.pk): engine.score(expertise[j.pk], needs[e.pk], checked)
        for j in judges
        for e in entries
    }


@dataclass(frozen=True)
class Forbidden:
    """Why a pair may not be assigned: `source` a conflict's source or
    "same_organization"; `reason` the conflict's words."""

    source: str
    reason: str = ""


def forbidden_pairs(season, judges, entries) -> dict[tuple[int, int], Forbidden]:
    """{(judge pk, entry pk): why} for the pairs no assignment may hold (see the module)."""
    entry_ids = {e.pk for e in entries}
    decided: set[tuple[int, int]] = set()
    out: dict[tuple[int, int], Forbidden] = {}
    for c in Conflict.objects.filter(season=season, entry_id__in=entry_ids):
        pair = (c.judge_id, c.entry_id)
        if c.status in BLOCKING_STATUSES:
            out.setdefault(pair, Forbidden(c.source, c.reason))
        else:
            decided.add(pair)
    by_org: dict[str, list[int]] = {}
    for entry in entries:
        by_org.setdefault(organization_key(entry.center.organization.name), []).append(entry.pk)
    for judge in judges:
        key = employer_key_of(judge)
        for entry_pk in by_org.get(key, []) if key else []:
            pair = (judge.pk, entry_pk)
            if pair not in decided and pair not in out:
                out[pair] = Forbidden("same_organization", judge.employer)
    return out


def employer_key_of(judge: JudgeProfile) -> str:
    return organization_key(judge.employer or "")


def pairs_in(season, category=None):
    """The season's assigned pairs (in `category` when given), with judge and entry."""
    qs = Assignment.objects.filter(season=season).select_related(
        "judge", "entry__center__organization", "entry__category"
    )
    if category is not None:
        qs = qs.filter(entry__category=category)
    return qs


def pair_affinities(season, pairs, weights) -> dict[tuple[int, int], engine.Affinity]:
    """{(judge pk, entry pk): affinity} for the given (judge, entry) rows only."""
    pairs = list(pairs)
    entries = {e.pk: e for _j, e in pairs}
    needs = needs_of(season, list(entries.values()))
    expertise = {j.pk: expertise_of(j) for j, _e in pairs}
    return {(j.pk, e.pk): engine.affinity(expertise[j.pk], needs[e.pk], weights) for j, e in pairs}
