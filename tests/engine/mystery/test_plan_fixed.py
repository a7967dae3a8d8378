"""Re-planning around kept contacts: their loads count (the new contacts go to the
shoppers with fewer), max_load and max_per_pair include them, and the new contacts
fill the slots and channels the kept ones left."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from ccaward.engine.mystery.plan import PlanEntry, Shopper, plan


def test_fixed_loads_count_toward_balance():
    entries = [PlanEntry("a", 4), PlanEntry("b", 4)]
    shoppers = [Shopper("s1"), Shopper("s2"), Shopper("s3")]
    result = plan(entries, shoppers, fixed={("s1", "a"): 4})
    new = Counter(c.shopper for c in result.contacts)
    assert "s1" not in new  # s1 has 4 already: the 8 new go to s2 and s3
    assert result.loads == {"s1": 4, "s2": 4, "s3": 4}


def test_fixed_counts_toward_max_load_and_pair_cap():
    entries = [PlanEntry("a", 2)]
    shoppers = [Shopper("s1", max_load=3), Shopper("s2")]
    result = plan(entries, shoppers, fixed={("s1", "a"): 2}, max_per_pair=2)
    assert all(c.shopper == "s2" for c in result.contacts)
    full = plan(entries, [Shopper("s1", max_load=2)], fixed={("s1", "b"): 2})
    assert not full.feasible and "without places" in full.infeasible[0]


def test_kept_slots_and_channels_are_filled_around():
    kept = (("weekday_peak", "voice"), ("weekday_offpeak", "voice"))
    entry = PlanEntry("a", 2, channels=("voice", "email"), kept=kept)
    result = plan([entry], [Shopper("s1")], seed=3)
    assert {c.slot for c in result.contacts} == {"weekend_peak", "weekend_offpeak"}
    assert Counter(c.channel for c in result.contacts) == {"email": 2}


@st.composite
def kept_instances(draw):
    entries = [PlanEntry(f"e{i}", draw(st.integers(0, 6))) for i in range(draw(st.integers(1, 4)))]
    shoppers = [Shopper(f"s{i}") for i in range(draw(st.integers(1, 5)))]
    fixed = {
        (s.id, e.id): draw(st.integers(0, 4))
        for s in shoppers
        for e in entries
        if draw(st.booleans())
    }
    return entries, shoppers, fixed


@settings(max_examples=100, deadline=None)
@given(kept_instances())
def test_new_contacts_level_the_loads_up_from_the_kept_ones(instance):
    """Water-filling: a shopper more than one above another got nothing new."""
    entries, shoppers, fixed = instance
    result = plan(entries, shoppers, fixed=fixed)
    new = Counter(c.shopper for c in result.contacts)
    kept = Counter()
    for (s, _), n in fixed.items():
        kept[s] += n
    assert sum(new.values()) == sum(e.contacts for e in entries)
    for s in shoppers:
        assert result.loads[s.id] == kept[s.id] + new[s.id]
    for s in shoppers:
        for t in shoppers:
            if result.loads[s.id] > result.loads[t.id] + 1:
                assert new[s.id] == 0, (result.loads, dict(kept))
