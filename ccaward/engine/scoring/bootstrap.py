"""Rank confidence: how sure each entry's place in its category is. No Django.

The judges' adjustments (a calibrated judge's severity and scale) are held at
their fitted values: what is resampled is which judges (and mystery contacts)
an entry happened to get, the luck of the panel. Each resample draws, for every
entry, as many of its judges as it had, with replacement (a judge drawn twice
counts twice), and as many of its mystery contacts likewise; combines each (entry, criterion) cell from the drawn judges'
adjusted scores by the method's rule (`Combined.rule`: "mean" the weighted mean,
"trimmed" the mean without the highest and the lowest score when at least
TRIM_MIN_JUDGES drawn scores are in the cell, else the mean, "median"); a cell
none of the drawn judges scored keeps its point value. The totals follow through
the framework's linear form (`LinearTotals`), and the entries are ranked within
their category (competition ranking: 1 + the number of entries with a strictly
higher total; totals compared at the 0.01 they are shown at, as the point ranking
does). Over the resamples each entry gets

- its 90% rank interval: the 5th and the 95th percentile of its ranks, as ranks
  it took (the lower one rounded down, the upper one up, so at least 90% of the
  resamples lie inside);
- the share of resamples in which it is within its category's quota;
- whether its place at the quota line is uncertain: the interval crosses the line
  (lo <= quota < hi).

All of it vectorised with numpy: the resamples in chunks (at most about 4 million
numbers per array per chunk, whatever the season's size), the draws from
`numpy.random.default_rng(seed)` (judges and contacts from two streams spawned
from it, so the draws do not depend on the chunk size): the same seed gives the
same result.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ccaward.engine.framework import SCORE_PLACES
from ccaward.engine.scoring.results import Combined, Contacts, LinearTotals
from ccaward.engine.scoring.table import TRIM_MIN_JUDGES, ScoreTable

# the 90% rank interval
PERCENTILES = (5, 95)
CHUNK_NUMBERS = 4_000_000
# totals are ranked at the precision they are shown and tied at, as the point ranking does
DIGITS = -SCORE_PLACES.as_tuple().exponent


@dataclass(frozen=True, eq=False)
class Panel:
    """Each entry's panel (judges, or mystery contacts) as dense arrays: slot k of
    entry e is its k-th member; `value`/`weight`/`present` are (E, K, C)."""

    size: np.ndarray  # (E,) members per entry
    value: np.ndarray  # (E, K, C), 0 where the member did not score the cell
    weight: np.ndarray  # (E, K, C), 0 where not scored
    present: np.ndarray  # (E, K, C) bool
    point: np.ndarray  # (E, C) the cell's point value, 0 where none (its coefficient is 0)

    @property
    def slots(self) -> int:
        return self.value.shape[1]


def panel(entry, member, criterion, value, weight, point, n_entries, n_criteria) -> Panel:
    """A Panel from one row per (member, entry, criterion) score."""
    entry = np.asarray(entry, dtype=np.int64)
    _, member = np.unique(np.asarray(member), return_inverse=True)
    key = entry * (int(member.max(initial=0)) + 1) + member.reshape(-1)
    slots, slot = np.unique(key, return_inverse=True)
    slot_entry = slots // (int(member.max(initial=0)) + 1)
    size = np.bincount(slot_entry, minlength=n_entries)
    start = np.concatenate(([0], np.cumsum(size)[:-1]))
    position = slot.reshape(-1) - start[entry]
    k = int(size.max(initial=0))
    shape = (n_entries, max(k, 1), n_criteria)
    values = np.zeros(shape)
    weights = np.zeros(shape)
    present = np.zeros(shape, dtype=bool)
    values[entry, position, criterion] = value
    weights[entry, position, criterion] = weight
    present[entry, position, criterion] = True
    point = np.nan_to_num(np.asarray(point, dtype=float), nan=0.0)
    return Panel(size=size, value=values, weight=weights, present=present, point=point)


def judges_panel(table: ScoreTable, combined: Combined) -> Panel:
    E, C = len(table.entries), len(table.criteria)
    return panel(
        table.entry, table.judge, table.criterion, combined.adjusted, combined.weight,
        combined.values, E, C,
    )  # fmt: skip


def contacts_panel(contacts: Contacts, n_entries: int, n_criteria: int) -> Panel:
    """Mystery contacts; a cell's point value is the mean of its contacts' scores."""
    cell = contacts.entry * n_criteria + contacts.criterion
    n = np.bincount(cell, minlength=n_entries * n_criteria)
    total = np.bincount(cell, weights=contacts.score, minlength=n_entries * n_criteria)
    point = np.where(n > 0, total / np.maximum(n, 1), np.nan).reshape(n_entries, n_criteria)
    ones = np.ones(len(contacts.score))
    return panel(
        contacts.entry, contacts.contact, contacts.criterion, contacts.score, ones,
        point, n_entries, n_criteria,
    )  # fmt: skip


def draw(rng: np.random.Generator, size: np.ndarray, slots: int, b: int) -> np.ndarray:
    """(b, E, K) how many times each member is drawn in each of b resamples: each
    entry draws `size[e]` members among its own with replacement. One uniform
    number per (resample, entry, slot), used or not, so chunks do not change the
    draws."""
    n_entries = len(size)
    u = rng.random((b, n_entries, slots))
    pick = np.minimum(
        (u * size[None, :, None]).astype(np.int64), np.maximum(size - 1, 0)[None, :, None]
    )
    used = np.arange(slots)[None, :] < size[:, None]  # (E, K)
    base = (np.arange(b)[:, None, None] * n_entries + np.arange(n_entries)[None, :, None]) * slots
    flat = (base + pick)[np.broadcast_to(used, (b, n_entries, slots))]
    return (
        np.bincount(flat, minlength=b * n_entries * slots)
        .reshape(b, n_entries, slots)
        .astype(float)
    )


def mean_values(p: Panel, counts: np.ndarray) -> np.ndarray:
    """(b, E, C): the weighted mean of the drawn members' values per cell."""
    num = np.einsum("bek,ekc->bec", counts, p.weight * p.value)
    den = np.einsum("bek,ekc->bec", counts, p.weight)
    return np.where(den > 0, num / np.where(den > 0, den, 1.0), p.point[None, :, :])


