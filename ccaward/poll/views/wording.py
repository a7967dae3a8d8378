"""A signal of stuffing in words, for the organizers' page."""

from __future__ import annotations

from django.utils.translation import pgettext

from ccaward.engine.voting import signals as engine


def _center(votes, entry_id) -> str:
    for vote in votes:
        if vote.entry_id == entry_id:
            return vote.entry.center.name
    return str(entry_id)


def _p(p) -> str:
    return f"{p:.1e}" if p is not None else "—"


def signal_text(signal: engine.Signal, votes) -> str:
    """One sentence: what was found, with its figures."""
    d = signal.detail
    if signal.kind == engine.BURST:
        return pgettext(
            "poll",
            "Burst: %(n)s votes for %(center)s in %(minutes)s min, against its "
            "usual %(rate)s a minute (chance under a steady poll p = %(p)s).",
        ) % {
            "n": d["votes"],
            "center": _center(votes, signal.entry),
            "minutes": d["minutes"],
            "rate": f"{d['rate']:.2f}",
            "p": _p(signal.p),
        }
    if signal.kind == engine.NETWORK:
        names = {v.entry_id: v.entry.center.name for v in votes}
        chosen = ", ".join(f"{names.get(pk, pk)} {n}" for pk, n in d["entries"].items())
        return pgettext(
            "poll",
            "One network: %(accounts)s accounts voted from %(network)s (%(entries)s).",
        ) % {"accounts": d["accounts"], "network": signal.network, "entries": chosen}
    return pgettext(
        "poll",
        "New accounts: %(n)s of %(all)s votes cast within minutes of the account's creation "
        "went to %(center)s, where %(expected)s was expected (p = %(p)s).",
    ) % {
        "n": d["fresh"],
        "all": d["all_fresh"],
        "center": _center(votes, signal.entry),
        "expected": f"{d['expected'] * 100:.0f}%",
        "p": _p(signal.p),
    }
