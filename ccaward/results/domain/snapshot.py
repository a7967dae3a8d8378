"""The snapshot a publication freezes (结果公布的快照): everything the published
result rests on, as canonical JSON whose SHA-256 is the publication's digest.

Canonical: keys sorted, UTF-8 (not escaped), no spaces; Decimals as their exact
strings, Fractions as "p/q", floats as the shortest string that reads back as the
same float, so a round trip through any database's JSON changes nothing.

What it holds (`FORMAT`):
- the season (names, year, organizer) and the chain head of its audit log;
- per category (the season's order): its quota and kind, the shortlist, the
  voting policy it was counted under, the anonymised ballots (each a ranking of
  entry codes, groups of equals best first; identical ballots as one with their
  `count`; sorted, so the order they were stored in reveals nothing), the poll as
  counted, the count's tally and decision (winners, standings, the tie-break
  chain's steps, casting decisions with their reasons), special awards with their
  justifications;
- the entries by code (E-0012): the winners' and special awards' centers by
  name, every competing entry's total, rank and dimension profile;
- the judges' scores under pseudonyms (J01, J02, ... in the order of a keyed hash
  of the judge, so the numbering says nothing about who; the same judge keeps
  their pseudonym in every publication of the season), the scale, the scoring
  policy and the framework (for `ccaward score`), and the site-visit and KPI
  evidence the totals also blend;
- the method statements in Chinese and English.

Reads only; `build` is deterministic: the same data gives the same digest.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.utils import translation

from ccaward.applications.models import Entry
from ccaward.core.chain import chain_head
from ccaward.deliberation.domain.evaluation import compute
from ccaward.deliberation.domain.shortlist import shortlist_of
from ccaward.deliberation.wording import statement as scoring_statement
from ccaward.engine.framework import to_data
from ccaward.results.domain.count import count_of
from ccaward.results.domain.policy import policy_of
from ccaward.results.enums import VoteMethod
from ccaward.results.models import Ballot, SpecialAward, TieBreak
from ccaward.results.wording_publish import voting_statement
from ccaward.reviews.blind import entry_code
from ccaward.seasons.enums import CategoryKind

FORMAT = "ccaward.results/1"
LANGUAGES = {"zh": "zh-hans", "en": "en"}
# keys whose values are numbers, never entry ids, in a count's JSON
NOT_ENTRIES = frozenset({"dimensions", "seats", "ballots", "count", "place", "weight"})


# ---- canonical JSON ---------------------------------------------------------


def number_text(value) -> str:
    """A Decimal, Fraction or float as exact text: a Decimal as it is ("84.625000"),
    a Fraction as "p/q", a float as the shortest text that reads back as it ("8.5")."""
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def canonical(value):
    """`value` with only JSON's exact types: Decimals, Fractions and floats as text,
    tuples as lists, keys as text."""
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, (Decimal, Fraction, float)):
        return number_text(value)
    return str(value)


def canonical_json(snapshot: dict) -> str:
    return json.dumps(
        canonical(snapshot), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )


def digest_of(snapshot: dict) -> str:
    """SHA-256 (hex) of the snapshot's canonical JSON in UTF-8."""
    return hashlib.sha256(canonical_json(snapshot).encode("utf-8")).hexdigest()


# ---- labels -----------------------------------------------------------------


def judge_key(season, judge_label: str) -> str:
    """A keyed hash of a judge within a season: sorts the pseudonyms without
    revealing who is who to anyone without the deployment's secret key."""
    message = f"ccaward.results.judge:{season.pk}:{judge_label}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def pseudonyms(season, judge_labels) -> dict[str, str]:
    """{judge label: "J01", ...} in the order of their keyed hashes."""
    ordered = sorted(judge_labels, key=lambda j: judge_key(season, j))
    width = max(2, len(str(len(ordered))))
    return {j: f"J{i:0{width}d}" for i, j in enumerate(ordered, start=1)}


