"""Checking a season's published results against its stored data (`ccaward verify`).

Recomputed from the database and compared, each difference naming its record:

- the audit chain (`core.chain.verify_chain`): an event changed, missing or
  inserted; the publication's chain head still in the chain;
- the latest live publication: its digest against its snapshot, and against the
  digest its audit event recorded; every publication against the audit log (one
  deleted, or withdrawn or revived outside the platform, is named), and each
  withdrawn one's digest and chain head checked too;
- per category, the ballots stored against the published ones (a ballot that is
  not in the snapshot is named by its id), the ballots counted again by the
  engine against the published tally (winners, tie, ranking), and the stored
  count, poll, casting decisions and special awards against the snapshot;
- the judges' scores read again from the reviews against the published ones
  (named by review, entry, criterion and judge), each entry's total and rank.

Reads only. English messages (the command's output).
"""

from __future__ import annotations

import importlib
from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps

from ccaward.core.chain import verify_chain
from ccaward.core.models import AuditEvent
from ccaward.engine.voting import BallotError, tally
from ccaward.engine.voting.csvio import tally_json
from ccaward.engine.voting.types import Ballot as EngineBallot
from ccaward.results.domain import published
from ccaward.results.domain.publish import PUBLISHED, WITHDRAWN
from ccaward.results.domain.snapshot import build_with_names, canonical, digest_of, entry_codes
from ccaward.results.models import Ballot
from ccaward.reviews.enums import ReviewStatus
from ccaward.reviews.models import Review

COMPARED = ("poll", "tally", "decision", "casting", "special", "shortlist", "quota", "voting")


@dataclass
class Report:
    season: object
    publication: object = None
    problems: list[str] = field(default_factory=list)
    # every publication of the season, the latest first (withdrawn ones too), so their
    # digests can be compared with copies kept elsewhere
    history: list = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.problems


def _short(value, limit: int = 160) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def chain_problems(season, publication, history: list) -> list[str]:
    """The audit chain recomputed (read once), still passing through the live
    publication's head and every withdrawn one's."""
    head = (publication.chain_seq, publication.chain_head) if publication is not None else None
    withdrawn = tuple((p.chain_seq, p.chain_head) for p in history if p.withdrawn_at is not None)
    return [p.message for p in verify_chain(season, published=head, also=withdrawn)]


def digest_problems(season, publication) -> list[str]:
    out = []
    digest = digest_of(publication.snapshot)
    if digest != publication.digest:
        out.append(
            f"publication {publication.number}: the snapshot's digest is {digest}, "
            f"but {publication.digest} was published: the snapshot was changed"
        )
    event = (
        AuditEvent.objects.filter(season=season, action=PUBLISHED, object_id=str(publication.pk))
        .order_by("pk")
        .first()
    )
    if event is None:
        out.append(f"publication {publication.number}: its audit event is missing")
    elif (event.data or {}).get("digest") != publication.digest:
        out.append(
            f"publication {publication.number}: its digest {publication.digest} is not the "
            f"{(event.data or {}).get('digest')} its audit event recorded"
        )
    return out


def history_problems(season, history: list) -> list[str]:
    """Every publication against the audit log: each stored one has its "published"
    event with its digest (and, withdrawn, its "withdrawn" event), each "published"
    or "withdrawn" event names a publication still stored as it was, and each
    withdrawn one's digest checked too (its chain head with the chain, read once)."""
    out = []
    stored = {str(p.pk): p for p in history}
    events = AuditEvent.objects.filter(season=season, action__in=(PUBLISHED, WITHDRAWN))
    withdrawn_events = set()
    for event in events.order_by("seq", "pk"):
        data = event.data or {}
        found = stored.get(event.object_id)
        what = "published" if event.action == PUBLISHED else "withdrawn"
        if found is None:
            out.append(
                f"publication {data.get('number')} ({what} in audit event seq {event.seq}, "
                f"digest {data.get('digest')}) is no longer stored"
            )
        elif event.action == WITHDRAWN:
            withdrawn_events.add(event.object_id)
            if found.withdrawn_at is None:
                out.append(
                    f"publication {found.number} was withdrawn (audit event seq {event.seq}) "
                    "but is stored as live"
                )
    for publication in history:
        if publication.withdrawn_at is None:
            continue
        out += digest_problems(season, publication)
        if str(publication.pk) not in withdrawn_events:
            out.append(
                f"publication {publication.number} is stored as withdrawn but no audit event "
                "withdrew it"
            )
    return out


