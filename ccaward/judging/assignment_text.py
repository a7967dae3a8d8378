"""How the assignment (评审分配) speaks, in the reader's language: why a run found no
assignment (from the solver's code and detail, the entries by their center's name
and the judges by theirs, with the constraint to relax), input the solver refuses,
and how a pair's affinity is made."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import pgettext, pgettext_lazy

from ccaward.core.audit_text import join, localized
from ccaward.engine.affinity import Affinity, number

SHOWN = 8  # names in a sentence before "and N more"

TERM_LABELS = {
    "industry": pgettext_lazy("affinity", "Same industry"),
    "channel": pgettext_lazy("affinity", "Channels"),
    "dimension": pgettext_lazy("affinity", "Dimensions"),
}


def _names(ids, names: dict) -> str:
    ids = list(ids)
    shown = [names.get(i, i) for i in ids[:SHOWN]]
    text = join(shown)
    if len(ids) > SHOWN:
        text += pgettext("assignment", " and %(n)s more") % {"n": len(ids) - SHOWN}
    return text


def _fmt(value) -> str:
    return number(float(value)) if isinstance(value, int | float) else str(value)


def _too_few_judges(detail: dict, names: dict, categories: dict) -> str:
    """Entries grouped by category and by their numbers: "通信: A and B have only 2
    judges without a conflict (of different employers) for 3 reviewers"."""
    groups: dict[tuple, list[str]] = {}
    for entry, d in (detail.get("entries") or {}).items():
        category = localized(categories.get(entry) or {})
        key = (category, d.get("judges"), d.get("reviewers"), d.get("capacity"))
        groups.setdefault(key, []).append(entry)
    cap = detail.get("max_probability")
    parts = []
    for (category, eligible, reviewers, capacity), entries in groups.items():
        text = pgettext(
            "assignment",
            "%(entries)s: only %(n)s judges without a conflict (and of different "
            "employers) for %(r)s reviewers",
        ) % {"entries": _names(entries, names), "n": eligible, "r": reviewers}
        if cap and capacity is not None and capacity < eligible:
            text += pgettext(
                "assignment", ", at most %(c)s expected with each pair at most %(p)s"
            ) % {"c": _fmt(capacity), "p": _fmt(cap)}
        if category:
            text = pgettext("assignment", "%(category)s category: %(text)s") % {
                "category": category,
                "text": text,
            }
        parts.append(text)
    fix = (
        pgettext("assignment", "raise the probability cap, lower R or add judges")
        if cap
        else pgettext("assignment", "lower R or add judges")
    )
    return pgettext("list separator", "; ").join(parts) + pgettext("assignment", ": ") + fix


def _locked(code: str, d: dict, names: dict) -> str:
    n = {k: names.get(v, v) for k, v in d.items() if isinstance(v, str)}
    if code == "locked_pair_forbidden":
        return (
            pgettext(
                "assignment",
                "%(judge)s is locked on %(entry)s but has a conflict of interest or works for "
                "its enterprise: unlock the pair",
            )
            % n
        )
    if code == "locked_same_employer":
        return pgettext(
            "assignment",
            "%(judges)s are locked on %(entry)s but have one employer: unlock all but one",
        ) % {"judges": _names(d.get("judges", []), names), "entry": n.get("entry", "")}
    if code == "locked_above_reviewers":
        return pgettext(
            "assignment",
            "%(entry)s has %(locked)s locked judges for %(r)s reviewers: unlock some or "
            "raise its R",
        ) % {"entry": n.get("entry", ""), "locked": d.get("locked"), "r": d.get("reviewers")}
    return pgettext(
        "assignment",
        "%(judge)s is locked on %(locked)s entries, above the maximum load %(max)s: "
        "unlock some or raise the maximum",
    ) % {"judge": n.get("judge", ""), "locked": d.get("locked"), "max": d.get("max_load")}