@dataclass(frozen=True, eq=False)
class Sorted:
    """Each cell's members in the order of their values (absent ones last),
    slot-first so that sums over a cell's members run over whole arrays."""

    index: np.ndarray  # (K, E*C) flat index (e * K + member) into a resample's counts
    value: np.ndarray  # (K, E*C) the sorted values, 0 where absent
    present: np.ndarray  # (K, E*C)


def sort_cells(p: Panel) -> Sorted:
    n_entries, slots, n_criteria = p.value.shape
    value = np.where(p.present, p.value, np.inf)  # (E, K, C)
    order = np.argsort(value, axis=1, kind="stable")
    present = np.take_along_axis(p.present, order, axis=1)
    ordered = np.where(present, np.take_along_axis(value, order, axis=1), 0.0)
    index = np.arange(n_entries)[:, None, None] * slots + order
    flat = (slots, n_entries * n_criteria)
    return Sorted(
        index=index.transpose(1, 0, 2).reshape(flat),
        value=ordered.transpose(1, 0, 2).reshape(flat),
        present=present.transpose(1, 0, 2).reshape(flat),
    )


def _cumulative(drawn: np.ndarray) -> np.ndarray:
    """Running sums over the first axis (a panel's member slots): one whole-array
    add per slot, an order of magnitude faster than numpy's cumsum over a short
    first axis."""
    out = drawn.copy()
    for k in range(1, len(out)):
        np.add(out[k], out[k - 1], out=out[k])
    return out