def _ranking_key(groups) -> tuple:
    return tuple(tuple(sorted(g)) for g in groups)


def ballot_problems(category, part: dict, codes: dict[str, str]) -> list[str]:
    """Stored ballots against the published ones, as multisets of rankings."""
    stored: dict[tuple, list[str]] = {}
    for pk, ranking in Ballot.objects.filter(category=category).values_list("pk", "ranking"):
        key = _ranking_key([[codes.get(str(e), str(e)) for e in g] for g in ranking or [] if g])
        stored.setdefault(key, []).append(str(pk))
    shown = Counter()
    for b in part["ballots"]:
        shown[_ranking_key(b["ranking"])] += int(b["count"])
    out = []
    name = category.name_zh
    for key in sorted(set(stored) | set(shown)):
        ids, n = sorted(stored.get(key, [])), shown.get(key, 0)
        text = " > ".join("=".join(g) for g in key) or "(empty)"
        if len(ids) > n and n == 0:
            out += [
                f"ballot {pk} in category {name} is not in the published snapshot ({text})"
                for pk in ids
            ]
        elif len(ids) > n:
            out.append(
                f"category {name}: {len(ids)} stored ballots rank {text}, {n} published; "
                f"one of ballots {', '.join(ids)} is not in the published snapshot"
            )
        elif len(ids) < n:
            out.append(
                f"category {name}: {n} published ballots rank {text}, "
                f"{len(ids)} stored: {n - len(ids)} missing"
            )
    return out


def recount_problems(category, part: dict, codes: dict[str, str]) -> list[str]:
    """The stored ballots counted again by the engine against the published tally."""
    published_tally = part.get("tally") or {}
    voting = part["voting"]
    ballots = [
        EngineBallot(ranks=tuple(frozenset(codes.get(str(e), str(e)) for e in g) for g in r if g))
        for r in Ballot.objects.filter(category=category).values_list("ranking", flat=True)
    ]
    try:
        result = tally(
            ballots,
            method=voting["method"],
            seats=voting.get("seats") or part["quota"],
            candidates=part["shortlist"] or None,
            strength=voting.get("strength") or "winning",
            max_approvals=voting.get("approvals"),
        )
    except BallotError as exc:
        return [f"category {category.name_zh}: the stored ballots cannot be counted: {exc}"]
    recount = canonical(tally_json(result))
    out = []
    for key in ("winners", "tied"):
        if sorted(recount.get(key) or []) != sorted(published_tally.get(key) or []):
            out.append(
                f"category {category.name_zh}: counting the stored ballots gives {key} "
                f"{recount.get(key)}, published {published_tally.get(key)}"
            )
    ranking = [sorted(g) for g in recount.get("ranking") or []]
    if ranking != [sorted(g) for g in published_tally.get("ranking") or []]:
        out.append(
            f"category {category.name_zh}: counting the stored ballots ranks "
            f"{_short(ranking)}, published {_short(published_tally.get('ranking'))}"
        )
    return out


def poll_problems(category, part: dict, codes: dict[str, str]) -> list[str]:
    """The poll's valid votes read again (when the poll app is installed) against
    the counts the published decision took."""
    counted = (part.get("poll") or {}).get("counts")
    if counted is None or not apps.is_installed("ccaward.poll"):
        return []
    poll = importlib.import_module("ccaward.poll.domain")
    stored = {codes.get(str(pk), str(pk)): int(n) for pk, n in poll.valid_counts(category).items()}
    out = []
    for code in sorted(set(counted) | set(stored)):
        then, now = int(counted.get(code, 0)), stored.get(code, 0)
        if then != now:
            out.append(
                f"poll votes for entry {code} in category {category.name_zh}: "
                f"published {then}, stored {now}"
            )
    return out


def category_problems(season, snapshot: dict, current: dict, codes) -> list[str]:
    out = []
    categories = {c.name_zh: c for c in season.categories.all()}
    now = {p["name_zh"]: p for p in current["categories"]}
    for part in snapshot["categories"]:
        name = part["name_zh"]
        category = categories.get(name)
        if category is None:
            out.append(f"category {name} is no longer stored")
            continue
        out += ballot_problems(category, part, codes)
        if part.get("counted"):
            out += recount_problems(category, part, codes)
            out += poll_problems(category, part, codes)
        stored = now.get(name, {})
        for key in COMPARED:
            if stored.get(key) != part.get(key):
                out.append(
                    f"category {name}: the stored {key} differs from the published one: "
                    f"published {_short(part.get(key))}, stored {_short(stored.get(key))}"
                )
    for name in sorted(set(now) - {p["name_zh"] for p in snapshot["categories"]}):
        out.append(f"category {name} is not in the published snapshot")
    return out


