"""Signals of stuffing in a public poll (网络投票的异常信号). No Django.

Each signal is a pattern a person should look at, never a verdict: it names the
votes involved, and the organizers decide whether to void them. All three are
computed per category on the votes still counted (voided votes are left out).

- **Burst** (`burst`): an entry's votes in one clock minute far above its own rate.
  The entry's rate over the poll is λ = its votes / the poll's length in minutes
  (from the category's first vote to its last, at least one). A minute with k
  votes for the entry is a burst when k >= BURST_MIN_VOTES and the Poisson tail
  P(X >= k | λ) is below ALPHA / M, M being the number of (entry, minute) cells
  examined (Bonferroni). Under a steady (Poisson) poll the chance that any burst
  is raised in a category is therefore at most ALPHA (1%); a daily rhythm (busy
  evenings) raises it, which is why a signal is shown, not acted on. Adjacent
  flagged minutes of one entry are one signal.
- **One network** (`network`): more than NETWORK_MAX_ACCOUNTS accounts voting in the
  category from one network (an IPv4 /24 or an IPv6 /48). An office or a mobile
  carrier's gateway can do this honestly; the signal lists the entries they chose.
- **New accounts** (`new_accounts`): votes cast within FRESH_SECONDS of the
  account's creation ("fresh") concentrated on one entry. The entry's share among
  the category's other votes is the expectation (with one added vote per entry;
  an even split when fewer than REFERENCE_MIN other votes exist); the entry is
  flagged when it has at least FRESH_MIN_VOTES fresh votes and the binomial tail
  P(X >= fresh votes | all fresh votes, expected share) is below ALPHA / K (K the
  category's entries). Where nearly every voter registers just to vote, the
  expectation is the even split and a popular entry can be flagged.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

ALPHA = 0.01
BURST_MIN_VOTES = 5
MINUTE = 60.0
NETWORK_MAX_ACCOUNTS = 10
FRESH_SECONDS = 10 * 60.0
FRESH_MIN_VOTES = 10
REFERENCE_MIN = 20

BURST, NETWORK, NEW_ACCOUNTS = "burst", "network", "new_accounts"
KINDS = (BURST, NETWORK, NEW_ACCOUNTS)


@dataclass(frozen=True)
class Vote:
    """One counted vote: times in seconds (any epoch, the same for both)."""

    id: int
    entry: int
    account: int
    network: str
    at: float
    account_created: float


@dataclass(frozen=True)
class Signal:
    """A pattern found: `kind` one of KINDS, the entry or network it is about, the
    time span (seconds), the votes involved (ids, by time), `p` the tail probability
    where a test made it (None for the network count), and its figures in `detail`
    (burst: votes, rate per minute; network: accounts, votes per entry; new accounts:
    fresh votes, all fresh votes, expected share)."""

    kind: str
    votes: tuple[int, ...]
    start: float
    end: float
    entry: int | None = None
    network: str | None = None
    p: float | None = None
    detail: dict = field(default_factory=dict)

    @property
    def key(self) -> str:
        """Stable within the same votes: kind, subject and start."""
        subject = self.entry if self.entry is not None else self.network
        return f"{self.kind}:{subject}:{int(self.start)}"


def poisson_tail(k: int, rate: float) -> float:
    """P(X >= k) for X ~ Poisson(rate), summed in log space from k upward."""
    if k <= 0:
        return 1.0
    if rate <= 0:
        return 0.0
    total, i = 0.0, k
    log_term = -rate + k * math.log(rate) - math.lgamma(k + 1)
    while True:
        term = math.exp(log_term)
        total += term
        i += 1
        if term < 1e-18 * max(total, 1e-300) or i > k + 10_000:
            break
        log_term += math.log(rate) - math.log(i)
    return min(1.0, total)


def binomial_tail(k: int, n: int, p: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p)."""
    if k <= 0:
        return 1.0
    if k > n or p <= 0:
        return 0.0
    if p >= 1:
        return 1.0
    logs = [
        math.lgamma(n + 1)
        - math.lgamma(i + 1)
        - math.lgamma(n - i + 1)
        + i * math.log(p)
        + (n - i) * math.log1p(-p)
        for i in range(k, n + 1)
    ]
    top = max(logs)
    return min(1.0, math.exp(top) * sum(math.exp(x - top) for x in logs))


def _ids(votes: Iterable[Vote]) -> tuple[int, ...]:
    return tuple(v.id for v in sorted(votes, key=lambda v: (v.at, v.id)))


