"""Peer benchmarking: percentiles, mid-rank percentile ranks, scores, framework evidence,
staffing efficiency. Expected values are worked out by hand in the comments."""

import random
from decimal import Decimal

import numpy as np
import pytest

from ccaward.engine import benchmark as bm
from ccaward.engine import framework as fw
from ccaward.engine import kpi
from ccaward.seasons.defaults import default_framework

D = Decimal


# --------------------------------------------------------------------------- catalogue


def test_catalogue_covers_every_kpi_key_in_order():
    assert tuple(bm.INDICATORS) == (*kpi.INDICATORS, "attrition_rate", "staffing_efficiency")
    assert len(bm.INDICATORS) == 27
    for key, ind in bm.INDICATORS.items():
        assert ind.key == key
        assert ind.name_zh and ind.name_en


def test_catalogue_directions():
    by = {}
    for key, ind in bm.INDICATORS.items():
        by.setdefault(ind.direction, set()).add(key)
    assert by["higher"] == {
        "answer_rate",
        "answer_rate_15s",
        "answer_rate_20s",
        "service_level",
        "fcr_rate",
        "csat_avg",
        "csat_top2",
        "nps",
        "ivr_containment",
        "adherence",
    }
    assert by["lower"] == {
        "abandon_rate",
        "asa_s",
        "avg_wait_s",
        "max_wait_s",
        "transfer_rate",
        "attrition_rate",
    }
    assert by["band"] == {"aht_s", "occupancy", "staffing_efficiency"}
    assert {"offered", "answered", "abandoned", "short_abandoned", "ivr_abandoned"} <= by[None]
    assert bm.INDICATORS["aht_s"].band == bm.Band(180, 420, falloff_low=120, falloff_high=180)
    assert (bm.INDICATORS["occupancy"].band.low, bm.INDICATORS["occupancy"].band.high) == (
        0.75,
        0.88,
    )
    eff = bm.INDICATORS["staffing_efficiency"].band
    assert (eff.low, eff.high) == (0.9, 1.1)
    assert "not always good" in bm.INDICATORS["aht_s"].note
    assert bm.INDICATORS["answer_rate"].name_zh == "接通率"
    assert bm.INDICATORS["abandon_rate"].name_zh == "放弃率"


# --------------------------------------------------------------------------- percentiles


def test_peer_stats_hand_worked_ten_values():
    # sorted 1..10, n = 10, h = 9 p / 100:
    # q1: h = 2.25 -> 3 + 0.25 * (4 - 3) = 3.25;  median: h = 4.5 -> 5.5
    # q3: h = 6.75 -> 7.75;  p10: h = 0.9 -> 1.9;  p90: h = 8.1 -> 9.1
    s = bm.peer_stats([7, None, 3, 10, 1, 9, 2, 8, 5, 4, 6])
    assert s.n == 10
    assert (s.min, s.max) == (1, 10)
    assert s.q1 == pytest.approx(3.25)
    assert s.median == pytest.approx(5.5)
    assert s.q3 == pytest.approx(7.75)
    assert s.p10 == pytest.approx(1.9)
    assert s.p90 == pytest.approx(9.1)
    assert s.best_in_class == pytest.approx(9.1)  # "higher" by default
    assert bm.peer_stats([7, 3, 10, 1, 9, 2, 8, 5, 4, 6], direction="lower").best_in_class == (
        pytest.approx(1.9)
    )
    assert bm.peer_stats([1, 2, 3], direction="band").best_in_class is None
    assert bm.peer_stats([1, 2, 3], direction=None).best_in_class is None


