"""Planning: contacts spread evenly over slots and channels, shoppers assigned with
the most balanced loads the conflicts allow, infeasible instances explained."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from ccaward.engine.mystery.plan import (
    CHANNELS,
    PlanEntry,
    Shopper,
    allowed,
    entry_slots,
    plan,
)

ORGS = ["", "中国建设银行股份有限公司", "中国建设银行客户服务中心", "平安银行", "ACME Co., Ltd."]


@st.composite
def instances(draw):
    n_entries = draw(st.integers(1, 5))
    entries = [
        PlanEntry(
            id=f"e{i}",
            contacts=draw(st.integers(0, 9)),
            channels=tuple(draw(st.lists(st.sampled_from(CHANNELS), min_size=1, unique=True))),
            claims_24x7=draw(st.booleans()),
            organization=draw(st.sampled_from(ORGS)),
        )
        for i in range(n_entries)
    ]
    shoppers = [
        Shopper(id=f"s{i}", employer=draw(st.sampled_from(ORGS)))
        for i in range(draw(st.integers(1, 6)))
    ]
    pairs = [(s.id, e.id) for s in shoppers for e in entries]
    conflicts = set(draw(st.lists(st.sampled_from(pairs), max_size=len(pairs) // 2)))
    return entries, shoppers, conflicts, draw(st.integers(0, 2**16))


def spread_by(contacts, key):
    return Counter(key(c) for c in contacts)


@settings(max_examples=150, deadline=None)
@given(instances())
def test_plan_spreads_evenly_and_balances_loads(instance):
    entries, shoppers, conflicts, seed = instance
    result = plan(entries, shoppers, conflicts=conflicts, seed=seed)
    assert result.contacts == plan(entries, shoppers, conflicts=conflicts, seed=seed).contacts
    for entry in entries:
        mine = [c for c in result.contacts if c.entry == entry.id]
        assert len(mine) == entry.contacts
        slots = spread_by(mine, lambda c: c.slot)
        channels = spread_by(mine, lambda c: c.channel)
        n_slots = 5 if entry.claims_24x7 else 4
        if not entry.claims_24x7:
            assert "night" not in slots
        counts = [slots.get(s, 0) for s in entry_slots(entry)]
        assert sum(counts) == entry.contacts
        if entry.contacts >= n_slots:
            assert len(slots) == n_slots
        assert max(counts, default=0) - min(counts, default=0) <= 1
        assert set(channels) <= set(entry.channels)
        per_channel = [channels.get(ch, 0) for ch in entry.channels]
        assert max(per_channel) - min(per_channel) <= 1
    if not result.feasible:
        assert result.infeasible
        return
    by_id = {e.id: e for e in entries}
    shopper = {s.id: s for s in shoppers}
    for c in result.contacts:
        assert not allowed(by_id[c.entry], shopper[c.shopper], conflicts)
    assert Counter(c.shopper for c in result.contacts) == +Counter(result.loads)
    top = max(result.loads.values())
    if top:  # the largest load is the smallest possible: one less leaves some uncovered
        tighter = [Shopper(s.id, s.employer, max_load=top - 1) for s in shoppers]
        assert not plan(entries, tighter, conflicts=conflicts, seed=seed).feasible
    if not conflicts and all(not allowed(e, s, set()) for e in entries for s in shoppers):
        assert top - min(result.loads.values()) <= 1


def test_loads_within_one_without_conflicts():
    entries = [PlanEntry(f"e{i}", contacts=7, channels=("voice", "wechat")) for i in range(5)]
    shoppers = [Shopper(f"s{i}") for i in range(4)]
    result = plan(entries, shoppers, max_per_pair=3)
    assert sorted(result.loads.values()) == [8, 9, 9, 9]
    assert max(Counter((c.shopper, c.entry) for c in result.contacts).values()) <= 3


def test_infeasible_entry_explained_by_counts():
    entries = [
        PlanEntry("bank", contacts=6, organization="平安银行"),
        PlanEntry("other", contacts=2),
    ]
    shoppers = [
        Shopper("s1", employer="平安银行"),
        Shopper("s2", employer="平安银行"),
        Shopper("s3"),
        Shopper("s4"),
    ]
    result = plan(entries, shoppers, conflicts={("s3", "bank")}, max_per_pair=3)
    assert not result.feasible
    assert result.infeasible == [
        "entry bank: 6 contacts, but only 1 of 4 shoppers may contact it (2 of its "
        "organisation, 1 conflicted, 0 without places), 3 contacts at most"
    ]
    assert all(c.shopper == "" for c in result.contacts)


def test_infeasible_together_explained_by_a_cut():
    entries = [PlanEntry("a", contacts=3), PlanEntry("b", contacts=3), PlanEntry("c", contacts=1)]
    shoppers = [Shopper("s1", max_load=4), Shopper("s2", max_load=4), Shopper("s3", max_load=4)]
    conflicts = {("s3", "a"), ("s3", "b")}
    result = plan(entries, shoppers, conflicts=conflicts, max_per_pair=2)
    assert result.feasible
    tight = [Shopper("s1", max_load=2), Shopper("s2", max_load=3), Shopper("s3", max_load=4)]
    result = plan(entries, tight, conflicts=conflicts)
    assert not result.feasible
    assert result.infeasible[0].startswith(
        "entries a, b: 6 contacts together, but the 2 shoppers who may contact them have 5 "
        "places in all"
    )


def test_even_pairs_give_an_entry_several_voices():
    entries = [PlanEntry(id=f"e{i:02}", contacts=4) for i in range(31)]
    shoppers = [Shopper(id=f"s{i}") for i in range(3)]
    result = plan(entries, shoppers, seed=3, even_pairs=True)
    pairs = Counter((c.shopper, c.entry) for c in result.contacts)
    assert max(pairs.values()) == 2  # ceil(4 / 3)
    assert all(len({c.shopper for c in result.contacts if c.entry == e.id}) >= 2 for e in entries)
    assert max(result.loads.values()) - min(result.loads.values()) <= 1
    # a preference, never why a plan fails: one shopper allowed takes them all
    alone = plan(entries[:1], shoppers, conflicts={("s0", "e00"), ("s1", "e00")}, even_pairs=True)
    assert alone.feasible and {c.shopper for c in alone.contacts} == {"s2"}
    capped = plan(entries[:1], shoppers[:1], max_per_pair=2, even_pairs=True)
    assert not capped.feasible  # an organizer's cap stays a cap


def test_shoppers_at_the_cap_are_not_called_conflicted():
    entries = [PlanEntry("bank", contacts=2)]
    shoppers = [Shopper("s1"), Shopper("s2")]
    fixed = {("s1", "bank"): 2, ("s2", "bank"): 2}
    result = plan(entries, shoppers, fixed=fixed, max_per_pair=2)
    assert result.infeasible == [
        "entry bank: 2 contacts, but only 0 of 2 shoppers may contact it (0 of its "
        "organisation, 0 conflicted, 0 without places, 2 at the cap per pair), 0 contacts at most"
    ]
