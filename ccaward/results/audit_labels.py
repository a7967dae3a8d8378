"""How the results' audit events read: voting's here (票选: a ballot's event names
the voter and the category, never what the ballot says), publishing's in
audit_labels_publish.py."""

from django.utils.translation import pgettext, pgettext_lazy

from ccaward.core.audit_text import Label, join
from ccaward.results.audit_labels_publish import AUDIT_LABELS as PUBLISH


def _tie(data: dict) -> dict:
    tied = data.get("tied")
    if isinstance(tied, list) and tied:
        return {"tie": pgettext("audit", "open tie: %(entries)s") % {"entries": join(tied)}}
    return {"tie": pgettext("audit", "no open tie")}


def _winners(data: dict) -> dict:
    winners = data.get("winners")
    if isinstance(winners, list) and winners:
        return {"winners": join(winners), **_tie(data)}
    return {"winners": pgettext("audit", "none"), **_tie(data)}


AUDIT_LABELS = {
    **PUBLISH,
    "results.policy.changed": Label(
        pgettext_lazy("audit", "Voting policy changed"),
        pgettext_lazy("audit", "%(actor)s changed the voting policy: %(fields)s"),
    ),
    "results.ballot.cast": Label(
        pgettext_lazy("audit", "Ballot cast"),
        pgettext_lazy("audit", "%(actor)s voted in %(category)s (ballot %(times)s)"),
    ),
    "results.count.done": Label(
        pgettext_lazy("audit", "Vote counted"),
        pgettext_lazy(
            "audit",
            "%(actor)s counted the vote in %(category)s: %(ballots)s ballots, winners "
            "%(winners)s; %(tie)s",
        ),
        _winners,
    ),
    "results.count.decided": Label(
        pgettext_lazy("audit", "Decision taken again"),
        pgettext_lazy(
            "audit",
            "%(actor)s took the decision in %(category)s again: winners %(winners)s; %(tie)s",
        ),
        _winners,
    ),
    "results.tie.broken": Label(
        pgettext_lazy("audit", "Casting decision"),
        pgettext_lazy(
            "audit", "%(actor)s broke the tie in %(category)s: %(order)s. Reason: %(reason)s"
        ),
    ),
    "results.special.named": Label(
        pgettext_lazy("audit", "Special award named"),
        pgettext_lazy("audit", "%(actor)s named %(winner)s for %(category)s: %(justification)s"),
    ),
    "results.special.withdrawn": Label(
        pgettext_lazy("audit", "Special award withdrawn"),
        pgettext_lazy("audit", "%(actor)s withdrew %(winner)s's %(category)s. Reason: %(reason)s"),
    ),
}