def test_peer_stats_hand_worked_five_values():
    # 15 20 35 40 50: q1 h = 1 -> 20; median h = 2 -> 35; q3 h = 3 -> 40;
    # p10 h = 0.4 -> 15 + 0.4 * 5 = 17; p90 h = 3.6 -> 40 + 0.6 * 10 = 46
    s = bm.peer_stats([50, 40, 35, 20, 15], direction="lower")
    assert (s.q1, s.median, s.q3) == (20, 35, 40)
    assert s.p10 == pytest.approx(17)
    assert s.p90 == pytest.approx(46)
    assert s.best_in_class == pytest.approx(17)
    one = bm.peer_stats([4.5])
    assert (one.min, one.q1, one.median, one.q3, one.max, one.p90) == (4.5,) * 6


def test_percentiles_agree_with_numpy():
    rng = random.Random(20240604)
    for n in (1, 2, 3, 4, 5, 7, 10, 33, 100):
        values = [round(rng.uniform(0, 1000), 3) for _ in range(n)]
        s = bm.peer_stats(values)
        expected = np.percentile(values, [0, 10, 25, 50, 75, 90, 100])
        got = [s.min, s.p10, s.q1, s.median, s.q3, s.p90, s.max]
        assert got == pytest.approx(list(expected), rel=1e-12, abs=1e-9)
        for p in (0, 5, 33.3, 99, 100):
            assert bm.percentile(values, p) == pytest.approx(float(np.percentile(values, p)))


def test_percentile_and_stats_errors():
    with pytest.raises(ValueError, match="no non-null value"):
        bm.peer_stats([None, None])
    with pytest.raises(ValueError, match=r"values\[1\]"):
        bm.peer_stats([1.0, float("nan")])
    with pytest.raises(ValueError, match=r"p must be within 0..100"):
        bm.percentile([1, 2], 101)
    with pytest.raises(ValueError, match="direction"):
        bm.peer_stats([1, 2], direction="up")


# --------------------------------------------------------------------------- ranks


PEERS = {"a": 0.90, "b": 0.80, "c": 0.80, "d": 0.70, "e": 0.95}


def test_percentile_rank_mid_rank_with_ties_both_directions():
    peers = list(PEERS.values())
    # b = 0.80, higher: worse {0.70} = 1, equal {b, c} = 2 -> 100 (1 + 2/2) / 5 = 40
    assert bm.percentile_rank(0.80, peers, "higher") == pytest.approx(40)
    # lower: worse {0.90, 0.95} = 2, equal 2 -> 100 (2 + 1) / 5 = 60
    assert bm.percentile_rank(0.80, peers, "lower") == pytest.approx(60)
    # best (e = 0.95) higher: 100 (4 + 0.5) / 5 = 90; worst 100 * 0.5 / 5 = 10
    assert bm.percentile_rank(0.95, peers, "higher") == pytest.approx(90)
    assert bm.percentile_rank(0.95, peers, "lower") == pytest.approx(10)
    assert bm.percentile_rank(0.70, peers, "lower") == pytest.approx(90)
    # symmetric: higher + lower = 100, and the mean rank over the group is 50
    for v in peers:
        assert bm.percentile_rank(v, peers, "higher") + bm.percentile_rank(
            v, peers, "lower"
        ) == pytest.approx(100)
    assert sum(bm.percentile_rank(v, peers, "higher") for v in peers) / 5 == pytest.approx(50)
    # all tied: 100 * (0 + 5/2) / 5 = 50
    assert bm.percentile_rank(3, [3, 3, 3, 3, 3], "higher") == 50
    assert bm.percentile_rank(3, [3, 3, 3, 3, 3], "lower") == 50


def test_percentile_rank_nulls_min_peers_and_self_inclusion():
    # nulls are left out: 4 non-null values < min_peers 5
    assert bm.percentile_rank(1, [1, 2, None, 3, 4], "higher") is None
    # min_peers = 4 allows it: 1 is the worst of 4 -> 100 * 0.5 / 4 = 12.5
    assert bm.percentile_rank(1, [1, 2, None, 3, 4], "higher", min_peers=4) == 12.5
    with pytest.raises(ValueError, match="not among peers"):
        bm.percentile_rank(9, [1, 2, 3, 4, 5], "higher")
    with pytest.raises(ValueError, match="min_peers"):
        bm.percentile_rank(1, [1, 2, 3, 4, 5], "higher", min_peers=0)
    with pytest.raises(ValueError, match="band: required"):
        bm.percentile_rank(1, [1, 2, 3, 4, 5], "band")
    with pytest.raises(ValueError, match="direction"):
        bm.percentile_rank(1, [1, 2, 3, 4, 5], None)


