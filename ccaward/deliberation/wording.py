"""The scoring method and the evaluation's caveats in words, in the reader's
language: what every totals page and export states at its top."""

from __future__ import annotations

from django.utils.translation import npgettext, pgettext

from ccaward.deliberation.enums import Method


def method_name(method: str) -> str:
    return str(Method(method).label) if method in Method.values else method


def method_explained(method: str) -> str:
    """What the method does, in a sentence or two."""
    return {
        Method.CALIBRATED: pgettext(
            "scoring method",
            "Each judge's severity (how harsh or lenient) and scale (how much of the "
            "scale they use) are estimated together with every entry's quality over all "
            "the scores that connect them, and each score is corrected for its judge "
            "before the scores are combined. A judge given the strongest entries is not "
            "taken for a lenient one.",
        ),
        Method.MEAN: pgettext("scoring method", "Each criterion's judges' scores are averaged."),
        Method.TRIMMED: pgettext(
            "scoring method",
            "The highest and the lowest score of each criterion are dropped when at "
            "least 5 judges scored it, and the rest averaged; with fewer judges, the "
            "mean.",
        ),
        Method.MEDIAN: pgettext(
            "scoring method", "Each criterion takes the middle one of its judges' scores."
        ),
        Method.ZSCORE: pgettext(
            "scoring method",
            "Each judge's scores are standardised by that judge's own mean and spread "
            "and mapped back to the scale, then averaged.",
        ),
    }.get(method, "")


def statement(se) -> list[str]:
    """The sentences that say how the totals were made and what to keep in mind
    (the trimmed mean's fallback, a disconnected design, the resamples, the site
    visit's share, converted or left-out scores, no mystery calls yet)."""
    ev = se.evaluation
    method = se.policy.method if ev is None else ev.method
    out = [
        pgettext("totals", "Judges' scores combined by: %(method)s. %(explained)s")
        % {"method": method_name(method), "explained": method_explained(method)}
    ]
    if ev is None:
        return out
    return (
        out
        + _combination_notes(se, method)
        + [_confidence_note(ev), _visit_note(se.policy)]
        + _input_notes(se.inputs, ev.scale)
    )


def _combination_notes(se, method: str) -> list[str]:
    """The scale, the trimmed mean's fallback and a disconnected design."""
    ev = se.evaluation
    out = [
        pgettext("totals", "Judges scored on %(scale)s; criteria, dimensions and totals are 0–100.")
        % {"scale": ev.scale}
    ]
    if method == Method.TRIMMED and ev.trim_fallback:
        out.append(
            npgettext(
                "totals",
                "%(n)s criterion score had fewer than 5 judges: the mean was taken.",
                "%(n)s criterion scores had fewer than 5 judges: the mean was taken.",
                ev.trim_fallback,
            )
            % {"n": ev.trim_fallback}
        )
    if se.disconnected:
        out.append(
            pgettext(
                "totals",
                "The judges fall into %(n)s groups that share no entry. Within a group, "
                "judges' severity is corrected; between groups it cannot be told apart from "
                "the entries' quality, so compare entries of different groups with care.",
            )
            % {"n": len(ev.components)}
        )
    return out


def _confidence_note(ev) -> str:
    """Where the rank intervals come from, or that there are none."""
    if not ev.bootstrap:
        return pgettext("totals", "Rank confidence is not computed (no resamples).")
    return pgettext(
        "totals",
        "Rank intervals (90%%) and the probability within the quota come from "
        "%(n)s resamples of each entry's judges (seed %(seed)s).",
    ) % {"n": ev.bootstrap, "seed": ev.seed}


def _visit_note(policy) -> str:
    return pgettext(
        "totals",
        "Where a site visit scored a criterion, it makes up %(share)s%% of the judges' evidence.",
    ) % {"share": policy.visit_weight}


def _input_notes(inputs, scale: str) -> list[str]:
    """What happened to the inputs: converted, left out, conflicted; mystery calls."""
    out = []
    if inputs.converted:
        out.append(
            npgettext(
                "totals",
                "%(n)s review given on another scale was converted to %(scale)s.",
                "%(n)s reviews given on another scale were converted to %(scale)s.",
                inputs.converted,
            )
            % {"n": inputs.converted, "scale": scale}
        )
    if inputs.left_out:
        out.append(
            npgettext(
                "totals",
                "%(n)s score of a criterion the framework no longer has is left out.",
                "%(n)s scores of criteria the framework no longer has are left out.",
                inputs.left_out,
            )
            % {"n": inputs.left_out}
        )
    if inputs.conflicted:
        out.append(
            npgettext(
                "totals",
                "%(n)s review is left out: its judge has a conflict of interest with the entry.",
                "%(n)s reviews are left out: their judges have a conflict of interest with "
                "the entry.",
                inputs.conflicted,
            )
            % {"n": inputs.conflicted}
        )
    if not inputs.mystery:
        out.append(
            pgettext(
                "totals",
                "No mystery-call evidence yet: a criterion's mystery-call weight goes to "
                "its other evidence.",
            )
        )
    else:
        out.append(
            pgettext(
                "totals",
                "Mystery calls: a criterion's mystery-call evidence is the mean score of the "
                "entry's contacts (one that could not get through counts 0, a voided one not "
                "at all; the rank intervals resample them); consistency takes 100 × (1 − SD "
                "/ 50) of the contacts' scores.",
            )
        )
    return out