def bursts(
    votes: Sequence[Vote], *, alpha: float = ALPHA, min_votes: int = BURST_MIN_VOTES
) -> list[Signal]:
    """Minutes in which an entry's votes are far above its own rate (module doc)."""
    if not votes:
        return []
    first = min(v.at for v in votes)
    last = max(v.at for v in votes)
    start_minute = math.floor(first / MINUTE)
    minutes = max(1, math.floor(last / MINUTE) - start_minute + 1)
    cells: dict[int, dict[int, list[Vote]]] = defaultdict(lambda: defaultdict(list))
    for v in votes:
        cells[v.entry][math.floor(v.at / MINUTE)].append(v)
    bar = alpha / (minutes * len(cells))
    found = []
    for entry in sorted(cells):
        by_minute = cells[entry]
        rate = sum(len(vs) for vs in by_minute.values()) / minutes
        tails = {
            m: poisson_tail(len(vs), rate) for m, vs in by_minute.items() if len(vs) >= min_votes
        }
        flagged = {m: p for m, p in tails.items() if p < bar}
        for run in _runs(sorted(flagged)):
            involved = [v for m in run for v in by_minute[m]]
            found.append(
                Signal(
                    kind=BURST,
                    votes=_ids(involved),
                    start=run[0] * MINUTE,
                    end=(run[-1] + 1) * MINUTE,
                    entry=entry,
                    p=min(flagged[m] for m in run),
                    detail={"votes": len(involved), "minutes": len(run), "rate": rate},
                )
            )
    return found


def _runs(minutes: list[int]) -> list[list[int]]:
    """Consecutive minutes grouped: [1, 2, 5] -> [[1, 2], [5]]."""
    runs: list[list[int]] = []
    for m in minutes:
        if runs and m == runs[-1][-1] + 1:
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def shared_networks(
    votes: Sequence[Vote], *, max_accounts: int = NETWORK_MAX_ACCOUNTS
) -> list[Signal]:
    """Networks from which more than `max_accounts` accounts voted (module doc)."""
    by_network: dict[str, list[Vote]] = defaultdict(list)
    for v in votes:
        if v.network:
            by_network[v.network].append(v)
    found = []
    for network in sorted(by_network):
        involved = by_network[network]
        accounts = {v.account for v in involved}
        if len(accounts) <= max_accounts:
            continue
        entries: dict[int, int] = defaultdict(int)
        for v in involved:
            entries[v.entry] += 1
        found.append(
            Signal(
                kind=NETWORK,
                votes=_ids(involved),
                start=min(v.at for v in involved),
                end=max(v.at for v in involved),
                network=network,
                detail={"accounts": len(accounts), "entries": dict(sorted(entries.items()))},
            )
        )
    return found


def _fresh(v: Vote, fresh_seconds: float) -> bool:
    return 0 <= v.at - v.account_created <= fresh_seconds


def new_accounts(
    votes: Sequence[Vote],
    *,
    alpha: float = ALPHA,
    fresh_seconds: float = FRESH_SECONDS,
    min_votes: int = FRESH_MIN_VOTES,
    entries: Iterable[int] = (),
) -> list[Signal]:
    """Fresh accounts' votes concentrated on one entry (module doc); `entries` names
    the category's entries that have no vote yet, for the even split."""
    fresh = [v for v in votes if _fresh(v, fresh_seconds)]
    if len(fresh) < min_votes:
        return []
    others = [v for v in votes if not _fresh(v, fresh_seconds)]
    known = sorted({v.entry for v in votes} | set(entries))
    counted: dict[int, int] = defaultdict(int)
    for v in others:
        counted[v.entry] += 1
    found = []
    for entry in known:
        mine = [v for v in fresh if v.entry == entry]
        if len(mine) < min_votes:
            continue
        if len(others) >= REFERENCE_MIN:
            share = (counted[entry] + 1) / (len(others) + len(known))
        else:
            share = 1 / len(known)
        p = binomial_tail(len(mine), len(fresh), share)
        if p < alpha / len(known):
            found.append(
                Signal(
                    kind=NEW_ACCOUNTS,
                    votes=_ids(mine),
                    start=min(v.at for v in mine),
                    end=max(v.at for v in mine),
                    entry=entry,
                    p=p,
                    detail={"fresh": len(mine), "all_fresh": len(fresh), "expected": share},
                )
            )
    return found


def signals(votes: Sequence[Vote], *, entries: Iterable[int] = ()) -> list[Signal]:
    """Every signal of one category's counted votes: bursts, shared networks, new
    accounts, each by time."""
    found = bursts(votes) + shared_networks(votes) + new_accounts(votes, entries=entries)
    return sorted(found, key=lambda s: (KINDS.index(s.kind), s.start, s.key))