# --------------------------------------------------------------------------- position


def test_position_scores_by_percentile():
    p = bm.position("b", PEERS, "higher")
    assert p.status == "ok"
    assert p.value == 0.80
    assert p.n == 5
    assert p.percentile == pytest.approx(40)
    assert p.score == D("40.00")
    assert p.method == "percentile"
    # peers sorted 0.70 0.80 0.80 0.90 0.95: q1 0.80, median 0.80, q3 0.90;
    # p90: h = 3.6 -> 0.90 + 0.6 * 0.05 = 0.93
    assert (p.stats.q1, p.stats.median, p.stats.q3) == pytest.approx((0.80, 0.80, 0.90))
    assert p.stats.best_in_class == pytest.approx(0.93)
    # lower, 3 of 7 -> exact 100 (2 + 0.5) / 7 = 35.714... -> 35.71
    seven = {str(i): v for i, v in enumerate([10, 20, 30, 40, 50, 60, 70])}
    q = bm.position("4", seven, "lower")  # 50: worse {60, 70} = 2
    assert q.score == D("35.71")
    assert q.stats.best_in_class == pytest.approx(16)  # p10: h = 0.6 -> 10 + 6


def test_position_null_value_too_few_peers_and_unscored():
    values = {"a": 0.9, "b": None, "c": 0.8, "d": 0.7, "e": 0.6, "f": 0.5}
    p = bm.position("b", values, "higher")
    assert (p.status, p.value, p.percentile, p.score) == ("no_value", None, None, None)
    assert p.n == 5 and p.stats.n == 5
    few = bm.position("a", {"a": 0.9, "b": 0.8, "c": None, "d": 0.7, "e": 0.6}, "higher")
    assert (few.status, few.n, few.percentile, few.stats, few.score) == (
        "too_few_peers",
        4,
        None,
        None,
        None,
    )
    assert bm.position("a", {"a": 0.9, "b": 0.8}, "higher", min_peers=2).score == D("75.00")
    counts = bm.position("a", {k: 100.0 * i for i, k in enumerate("abcde")}, None)
    assert (counts.status, counts.percentile, counts.score, counts.method) == (
        "ok",
        None,
        None,
        None,
    )
    assert counts.stats.median == 200 and counts.stats.best_in_class is None
    with pytest.raises(ValueError, match="entry_id"):
        bm.position("zz", values, "higher")
    with pytest.raises(ValueError, match=r"values_by_entry\['a'\]"):
        bm.position("c", {**values, "a": "0.9"}, "higher")


def test_band_score():
    aht = bm.INDICATORS["aht_s"].band  # 180..420, 0 at 60 and at 600
    assert bm.band_score(300, aht) == D("100.00")
    assert bm.band_score(180, aht) == D("100.00")
    assert bm.band_score(420, aht) == D("100.00")
    assert bm.band_score(120, aht) == D("50.00")  # 60 below / 120
    assert bm.band_score(60, aht) == D("0.00")
    assert bm.band_score(30, aht) == D("0.00")
    assert bm.band_score(465, aht) == D("75.00")  # 45 above / 180
    assert bm.band_score(510, aht) == D("50.00")
    assert bm.band_score(700, aht) == D("0.00")
    occ = bm.INDICATORS["occupancy"].band  # 0.75..0.88, 0 at 0.60 and 1.00
    assert bm.band_score(0.70, occ) == D("66.67")  # 1 - 0.05 / 0.15
    assert bm.band_score(0.94, occ) == D("50.00")  # 1 - 0.06 / 0.12
    assert bm.band_score(1.0, occ) == D("0.00")
    # falloff defaults to the band's width: 10..20, 0 at 0 and 30
    assert bm.band_score(25, bm.Band(10, 20)) == D("50.00")
    assert bm.band_score(8, bm.Band(10, 20)) == D("80.00")
    with pytest.raises(ValueError, match="band.high"):
        bm.Band(2, 1)
    with pytest.raises(ValueError, match="band.falloff_low"):
        bm.Band(1, 1)
    with pytest.raises(ValueError, match="band.falloff_high"):
        bm.Band(1, 2, falloff_high=-1)