def relabel(value, codes: dict[str, str], key: str = ""):
    """A count's JSON with entry ids as codes: a dict whose keys are all entry ids,
    a list whose items are all entry ids (or such lists), and an "entry" field."""
    if key in NOT_ENTRIES:
        return value
    if isinstance(value, dict):
        if value and all(str(k) in codes for k in value):
            return {codes[str(k)]: relabel(v, codes) for k, v in value.items()}
        return {k: relabel(v, codes, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        if value and all(_is_id(v, codes) for v in value):
            return [codes[str(v)] for v in value]
        return [relabel(v, codes) for v in value]
    if key == "entry" and _is_id(value, codes):
        return codes[str(value)]
    return value


def _is_id(value, codes) -> bool:
    return isinstance(value, (int, str)) and not isinstance(value, bool) and str(value) in codes


def entry_codes(season) -> dict[str, str]:
    """{entry id as text: its public code} of every entry of the season."""
    return {str(e.pk): entry_code(e) for e in Entry.objects.filter(season=season).only("pk")}


# ---- parts ------------------------------------------------------------------


def ballot_rows(category, codes: dict[str, str]) -> list[dict]:
    """The category's ballots as rankings of codes, identical ones merged with their
    count, sorted by their canonical text."""
    counted: dict[str, tuple[list, int]] = {}
    for ranking in Ballot.objects.filter(category=category).values_list("ranking", flat=True):
        groups = [sorted(codes.get(str(e), str(e)) for e in group) for group in ranking or []]
        groups = [g for g in groups if g]
        text = json.dumps(groups, ensure_ascii=False)
        counted[text] = (groups, counted.get(text, (groups, 0))[1] + 1)
    return [{"ranking": groups, "count": n} for _t, (groups, n) in sorted(counted.items())]


def _poll_weight(poll: dict | None) -> Fraction | None:
    """The poll's weight as counted (stored in percent), as a share."""
    weight = (poll or {}).get("weight")
    if weight in (None, ""):
        return None
    try:
        return Fraction(str(weight)) / 100
    except (ValueError, ZeroDivisionError):
        return None


def category_part(category, codes: dict[str, str], policy) -> dict:
    """One category: quota, shortlist, voting policy, ballots, poll, tally, decision,
    casting decisions and special awards."""
    shortlist = shortlist_of(category)
    listed = sorted(
        codes.get(str(r.entry_id), entry_code(r.entry))
        for r in (shortlist.rows.all() if shortlist else [])
        if r.listed
    )
    count = count_of(category)
    return {
        "name_zh": category.name_zh,
        "name_en": category.name_en,
        "kind": category.kind,
        "quota": category.quota,
        "shortlist": listed,
        "voting": {
            "method": count.method if count else policy.method,
            "strength": (count.strength if count else policy.strength) or "",
            "approvals": (policy.approvals or category.quota)
            if (count.method if count else policy.method) == VoteMethod.APPROVAL
            else None,
            "seats": count.seats if count else None,
        },
        "ballots": ballot_rows(category, codes),
        "counted": count is not None,
        "poll": relabel(count.poll, codes) if count and count.poll else None,
        "tally": relabel(count.tally, codes) if count else None,
        "decision": relabel(count.outcome, codes) if count else None,
        "casting": [
            {"order": relabel(t.order, codes), "reason": t.reason}
            for t in TieBreak.objects.filter(category=category).order_by("decided_at", "pk")
        ],
        "special": [
            {
                "entry": entry_code(a.entry) if a.entry_id else None,
                "center_zh": a.center_zh or (a.entry.center.name if a.entry_id else ""),
                "center_en": a.center_en,
                "justification": a.justification,
            }
            for a in SpecialAward.objects.filter(category=category)
            .select_related("entry__center")
            .order_by("pk")
        ],
    }


def _named(snapshot_categories) -> set[str]:
    """The codes of the entries the results name: winners and special awards."""
    named = set()
    for part in snapshot_categories:
        named.update((part["decision"] or {}).get("winners") or [])
        named.update(a["entry"] for a in part["special"] if a["entry"])
    return named


SIX_PLACES = Decimal("0.000001")


def _six(value):
    """A total or dimension score to 6 decimal places (shown at 2; the engine's
    Decimal carries 28 digits, which would read as precision the scores do not have)."""
    return value.quantize(SIX_PLACES) if isinstance(value, Decimal) else value


def entries_part(se, codes: dict[str, str], named: set[str]) -> list[dict]:
    """Every competing entry by code with its category, total, rank and dimension
    profile; the center and enterprise named for the winners and special awards."""
    out = []
    for result in se.results:
        entry = se.entries[result.entry]
        code = codes[result.entry]
        row = {
            "code": code,
            "category": se.categories[result.category].name_zh if result.category else None,
            "total": _six(result.total),
            "rank": result.rank,
            "tied": bool(result.tied),
            "dimensions": {k: _six(v) for k, v in result.dimensions.items()},
        }
        if code in named:
            org = entry.center.organization
            row.update(
                center=entry.center.name, organization_zh=org.name, organization_en=org.name_en
            )
        out.append(row)
    return sorted(out, key=lambda r: r["code"])


def scores_part(se, names: dict[str, str], codes: dict[str, str]) -> list[dict]:
    """The judges' scores the totals were computed from, as the score file's rows."""
    table = se.inputs.table
    rows = [
        {
            "judge": names[table.judges[j]],
            "entry": codes[table.entries[e]],
            "criterion": table.criteria[c],
            "score": number_text(float(s)),
        }
        for j, e, c, s in zip(table.judge, table.entry, table.criterion, table.score, strict=True)
    ]
    return sorted(rows, key=lambda r: (r["entry"], r["criterion"], r["judge"]))


def evidence_part(se, codes: dict[str, str]) -> dict:
    return {codes[e]: kinds for e, kinds in se.inputs.evidence.items() if e in codes}


def statements(se, policy, categories: list[dict]) -> dict[str, dict[str, list[str]]]:
    """The scoring and the voting method in words, in both languages."""
    counted = next((c for c in categories if c["counted"]), None)
    voting = counted["voting"] if counted else {"method": policy.method, "strength": ""}
    weight = _poll_weight(counted["poll"]) if counted else None
    dims = se.framework.dimensions if se.framework is not None else ()
    ordered = sorted(dims, key=lambda d: -d.weight)
    out = {}
    for key, language in LANGUAGES.items():
        with translation.override(language):
            names = [(d.name_en or d.name_zh) if key == "en" else d.name_zh for d in ordered]
            out[key] = {
                "scoring": scoring_statement(se),
                "voting": voting_statement(
                    method=voting["method"],
                    strength=voting.get("strength") or "",
                    approvals=policy.approvals,
                    poll_weight=weight,
                    dimensions=names,
                ),
            }
    return out


def build(season) -> dict:
    """The season's snapshot (see the module's doc). Reads only."""
    return build_with_names(season)[0]


def build_with_names(season) -> tuple[dict, dict[str, str]]:
    """The snapshot and {judge label: pseudonym} (what `ccaward verify` needs to
    name a judge's review). Reads only."""
    se = compute(season)
    codes = entry_codes(season)
    policy = policy_of(season)
    categories = [category_part(c, codes, policy) for c in season.categories.all()]
    names = pseudonyms(season, list(se.inputs.table.judges))
    seq, head = chain_head(season)
    snapshot = {
        "format": FORMAT,
        "season": {
            "slug": season.slug,
            "name_zh": season.name_zh,
            "name_en": season.name_en,
            "year": season.year,
            "organizer_zh": season.organizer_zh,
            "organizer_en": season.organizer_en,
        },
        "chain": {"seq": seq, "head": head},
        "categories": categories,
        "entries": entries_part(se, codes, _named(categories)),
        "scoring": {
            "method": se.policy.method,
            "scale": se.inputs.scale_key,
            "bootstrap": se.policy.bootstrap,
            "seed": se.policy.seed,
            "visit_weight": se.policy.visit_weight,
            "framework": to_data(se.framework) if se.framework is not None else None,
            "judges": sorted(names.values()),
            "scores": scores_part(se, names, codes),
            "evidence": evidence_part(se, codes),
        },
        "statements": statements(se, policy, categories),
    }
    return snapshot, names


def regular(part: dict) -> bool:
    return part["kind"] == CategoryKind.REGULAR
