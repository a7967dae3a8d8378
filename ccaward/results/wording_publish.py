"""The vote's method in words (票选方法说明), in the reader's language: what the
published results state beside the scoring method's statement
(deliberation/wording.py), so that a reader knows how the winners were found."""

from __future__ import annotations

from fractions import Fraction

from django.utils.translation import pgettext

from ccaward.results.enums import Strength, VoteMethod


def method_explained(method: str, *, strength: str, approvals: int | None) -> str:
    """How the panel's ballots are counted, in a sentence or two."""
    if method == VoteMethod.APPROVAL:
        if approvals:
            return pgettext(
                "voting method",
                "Approval voting: each panel member approves up to %(k)s shortlisted "
                "entries; the entries with the most approvals win.",
            ) % {"k": approvals}
        return pgettext(
            "voting method",
            "Approval voting: each panel member approves up to as many shortlisted "
            "entries as the category awards; the entries with the most approvals win.",
        )
    if method == VoteMethod.BORDA:
        return pgettext(
            "voting method",
            "Borda count: each panel member ranks the shortlist; an entry gets one point "
            "for every entry ranked below it, entries ranked equal share their points, "
            "and the unranked share the remaining points equally.",
        )
    measure = (
        pgettext("voting method", "the margin of the defeat")
        if strength == Strength.MARGIN
        else pgettext("voting method", "the votes of the winning side")
    )
    return pgettext(
        "voting method",
        "Schulze method: each panel member ranks the shortlist (equal ranks allowed); "
        "every pair of entries is compared, and an entry wins when its strongest chain "
        "of pairwise wins beats every rival's (a defeat's strength: %(measure)s).",
    ) % {"measure": measure}


def poll_sentence(weight: Fraction | None) -> str:
    if not weight:
        return pgettext("voting method", "The public poll has no weight in the decision.")
    return pgettext(
        "voting method",
        "The panel's vote and the public poll are combined: the poll counts for "
        "%(weight)s%% of the decision.",
    ) % {"weight": f"{float(weight) * 100:g}"}


def tie_break_sentence(dimensions: list[str]) -> str:
    """The stated chain that decides a tie."""
    return pgettext(
        "voting method",
        "A tie is decided by, in turn: the vote, the total score, the dimensions in the "
        "framework's weight order (%(dimensions)s), and last an organizer's casting "
        "decision with its recorded reason. Winners never exceed a category's quota.",
    ) % {"dimensions": pgettext("list separator", ", ").join(dimensions) or "—"}


def publication_sentence() -> str:
    return pgettext(
        "voting method",
        "The published snapshot holds every input of the result (the anonymised "
        "ballots, the judges' scores under pseudonyms, the policies) and its SHA-256 "
        "digest; anyone can count the ballots again with ccaward tally and the scores "
        "with ccaward score.",
    )


def voting_statement(*, method: str, strength: str, approvals, poll_weight, dimensions) -> list:
    """The sentences that say how the winners were found."""
    name = str(VoteMethod(method).label) if method in VoteMethod.values else method
    return [
        pgettext("voting method", "Panel vote: %(method)s. %(explained)s")
        % {
            "method": name,
            "explained": method_explained(method, strength=strength, approvals=approvals),
        },
        poll_sentence(poll_weight),
        tie_break_sentence(dimensions),
        publication_sentence(),
    ]