def test_position_band_percentile_is_closeness_and_score_needs_no_peers():
    aht = {"a": 300, "b": 200, "c": 120, "d": 510, "e": 700}
    # normalised distance: a 0, b 0, c 60/120 = 0.5, d 90/180 = 0.5, e 280/180
    p = bm.indicator_position("aht_s", "a", aht)
    assert p.method == "band"
    assert p.percentile == pytest.approx(80)  # worse {c, d, e} = 3, equal 2 -> 4/5
    assert p.score == D("100.00")
    c = bm.indicator_position("aht_s", "c", aht)
    assert c.percentile == pytest.approx(40)  # worse {e}, equal {c, d}
    assert c.score == D("50.00")
    assert c.stats.best_in_class is None
    assert bm.percentile_rank(
        510, list(aht.values()), "band", band=bm.INDICATORS["aht_s"].band
    ) == (pytest.approx(40))
    few = bm.indicator_position("aht_s", "c", {"c": 120, "x": 300})
    assert (few.status, few.percentile, few.score) == ("too_few_peers", None, D("50.00"))
    # a season's own band overrides the catalogue's
    own = bm.indicator_position("aht_s", "c", aht, band=bm.Band(100, 200))
    assert own.score == D("100.00")
    with pytest.raises(ValueError, match="band: required"):
        bm.position("c", aht, "band")
    with pytest.raises(ValueError, match="key: unknown indicator"):
        bm.indicator_position("speed", "c", aht)


# --------------------------------------------------------------------------- threshold tables


def test_threshold_table_higher_and_lower():
    answer = bm.ThresholdTable([(0.80, 0), (0.90, 60), (0.95, 100)], "higher")
    assert answer.score(0.93) == D("84.00")  # 60 + 40 * 0.03 / 0.05
    assert answer.score(0.85) == D("30.00")
    assert answer.score(0.80) == D("0.00")
    assert answer.score(0.75) == D("0.00")
    assert answer.score(0.95) == D("100.00")
    assert answer.score(0.99) == D("100.00")
    abandon = bm.ThresholdTable([(0.10, 0), (0.05, 60), (0.02, D("100"))], "lower")
    assert abandon.score(0.03) == D("86.67")  # 100 - 40 * 0.01 / 0.03
    assert abandon.score(0.075) == D("30.00")
    assert abandon.score(0.01) == D("100.00")
    assert abandon.score(0.2) == D("0.00")
    # a band as a table: scores rise, then fall
    aht = bm.ThresholdTable([(60, 0), (180, 100), (420, 100), (600, 0)], "band")
    assert aht.score(500) == D("55.56")  # 100 - 100 * 80 / 180
    assert aht.score(120) == D("50.00")
    assert bm.threshold_score(0.93, [(0.80, "0"), (0.90, "60"), (0.95, "100")]) == D("84.00")