def _review_ids(season) -> dict[tuple[str, str], int]:
    return {
        (str(judge), str(entry)): pk
        for pk, judge, entry in Review.objects.filter(
            season=season, status=ReviewStatus.SUBMITTED
        ).values_list("pk", "judge_id", "entry_id")
    }


def score_problems(season, snapshot: dict, current: dict, pseudonyms, codes) -> list[str]:
    """Published scores against the scores read again from the reviews."""

    def keyed(rows):
        return {(r["entry"], r["criterion"], r["judge"]): r["score"] for r in rows}

    then = keyed(snapshot["scoring"]["scores"])
    now = keyed(current["scoring"]["scores"])
    names = _criterion_names(snapshot)
    judges = {name: label for label, name in pseudonyms.items()}
    entries = {code: label for label, code in codes.items()}
    reviews = _review_ids(season)
    out = []
    for key in sorted(set(then) | set(now)):
        if then.get(key) == now.get(key):
            continue
        entry, criterion, judge = key
        pk = reviews.get((judges.get(judge, ""), entries.get(entry, "")))
        record = f"reviews.review {pk}" if pk else "a review"
        where = (
            f"{record} (entry {entry}, criterion {names.get(criterion, criterion)}, judge {judge})"
        )
        if key not in now:
            out.append(f"{where}: published {then[key]}, no longer stored")
        elif key not in then:
            out.append(f"{where}: stored {now[key]}, not in the published snapshot")
        else:
            out.append(f"{where}: published {then[key]}, stored {now[key]}")
    return out


def _criterion_names(snapshot: dict) -> dict[str, str]:
    out = {}

    def walk(c):
        out[c["code"]] = c["name"].get("zh") or c["code"]
        for child in c.get("children") or []:
            walk(child)

    for d in (snapshot["scoring"].get("framework") or {}).get("dimensions", []):
        for c in d["criteria"]:
            walk(c)
    return out


def _entry_changes(code: str, a: dict, b: dict) -> list[str]:
    """An entry's total, rank and dimensions, published against recomputed: the
    dimensions named one by one unless the total moved with them."""
    was, now = a.get("dimensions") or {}, b.get("dimensions") or {}
    moved = [k for k in sorted(set(was) | set(now)) if was.get(k) != now.get(k)]
    out = []
    if a.get("total") != b.get("total"):
        also = f" (and {len(moved)} of its dimensions)" if moved else ""
        out.append(
            f"entry {code}: total published {a.get('total')}, recomputed {b.get('total')}{also}"
        )
    else:
        out += [
            f"entry {code}: dimension {k} published {was.get(k)}, recomputed {now.get(k)}"
            for k in moved
        ]
    if a.get("rank") != b.get("rank"):
        out.append(f"entry {code}: rank published {a.get('rank')}, recomputed {b.get('rank')}")
    return out


def entry_problems(snapshot: dict, current: dict) -> list[str]:
    then = {r["code"]: r for r in snapshot["entries"]}
    now = {r["code"]: r for r in current["entries"]}
    out = []
    for code in sorted(set(then) | set(now)):
        a, b = then.get(code), now.get(code)
        if a is None:
            out.append(f"entry {code} competes now but is not in the published snapshot")
        elif b is None:
            out.append(f"entry {code} is in the published snapshot but no longer competes")
        else:
            out += _entry_changes(code, a, b)
    return out


def verify(season) -> Report:
    """The season's published results checked against its stored data (see the
    module's doc). Reads only."""
    publication = published.live(season)
    report = Report(season=season, publication=publication, history=published.history(season))
    report.problems += chain_problems(season, publication, report.history)
    report.problems += history_problems(season, report.history)
    if publication is None:
        return report
    report.problems += digest_problems(season, publication)
    snapshot = publication.snapshot
    current, pseudonyms = build_with_names(season)
    current = canonical(current)
    codes = entry_codes(season)
    report.problems += category_problems(season, snapshot, current, codes)
    report.problems += score_problems(season, snapshot, current, pseudonyms, codes)
    report.problems += entry_problems(snapshot, current)
    return report