def _totals(code: str, d: dict, why: dict, names: dict) -> str | None:
    v = {k: _fmt(x) for k, x in d.items() if isinstance(x, int | float)}
    if code == "total_capacity":
        return (
            pgettext(
                "assignment",
                "The entries need %(reviews)s reviews but the judges' maximum loads add up to "
                "%(capacity)s: raise maximum loads, add judges or lower R",
            )
            % v
        )
    if code == "min_loads_exceed_demand":
        return (
            pgettext(
                "assignment",
                "The judges' minimum loads add up to %(min_loads)s but the entries need only "
                "%(reviews)s reviews: lower minimum loads or raise R",
            )
            % v
        )
    if code == "entries_short_of_judges":
        return pgettext(
            "assignment",
            "%(entries)s need %(reviews)s reviews but the judges who may review them can "
            "give at most %(capacity)s (maximum loads, conflicts and the one-employer "
            "rule); judges at their maximum: %(judges)s: raise maximum loads, add judges "
            "or lower R",
        ) % {
            **v,
            "entries": _names(why.get("entries", []), names),
            "judges": _names(why.get("judges", []), names) or "—",
        }
    if code == "judges_short_of_entries":
        return pgettext(
            "assignment",
            "%(judges)s have minimum loads adding up to %(min_loads)s but the entries they "
            "may review can take at most %(capacity)s of them: lower minimum loads or "
            "raise R",
        ) % {**v, "judges": _names(why.get("judges", []), names)}
    if code == "too_few_entries_for_judge":
        parts = [
            pgettext(
                "assignment", "%(judge)s may review only %(n)s entries for a minimum load of %(m)s"
            )
            % {"judge": names.get(j, j), "n": x.get("entries"), "m": x.get("min_load")}
            for j, x in (d.get("judges") or {}).items()
        ]
        return (
            pgettext("list separator", "; ").join(parts)
            + pgettext("assignment", ": ")
            + pgettext("assignment", "lower the minimum loads")
        )
    return None


def infeasibility(report: dict) -> str:
    """Why the run found no assignment, in the reader's language ("" when it did)."""
    why = report.get("infeasible")
    if not why:
        return ""
    code, detail = why.get("code", ""), why.get("detail") or {}
    names = report.get("names") or {}
    if code == "too_few_judges_for_entry":
        return _too_few_judges(detail, names, report.get("categories") or {})
    if code.startswith("locked_"):
        return _locked(code, detail, names)
    text = _totals(code, detail, why, names)
    if text is not None:
        return text
    if code == "no_assignment":
        return pgettext(
            "assignment", "No assignment meets the reviewers, the loads and the conflicts together"
        )
    return why.get("reason", "")


def input_error(exc, judges, entries) -> ValidationError:
    """The solver's refusal of its input as a ValidationError naming the judge or entry."""
    d = exc.detail
    judge_names = {f"J{j.pk}": j.name for j in judges}
    entry_names = {f"E{e.pk}": e.center.name for e in entries}
    if exc.code == "load_min_above_max":
        return ValidationError(
            {
                "min_load": pgettext(
                    "validation",
                    "%(judge)s: the minimum load %(min)s is above the maximum %(max)s.",
                )
                % {
                    "judge": judge_names.get(d.get("judge"), d.get("judge")),
                    "min": d.get("min_load"),
                    "max": d.get("max_load"),
                }
            }
        )
    if exc.code == "bad_max_probability":
        return ValidationError(
            {"max_probability": pgettext("validation", "The cap P is above 0 and at most 1.")}
        )
    if exc.code in ("bad_seed", "seed_without_cap"):
        return ValidationError(
            {"seed": pgettext("validation", "A seed is a whole number, used with a cap P.")}
        )
    text = str(exc)
    for key, name in {**judge_names, **entry_names}.items():
        text = text.replace(repr(key), name)
    return ValidationError(text)


def same_employer_message(judge, other, entry) -> str:
    return pgettext(
        "validation",
        "%(judge)s and %(other)s both work for %(employer)s: one employer reviews %(center)s once.",
    ) % {
        "judge": judge.name,
        "other": other.name,
        "employer": judge.employer,
        "center": entry.center.name,
    }


def explanation(affinity: Affinity, labels: dict | None = None) -> str:
    """How the score is made: "行业相同 3 × 1 + 渠道 1 × 0.5 + 维度 1 × 0.4 = 3.9"."""
    parts = [f"{TERM_LABELS[t.key]} {number(t.weight)} × {number(t.value)}" for t in affinity.terms]
    return " + ".join(parts) + f" = {number(affinity.score)}"