def test_threshold_table_validation_names_the_row():
    with pytest.raises(
        ValueError, match=r"rows\[1\]: threshold 0.8 after 0.9; .*strictly increasing"
    ):
        bm.ThresholdTable([(0.9, 0), (0.8, 100)], "higher")
    with pytest.raises(ValueError, match=r"rows\[2\].*strictly decreasing"):
        bm.ThresholdTable([(0.10, 0), (0.05, 60), (0.05, 100)], "lower")
    with pytest.raises(ValueError, match=r"rows\[2\].*strictly increasing"):
        bm.ThresholdTable([(60, 0), (180, 100), (120, 100)], "band")
    with pytest.raises(ValueError, match=r"rows\[1\]: score 120 is outside 0..100"):
        bm.ThresholdTable([(0.8, 0), (0.9, 120)], "higher")
    with pytest.raises(ValueError, match=r"rows\[0\]: score -1 is outside 0..100"):
        bm.ThresholdTable([(0.8, -1), (0.9, 100)], "higher")
    with pytest.raises(ValueError, match=r"rows\[1\]: threshold must be a number"):
        bm.ThresholdTable([(0.8, 0), ("0.9", 100)], "higher")
    with pytest.raises(ValueError, match=r"rows\[1\]: expected a \(threshold, score\) pair"):
        bm.ThresholdTable([(0.8, 0), (0.9,)], "higher")
    with pytest.raises(ValueError, match="at least 2 rows"):
        bm.ThresholdTable([(0.8, 0)], "higher")
    with pytest.raises(ValueError, match="direction"):
        bm.ThresholdTable([(0.8, 0), (0.9, 100)], None)


def test_position_with_threshold_table():
    table = bm.ThresholdTable([(0.80, 0), (0.90, 60), (0.95, 100)], "higher")
    p = bm.position("a", PEERS, "higher", thresholds=table)  # a = 0.90
    assert (p.method, p.score) == ("thresholds", D("60.00"))
    assert p.percentile == pytest.approx(70)  # worse {0.8, 0.8, 0.7}, equal 1
    few = bm.position("a", {"a": 0.93}, "higher", thresholds=table)
    assert (few.status, few.score) == ("too_few_peers", D("84.00"))
    with pytest.raises(ValueError, match="thresholds.direction"):
        bm.position("a", PEERS, "lower", thresholds=table)


# --------------------------------------------------------------------------- framework


def test_criterion_evidence_feeds_the_default_framework():
    f = default_framework()
    scores = {
        "answer_rate": D("80"),
        "abandon_rate": D("70.5"),
        "asa_s": None,
        "service_level": D("90"),
        "fcr_rate": D("60"),
        "csat_avg": D("75"),
        "attrition_rate": D("50"),
        "nps": D("10"),  # no criterion uses it
    }
    ev = bm.criterion_evidence(f, scores)
    assert ev == {
        "customer_satisfaction": {"kpi": D("75")},
        "employee_satisfaction_attrition": {"kpi": D("50")},
        "answer_rate": {"kpi": D("80")},
        "abandon_rate": {"kpi": D("70.5")},
        "service_level": {"kpi": D("90")},
        "first_contact_resolution": {"kpi": D("60")},
    }
    judge = {
        "quality_performance": {"judge": D("70")},
        "consistency": {"judge": D("80"), "mystery": D("90")},
        "customer_satisfaction": {"judge": D("50")},
        "employee_satisfaction_attrition": {"judge": D("70")},
    }
    result = fw.weighted_total(f, bm.merge_evidence(ev, judge))
    dims = {d.code: d for d in result.dimensions}
    # 质量绩效 = mean(own judge 70, children 80, 70.5, 90, 60; queue_time unscored) = 74.1
    # 一致性 = (40 * 80 + 60 * 90) / 100 = 86;  dimension = (74.1 + 86) / 2 = 80.05
    assert dims["customer_service"].criteria["quality_performance"] == D("74.1")
    assert dims["customer_service"].score == D("80.05")
    # 客户满意 = (40 * 50 + 60 * 75) / 100 = 65; 员工满意度与流失率 = (50 * 70 + 50 * 50) / 100
    assert dims["customer_loyalty"].criteria["customer_satisfaction"] == D("65")
    assert dims["human_resources"].criteria["employee_satisfaction_attrition"] == D("60")
    with pytest.raises(ValueError, match=r"scores_by_indicator\['answer_rate'\]"):
        bm.criterion_evidence(f, {"answer_rate": D("100.5")})
    with pytest.raises(ValueError, match=r"maps\[1\]\['answer_rate'\]\['kpi'\]: given twice"):
        bm.merge_evidence(ev, {"answer_rate": {"kpi": D(1)}})