def _at(s: Sorted, cumulative: np.ndarray, position: np.ndarray) -> np.ndarray:
    """(E*C, b) the value at 0-based `position` of each cell's multiset (members
    repeated as drawn): the first sorted member whose cumulative count passes it."""
    index = np.count_nonzero(cumulative <= position[None], axis=0)
    index = np.minimum(index, s.value.shape[0] - 1)
    cells = s.value.shape[1]
    return s.value.reshape(-1)[index * cells + np.arange(cells)[:, None]]


def order_values(p: Panel, s: Sorted, counts: np.ndarray, rule: str) -> np.ndarray:
    """(b, E, C) by "median" or "trimmed" (each drawn score once per draw)."""
    b, n_entries, _ = counts.shape
    n_criteria = p.value.shape[2]
    per_member = np.ascontiguousarray(counts.reshape(b, -1).T.astype(np.int32))  # (E*K, b)
    drawn = per_member[s.index] * s.present[..., None]  # (K, E*C, b)
    cumulative = _cumulative(drawn)
    m = cumulative[-1]
    if rule == "median":
        out = (_at(s, cumulative, (m - 1) // 2) + _at(s, cumulative, m // 2)) / 2
    else:
        total = np.einsum("kxb,kx->xb", drawn, s.value)
        lowest = _at(s, cumulative, np.zeros_like(m))
        highest = _at(s, cumulative, m - 1)
        trim = m >= TRIM_MIN_JUDGES
        out = np.where(trim, total - lowest - highest, total)
        out = out / np.maximum(np.where(trim, m - 2, m), 1)
    out = np.where(m > 0, out, p.point.reshape(-1, 1))
    return out.T.reshape(b, n_entries, n_criteria)


def resampled_totals(
    table: ScoreTable,
    combined: Combined,
    linear: LinearTotals,
    *,
    n: int,
    seed,
    contacts: Contacts | None = None,
    chunk: int | None = None,
):
    """The entries' totals in each resample, as (b, E) arrays of b resamples at a time."""
    n_entries, n_criteria = len(table.entries), len(table.criteria)
    judges = judges_panel(table, combined)
    mystery = contacts_panel(contacts, n_entries, n_criteria) if contacts is not None else None
    use_mystery = mystery is not None and bool(np.any(linear.mystery))
    judge_rng, contact_rng = np.random.default_rng(seed).spawn(2)
    ordered = sort_cells(judges) if combined.rule != "mean" else None
    per_resample = n_entries * max(n_criteria, 1) * (judges.slots if ordered is not None else 2)
    b = chunk or max(1, min(n, CHUNK_NUMBERS // max(per_resample, 1)))
    judge_coef = np.asarray(linear.judge, dtype=float)
    mystery_coef = np.asarray(linear.mystery, dtype=float)
    base = np.asarray(linear.base, dtype=float)
    done = 0
    while done < n:
        size = min(b, n - done)
        counts = draw(judge_rng, judges.size, judges.slots, size)
        if ordered is None:
            values = mean_values(judges, counts)
        else:
            values = order_values(judges, ordered, counts, combined.rule)
        totals = base[None, :] + np.einsum("bec,ec->be", values, judge_coef)
        if use_mystery:
            drawn = draw(contact_rng, mystery.size, mystery.slots, size)
            totals += np.einsum("bec,ec->be", mean_values(mystery, drawn), mystery_coef)
        done += size
        yield totals


def competition_ranks(totals: np.ndarray, group: np.ndarray) -> np.ndarray:
    """(b, E) ranks within each entry's group: 1 + the number of the group's
    entries with a strictly higher total. Totals are compared rounded to DIGITS
    decimals (0.01: as shown, and as `totals.rank` ties them), which also makes
    totals equal but for the order of a floating-point sum tie. NaN totals rank
    below every number."""
    totals = np.where(np.isnan(totals), -np.inf, np.round(totals, DIGITS))
    b, n_entries = totals.shape
    groups = np.broadcast_to(group, totals.shape)
    order = np.lexsort((-totals, groups), axis=-1)
    t = np.take_along_axis(totals, order, axis=-1)
    g = np.take_along_axis(groups, order, axis=-1)
    position = np.broadcast_to(np.arange(n_entries), totals.shape)
    new_group = np.ones(totals.shape, dtype=bool)
    new_group[:, 1:] = g[:, 1:] != g[:, :-1]
    new_value = new_group.copy()
    new_value[:, 1:] |= t[:, 1:] != t[:, :-1]
    group_start = np.maximum.accumulate(np.where(new_group, position, 0), axis=-1)
    run_start = np.maximum.accumulate(np.where(new_value, position, 0), axis=-1)
    ranks = np.empty(totals.shape, dtype=np.int64)
    np.put_along_axis(ranks, order, run_start - group_start + 1, axis=-1)
    return ranks


def group_ids(groups) -> tuple[np.ndarray, list]:
    """Each entry's group as an index, and the groups' labels (None is a group)."""
    labels = list(dict.fromkeys(groups))
    index = {label: i for i, label in enumerate(labels)}
    return np.array([index[g] for g in groups], dtype=np.int64), labels


def rank_confidence(
    table: ScoreTable,
    combined: Combined,
    linear: LinearTotals,
    *,
    groups,
    quotas,
    n: int,
    seed,
    contacts: Contacts | None = None,
    chunk: int | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(intervals (E, 2) int, p_in_quota (E,) float, uncertain (E,) bool) from `n`
    resamples seeded by `seed`. groups[e] is entry e's category (or None),
    quotas {category: quota}. An entry without a total (its base is NaN) is not
    ranked: interval (0, 0), p NaN; an entry whose category has no quota has p NaN
    and is never uncertain."""
    if n < 1:
        raise ValueError("the bootstrap needs at least one resample")
    n_entries = len(table.entries)
    if len(groups) != n_entries:
        raise ValueError(f"{len(groups)} categories for {n_entries} entries")
    group, labels = group_ids(groups)
    quota_of = np.array([quotas.get(label, -1) for label in labels], dtype=np.int64)[group]
    has_quota = quota_of >= 0
    biggest = int(np.bincount(group, minlength=1).max(initial=0)) if n_entries else 0
    histogram = np.zeros(n_entries * (biggest + 1), dtype=np.int64)
    inside = np.zeros(n_entries, dtype=np.int64)
    entry = np.arange(n_entries)
    for totals in resampled_totals(
        table, combined, linear, n=n, seed=seed, contacts=contacts, chunk=chunk
    ):
        ranks = competition_ranks(totals, group)
        histogram += np.bincount(
            (entry[None, :] * (biggest + 1) + ranks).ravel(), minlength=histogram.size
        )
        inside += np.count_nonzero(ranks <= quota_of[None, :], axis=0)
    cumulative = np.cumsum(histogram.reshape(n_entries, biggest + 1), axis=1)
    # the ranks at sorted positions floor(5% (n - 1)) and ceil(95% (n - 1)), in integers
    lo = np.argmax(cumulative > (PERCENTILES[0] * (n - 1)) // 100, axis=1)
    hi = np.argmax(cumulative > -((-PERCENTILES[1] * (n - 1)) // 100), axis=1)
    intervals = np.stack([lo, hi], axis=1).astype(np.int64)
    p_in_quota = np.where(has_quota, inside / n, np.nan)
    uncertain = has_quota & (lo <= quota_of) & (quota_of < hi)
    ranked = np.isfinite(np.asarray(linear.base, dtype=float))
    intervals[~ranked] = 0
    p_in_quota[~ranked] = np.nan
    uncertain &= ranked
    return intervals, p_in_quota, uncertain
