"""Re-planning around kept contacts: their loads count (the new contacts go to the
shoppers with fewer), max_load and max_per_pair include them, and the new contacts
fill the slots and channels the kept ones left."""

from __future__ import annotations

from collections import Counter

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