def test_positions_to_framework_end_to_end():
    f = default_framework()
    answer_rates = {"e1": 0.95, "e2": 0.90, "e3": 0.85, "e4": 0.80, "e5": 0.70}
    p = bm.indicator_position("answer_rate", "e2", answer_rates)
    assert p.score == D("70.00")  # 100 (3 + 0.5) / 5
    ev = bm.criterion_evidence(f, {"answer_rate": p.score})
    assert ev == {"answer_rate": {"kpi": D("70.00")}}
    assert fw.criterion_score(f.dimensions[5].criteria[0].children[0], ev) == D("70.00")


# --------------------------------------------------------------------------- staffing


def test_staffing_efficiency_erlang_reference_case():
    # 100 calls / 1800 s, AHT 180 s: A = 10 Erlangs; 80/20 needs 14 agents (13 give 0.796)
    assert bm.staffing_efficiency(intervals=[(100, 1800, 180, 14)], sl_seconds=20) == 1.0
    assert bm.staffing_efficiency(
        intervals=[(100, 1800, 180, 20)], sl_seconds=20, target=0.8
    ) == pytest.approx(0.7)
    assert bm.staffing_efficiency(intervals=[(100, 1800, 180, 10)], sl_seconds=20) == (
        pytest.approx(1.4)
    )
    # an interval without calls is left out (its AHT may be unknown): (14 + 14) / (14 + 20)
    rows = [
        bm.StaffingInterval(100, 1800, 180, 14),
        (0, 1800, None, 5),
        (100, 1800, 180, 20),
    ]
    assert bm.staffing_efficiency(intervals=rows, sl_seconds=20) == pytest.approx(28 / 34)
    assert bm.staffing_efficiency(intervals=[(0, 1800, None, 5)], sl_seconds=20) is None
    assert bm.staffing_efficiency(intervals=[], sl_seconds=20) is None
    assert bm.staffing_efficiency(intervals=[(100, 1800, 180, 0)], sl_seconds=20) is None
    assert bm.band_score(0.7, bm.INDICATORS["staffing_efficiency"].band) == D("33.33")


def test_staffing_efficiency_errors_name_the_field():
    with pytest.raises(ValueError, match=r"intervals\[1\].aht_seconds must be > 0"):
        bm.staffing_efficiency(intervals=[(100, 1800, 180, 14), (5, 1800, 0, 1)], sl_seconds=20)
    with pytest.raises(ValueError, match=r"intervals\[0\].agents_on_duty must be >= 0"):
        bm.staffing_efficiency(intervals=[(100, 1800, 180, -1)], sl_seconds=20)
    with pytest.raises(ValueError, match=r"intervals\[0\].calls must be >= 0"):
        bm.staffing_efficiency(intervals=[(-1, 1800, 180, 1)], sl_seconds=20)
    with pytest.raises(ValueError, match=r"intervals\[0\]: expected"):
        bm.staffing_efficiency(intervals=[(100, 1800, 180)], sl_seconds=20)
    with pytest.raises(ValueError, match="target must be strictly between 0 and 1"):
        bm.staffing_efficiency(intervals=[(100, 1800, 180, 14)], sl_seconds=20, target=80)
    with pytest.raises(ValueError, match="sl_seconds must be >= 0"):
        bm.staffing_efficiency(intervals=[(100, 1800, 180, 14)], sl_seconds=-1)


def test_staffing_efficiency_erlang_a_needs_no_more_agents_than_erlang_c():
    # with abandonment (Erlang A) callers who give up relieve the queue
    a = bm.staffing_efficiency(
        intervals=[(100, 1800, 180, 14)], sl_seconds=20, patience_seconds=120
    )
    assert a is not None and 0 < a <= 1.0
